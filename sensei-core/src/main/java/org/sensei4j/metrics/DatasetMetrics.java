package org.sensei4j.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;

/**
 * Metrics of a whole data set: one {@link ConfusionMatrix} per scene (scene id → counts, in the order scenes
 * were first added), aggregated as in the paper by summing pixel counts over all scenes ({@link #total()}),
 * not by averaging per-scene metrics. Nodata pixels are left out. Mutable and not thread-safe.
 */
public final class DatasetMetrics {

    /** Metrics with a bootstrap interval: OA, BA, precision, recall, F1 (IoU too). */
    private static final BinaryMetric[] METRICS = BinaryMetric.values();

    private final ClassScheme scheme;
    private final Map<String, ConfusionMatrix> scenes = new LinkedHashMap<>();

    /** An empty data set of {@code scheme}. */
    public DatasetMetrics(ClassScheme scheme) {
        this.scheme = scheme;
    }

    /**
     * Counts a scene (or a tile of it) with {@link ClassScheme#NODATA} as nodata; see {@link #add(String,
     * ConfusionMatrix)}.
     */
    public DatasetMetrics add(String sceneId, byte[] truth, byte[] prediction) {
        return add(sceneId, truth, prediction, ClassScheme.NODATA);
    }

    /** Counts a scene (or a tile of it), leaving out pixels where truth or prediction is {@code nodata}. */
    public DatasetMetrics add(String sceneId, byte[] truth, byte[] prediction, int nodata) {
        return add(sceneId, new ConfusionMatrix(scheme).add(truth, prediction, nodata));
    }

    /** Adds counts to scene {@code sceneId}; a scene added twice (e.g. tile by tile) accumulates. */
    public DatasetMetrics add(String sceneId, ConfusionMatrix counts) {
        if (sceneId == null || sceneId.isBlank()) {
            throw new IllegalArgumentException("scene id is empty: give every scene a name");
        }
        if (counts.scheme() != scheme) {
            throw new IllegalArgumentException("scene " + sceneId + " is counted in scheme "
                    + counts.scheme().id() + " but the data set in " + scheme.id()
                    + ": convert it with ConfusionMatrix.toScheme");
        }
        scenes.computeIfAbsent(sceneId, id -> new ConfusionMatrix(scheme)).merge(counts);
        return this;
    }

    /** The class scheme. */
    public ClassScheme scheme() {
        return scheme;
    }

    /** Number of scenes. */
    public int sceneCount() {
        return scenes.size();
    }

    /** Scene ids in the order they were first added. */
    public List<String> sceneIds() {
        return List.copyOf(scenes.keySet());
    }

    /** Counts of one scene (a copy). */
    public ConfusionMatrix scene(String sceneId) {
        ConfusionMatrix m = scenes.get(sceneId);
        if (m == null) {
            throw new IllegalArgumentException("no scene '" + sceneId + "': known scenes are " + scenes.keySet());
        }
        return m.copy();
    }

    /** Counts per scene (copies), in the order the scenes were first added. */
    public Map<String, ConfusionMatrix> perScene() {
        Map<String, ConfusionMatrix> out = new LinkedHashMap<>();
        scenes.forEach((id, m) -> out.put(id, m.copy()));
        return Collections.unmodifiableMap(out);
    }

    /** Pixel-summed counts over all scenes (the paper's aggregation). */
    public ConfusionMatrix total() {
        ConfusionMatrix t = new ConfusionMatrix(scheme);
        scenes.values().forEach(t::merge);
        return t;
    }

    /** Pixel-summed cloud-vs-rest counts. */
    public BinaryConfusion cloud() {
        return total().cloud();
    }

    /**
     * Mean over scenes of a per-scene cloud-vs-rest metric (NOT the paper's aggregation; for comparison).
     * Scenes where the metric is undefined are skipped; undefined if it is undefined in every scene.
     */
    public Metric sceneMean(BinaryMetric metric) {
        double sum = 0;
        int n = 0;
        for (ConfusionMatrix m : scenes.values()) {
            Metric v = metric.of(m.cloud());
            if (v.isDefined()) {
                sum += v.value();
                n++;
            }
        }
        return n == 0 ? Metric.undefined() : Metric.of(sum / n);
    }

    /**
     * Percentile bootstrap intervals of the cloud-vs-rest metrics over scenes, see {@link BootstrapIntervals}.
     *
     * @param resamples number of resamples, e.g. 1000
     * @param seed random seed; the same seed and data give the same intervals
     * @param level confidence level in (0, 1), e.g. 0.95
     */
    public BootstrapIntervals bootstrapCloud(int resamples, long seed, double level) {
        return bootstrap(ConfusionMatrix::cloud, resamples, seed, level);
    }

    /** As {@link #bootstrapCloud}, for class {@code cls} one-vs-rest. */
    public BootstrapIntervals bootstrapClass(int cls, int resamples, long seed, double level) {
        scheme.kind(cls);
        return bootstrap(m -> m.binary(cls), resamples, seed, level);
    }

