package org.sensei4j.floor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.eval.PixelClassifier;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.ConfusionMatrix;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.train.sample.TrainingSample;
import org.sensei4j.train.segmentation.TrainConfig;
import org.sensei4j.train.segmentation.TrainingData;
import org.sensei4j.train.segmentation.TrainingData.ScenePart;
import org.sensei4j.train.segmentation.Validation;

/**
 * Trains the {@link GradientBoostedPixelClassifier} floor on the data of a {@code sensei train} config: pixels
 * drawn from exactly the scene parts the network trains on ({@link TrainingData#sceneParts}; each data set's
 * share by its weight, balanced between classes), validated cloud-vs-rest on exactly what the config holds out
 * (the whole held-out parts, and the validation tiles {@code sensei train} reports its metrics on).
 *
 * <p>Bands: like the network, the floor is trained sensor-independent. Unless the config has {@code fixed_bands},
 * each training pixel sees a random subset of its scene's bands drawn as the config's {@code band_subset} says
 * (a count uniform in [min_bands, max_bands or all], see {@link PixelBandSubset}; synthetic bands are not made),
 * so that "a band is missing" is not learnt as a property of the one data set that lacks it.
 *
 * <p>Class scheme: the config's, unless a training data set is labelled in a coarser one (e.g. On Cloud N's
 * cloud / not-cloud under {@code cloud-shadow}); then the floor is trained in {@code cloud} (cloud vs
 * everything else), the scheme every data set converts to.
 */
public final class FloorTrainer {

    /** Key of the cloud counts over all data sets. */
    public static final String ALL = "all";
    /** Default number of training pixels. */
    public static final int DEFAULT_MAX_PIXELS = 200_000;

    /**
     * The outcome.
     *
     * @param classifier     the trained floor (its provenance holds the metrics below)
     * @param schemeNote     why the scheme differs from the config's, or null
     * @param heldOut        cloud-vs-rest counts on the whole held-out parts, per data set and {@link #ALL}
     * @param tiles          cloud-vs-rest counts on the validation tiles of {@code sensei train}, likewise
     * @param sampleSeconds  time spent drawing the pixels (s)
     */
    public record Result(
            GradientBoostedPixelClassifier classifier,
            String schemeNote,
            Map<String, BinaryConfusion> heldOut,
            Map<String, BinaryConfusion> tiles,
            double sampleSeconds) {}

    private FloorTrainer() {}

    /**
     * The scheme the floor is trained in: the config's when every training data set's labels convert to it,
     * else {@code cloud}.
     */
    public static ClassScheme scheme(ClassScheme configScheme, List<ClassScheme> datasetSchemes) {
        return datasetSchemes.stream().allMatch(s -> s.canConvertTo(configScheme))
                ? configScheme
                : ClassScheme.CLOUD_CLEAR;
    }

    /**
     * Trains and validates.
     *
     * @param baseDir   what relative paths of the config are resolved against
     * @param maxPixels training pixels in all (each data set's share split equally between classes)
     * @param log       told what happens, or null
     * @throws org.sensei4j.error.SenseiException for unreadable data or a class without pixels
     */
    public static Result train(
            TrainConfig config,
            Path baseDir,
            int maxPixels,
            GradientBoostedPixelClassifier.Params params,
            Consumer<String> log) {
        return train(config, baseDir, maxPixels, params, true, log, Progress.NONE);
    }

    /**
     * The band subsets the floor's training pixels get for {@code config}: its {@code band_subset} counts, or null
     * (all bands) when it has {@code fixed_bands} or {@code bandSubsets} is false.
     */
    public static PixelBandSubset bandSubset(TrainConfig config, boolean bandSubsets) {
        return bandSubsets && config.fixedBands() == null ? PixelBandSubset.of(config.bandSubset()) : null;
    }

    /**
     * How far {@link #train} has come, for a progress bar: each stage ("sampling" scenes, "boosting" rounds,
     * "validating" held-out parts and tiles) is begun with its total, then told the work done in it.
     */
    public interface Progress {

        /** Tells nothing. */
        Progress NONE = new Progress() {
            @Override
            public void stage(String name, long total, String unit) {}

            @Override
            public void done(long done) {}
        };

        /** A stage begins: {@code total} {@code unit}s of work. */
        void stage(String name, long total, String unit);

        /** {@code done} of the stage's total are done. */
        void done(long done);
    }

