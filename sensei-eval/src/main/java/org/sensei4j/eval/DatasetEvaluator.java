package org.sensei4j.eval;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.report.Pictures;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.ConfusionMatrix;
import org.sensei4j.metrics.Reliability;
import org.sensei4j.scene.SceneSource;

/**
 * Evaluates one or more classifiers (models × band sets, and e.g. the {@link ThresholdBaseline}) on the scenes
 * of a labelled {@link Dataset}, one scene at a time: each scene is opened, predicted by every candidate,
 * counted and closed before the next, so memory is bounded by one scene's labels and predictions (images are
 * read tile by tile by the masker). Gives a {@link DatasetEvaluation}: pixel-summed metrics as in the paper,
 * per-scene counts, bootstrap intervals over scenes and per-category tables. With a pictures folder it also
 * writes, per scene, an RGB quicklook and an error overlay per candidate (PNG).
 */
public final class DatasetEvaluator {

    /** One row of a comparison: a named classifier given one band set. */
    public record Candidate(String model, String bandSet, PixelClassifier classifier) {

        /** {@code model [band set]}. */
        public String label() {
            return model + " [" + bandSet + "]";
        }
    }

    /**
     * How to evaluate.
     *
     * @param resolutionM        predict at this pixel size (m) and resample back; NaN: the scene's own
     * @param bootstrapResamples resamples of the bootstrap over scenes; 0: no intervals
     * @param bootstrapSeed      seed of the bootstrap
     * @param confidence         confidence level of the intervals, a fraction (0.95)
     * @param minCategoryScenes  categories with fewer scenes are omitted (the paper: 30)
     * @param picturesDir        where to write pictures, or null for none
     * @param pictureSize        longest side of a picture in pixels (larger scenes are decimated)
     */
    public record Options(
            double resolutionM,
            int bootstrapResamples,
            long bootstrapSeed,
            double confidence,
            int minCategoryScenes,
            Path picturesDir,
            int pictureSize) {

        public Options {
            if (bootstrapResamples < 0) {
                throw new IllegalArgumentException("bootstrap resamples must be >= 0, got " + bootstrapResamples);
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException(
                        "confidence " + confidence + " must be a fraction in (0, 1), " + "e.g. 0.95");
            }
            if (minCategoryScenes < 1) {
                throw new IllegalArgumentException(
                        "the smallest category must have >= 1 scene, got " + minCategoryScenes);
            }
            if (pictureSize < 16) {
                throw new IllegalArgumentException("picture size must be >= 16 pixels, got " + pictureSize);
            }
        }

        /** Native resolution, 1000 bootstrap resamples with seed 42 at 95%, categories of ≥ 30 scenes, no pictures. */
        public static Options defaults() {
            return new Options(Double.NaN, 1000, 42L, 0.95, CategoryMetrics.PAPER_MIN_SCENES, null, 1024);
        }

        public Options withResolution(double m) {
            return new Options(
                    m, bootstrapResamples, bootstrapSeed, confidence, minCategoryScenes, picturesDir, pictureSize);
        }

        public Options withBootstrap(int resamples, long seed, double level) {
            return new Options(resolutionM, resamples, seed, level, minCategoryScenes, picturesDir, pictureSize);
        }

        public Options withMinCategoryScenes(int n) {
            return new Options(resolutionM, bootstrapResamples, bootstrapSeed, confidence, n, picturesDir, pictureSize);
        }

        public Options withPictures(Path dir, int size) {
            return new Options(
                    resolutionM, bootstrapResamples, bootstrapSeed, confidence, minCategoryScenes, dir, size);
        }
    }

    /** Told after each scene. */
    public interface Listener {

        /**
         * @param index   0-based position of the scene
         * @param count   scenes to evaluate
         * @param cloud   cloud-vs-rest counts of the scene, one per candidate
         * @param seconds time spent on the scene
         */
        void sceneDone(int index, int count, String sceneId, List<BinaryConfusion> cloud, double seconds);
    }

    private final List<Candidate> candidates;
    private final Options options;

