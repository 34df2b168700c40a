package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class SgdMomentumStateTest {

    /** Trains a Linear block for {@code steps} steps on fixed data; returns its weight after each step. */
    private static float[] step(Trainer trainer, NDManager manager) {
        NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
        NDArray y = manager.create(new float[] {1, -1, 0.5f, 2}, new Shape(2, 2));
        try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
            gc.backward(pred.sub(y).square().mean());
        }
        trainer.step();
        return trainer.getModel()
                .getBlock()
                .getParameters()
                .get("weight")
                .getArray()
                .toFloatArray();
    }

    @Test
    void aRestoredOptimizerTakesTheSameStepAsTheOriginal() throws Exception {
        assertThat(SgdMomentumState.isSupported()).isTrue();
        Engine.getInstance().setRandomSeed(1);
        try (Model a = Model.newInstance("a");
                Model b = Model.newInstance("b")) {
            Linear la = Linear.builder().setUnits(2).build();
            la.initialize(a.getNDManager(), DataType.FLOAT32, new Shape(2, 3));
            a.setBlock(la);
            Sgd sgdA = Optimizer.sgd()
                    .setLearningRateTracker(new AdjustableLearningRate(0.1f))
                    .optMomentum(0.75f)
                    .build();
            try (Trainer ta = a.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(sgdA))) {
                step(ta, ta.getManager());
                step(ta, ta.getManager());
                byte[] momentum = SgdMomentumState.save(sgdA, la);
                ByteArrayOutputStream params = new ByteArrayOutputStream();
                la.saveParameters(new DataOutputStream(params));

                Linear lb = Linear.builder().setUnits(2).build();
                lb.initialize(b.getNDManager(), DataType.FLOAT32, new Shape(2, 3));
                lb.loadParameters(
                        b.getNDManager(), new DataInputStream(new ByteArrayInputStream(params.toByteArray())));
                // DJL's Parameter.load does not mark loaded arrays as trainable
                lb.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
                b.setBlock(lb);
                Sgd sgdB = Optimizer.sgd()
                        .setLearningRateTracker(new AdjustableLearningRate(0.1f))
                        .optMomentum(0.75f)
                        .build();
                try (Trainer tb = b.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(sgdB))) {
                    assertThat(SgdMomentumState.restore(sgdB, lb, momentum, tb.getManager()))
                            .isEqualTo(2);
                    float[] wa = step(ta, ta.getManager());
                    float[] wb = step(tb, tb.getManager());
                    assertThat(wb).containsExactly(wa);

                    // without the momentum the step differs
                    Linear lc = Linear.builder().setUnits(2).build();
                    lc.initialize(b.getNDManager(), DataType.FLOAT32, new Shape(2, 3));
                    lc.loadParameters(
                            b.getNDManager(), new DataInputStream(new ByteArrayInputStream(params.toByteArray())));
                    lc.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
                    try (Model c = Model.newInstance("c")) {
                        c.setBlock(lc);
                        Sgd sgdC = Optimizer.sgd()
                                .setLearningRateTracker(new AdjustableLearningRate(0.1f))
                                .optMomentum(0.75f)
                                .build();
                        try (Trainer tc = c.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(sgdC))) {
                            assertThat(step(tc, tc.getManager())).isNotEqualTo(wa);
                        }
                    }
                }
            }
        }
    }
}
