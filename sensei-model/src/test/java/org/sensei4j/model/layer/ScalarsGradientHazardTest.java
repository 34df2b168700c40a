package org.sensei4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The use-after-free that DJL 0.36's number-operand arithmetic causes on the training path, reproduced
 * deterministically: forward, then a garbage collection with direct-buffer churn (freed small blocks are handed out
 * again and overwritten with NaN), then backward, then an exact gradient check. {@link Scalars}' constants are
 * allocated by PyTorch and survive; DJL's {@code mul(Number)} (the canary) does not.
 */
class ScalarsGradientHazardTest {

    private static final float[] W = {1f, 2f, 3f, 4f};

    /** d/dw of sum(op(w)) after a forward, a GC with direct-buffer churn, and backward. */
    static float[] gradientAfterChurn(UnaryOperator<NDArray> op) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(W);
            w.setRequiresGradient(true);
            List<ByteBuffer> churn;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(w).sum();
                churn = collectAndChurn();
                collector.backward(y);
            }
            assertThat(churn).isNotEmpty(); // kept alive until after backward
            return w.getGradient().toFloatArray();
        }
    }

    /**
     * Collects garbage (the Cleaner of an unreachable direct buffer frees its memory) and then allocates thousands
     * of small direct buffers filled with NaN, which reuse the freed blocks; returned so they stay alive.
     */
    static List<ByteBuffer> collectAndChurn() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20); // the Cleaner thread frees the memory
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 4000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 + (i % 4) * 4).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(Float.NaN);
                }
                keep.add(b);
            }
        }
        return keep;
    }

    @Test
    void djlNumberOperandMultiplicationLosesItsOperandBeforeBackward() {
        // the canary: proves that the churn above reproduces the hazard (if a DJL upgrade fixes it, this fails:
        // then the rule in Scalars may be relaxed)
        float[] g = gradientAfterChurn(w -> w.mul(3f));
        assertThat(g).as("gradient of sum(3w) through DJL's mul(Number)").isNotEqualTo(new float[] {3f, 3f, 3f, 3f});
    }

    @Test
    void engineAllocatedConstantsKeepExactGradients() {
        assertThat(gradientAfterChurn(w -> Scalars.mul(w, 3))).containsExactly(3f, 3f, 3f, 3f);
        assertThat(gradientAfterChurn(w -> Scalars.div(w, 4))).containsExactly(0.25f, 0.25f, 0.25f, 0.25f);
        assertThat(gradientAfterChurn(w -> Scalars.add(w, 7))).containsExactly(1f, 1f, 1f, 1f);
        assertThat(gradientAfterChurn(w -> Scalars.sub(w, 7))).containsExactly(1f, 1f, 1f, 1f);
        // max(w, 2.5): gradient 1 where w > 2.5; min(w, 2.5): 1 where w < 2.5
        assertThat(gradientAfterChurn(w -> Scalars.maximum(w, 2.5))).containsExactly(0f, 0f, 1f, 1f);
        assertThat(gradientAfterChurn(w -> Scalars.minimum(w, 2.5))).containsExactly(1f, 1f, 0f, 0f);
        // relu6 of (3w − 3) = {0, 3, 6, 9}: passes gradient 3 inside [0, 6]
        assertThat(gradientAfterChurn(w -> Scalars.relu6(Scalars.sub(Scalars.mul(w, 3), 3))))
                .containsExactly(3f, 3f, 3f, 0f);
        // d/dw (2w)² = 8w
        assertThat(gradientAfterChurn(w -> Scalars.mul(w, 2).square())).containsExactly(8f, 16f, 24f, 32f);
    }

    @Test
    void constantsTakeTheDataTypeAndManagerOfTheirArray() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, 2});
            NDArray c = Scalars.of(x, 0.1);
            assertThat(c.getShape()).isEqualTo(new Shape());
            assertThat(c.getDataType()).isEqualTo(x.getDataType());
            assertThat(c.getManager()).isSameAs(manager);
            assertThat(Scalars.mul(x, 0.5).toDoubleArray()).containsExactly(0.5, 1.0);
        }
    }
}