    /**
     * As {@link #train(TrainConfig, Path, int, GradientBoostedPixelClassifier.Params, Consumer)}, telling
     * {@code progress} how far it has come (the floor is the same); with {@code bandSubsets} false every training
     * pixel keeps all its scene's bands.
     */
    public static Result train(
            TrainConfig config,
            Path baseDir,
            int maxPixels,
            GradientBoostedPixelClassifier.Params params,
            boolean bandSubsets,
            Consumer<String> log,
            Progress progress) {
        Consumer<String> say = log == null ? s -> {} : log;
        TrainingData.SceneParts parts = TrainingData.sceneParts(config, baseDir);
        Map<String, List<ScenePart>> byDataset = new LinkedHashMap<>();
        parts.training()
                .forEach(p -> byDataset
                        .computeIfAbsent(p.dataset(), k -> new ArrayList<>())
                        .add(p));
        List<ClassScheme> schemes =
                byDataset.values().stream().map(l -> l.get(0).source().scheme()).toList();
        ClassScheme scheme = scheme(config.scheme(), schemes);
        String note = scheme == config.scheme()
                ? null
                : "trained in scheme '" + scheme.id() + "', not the config's '"
                        + config.scheme().id() + "': a training data set is labelled in a coarser scheme";
        if (note != null) {
            say.accept(note);
        }
        List<PixelSample.Group> groups = new ArrayList<>();
        List<String> described = new ArrayList<>();
        long[] opened = {0};
        byDataset.forEach((name, list) -> {
            // each scene is opened once, after the one before was read: an open says how many are done
            List<Supplier<LabelledScene>> openers = list.stream()
                    .<Supplier<LabelledScene>>map(p -> () -> {
                        progress.done(opened[0]++);
                        return p.open();
                    })
                    .toList();
            groups.add(new PixelSample.Group(name, list.get(0).weight(), openers));
            described.add(name + ": " + list.size() + " scene part(s), rows "
                    + list.get(0).fromRowFraction() + "–" + list.get(0).toRowFraction() + " of each");
        });
        PixelBandSubset subset = bandSubset(config, bandSubsets);
        String subsetNote = subset != null
                ? "random band subsets per training pixel: " + subset
                        + " (the config's band_subset"
                        + (config.bandSubset().syntheticBandProbability() > 0
                                ? "; its synthetic bands are not made for the floor)"
                                : ")")
                : "every training pixel keeps all its scene's bands"
                        + (config.fixedBands() != null ? " (the config has fixed_bands)" : "");
        say.accept(subsetNote);
        long t0 = System.nanoTime();
        progress.stage("sampling", parts.training().size(), " scenes");
        PixelSample sample = PixelSample.draw(groups, scheme, maxPixels, config.seed(), subset);
        progress.done(parts.training().size());
        double sampleSeconds = (System.nanoTime() - t0) / 1e9;
        say.accept(String.format(
                Locale.ROOT,
                "drew %,d training pixels in %.1f s: %s",
                sample.count(),
                sampleSeconds,
                sample.perGroup()));
        progress.stage("boosting", params.rounds(), " rounds");
        GradientBoostedPixelClassifier floor =
                GradientBoostedPixelClassifier.train(sample, params, config.seed(), described, progress::done);
        say.accept(String.format(
                Locale.ROOT,
                "boosted %d rounds in %.1f s",
                params.rounds(),
                floor.info().trainingSeconds()));
        progress.stage("validating", parts.heldOut().size() + 1, " steps");
        Map<String, BinaryConfusion> heldOut = validate(floor, parts.heldOut(), progress);
        Map<String, BinaryConfusion> tiles =
                validateTiles(floor, TrainingData.heldOutTiles(config, parts.heldOut(), ClassScheme.CLOUD_CLEAR));
        progress.done(parts.heldOut().size() + 1);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("config_name", config.name());
        prov.put("config", config.verbatim());
        prov.put("class_scheme_note", note);
        prov.put("band_subset_note", subsetNote);
        prov.put("sample_seconds", sampleSeconds);
        prov.put("validation_held_out", metrics(heldOut));
        prov.put("validation_tiles", metrics(tiles));
        prov.put("xgboost", "ml.dmlc:xgboost4j_2.12");
        floor.provenance(prov);
        return new Result(floor, note, heldOut, tiles, sampleSeconds);
    }

    /** OA, BA, precision, recall, F1 (percent) and pixels per key. */
    public static Map<String, Object> metrics(Map<String, BinaryConfusion> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        counts.forEach((k, c) -> m.put(k, Validation.cloudMetrics(c)));
        return m;
    }

    /** Cloud-vs-rest counts of {@code classifier} on whole scene parts, per data set and {@link #ALL}. */
    public static Map<String, BinaryConfusion> validate(PixelClassifier classifier, List<ScenePart> parts) {
        return validate(classifier, parts, Progress.NONE);
    }

    private static Map<String, BinaryConfusion> validate(
            PixelClassifier classifier, List<ScenePart> parts, Progress progress) {
        Map<String, ConfusionMatrix> counts = new LinkedHashMap<>();
        long done = 0;
        for (ScenePart p : parts) {
            try (LabelledScene s = p.open()) {
                add(
                        counts,
                        p.dataset(),
                        s.labels(ClassScheme.CLOUD_CLEAR),
                        classifier.classify(s.source(), ClassScheme.CLOUD_CLEAR));
            }
            progress.done(++done);
        }
        return cloud(counts);
    }

    /** Cloud-vs-rest counts of {@code classifier} on training-style tiles, per data set and {@link #ALL}. */
    public static Map<String, BinaryConfusion> validateTiles(PixelClassifier classifier, List<TrainingSample> tiles) {
        Map<String, ConfusionMatrix> counts = new LinkedHashMap<>();
        for (TrainingSample t : tiles) {
            Scene scene = new Scene(
                    t.origin().sceneId(),
                    t.bands(),
                    null,
                    new FloatRaster(t.bandCount(), t.size(), t.size(), t.values(), null),
                    new byte[t.planeSize()],
                    null,
                    Double.NaN);
            add(
                    counts,
                    t.origin().dataset(),
                    t.scheme().convert(t.labels(), ClassScheme.CLOUD_CLEAR),
                    classifier.classify(scene, ClassScheme.CLOUD_CLEAR));
        }
        return cloud(counts);
    }

    private static void add(Map<String, ConfusionMatrix> counts, String dataset, byte[] truth, byte[] predicted) {
        for (String key : List.of(dataset, ALL)) {
            counts.computeIfAbsent(key, k -> new ConfusionMatrix(ClassScheme.CLOUD_CLEAR))
                    .add(truth, predicted, ClassScheme.NODATA);
        }
    }

    private static Map<String, BinaryConfusion> cloud(Map<String, ConfusionMatrix> counts) {
        Map<String, BinaryConfusion> out = new LinkedHashMap<>();
        counts.forEach((k, m) -> {
            if (!ALL.equals(k)) {
                out.put(k, m.cloud());
            }
        });
        if (counts.containsKey(ALL)) {
            out.put(ALL, counts.get(ALL).cloud());
        }
        return out;
    }
}
