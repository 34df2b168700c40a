package org.sensei4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryConfusionTest {

    private static final double EPS = 1e-9;

    @Test
    void paperMetricsOfAHandComputedExample() {
        // TP=40, FP=10, FN=20, TN=30; all = 100
        BinaryConfusion b = new BinaryConfusion(40, 10, 20, 30);
        assertThat(b.total()).isEqualTo(100);
        // OA = (40+30)/100 = 70
        assertThat(b.overallAccuracy().value()).isCloseTo(70.0, within(EPS));
        // P = 40/(40+10) = 80
        assertThat(b.precision().value()).isCloseTo(80.0, within(EPS));
        // R = 40/(40+20) = 66.667
        assertThat(b.recall().value()).isCloseTo(200.0 / 3, within(EPS));
        // F1 = 2·80·66.667/(80+66.667) = 10666.67/146.667 = 72.727 (= 2·40/(80+10+20) = 80/110)
        assertThat(b.f1().value()).isCloseTo(800.0 / 11, within(EPS));
        assertThat(b.f1().value()).isCloseTo(2 * 80.0 * (200.0 / 3) / (80.0 + 200.0 / 3), within(EPS));
        // BA = ½(TP/(TP+FN) + TN/(TN+FP)) = ½(40/60 + 30/40) = ½(0.66667 + 0.75) = 70.833
        assertThat(b.balancedAccuracy().value()).isCloseTo(50.0 * (40.0 / 60 + 30.0 / 40), within(EPS));
        assertThat(b.balancedAccuracy().value()).isCloseTo(70.8333333333, within(1e-8));
        // IoU = 40/(40+10+20) = 57.143
        assertThat(b.iou().value()).isCloseTo(400.0 / 7, within(EPS));
        assertThat(b.specificity().value()).isCloseTo(75.0, within(EPS));
    }

    @Test
    void noPositivesInTruthGivesUndefinedRecallF1AndBaButDefinedOa() {
        // TP=0, FP=10, FN=0, TN=90: the class never occurs, but is predicted 10 times
        BinaryConfusion b = new BinaryConfusion(0, 10, 0, 90);
        assertThat(b.overallAccuracy().value()).isCloseTo(90.0, within(EPS));
        assertThat(b.recall().isDefined()).isFalse(); // 0/0
        assertThat(b.f1().isDefined()).isFalse(); // R undefined
        assertThat(b.balancedAccuracy().isDefined()).isFalse();
        assertThat(b.precision().value()).isEqualTo(0.0); // 0/10
        assertThat(b.iou().value()).isEqualTo(0.0); // 0/(0+10+0)
    }

    @Test
    void nothingPositiveAnywhereLeavesOnlyOaDefined() {
        BinaryConfusion b = new BinaryConfusion(0, 0, 0, 50);
        assertThat(b.overallAccuracy().value()).isEqualTo(100.0);
        assertThat(b.precision().isDefined()).isFalse();
        assertThat(b.recall().isDefined()).isFalse();
        assertThat(b.f1().isDefined()).isFalse();
        assertThat(b.iou().isDefined()).isFalse();
        assertThat(b.balancedAccuracy().isDefined()).isFalse();
        BinaryConfusion empty = new BinaryConfusion(0, 0, 0, 0);
        for (BinaryMetric m : BinaryMetric.values()) {
            assertThat(m.of(empty).isDefined()).as(m.key()).isFalse();
        }
    }

    @Test
    void f1IsZeroWhenPrecisionAndRecallAreBothZero() {
        // TP=0, FP=5, FN=5: P = 0/5 = 0, R = 0/5 = 0; 2PR/(P+R) → 0 (limit), = 2·0/(0+5+5)
        BinaryConfusion b = new BinaryConfusion(0, 5, 5, 90);
        assertThat(b.precision().value()).isEqualTo(0.0);
        assertThat(b.recall().value()).isEqualTo(0.0);
        assertThat(b.f1().value()).isEqualTo(0.0);
        // P undefined (nothing predicted) → F1 undefined, although 2TP/(2TP+FP+FN) = 0/5 would be 0
        assertThat(new BinaryConfusion(0, 0, 5, 95).f1().isDefined()).isFalse();
    }

    @Test
    void undefinedIsNeverNanAndWritesJsonNull() throws Exception {
        Metric u = Metric.undefined();
        assertThat(u.isDefined()).isFalse();
        assertThat(u.toOptional()).isEmpty();
        assertThat(u.orElse(-1)).isEqualTo(-1);
        assertThat(u.toString()).isEqualTo("undefined");
        assertThatThrownBy(u::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("isDefined");
        assertThatThrownBy(() -> Metric.of(Double.NaN)).hasMessageContaining("not finite");
        assertThat(Metric.percent(1, 3).toString()).isEqualTo("33.333");
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("recall", u);
        m.put("oa", Metric.of(70.0));
        assertThat(new ObjectMapper().writeValueAsString(m)).isEqualTo("{\"recall\":null,\"oa\":70.0}");
    }

    @Test
    void plusSumsCountsAndRejectsNegatives() {
        assertThat(new BinaryConfusion(1, 2, 3, 4).plus(new BinaryConfusion(10, 20, 30, 40)))
                .isEqualTo(new BinaryConfusion(11, 22, 33, 44));
        assertThatThrownBy(() -> new BinaryConfusion(-1, 0, 0, 0)).hasMessageContaining(">= 0");
    }
}