    private BootstrapIntervals bootstrap(
            Function<ConfusionMatrix, BinaryConfusion> view, int resamples, long seed, double level) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap needs at least 1 resample, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(
                    "confidence level " + level + " must be a fraction in (0, 1), " + "e.g. 0.95");
        }
        if (scenes.isEmpty()) {
            throw new SenseiException("no scenes to bootstrap over: evaluate at least one scene");
        }
        List<BinaryConfusion> perScene = new ArrayList<>(scenes.size());
        scenes.values().forEach(m -> perScene.add(view.apply(m)));
        int s = perScene.size();
        long[] tp = new long[s];
        long[] fp = new long[s];
        long[] fn = new long[s];
        long[] tn = new long[s];
        for (int i = 0; i < s; i++) {
            BinaryConfusion b = perScene.get(i);
            tp[i] = b.tp();
            fp[i] = b.fp();
            fn[i] = b.fn();
            tn[i] = b.tn();
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] values = new double[METRICS.length][resamples];
        int[] defined = new int[METRICS.length];
        for (int r = 0; r < resamples; r++) {
            long a = 0;
            long b = 0;
            long c = 0;
            long d = 0;
            for (int j = 0; j < s; j++) {
                int pick = rng.nextInt(s);
                a += tp[pick];
                b += fp[pick];
                c += fn[pick];
                d += tn[pick];
            }
            BinaryConfusion sample = new BinaryConfusion(a, b, c, d);
            for (int m = 0; m < METRICS.length; m++) {
                Metric v = METRICS[m].of(sample);
                if (v.isDefined()) {
                    values[m][defined[m]++] = v.value();
                }
            }
        }
        double alpha = 1.0 - level;
        Map<BinaryMetric, BootstrapInterval> intervals = new EnumMap<>(BinaryMetric.class);
        for (int m = 0; m < METRICS.length; m++) {
            int n = defined[m];
            if (n == 0) {
                intervals.put(METRICS[m], new BootstrapInterval(Metric.undefined(), Metric.undefined(), 0));
                continue;
            }
            double[] v = Arrays.copyOf(values[m], n);
            Arrays.sort(v);
            intervals.put(
                    METRICS[m],
                    new BootstrapInterval(Metric.of(quantile(v, alpha / 2)), Metric.of(quantile(v, 1 - alpha / 2)), n));
        }
        return new BootstrapIntervals(level, resamples, seed, intervals);
    }

    /** Quantile q of sorted values, linear interpolation between order statistics (NumPy's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    // ---------------------------------------------------------------- JSON

    /** The JSON report without confidence intervals; see {@link #toJson(BootstrapIntervals)}. */
    public ObjectNode toJson() {
        return toJson(null);
    }

    /**
     * The JSON report. Percent values; undefined metrics are {@code null}. Layout:
     *
     * <pre>{@code
     * { "scheme": "cloud-shadow", "scenes": 2, "pixels": 1000, "nodata_pixels": 24,
     *   "cloud":   { "oa": .., "ba": .., "precision": .., "recall": .., "f1": .., "iou": .., "pixels": ..,
     *                "tp": .., "fp": .., "fn": .., "tn": ..,
     *                "ci": { "level": 95.0, "resamples": 1000, "seed": 42,
     *                        "oa": { "lower": .., "upper": .. }, ... } },
     *   "classes": { "clear": { same keys but ci }, "cloud": {..}, "shadow": {..} },
     *   "multiclass": { "oa": .., "kappa": .. },
     *   "per_scene": { "<scene id>": { "pixels": .., "nodata_pixels": .., "cloud": {..}, "classes": {..},
     *                                  "multiclass": {..} }, ... } }
     * }</pre>
     *
     * "cloud" is cloud (thin + thick) vs everything else, pixel-summed over all scenes; "classes" is each class
     * one-vs-rest; kappa is a coefficient in [−1, 1], not percent. {@code ci} is left out when {@code ci} is
     * null.
     */
    public ObjectNode toJson(BootstrapIntervals ci) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("scheme", scheme.id());
        root.put("scenes", scenes.size());
        ConfusionMatrix total = total();
        putMatrix(root, total);
        if (ci != null) {
            ObjectNode c = ((ObjectNode) root.get("cloud")).putObject("ci");
            c.put("level", 100.0 * ci.level());
            c.put("resamples", ci.resamples());
            c.put("seed", ci.seed());
            for (BinaryMetric m : METRICS) {
                BootstrapInterval i = ci.intervals().get(m);
                if (i != null) {
                    ObjectNode o = c.putObject(m.key());
                    o.put("lower", i.lower().toJson());
                    o.put("upper", i.upper().toJson());
                }
            }
        }
        ObjectNode per = root.putObject("per_scene");
        scenes.forEach((id, m) -> putMatrix(per.putObject(id), m));
        return root;
    }

    private static void putMatrix(ObjectNode node, ConfusionMatrix m) {
        node.put("pixels", m.total());
        node.put("nodata_pixels", m.excluded());
        node.set("cloud", binaryJson(m.cloud()));
        ObjectNode classes = node.putObject("classes");
        for (int c = 0; c < m.classCount(); c++) {
            classes.set(m.scheme().className(c), binaryJson(m.binary(c)));
        }
        ObjectNode multi = node.putObject("multiclass");
        multi.put("oa", m.overallAccuracy().toJson());
        multi.put("kappa", m.kappa().toJson());
    }

    /**
     * JSON object of two-class counts: oa, ba, precision, recall, f1, iou (percent or null), pixels, tp, fp, fn, tn.
     */
    public static ObjectNode binaryJson(BinaryConfusion b) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (BinaryMetric m : METRICS) {
            o.put(m.key(), m.of(b).toJson());
        }
        o.put("pixels", b.total());
        o.put("tp", b.tp());
        o.put("fp", b.fp());
        o.put("fn", b.fn());
        o.put("tn", b.tn());
        return o;
    }
}
