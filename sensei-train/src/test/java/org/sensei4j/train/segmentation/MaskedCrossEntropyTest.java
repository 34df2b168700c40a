package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskedCrossEntropyTest {

    @Test
    void lossIsTheMeanOverLabelledPixelsOfMinusLogSoftmax() {
        try (NDManager m = NDManager.newBaseManager()) {
            // B=1, K=2, H=1, W=3; labels 0, 1 and NODATA
            NDArray logits = m.create(new float[] {2f, -1f, 5f, 0.5f, 1f, -3f}, new Shape(1, 2, 1, 3));
            NDArray labels = m.create(new int[] {0, 1, 255}, new Shape(1, 1, 3));
            double p0 = -Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(0.5)));
            double p1 = -Math.log(Math.exp(1) / (Math.exp(-1) + Math.exp(1)));
            double expected = (p0 + p1) / 2; // pixel 3 (logits 5, -3) is NODATA: left out
            assertThat(MaskedCrossEntropy.loss(logits, labels).getFloat()).isCloseTo((float) expected, within(1e-6f));
            MaskedCrossEntropy.Terms t = MaskedCrossEntropy.terms(logits, labels);
            assertThat(t.count().getFloat()).isEqualTo(2f);
            assertThat(t.sum().getFloat()).isCloseTo((float) (p0 + p1), within(1e-5f));
            // the same through the DJL Loss interface
            assertThat(new MaskedCrossEntropy()
                            .evaluate(new NDList(labels), new NDList(logits))
                            .getFloat())
                    .isCloseTo((float) expected, within(1e-6f));
        }
    }

    @Test
    void classWeightedLossIsTheWeightedMeanAndItsGradientSurvivesAGarbageCollection() {
        try (NDManager m = NDManager.newBaseManager()) {
            // B=1, K=2, H=1, W=3; labels 0, 1 and NODATA; class 1 weighs 3
            NDArray logits = m.create(new float[] {2f, -1f, 5f, 0.5f, 1f, -3f}, new Shape(1, 2, 1, 3));
            logits.setRequiresGradient(true);
            NDArray labels = m.create(new int[] {0, 1, 255}, new Shape(1, 1, 3));
            double p0 = -Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(0.5)));
            double p1 = -Math.log(Math.exp(1) / (Math.exp(-1) + Math.exp(1)));
            float[] grad;
            try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
                NDArray l = MaskedCrossEntropy.loss(logits, labels, new double[] {1, 3});
                assertThat(l.getFloat()).isCloseTo((float) ((p0 + 3 * p1) / 4), within(1e-6f));
                System.gc(); // the weights must be engine-owned: a collection before backward must not free them
                g.backward(l);
            }
            grad = logits.getGradient().toFloatArray();
            double s1px1 = Math.exp(1) / (Math.exp(-1) + Math.exp(1));
            assertThat(grad[4]).isCloseTo((float) (3 * (s1px1 - 1) / 4), within(1e-6f));
            assertThat(grad[2]).isZero();
            assertThat(MaskedCrossEntropy.loss(logits, labels, new double[] {1, 1})
                            .getFloat())
                    .isCloseTo(MaskedCrossEntropy.loss(logits, labels).getFloat(), within(1e-6f));
            assertThatThrownBy(() -> MaskedCrossEntropy.loss(logits, labels, new double[] {1, 1, 1}))
                    .hasMessageContaining("3 class weights for 2 classes");
        }
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverTheLabelledCountAndZeroAtNodata() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] z = {2f, -1f, 5f, 0.5f, 1f, -3f};
            NDArray logits = m.create(z, new Shape(1, 2, 1, 3));
            logits.setRequiresGradient(true);
            NDArray labels = m.create(new int[] {0, 1, 255}, new Shape(1, 1, 3));
            try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
                g.backward(MaskedCrossEntropy.loss(logits, labels));
            }
            float[] grad = logits.getGradient().toFloatArray();
            int[] y = {0, 1};
            for (int px = 0; px < 2; px++) {
                double e0 = Math.exp(z[px]);
                double e1 = Math.exp(z[3 + px]);
                double s0 = e0 / (e0 + e1);
                double s1 = e1 / (e0 + e1);
                assertThat(grad[px])
                        .as("d/dz class 0, pixel %d", px)
                        .isCloseTo((float) ((s0 - (y[px] == 0 ? 1 : 0)) / 2), within(1e-6f));
                assertThat(grad[3 + px])
                        .as("d/dz class 1, pixel %d", px)
                        .isCloseTo((float) ((s1 - (y[px] == 1 ? 1 : 0)) / 2), within(1e-6f));
            }
            assertThat(grad[2]).isZero();
            assertThat(grad[5]).isZero();
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random random = new Random(11);
        int b = 2;
        int k = 3;
        int h = 2;
        int w = 3;
        double[] z = new double[b * k * h * w];
        for (int i = 0; i < z.length; i++) {
            z[i] = 2 * random.nextGaussian();
        }
        int[] y = new int[b * h * w];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextInt(4) == 0 ? 255 : random.nextInt(k);
        }
        y[0] = 255; // at least one NODATA pixel
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray labels = m.create(y, new Shape(b, h, w));
            NDArray logits = m.create(z, new Shape(b, k, h, w));
            logits.setRequiresGradient(true);
            try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
                g.backward(MaskedCrossEntropy.loss(logits, labels));
            }
            double[] grad = logits.getGradient().toDoubleArray();
            double eps = 1e-5;
            for (int i = 0; i < z.length; i++) {
                double[] plus = z.clone();
                double[] minus = z.clone();
                plus[i] += eps;
                minus[i] -= eps;
                double fd = (lossOf(m, plus, labels, b, k, h, w) - lossOf(m, minus, labels, b, k, h, w)) / (2 * eps);
                assertThat(grad[i]).as("element %d", i).isCloseTo(fd, within(1e-7));
            }
        }
    }

    private static double lossOf(NDManager m, double[] z, NDArray labels, int b, int k, int h, int w) {
        try (NDManager s = m.newSubManager()) {
            NDArray logits = s.create(z, new Shape(b, k, h, w));
            return MaskedCrossEntropy.loss(logits, labels)
                    .toType(DataType.FLOAT64, false)
                    .getDouble();
        }
    }

    @Test
    void allNodataGivesZeroLossAndZeroGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(1, 2, 1, 2));
            logits.setRequiresGradient(true);
            NDArray labels = m.create(new int[] {255, 255}, new Shape(1, 1, 2));
            NDArray loss;
            try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
                loss = MaskedCrossEntropy.loss(logits, labels);
                g.backward(loss);
            }
            assertThat(loss.getFloat()).isZero();
            assertThat(logits.getGradient().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.zeros(new Shape(1, 2, 4, 4));
            NDArray labels = m.zeros(new Shape(1, 4, 5), DataType.INT32);
            assertThatThrownBy(() -> MaskedCrossEntropy.loss(logits, labels))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(1, 2, 4, 4)")
                    .hasMessageContaining("(1, 4, 5)");
        }
    }

    @Test
    void partialLabelsCostMinusLogOfTheSummedProbabilityOfTheirClasses() {
        try (NDManager m = NDManager.newBaseManager()) {
            // B=1, K=3, H=1, W=4; labels: 1 (cloud), PARTIAL|{0,2} (clear or shadow), PARTIAL|{2}, NODATA
            float[] z = {0.3f, 2f, -1f, 4f, /* class 1 */ 1.5f, -0.5f, 0.2f, 9f, /* class 2 */ -2f, 1f, 0.7f, 1f};
            NDArray logits = m.create(z, new Shape(1, 3, 1, 4));
            NDArray labels = m.create(new int[] {1, 0x80 | 0b101, 0x80 | 0b100, 255}, new Shape(1, 1, 4));
            double[] expected = new double[3];
            int[][] allowed = {{1}, {0, 2}, {2}};
            for (int px = 0; px < 3; px++) {
                double den = Math.exp(z[px]) + Math.exp(z[4 + px]) + Math.exp(z[8 + px]);
                double num = 0;
                for (int c : allowed[px]) {
                    num += Math.exp(z[4 * c + px]);
                }
                expected[px] = -Math.log(num / den);
            }
            MaskedCrossEntropy.Terms t = MaskedCrossEntropy.terms(logits, labels);
            assertThat(t.count().getFloat()).isEqualTo(3f);
            assertThat(t.sum().getFloat()).isCloseTo((float) (expected[0] + expected[1] + expected[2]), within(1e-5f));
            // a partial label naming one class costs what the plain label does
            NDArray plain = m.create(new int[] {1, 0, 2, 255}, new Shape(1, 1, 4));
            NDArray single = m.create(new int[] {0x80 | 0b010, 0x80 | 0b001, 2, 255}, new Shape(1, 1, 4));
            assertThat(MaskedCrossEntropy.loss(logits, single).getFloat())
                    .isCloseTo(MaskedCrossEntropy.loss(logits, plain).getFloat(), within(1e-6f));
            // a partial label naming every class costs nothing
            NDArray any = m.create(new int[] {0x87, 0x87, 0x87, 255}, new Shape(1, 1, 4));
            assertThat(MaskedCrossEntropy.loss(logits, any).getFloat()).isCloseTo(0f, within(1e-6f));
        }
    }
}
