package org.sensei4j.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.eval.DatasetEvaluator.Candidate;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.BinaryMetric;
import org.sensei4j.metrics.BootstrapIntervals;
import org.sensei4j.metrics.ConfusionMatrix;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.metrics.Reliability;

/**
 * The result of a {@link DatasetEvaluator} run: per candidate the per-scene counts, and from them the
 * pixel-summed {@link DatasetMetrics}, bootstrap intervals and {@link CategoryMetrics}; the scenes' tags and the
 * pictures written.
 *
 * <p>Scenes may come in different schemes (e.g. catalogue scenes whose shadows were not labelled come in the
 * {@code cloud} scheme): each candidate's metrics are in the coarsest scheme any of its scenes was compared in,
 * every scene's counts converted to it.
 */
public final class DatasetEvaluation {

    private final String dataset;
    private final List<Candidate> candidates;
    private final DatasetEvaluator.Options options;
    private final List<String> sceneIds;
    private final List<Map<String, ConfusionMatrix>> counts;
    private final Map<String, Map<String, String>> tags;
    private final Map<String, Path> quicklooks;
    private final List<Map<String, Path>> overlays;
    private final double[] seconds;
    private final List<Reliability> reliability;

    DatasetEvaluation(
            String dataset,
            List<Candidate> candidates,
            DatasetEvaluator.Options options,
            List<String> sceneIds,
            List<Map<String, ConfusionMatrix>> counts,
            Map<String, Map<String, String>> tags,
            Map<String, Path> quicklooks,
            List<Map<String, Path>> overlays,
            double[] seconds,
            List<Reliability> reliability) {
        this.dataset = dataset;
        this.candidates = candidates;
        this.options = options;
        this.sceneIds = sceneIds;
        this.counts = counts;
        this.tags = tags;
        this.quicklooks = quicklooks;
        this.overlays = overlays;
        this.seconds = seconds.clone();
        this.reliability = reliability;
    }

    /**
     * Reliability diagram of candidate {@code c}'s cloud probability over all labelled pixels, or null when it has no
     * probabilities (baselines, or predicted at another resolution).
     */
    public Reliability reliability(int c) {
        return reliability.get(c);
    }