    public DatasetEvaluator(List<Candidate> candidates, Options options) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: give at least one model or the baseline");
        }
        this.candidates = List.copyOf(candidates);
        this.options = options;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    public Options options() {
        return options;
    }

    /** Evaluates every scene of {@code dataset}. */
    public DatasetEvaluation evaluate(Dataset dataset) {
        return evaluate(dataset, dataset.sceneIds(), null);
    }

    /**
     * Evaluates the scenes {@code sceneIds} of {@code dataset}, in that order.
     *
     * @param listener told after each scene, or null
     * @throws SenseiException when there is no scene, a scene cannot be read, or a candidate cannot take a scene
     *     (e.g. a band set the scene lacks, the baseline on a scene without RGB)
     */
    public DatasetEvaluation evaluate(Dataset dataset, List<String> sceneIds, Listener listener) {
        if (sceneIds.isEmpty()) {
            throw new SenseiException(
                    "no scene to evaluate in data set " + dataset.name() + ": check the path and " + "the split");
        }
        int k = candidates.size();
        List<Map<String, ConfusionMatrix>> counts = new ArrayList<>();
        List<Map<String, Path>> overlays = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            counts.add(new LinkedHashMap<>());
            overlays.add(new LinkedHashMap<>());
        }
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        Map<String, Path> quicklooks = new LinkedHashMap<>();
        double[] seconds = new double[k];
        List<Reliability> reliability = new ArrayList<>(Collections.nCopies(k, null));
        Set<String> folders = new HashSet<>();
        List<SceneEvaluator> evaluators = candidates.stream()
                .map(c -> new SceneEvaluator(
                        c.classifier(),
                        new SceneEvaluator.Settings(c.bandSet(), options.resolutionM(), MaskingOptions.defaults())))
                .toList();
        for (int i = 0; i < sceneIds.size(); i++) {
            String id = sceneIds.get(i);
            long start = System.nanoTime();
            List<BinaryConfusion> sceneCloud = new ArrayList<>(k);
            try (LabelledScene scene = dataset.open(id)) {
                tags.put(id, scene.tags());
                SceneSource source = scene.source();
                BufferedImage quick = null;
                Path folder = null;
                int step = 1;
                if (options.picturesDir() != null) {
                    folder = options.picturesDir().resolve(uniqueFolder(id, i, folders));
                    step = Pictures.step(scene.width(), scene.height(), options.pictureSize());
                    quick = Pictures.quicklook(source, step);
                    Path q = folder.resolve("quicklook.png");
                    Pictures.writePng(quick, q);
                    quicklooks.put(id, q);
                }
                for (int c = 0; c < k; c++) {
                    long t0 = System.nanoTime();
                    SceneEvaluator.Prediction p = evaluators.get(c).predict(id, source, scene.labels(), scene.scheme());
                    seconds[c] += (System.nanoTime() - t0) / 1e9;
                    ConfusionMatrix m =
                            new ConfusionMatrix(p.scheme()).add(p.truth(), p.predicted(), ClassScheme.NODATA);
                    counts.get(c).put(id, m);
                    sceneCloud.add(m.cloud());
                    if (p.cloudProbability() != null) {
                        if (reliability.get(c) == null) {
                            reliability.set(c, new Reliability());
                        }
                        p.forEachLabelledPixel(reliability.get(c)::add);
                    }
                    if (quick != null) {
                        BufferedImage overlay = Pictures.overlay(
                                quick,
                                Pictures.decimate(p.truth(), p.width(), p.height(), step),
                                Pictures.decimate(p.predicted(), p.width(), p.height(), step),
                                p.scheme());
                        Path o = folder.resolve(
                                k == 1
                                        ? "overlay.png"
                                        : "overlay-" + (c + 1) + "-"
                                                + slug(candidates.get(c).label()) + ".png");
                        Pictures.writePng(overlay, o);
                        overlays.get(c).put(id, o);
                    }
                }
            }
            if (listener != null) {
                listener.sceneDone(i, sceneIds.size(), id, sceneCloud, (System.nanoTime() - start) / 1e9);
            }
        }
        return new DatasetEvaluation(
                dataset.name(),
                candidates,
                options,
                List.copyOf(sceneIds),
                counts,
                tags,
                quicklooks,
                overlays,
                seconds,
                reliability);
    }

    private static String uniqueFolder(String sceneId, int index, Set<String> used) {
        String f = sceneId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (f.isEmpty() || f.startsWith(".") || !used.add(f)) {
            f = String.format(Locale.ROOT, "%04d-%s", index, f);
            used.add(f);
        }
        return f;
    }

    /** Lower-case letters and digits with runs of anything else as one '-'. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+|-+$", "");
    }
}
