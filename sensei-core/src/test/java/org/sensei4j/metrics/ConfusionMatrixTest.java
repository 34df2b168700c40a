package org.sensei4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sensei4j.classes.ClassScheme.CLEAR_CLOUD_SHADOW;
import static org.sensei4j.classes.ClassScheme.CLEAR_THIN_THICK_SHADOW;
import static org.sensei4j.classes.ClassScheme.CLOUD_CLEAR;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class ConfusionMatrixTest {

    private static final double EPS = 1e-9;

    /*
     * rows = truth, columns = prediction (clear, cloud, shadow)
     *          clear cloud shadow | row
     * clear      45     5     10  |  60
     * cloud       2    20      3  |  25
     * shadow      3     0     12  |  15
     * col        50    25     25  | 100
     */
    private static ConfusionMatrix threeClass() {
        return ConfusionMatrix.of(CLEAR_CLOUD_SHADOW, new long[][] {{45, 5, 10}, {2, 20, 3}, {3, 0, 12}});
    }

    @Test
    void kappaAndOverallAccuracyByHand() {
        ConfusionMatrix m = threeClass();
        assertThat(m.total()).isEqualTo(100);
        // p_o = (45+20+12)/100 = 0.77
        assertThat(m.overallAccuracy().value()).isCloseTo(77.0, within(EPS));
        // p_e = 0.60·0.50 + 0.25·0.25 + 0.15·0.25 = 0.30 + 0.0625 + 0.0375 = 0.40
        // κ = (0.77 − 0.40)/(1 − 0.40) = 0.37/0.60 = 0.616667
        assertThat(m.kappa().value()).isCloseTo(0.37 / 0.60, within(EPS));
    }

    @Test
    void perClassOneVsRestIncludingShadow() {
        ConfusionMatrix m = threeClass();
        // cloud: TP = 20, FN = 2+3 = 5, FP = 5+0 = 5, TN = 100−30 = 70
        assertThat(m.binary(1)).isEqualTo(new BinaryConfusion(20, 5, 5, 70));
        assertThat(m.cloud()).isEqualTo(new BinaryConfusion(20, 5, 5, 70));
        BinaryConfusion cloud = m.cloud();
        assertThat(cloud.overallAccuracy().value()).isCloseTo(90.0, within(EPS));
        // BA = ½(20/25 + 70/75) = ½(0.8 + 0.93333) = 86.667
        assertThat(cloud.balancedAccuracy().value()).isCloseTo(50 * (0.8 + 70.0 / 75), within(EPS));
        assertThat(cloud.iou().value()).isCloseTo(200.0 / 3, within(EPS)); // 20/30
        // shadow: TP = 12, FN = 15−12 = 3, FP = 25−12 = 13, TN = 100−12−3−13 = 72
        BinaryConfusion shadow = m.binary(2);
        assertThat(shadow).isEqualTo(new BinaryConfusion(12, 13, 3, 72));
        assertThat(shadow.precision().value()).isCloseTo(48.0, within(EPS)); // 12/25
        assertThat(shadow.recall().value()).isCloseTo(80.0, within(EPS)); // 12/15
        assertThat(shadow.f1().value()).isCloseTo(60.0, within(EPS)); // 24/(24+13+3)
        assertThat(shadow.iou().value()).isCloseTo(1200.0 / 28, within(EPS)); // 12/28 = 42.857
        // clear: TP = 45, FN = 15, FP = 5, TN = 35
        assertThat(m.binary(0)).isEqualTo(new BinaryConfusion(45, 5, 15, 35));
        assertThat(m.trueCount(2)).isEqualTo(15);
        assertThat(m.predictedCount(2)).isEqualTo(25);
    }

    @Test
    void cloudViewSumsThinAndThick() {
        // full: clear, thin, thick, shadow
        ConfusionMatrix m = ConfusionMatrix.of(CLEAR_THIN_THICK_SHADOW, new long[][] {
            {50, 2, 1, 3},
            {4, 10, 6, 0},
            {1, 2, 20, 0},
            {2, 0, 0, 9}
        });
        // truth cloud = thin+thick rows; predicted cloud = thin+thick columns
        // TP = 10+6+2+20 = 38; FN = 4+0+1+0 = 5; FP = 2+1+0+0 = 3; TN = 50+3+2+9 = 64
        assertThat(m.cloud()).isEqualTo(new BinaryConfusion(38, 3, 5, 64));
        // thin one-vs-rest: TP 10, FN 6+4 = 10, FP 2+2 = 4, TN 110−24 = 86
        assertThat(m.binary(1)).isEqualTo(new BinaryConfusion(10, 4, 10, 86));
        // merging to cloud-shadow keeps the cloud view
        ConfusionMatrix cs = m.toScheme(CLEAR_CLOUD_SHADOW);
        assertThat(cs.toArray()).isEqualTo(new long[][] {{50, 3, 3}, {5, 38, 0}, {2, 0, 9}});
        assertThat(cs.cloud()).isEqualTo(m.cloud());
    }

    @Test
    void toCloudSchemeMergesShadowIntoClear() {
        // shadow row/column join clear: [[45+10+3+12, 5+0], [2+3, 20]]
        assertThat(threeClass().toScheme(CLOUD_CLEAR).toArray()).isEqualTo(new long[][] {{70, 5}, {5, 20}});
        assertThatThrownBy(() -> ConfusionMatrix.of(CLOUD_CLEAR, new long[][] {{1, 0}, {0, 1}})
                        .toScheme(CLEAR_CLOUD_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("finer");
    }

    @Test
    void emptyClassGivesUndefinedRecallButDefinedOa() {
        // cloud scheme; no cloud in the truth, 10 pixels wrongly predicted cloud
        ConfusionMatrix m = ConfusionMatrix.of(CLOUD_CLEAR, new long[][] {{90, 10}, {0, 0}});
        BinaryConfusion cloud = m.cloud();
        assertThat(cloud.overallAccuracy().value()).isCloseTo(90.0, within(EPS));
        assertThat(cloud.recall().isDefined()).isFalse();
        assertThat(cloud.f1().isDefined()).isFalse();
        // κ: p_o = 0.9, p_e = 1.0·0.9 + 0·0.1 = 0.9 → (0.9−0.9)/(0.1) = 0
        assertThat(m.kappa().value()).isCloseTo(0.0, within(EPS));
        // all clear, all predicted clear: p_e = 1 → kappa undefined
        assertThat(ConfusionMatrix.of(CLOUD_CLEAR, new long[][] {{5, 0}, {0, 0}})
                        .kappa()
                        .isDefined())
                .isFalse();
        assertThat(new ConfusionMatrix(CLOUD_CLEAR).overallAccuracy().isDefined())
                .isFalse();
        assertThat(new ConfusionMatrix(CLOUD_CLEAR).kappa().isDefined()).isFalse();
    }

    @Test
    void nodataIsExcludedFromTruthAndPrediction() {
        byte n = (byte) 255;
        byte[] truth = {0, 1, n, 1, 0, 2};
        byte[] pred = {0, 1, 1, n, 1, 2};
        ConfusionMatrix m = new ConfusionMatrix(CLEAR_CLOUD_SHADOW).add(truth, pred);
        // counted: (0,0), (1,1), (0,1), (2,2); pixels 2 and 3 left out
        assertThat(m.toArray()).isEqualTo(new long[][] {{1, 1, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThat(m.total()).isEqualTo(4);
        assertThat(m.excluded()).isEqualTo(2);
        // another nodata value, int arrays
        ConfusionMatrix k = new ConfusionMatrix(CLOUD_CLEAR).add(new int[] {0, -9, 1}, new int[] {1, 0, -9}, -9);
        assertThat(k.toArray()).isEqualTo(new long[][] {{0, 1}, {0, 0}});
        assertThat(k.excluded()).isEqualTo(2);
    }

    @Test
    void rejectsLabelsOutsideTheScheme() {
        assertThatThrownBy(() -> new ConfusionMatrix(CLOUD_CLEAR).add(new byte[] {0, 7}, new byte[] {0, 1}))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("true label 7 at pixel 1")
                .hasMessageContaining("scheme cloud (0..1) nor nodata 255")
                .hasMessageContaining("label code mapping");
        assertThatThrownBy(() -> new ConfusionMatrix(CLOUD_CLEAR).add(new byte[] {0}, new byte[] {2}))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("predicted label 2 at pixel 0");
        assertThatThrownBy(() -> new ConfusionMatrix(CLOUD_CLEAR).add(new byte[2], new byte[3]))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("truth has 2 pixels but the prediction 3");
        assertThatThrownBy(() -> ConfusionMatrix.of(CLOUD_CLEAR, new long[][] {{1, 2, 3}}))
                .hasMessageContaining("2×2");
    }

    @Test
    void mergeEqualsCountingEverythingAtOnce() {
        Random r = new Random(3);
        byte[] truth = new byte[2000];
        byte[] pred = new byte[2000];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (byte) (r.nextInt(10) == 0 ? 255 : r.nextInt(4));
            pred[i] = (byte) r.nextInt(4);
        }
        ConfusionMatrix whole = new ConfusionMatrix(CLEAR_THIN_THICK_SHADOW).add(truth, pred);
        ConfusionMatrix a = new ConfusionMatrix(CLEAR_THIN_THICK_SHADOW)
                .add(Arrays.copyOfRange(truth, 0, 700), Arrays.copyOfRange(pred, 0, 700));
        ConfusionMatrix b = new ConfusionMatrix(CLEAR_THIN_THICK_SHADOW)
                .add(Arrays.copyOfRange(truth, 700, 2000), Arrays.copyOfRange(pred, 700, 2000));
        assertThat(a.copy().merge(b)).isEqualTo(whole);
        assertThat(whole.total() + whole.excluded()).isEqualTo(2000);
        // per-pixel reference count
        long agree = 0;
        long counted = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != (byte) 255) {
                counted++;
                agree += truth[i] == pred[i] ? 1 : 0;
            }
        }
        assertThat(whole.overallAccuracy().value()).isCloseTo(100.0 * agree / counted, within(EPS));
        assertThatThrownBy(() -> whole.merge(new ConfusionMatrix(CLOUD_CLEAR))).hasMessageContaining("toScheme");
    }
}