    /** The data set's name. */
    public String dataset() {
        return dataset;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    /** The scenes evaluated, in order. */
    public List<String> sceneIds() {
        return sceneIds;
    }

    /** Tags of each scene evaluated. */
    public Map<String, Map<String, String>> tags() {
        return Collections.unmodifiableMap(tags);
    }

    /** Seconds spent predicting with candidate {@code c}, over all scenes. */
    public double seconds(int c) {
        return seconds[c];
    }

    /** Metrics of candidate {@code c}, in the coarsest scheme of its scenes. */
    public DatasetMetrics metrics(int c) {
        Map<String, ConfusionMatrix> m = counts.get(c);
        ClassScheme scheme = m.values().stream()
                .map(ConfusionMatrix::scheme)
                .min(Comparator.comparingInt(ClassScheme::classCount))
                .orElseThrow();
        DatasetMetrics out = new DatasetMetrics(scheme);
        m.forEach((id, counts) -> out.add(id, counts.scheme() == scheme ? counts : counts.toScheme(scheme)));
        return out;
    }

    /**
     * Bootstrap intervals of candidate {@code c}, or null when the options ask for none or there is only one
     * scene (resampling one scene gives no interval).
     */
    public BootstrapIntervals intervals(int c) {
        return options.bootstrapResamples() == 0 || sceneIds.size() < 2
                ? null
                : metrics(c)
                        .bootstrapCloud(options.bootstrapResamples(), options.bootstrapSeed(), options.confidence());
    }

    /** Categories of candidate {@code c}. */
    public CategoryMetrics categories(int c) {
        return CategoryMetrics.of(metrics(c), tags, options.minCategoryScenes());
    }

    /** The quicklook written for a scene, if any. */
    public Path quicklook(String sceneId) {
        return quicklooks.get(sceneId);
    }

    /** The overlay written for a scene and candidate, if any. */
    public Path overlay(int c, String sceneId) {
        return overlays.get(c).get(sceneId);
    }

    /**
     * The evaluation as JSON. With one candidate, the evaluation layout: {@link DatasetMetrics#toJson} (with
     * {@code cloud.ci}, see {@link #intervals}) plus {@code per_scene.<id>.tags} and {@code .pictures}
     * ({@code quicklook}, {@code overlay}), {@code categories} ({@link CategoryMetrics#toJson}) and {@code run}
     * ({@code dataset, scenes, model, band_set, classifier, resolution_m, seconds}). With several, the comparison
     * layout: {@code {"run": {dataset, scenes}, "comparison": [{model, band_set, label, oa, ba, precision, recall,
     * f1, iou, pixels, scenes}], "evaluations": [evaluation layout, ...]}}.
     *
     * @param pictureBase folder that picture paths are written relative to (the JSON file's folder), or null
     *     for absolute paths
     */
    public ObjectNode toJson(Path pictureBase) {
        if (candidates.size() == 1) {
            return evaluationJson(0, pictureBase);
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode run = root.putObject("run");
        run.put("dataset", dataset);
        run.put("scenes", sceneIds.size());
        ArrayNode rows = root.putArray("comparison");
        ArrayNode evals = root.putArray("evaluations");
        for (int c = 0; c < candidates.size(); c++) {
            ObjectNode e = evaluationJson(c, pictureBase);
            ObjectNode row = rows.addObject();
            row.put("model", candidates.get(c).model());
            row.put("band_set", candidates.get(c).bandSet());
            row.put("label", candidates.get(c).label());
            for (BinaryMetric m : BinaryMetric.values()) {
                row.set(m.key(), e.get("cloud").get(m.key()));
            }
            row.put("pixels", e.get("cloud").get("pixels").asLong());
            if (e.has("reliability")) {
                row.set("ece", e.get("reliability").get("ece"));
            }
            row.put("scenes", sceneIds.size());
            evals.add(e);
        }
        return root;
    }

    private ObjectNode evaluationJson(int c, Path base) {
        DatasetMetrics m = metrics(c);
        ObjectNode json = m.toJson(intervals(c));
        ObjectNode per = (ObjectNode) json.get("per_scene");
        for (String id : sceneIds) {
            ObjectNode s = (ObjectNode) per.get(id);
            Map<String, String> t = tags.getOrDefault(id, Map.of());
            if (!t.isEmpty()) {
                ObjectNode tn = s.putObject("tags");
                t.forEach(tn::put);
            }
            Path q = quicklooks.get(id);
            Path o = overlays.get(c).get(id);
            if (q != null || o != null) {
                ObjectNode p = s.putObject("pictures");
                if (q != null) {
                    p.put("quicklook", picturePath(q, base));
                }
                if (o != null) {
                    p.put("overlay", picturePath(o, base));
                }
            }
        }
        json.set(
                "categories",
                CategoryMetrics.of(m, tags, options.minCategoryScenes()).toJson());
        Candidate cand = candidates.get(c);
        ObjectNode run = json.putObject("run");
        run.put("dataset", dataset);
        run.put("scenes", sceneIds.size());
        run.put("model", cand.model());
        run.put("band_set", cand.bandSet());
        run.put(
                "classifier",
                cand.classifier() instanceof ThresholdBaseline b
                        ? b.toString()
                        : cand.classifier().name());
        if (!Double.isNaN(options.resolutionM())) {
            run.put("resolution_m", options.resolutionM());
        }
        run.put("seconds", Math.round(seconds[c] * 1000) / 1000.0);
        if (cand.classifier() instanceof ModelClassifier mc) {
            run.put("decision", mc.decision());
            if (!Double.isNaN(mc.threshold())) {
                run.put("cloud_threshold", mc.threshold());
            }
        }
        if (reliability.get(c) != null) {
            json.set("reliability", reliability.get(c).toJson());
        }
        return json;
    }

    /** A picture's path as written to JSON: relative to {@code base} with '/' separators, or absolute. */
    static String picturePath(Path picture, Path base) {
        Path abs = picture.toAbsolutePath().normalize();
        if (base == null) {
            return abs.toString();
        }
        Path rel = base.toAbsolutePath().normalize().relativize(abs);
        return rel.toString().replace(File.separatorChar, '/');
    }

    /** Cloud-vs-rest pixel-summed counts of candidate {@code c}. */
    public BinaryConfusion cloud(int c) {
        return metrics(c).cloud();
    }
}
