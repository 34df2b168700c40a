package org.sensei4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sensei4j.classes.ClassScheme.CLEAR_CLOUD_SHADOW;
import static org.sensei4j.classes.ClassScheme.CLOUD_CLEAR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class DatasetMetricsTest {

    private static final double EPS = 1e-9;

    /** Cloud scheme counts from (tp, fp, fn, tn): rows truth clear/cloud, columns prediction. */
    private static ConfusionMatrix cloud(long tp, long fp, long fn, long tn) {
        return ConfusionMatrix.of(CLOUD_CLEAR, new long[][] {{tn, fp}, {fn, tp}});
    }

    /*
     * Scene A (100 px): TP=90, FP=10, FN=0, TN=0 → OA 90, R 100, P 90
     * Scene B ( 10 px): TP=0,  FP=0,  FN=5, TN=5 → OA 50, R 0,   P undefined (nothing predicted cloud)
     * Pixel-summed: TP=90, FP=10, FN=5, TN=5 (110 px) → OA 95/110 = 86.364, R 90/95 = 94.737, P 90/100 = 90
     * Mean of scenes: OA (90+50)/2 = 70, R (100+0)/2 = 50, P = 90 (B skipped)
     */
    private static DatasetMetrics twoScenes() {
        return new DatasetMetrics(CLOUD_CLEAR).add("A", cloud(90, 10, 0, 0)).add("B", cloud(0, 0, 5, 5));
    }

    @Test
    void pixelSummedDiffersFromMeanOfScenes() {
        DatasetMetrics d = twoScenes();
        assertThat(d.cloud()).isEqualTo(new BinaryConfusion(90, 10, 5, 5));
        assertThat(d.cloud().overallAccuracy().value()).isCloseTo(9500.0 / 110, within(EPS));
        assertThat(d.sceneMean(BinaryMetric.OA).value()).isCloseTo(70.0, within(EPS));
        assertThat(d.cloud().recall().value()).isCloseTo(9000.0 / 95, within(EPS));
        assertThat(d.sceneMean(BinaryMetric.RECALL).value()).isCloseTo(50.0, within(EPS));
        assertThat(d.cloud().precision().value()).isCloseTo(90.0, within(EPS));
        assertThat(d.sceneMean(BinaryMetric.PRECISION).value()).isCloseTo(90.0, within(EPS));
        assertThat(new DatasetMetrics(CLOUD_CLEAR)
                        .add("C", cloud(0, 0, 0, 4))
                        .sceneMean(BinaryMetric.RECALL)
                        .isDefined())
                .isFalse();
    }

    @Test
    void scenesAccumulateTileByTileAndKeepOrder() {
        byte n = (byte) 255;
        DatasetMetrics d = new DatasetMetrics(CLOUD_CLEAR)
                .add("s2", new byte[] {1, 1, 0}, new byte[] {1, 0, 0})
                .add("s1", new byte[] {0, n}, new byte[] {1, 1})
                .add("s2", new byte[] {1, 0}, new byte[] {1, n});
        assertThat(d.sceneIds()).containsExactly("s2", "s1");
        // s2: (1,1) (1,0) (0,0) + (1,1); pixel (0, nodata) excluded
        assertThat(d.scene("s2").cloud()).isEqualTo(new BinaryConfusion(2, 0, 1, 1));
        assertThat(d.scene("s2").excluded()).isEqualTo(1);
        assertThat(d.scene("s1").cloud()).isEqualTo(new BinaryConfusion(0, 1, 0, 0));
        assertThat(d.total().total()).isEqualTo(5);
        assertThat(d.total().excluded()).isEqualTo(2);
        assertThat(d.perScene()).containsOnlyKeys("s2", "s1");
        assertThatThrownBy(() -> d.scene("s3")).hasMessageContaining("no scene 's3'");
        assertThatThrownBy(() -> d.add("x", new ConfusionMatrix(CLEAR_CLOUD_SHADOW)))
                .hasMessageContaining("toScheme");
    }

    @Test
    void jsonLayoutWithNullForUndefined() throws Exception {
        DatasetMetrics d = twoScenes();
        JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(d.toJson()));
        assertThat(j.get("scheme").asText()).isEqualTo("cloud");
        assertThat(j.get("scenes").asInt()).isEqualTo(2);
        JsonNode c = j.get("cloud");
        assertThat(c.get("oa").asDouble()).isCloseTo(9500.0 / 110, within(EPS));
        assertThat(c.get("precision").asDouble()).isCloseTo(90.0, within(EPS));
        assertThat(c.get("pixels").asLong()).isEqualTo(110);
        assertThat(c.get("tp").asLong()).isEqualTo(90);
        for (String key : new String[] {"oa", "ba", "precision", "recall", "f1", "iou"}) {
            assertThat(c.has(key)).as(key).isTrue();
        }
        assertThat(c.has("ci")).isFalse();
        // clear one-vs-rest: truth clear = TN+FP = 5+10, of which 5 predicted clear → recall 5/15
        assertThat(j.get("classes").get("clear").get("recall").asDouble()).isCloseTo(500.0 / 15, within(EPS));
        assertThat(j.get("multiclass").get("oa").asDouble()).isCloseTo(9500.0 / 110, within(EPS));
        // scene B: nothing predicted cloud → precision, F1 undefined → JSON null (not 0, not NaN)
        JsonNode b = j.get("per_scene").get("B").get("cloud");
        assertThat(b.get("precision").isNull()).isTrue();
        assertThat(b.get("f1").isNull()).isTrue();
        assertThat(b.get("recall").asDouble()).isEqualTo(0.0);
        assertThat(b.get("oa").asDouble()).isCloseTo(50.0, within(EPS));
        // scene A: BA = ½(90/90 + 0/10) = 50
        assertThat(j.get("per_scene").get("A").get("cloud").get("ba").asDouble())
                .isCloseTo(50.0, within(EPS));
        assertThat(j.get("per_scene").get("A").get("pixels").asLong()).isEqualTo(100);
        assertThat(d.toJson().toString()).doesNotContain("NaN");
    }

    @Test
    void threeClassJsonHasEveryClassAndKappa() {
        DatasetMetrics d = new DatasetMetrics(CLEAR_CLOUD_SHADOW)
                .add("s", ConfusionMatrix.of(CLEAR_CLOUD_SHADOW, new long[][] {{45, 5, 10}, {2, 20, 3}, {3, 0, 12}}));
        JsonNode j = d.toJson();
        assertThat(j.get("classes").fieldNames()).toIterable().containsExactly("clear", "cloud", "shadow");
        assertThat(j.get("classes").get("shadow").get("f1").asDouble()).isCloseTo(60.0, within(EPS));
        assertThat(j.get("multiclass").get("kappa").asDouble()).isCloseTo(0.37 / 0.60, within(EPS));
        assertThat(j.fieldNames())
                .toIterable()
                .containsExactly(
                        "scheme", "scenes", "pixels", "nodata_pixels", "cloud", "classes", "multiclass", "per_scene");
    }

    private static DatasetMetrics randomScenes(long seed, int n) {
        Random r = new Random(seed);
        DatasetMetrics d = new DatasetMetrics(CLOUD_CLEAR);
        for (int i = 0; i < n; i++) {
            long tp = r.nextInt(5000);
            long fn = r.nextInt(800);
            long fp = r.nextInt(800);
            long tn = r.nextInt(5000);
            d.add("scene" + i, cloud(tp, fp, fn, tn));
        }
        return d;
    }

    @Test
    void bootstrapIsDeterministicAndContainsThePointEstimate() {
        DatasetMetrics d = randomScenes(5, 30);
        BootstrapIntervals a = d.bootstrapCloud(400, 42, 0.95);
        BootstrapIntervals b = d.bootstrapCloud(400, 42, 0.95);
        assertThat(a).isEqualTo(b);
        BootstrapIntervals other = d.bootstrapCloud(400, 43, 0.95);
        assertThat(other.get(BinaryMetric.OA)).isNotEqualTo(a.get(BinaryMetric.OA));
        BinaryConfusion point = d.cloud();
        for (BinaryMetric m : new BinaryMetric[] {
            BinaryMetric.OA, BinaryMetric.BA, BinaryMetric.PRECISION, BinaryMetric.RECALL, BinaryMetric.F1
        }) {
            BootstrapInterval i = a.get(m);
            assertThat(i.definedResamples()).isEqualTo(400);
            assertThat(i.lower().value()).as(m.key()).isLessThan(i.upper().value());
            assertThat(i.contains(m.of(point).value()))
                    .as(m.key() + " " + i + " vs " + m.of(point))
                    .isTrue();
            // a 50% interval lies within the 95% one
            BootstrapInterval narrow = d.bootstrapCloud(400, 42, 0.5).get(m);
            assertThat(narrow.lower().value()).isGreaterThanOrEqualTo(i.lower().value());
            assertThat(narrow.upper().value()).isLessThanOrEqualTo(i.upper().value());
        }
        JsonNode ci = d.toJson(a).get("cloud").get("ci");
        assertThat(ci.get("level").asDouble()).isEqualTo(95.0);
        assertThat(ci.get("resamples").asInt()).isEqualTo(400);
        assertThat(ci.get("f1").get("lower").asDouble())
                .isEqualTo(a.get(BinaryMetric.F1).lower().value());
    }

    @Test
    void bootstrapOfOneSceneIsThePointAndUndefinedStaysUndefined() {
        DatasetMetrics one = new DatasetMetrics(CLOUD_CLEAR).add("only", cloud(40, 10, 20, 30));
        BootstrapInterval oa = one.bootstrapCloud(50, 1, 0.95).get(BinaryMetric.OA);
        // every resample is the same scene: the interval is [70, 70]
        assertThat(oa.lower().value()).isCloseTo(70.0, within(EPS));
        assertThat(oa.upper().value()).isCloseTo(70.0, within(EPS));
        DatasetMetrics noCloud =
                new DatasetMetrics(CLOUD_CLEAR).add("a", cloud(0, 3, 0, 7)).add("b", cloud(0, 0, 0, 9));
        BootstrapIntervals ci = noCloud.bootstrapCloud(100, 1, 0.9);
        assertThat(ci.get(BinaryMetric.RECALL).definedResamples()).isZero();
        assertThat(ci.get(BinaryMetric.RECALL).lower().isDefined()).isFalse();
        assertThat(noCloud.toJson(ci)
                        .get("cloud")
                        .get("ci")
                        .get("recall")
                        .get("upper")
                        .isNull())
                .isTrue();
        assertThat(ci.get(BinaryMetric.OA).definedResamples()).isEqualTo(100);
        assertThatThrownBy(() -> new DatasetMetrics(CLOUD_CLEAR).bootstrapCloud(10, 1, 0.95))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no scenes");
        assertThatThrownBy(() -> one.bootstrapCloud(10, 1, 95)).hasMessageContaining("e.g. 0.95");
        assertThatThrownBy(() -> one.bootstrapCloud(0, 1, 0.95)).hasMessageContaining("at least 1");
    }

    @Test
    void bootstrapPerClass() {
        DatasetMetrics d = new DatasetMetrics(CLEAR_CLOUD_SHADOW);
        Random r = new Random(9);
        for (int s = 0; s < 12; s++) {
            byte[] t = new byte[400];
            byte[] p = new byte[400];
            for (int i = 0; i < t.length; i++) {
                t[i] = (byte) r.nextInt(3);
                p[i] = r.nextInt(4) == 0 ? (byte) r.nextInt(3) : t[i];
            }
            d.add("s" + s, t, p);
        }
        BootstrapInterval shadowF1 = d.bootstrapClass(2, 300, 7, 0.95).get(BinaryMetric.F1);
        assertThat(shadowF1.contains(d.total().binary(2).f1().value())).isTrue();
        assertThatThrownBy(() -> d.bootstrapClass(3, 10, 1, 0.9)).hasMessageContaining("classes are 0..2");
    }

    @Test
    void quantileInterpolatesLinearly() {
        // NumPy: np.quantile([1,2,3,4], 0.5) = 2.5; q=0.25 → h = 0.75 → 1.75
        assertThat(DatasetMetrics.quantile(new double[] {1, 2, 3, 4}, 0.5)).isEqualTo(2.5);
        assertThat(DatasetMetrics.quantile(new double[] {1, 2, 3, 4}, 0.25)).isEqualTo(1.75);
        assertThat(DatasetMetrics.quantile(new double[] {1, 2, 3, 4}, 1.0)).isEqualTo(4.0);
        assertThat(DatasetMetrics.quantile(new double[] {7}, 0.025)).isEqualTo(7.0);
    }
}
