package org.sensei4j.train.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.dataset.DatasetTypes;
import org.sensei4j.io.dataset.LabelledImage;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;
import org.sensei4j.train.sample.BandSubsetter;
import org.sensei4j.train.sample.DatasetMixer;
import org.sensei4j.train.sample.PatchSampler;
import org.sensei4j.train.sample.SampleProvider;
import org.sensei4j.train.sample.SceneSampleProvider;
import org.sensei4j.train.sample.Seeds;
import org.sensei4j.train.sample.TrainingSample;

/**
 * The data of a training run, built from a {@link TrainConfig}: the training sample provider (the data sets
 * mixed by weight, each sampling its training scenes lazily) and the fixed validation tiles, with a description
 * of what was trained on and what was held out (for provenance).
 */
public final class TrainingData implements AutoCloseable {

    /** Key of the validation tile choice in {@link Seeds#derive}. */
    static final long VALIDATION_SEED_KEY = -2;
    /** Key of the synthetic scenes' seeds in {@link Seeds#derive}, after the data set index. */
    static final long SYNTHETIC_SEED_KEY = -3;

    /** What one data set contributes. */
    public record Part(
            String name,
            String type,
            String path,
            List<String> trainScenes,
            double trainRowFraction,
            List<String> validationScenes,
            double heldOutBottom,
            List<String> bands) {

        /** One line for provenance and logs. */
        public String describe() {
            StringBuilder sb = new StringBuilder(name).append(" (").append(type);
            if (path != null) {
                sb.append(", ").append(path);
            }
            sb.append("): trained on ")
                    .append(trainScenes.size())
                    .append(" scene(s) ")
                    .append(abbreviate(trainScenes));
            if (trainRowFraction < 1) {
                sb.append(String.format(Locale.ROOT, ", top %.0f%% of the rows of each", 100 * trainRowFraction));
            }
            List<String> held = new ArrayList<>();
            if (!validationScenes.isEmpty()) {
                held.add(validationScenes.size() + " scene(s) " + abbreviate(validationScenes));
            }
            if (heldOutBottom > 0) {
                held.add(String.format(
                        Locale.ROOT, "the bottom %.0f%% of the rows of each training scene", 100 * heldOutBottom));
            }
            sb.append("; held out for validation: ").append(held.isEmpty() ? "nothing" : String.join(" and ", held));
            return sb.toString();
        }
    }

    private final List<Part> parts;
    private final SampleProvider training;
    private final List<SceneSampleProvider> providers;
    private final List<TrainingSample> validation;

    private TrainingData(
            List<Part> parts,
            SampleProvider training,
            List<SceneSampleProvider> providers,
            List<TrainingSample> validation) {
        this.parts = List.copyOf(parts);
        this.training = training;
        this.providers = List.copyOf(providers);
        this.validation = List.copyOf(validation);
    }

    /** What each training data set contributes. */
    public List<Part> parts() {
        return parts;
    }

    /** The training samples, drawn from the data sets by weight. */
    public SampleProvider training() {
        return training;
    }

    /** The fixed validation tiles, in the training scheme (bands not yet selected). */
    public List<TrainingSample> validation() {
        return validation;
    }

    /** One line per data set (training and validation-only). */
    public List<String> describe() {
        return parts.stream().map(Part::describe).toList();
    }

    /**
     * Opens the data sets of {@code config} and prepares training and validation data. Opens the first training
     * scene of every data set (its bands are recorded; a fixed-band model's bands are checked on it) and reads
     * the validation tiles.
     *
     * @throws SenseiException for an unreadable data set, unknown held-out scene ids, a data set left without
     *     training scenes, or missing fixed bands
     */
    public static TrainingData build(TrainConfig config, Path baseDir) {
        config.checkPaths(baseDir);
        ClassScheme scheme = config.scheme();
        PatchSampler sampler = new PatchSampler(config.patchSampler());
        List<Part> parts = new ArrayList<>();
        List<DatasetMixer.Source> sources = new ArrayList<>();
        List<SceneSampleProvider> providers = new ArrayList<>();
        List<OpenedDataset> all = openAll(config, baseDir);
        for (OpenedDataset o : all) {
            DatasetConfig dc = o.config();
            if (o.validationOnly()) {
                parts.add(new Part(dc.name(), dc.type(), dc.path(), List.of(), 1, o.validation(), 0, List.of()));
                continue;
            }
            Dataset ds = o.dataset();
            double keep = o.keep();
            Function<String, LabelledScene> opener = id -> topPart(ds.open(id), keep);
            List<String> bands;
            try (LabelledScene first = opener.apply(o.train().get(0))) {
                bands = ds instanceof SyntheticDataset sd ? sd.bandIds() : bandIds(first);
                checkFixedBands(config, dc, first);
                int rows = first.height();
                if (rows < config.cropSize() || first.width() < config.cropSize()) {
                    throw new SenseiException("data set '" + dc.name() + "': scene " + first.sceneId() + " is "
                            + first.width() + "×" + rows + " px"
                            + (keep < 1 ? " after holding out the bottom " + dc.holdOutBottom() + " of its rows" : "")
                            + ", smaller than crop_size "
                            + config.cropSize() + ": lower crop_size or hold out less");
                }
            }
            SceneSampleProvider p = SceneSampleProvider.lazy(dc.name(), o.train(), opener, sampler, dc.maxOpen());
            providers.add(p);
            sources.add(new DatasetMixer.Source(dc.name(), dc.weight(), p));
            parts.add(new Part(
                    dc.name(), dc.type(), dc.path(), o.train(), keep, o.validation(), dc.holdOutBottom(), bands));
        }
        List<TrainingSample> validation = heldOutTiles(config, heldOutParts(all), scheme);
        return new TrainingData(parts, new DatasetMixer(sources), providers, validation);
    }

    /**
     * A data set of a config, opened, with its scenes: what is trained on (the top {@code keep} of the rows of
     * each) and what is validated on whole; a validation-only data set has no training scenes.
     */
    private record OpenedDataset(
            DatasetConfig config,
            Dataset dataset,
            List<String> train,
            List<String> validation,
            double keep,
            boolean validationOnly) {}

    /** Opens the training data sets, then the validation-only ones, in config order. */
    private static List<OpenedDataset> openAll(TrainConfig config, Path baseDir) {
        List<OpenedDataset> all = new ArrayList<>();
        for (int d = 0; d < config.datasets().size(); d++) {
            DatasetConfig dc = config.datasets().get(d);
            Dataset ds = open(dc, baseDir, syntheticSeed(config, d));
            Selection sel = select(dc, ds);
            all.add(new OpenedDataset(dc, ds, sel.train(), sel.validation(), 1 - dc.holdOutBottom(), false));
        }
        for (int v = 0; v < config.validation().datasets().size(); v++) {
            DatasetConfig dc = config.validation().datasets().get(v);
            Dataset ds = open(dc, baseDir, Seeds.derive(config.seed(), SYNTHETIC_SEED_KEY, 1000 + v));
            List<String> ids = dc.scenes() != null ? dc.scenes() : ds.sceneIds();
            requireKnown(dc, ds, ids, "scenes");
            all.add(new OpenedDataset(dc, ds, List.of(), ids, 1, true));
        }
        return all;
    }

    /**
     * What is validated on, in the order the validation tiles are chosen from (the choice depends on it): per data
     * set its validation scenes whole, then the held-out bottom rows of its training scenes.
     */
    private static List<ScenePart> heldOutParts(List<OpenedDataset> all) {
        List<ScenePart> heldOut = new ArrayList<>();
        for (OpenedDataset o : all) {
            DatasetConfig dc = o.config();
            o.validation().forEach(id -> heldOut.add(new ScenePart(dc.name(), dc.weight(), o.dataset(), id, 0, 1)));
            if (o.keep() < 1) {
                o.train()
                        .forEach(
                                id -> heldOut.add(new ScenePart(dc.name(), dc.weight(), o.dataset(), id, o.keep(), 1)));
            }
        }
        return heldOut;
    }

    /**
     * Rows of one scene of a data set: from {@code floor(height · fromRowFraction)} to
     * {@code floor(height · toRowFraction)} (exclusive), the same split as {@link #build} makes.
     *
     * @param dataset the data set's name in the config
     * @param weight  the data set's weight in the config
     */
    public record ScenePart(
            String dataset,
            double weight,
            Dataset source,
            String sceneId,
            double fromRowFraction,
            double toRowFraction) {

        /** Opens the part, in memory when it is not the whole scene. */
        public LabelledScene open() {
            LabelledScene s = source.open(sceneId);
            if (fromRowFraction <= 0 && toRowFraction >= 1) {
                return s;
            }
            try (s) {
                int y0 = (int) Math.floor(s.height() * fromRowFraction);
                int y1 = toRowFraction >= 1 ? s.height() : (int) Math.floor(s.height() * toRowFraction);
                return s.window(new PixelWindow(0, y0, s.width(), y1 - y0));
            }
        }
    }

    /** The scene parts of a config: what is trained on and what is held out for validation. */
    public record SceneParts(List<ScenePart> training, List<ScenePart> heldOut) {}

    /**
     * The training and held-out scene parts of {@code config}, without reading any pixels: for classifiers
     * trained outside the segmentation loop (e.g. the gradient-boosted floor) on exactly the pixels the network
     * trains on, and validated on exactly what it holds out.
     *
     * @throws SenseiException for an unreadable data set or unknown scene ids
     */
    public static SceneParts sceneParts(TrainConfig config, Path baseDir) {
        config.checkDataPaths(baseDir);
        List<OpenedDataset> all = openAll(config, baseDir);
        List<ScenePart> training = new ArrayList<>();
        for (OpenedDataset o : all) {
            o.train()
                    .forEach(id -> training.add(
                            new ScenePart(o.config().name(), o.config().weight(), o.dataset(), id, 0, o.keep())));
        }
        return new SceneParts(List.copyOf(training), List.copyOf(heldOutParts(all)));
    }

    /**
     * The validation tiles {@link #build} reads (the same windows), from the held-out parts of
     * {@link #sceneParts}, with labels in {@code scheme} (e.g. {@code cloud} when a data set is labelled coarser
     * than the config's scheme).
     */
    public static List<TrainingSample> heldOutTiles(TrainConfig config, List<ScenePart> heldOut, ClassScheme scheme) {
        List<Region> regions = heldOut.stream()
                .map(p -> new Region(p.source(), p.sceneId(), p.fromRowFraction()))
                .toList();
        return validationTiles(config, regions, scheme);
    }

    /** A part of a scene validated on: rows from {@code fromRowFraction} of its height to the bottom. */
    private record Region(Dataset dataset, String sceneId, double fromRowFraction) {}

    private record Selection(List<String> train, List<String> validation) {}

    /**
     * The seed the synthetic training data set at {@code index} of {@code config.datasets()} renders its scenes with
     * when it gives no {@code seed} of its own (derived from the run's seed and the index).
     */
    public static long syntheticSeed(TrainConfig config, int index) {
        return Seeds.derive(config.seed(), SYNTHETIC_SEED_KEY, index);
    }

    /**
     * Opens one data set of a config by type, whole (no split, hold-out or scene selection applied), e.g. to
     * evaluate on it.
     *
     * @param derivedSeed the seed of a synthetic data set without its own {@code seed}
     * @throws SenseiException for an unreadable data set
     */
    public static Dataset open(DatasetConfig dc, Path baseDir, long derivedSeed) {
        Dataset ds;
        if (dc.isSynthetic()) {
            ds = new SyntheticDataset(
                    dc.name(),
                    dc.sensors(),
                    dc.sceneCount(),
                    dc.size(),
                    dc.seed() != null ? dc.seed() : derivedSeed,
                    dc.spectraDir() == null ? null : TrainConfig.resolve(baseDir, dc.spectraDir()));
        } else {
            Path p = TrainConfig.resolve(baseDir, dc.path());
            ds = "image".equals(dc.type())
                    ? imageDataset(dc, p, baseDir)
                    : DatasetTypes.reader(dc.type())
                            .orElseThrow(() -> new SenseiException("unknown data set type '" + dc.type() + "'"))
                            .apply(p);
        }
        if (dc.splitDir() != null) {
            ds = new WithSplits(ds, SplitAssignment.read(TrainConfig.resolve(baseDir, dc.splitDir())));
        }
        return ds;
    }

    /**
     * One labelled image ({@code type: image}): the image at {@code p} read through the sensor's bands, the mask
     * decoded with {@code mask_codes}. Its scheme is the mapping's (e.g. {@code cloud} for clear/cloud labels), so
     * a coarser label trains only what it says, as the other coarse data sets do.
     */
    private static Dataset imageDataset(DatasetConfig dc, Path p, Path baseDir) {
        Sensor sensor = SensorRegistry.defaultRegistry().get(dc.sensor().strip());
        ProductOptions options = dc.bands() == null
                ? ProductOptions.defaults().withSensor(sensor)
                : ProductOptions.defaults().withSelection(BandSelection.of(sensor, sensor.select(dc.bands())));
        ClassCodeMapping mapping = dc.maskCodes() == null ? null : ClassCodeMapping.of(dc.maskCodes());
        ClassScheme scheme = mapping == null ? ClassScheme.CLEAR_CLOUD_SHADOW : mapping.scheme();
        return LabelledImage.dataset(dc.name(), p, TrainConfig.resolve(baseDir, dc.mask()), mapping, scheme, options);
    }

    private static Selection select(DatasetConfig dc, Dataset ds) {
        boolean hasSplit = !ds.splits().isEmpty();
        String trainSplit = dc.trainSplit() != null ? dc.trainSplit() : hasSplit ? Split.TRAIN.id() : DatasetConfig.ALL;
        String validationSplit = dc.validationSplit() != null
                ? dc.validationSplit()
                : hasSplit && Split.TRAIN.id().equals(trainSplit) ? Split.VALIDATION.id() : DatasetConfig.NONE;
        if (!hasSplit && (!DatasetConfig.ALL.equals(trainSplit) || !DatasetConfig.NONE.equals(validationSplit))) {
            throw new SenseiException("data set '" + dc.name() + "' has no split: give split_dir, or use "
                    + "train_split: all and hold scenes out with hold_out_scenes or hold_out_bottom");
        }
        List<String> universe = dc.scenes() != null ? dc.scenes() : ds.sceneIds();
        requireKnown(dc, ds, universe, "scenes");
        requireKnown(dc, ds, dc.holdOutScenes(), "hold_out_scenes");
        Set<String> heldOut = new LinkedHashSet<>(dc.holdOutScenes());
        List<String> train = new ArrayList<>();
        List<String> validation = new ArrayList<>();
        for (String id : universe) {
            if (heldOut.contains(id)) {
                continue;
            }
            if (DatasetConfig.ALL.equals(trainSplit) || inSplit(ds, id, trainSplit)) {
                train.add(id);
            } else if (!DatasetConfig.NONE.equals(validationSplit) && inSplit(ds, id, validationSplit)) {
                validation.add(id);
            }
        }
        if (dc.maxScenes() != null && train.size() > dc.maxScenes()) {
            train = new ArrayList<>(train.subList(0, dc.maxScenes()));
        }
        validation.addAll(heldOut);
        if (train.isEmpty()) {
            throw new SenseiException("data set '" + dc.name() + "' has no training scenes left (train_split "
                    + trainSplit + ", " + heldOut.size() + " held out, of " + universe.size() + "): check its "
                    + "split and hold_out_scenes");
        }
        return new Selection(List.copyOf(train), List.copyOf(validation));
    }

    private static boolean inSplit(Dataset ds, String id, String split) {
        Split s = Split.fromName(split).orElseThrow();
        return ds.split(id).orElse(null) == s;
    }

    private static void requireKnown(DatasetConfig dc, Dataset ds, List<String> ids, String key) {
        List<String> unknown = ids.stream().filter(id -> !ds.contains(id)).toList();
        if (!unknown.isEmpty()) {
            List<String> some = ds.sceneIds().subList(0, Math.min(5, ds.size()));
            throw new SenseiException("data set '" + dc.name() + "': " + key + " names scene(s) " + unknown
                    + " that it does not have (it has " + ds.size() + " scenes, e.g. " + some + "): fix the ids");
        }
    }

    /** The top {@code fraction} of a scene's rows (the scene itself when 1), in memory; closes the original. */
    static LabelledScene topPart(LabelledScene scene, double fraction) {
        if (fraction >= 1) {
            return scene;
        }
        int rows = (int) Math.floor(scene.height() * fraction);
        try (scene) {
            return scene.window(new PixelWindow(0, 0, scene.width(), rows));
        }
    }

    private static List<String> bandIds(LabelledScene s) {
        String sensor = s.source().sensor().map(x -> x.id() + ":").orElse("");
        return s.source().bands().stream().map(b -> sensor + b.id()).toList();
    }

    private static void checkFixedBands(TrainConfig config, DatasetConfig dc, LabelledScene scene) {
        if (config.fixedBands() == null) {
            return;
        }
        List<String> ids = scene.source().bands().stream().map(Band::id).toList();
        List<String> missing = new ArrayList<>();
        for (String entry : config.fixedBands()) {
            boolean found = Arrays.stream(entry.split("\\|")).map(String::strip).anyMatch(ids::contains);
            if (!found) {
                missing.add(entry);
            }
        }
        if (!missing.isEmpty()) {
            throw new SenseiException("data set '" + dc.name() + "' (scene " + scene.sceneId() + ", bands " + ids
                    + ") lacks the fixed band(s) " + missing + ": train a fixed-band model only on data sets with "
                    + "all its bands, list alternatives as A|B, or use sensei: true");
        }
    }

    /**
     * The validation tiles: each region cut into a grid of tiles (partial tiles at the right and bottom edges left
     * out), those with enough labelled pixels kept, at most {@code max_patches} of them chosen at random with the
     * run's seed, then read, in region and grid order.
     */
    private static List<TrainingSample> validationTiles(TrainConfig config, List<Region> regions, ClassScheme scheme) {
        record Tile(int region, PixelWindow window) {}
        int tile = config.validationTileSize();
        double minLabelled = config.validation().minLabelledFraction();
        List<Tile> candidates = new ArrayList<>();
        for (int r = 0; r < regions.size(); r++) {
            Region region = regions.get(r);
            try (LabelledScene s = region.dataset().open(region.sceneId())) {
                int top = (int) Math.floor(s.height() * region.fromRowFraction());
                int h = s.height() - top;
                int t = Math.min(tile, Math.min(s.width(), h));
                for (int y = top; y + t <= s.height(); y += t) {
                    for (int x = 0; x + t <= s.width(); x += t) {
                        PixelWindow w = new PixelWindow(x, y, t, t);
                        if (PatchSampler.labelledFraction(s, w) >= Math.max(minLabelled, 1e-9)) {
                            candidates.add(new Tile(r, w));
                        }
                    }
                }
            }
        }
        List<Tile> chosen = candidates;
        int max = config.validation().maxPatches();
        if (candidates.size() > max) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(Seeds.derive(config.seed(), VALIDATION_SEED_KEY)));
            List<Integer> keep = new ArrayList<>(order.subList(0, max));
            keep.sort(null);
            chosen = keep.stream().map(candidates::get).toList();
        }
        Map<Integer, List<PixelWindow>> byRegion = new LinkedHashMap<>();
        for (Tile t : chosen) {
            byRegion.computeIfAbsent(t.region(), k -> new ArrayList<>()).add(t.window());
        }
        List<TrainingSample> out = new ArrayList<>();
        for (Map.Entry<Integer, List<PixelWindow>> e : byRegion.entrySet()) {
            Region region = regions.get(e.getKey());
            try (LabelledScene s = region.dataset().open(region.sceneId())) {
                for (PixelWindow w : e.getValue()) {
                    out.add(PatchSampler.read(s, w).forTraining(scheme));
                }
            }
        }
        return out;
    }

    /** Samples of {@code validation} with their bands as the model takes them. */
    static List<TrainingSample> modelBands(List<TrainingSample> samples, BandSubsetter bands) {
        if (!bands.isFixed()) {
            return samples;
        }
        return samples.stream().map(bands::select).toList();
    }

    @Override
    public void close() {
        providers.forEach(SceneSampleProvider::close);
    }

    /** A data set with another split assignment. */
    private record WithSplits(Dataset delegate, SplitAssignment splits) implements Dataset {
        WithSplits {
            Objects.requireNonNull(delegate);
            Objects.requireNonNull(splits);
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<String> sceneIds() {
            return delegate.sceneIds();
        }

        @Override
        public ClassScheme scheme() {
            return delegate.scheme();
        }

        @Override
        public LabelledScene open(String sceneId) {
            return delegate.open(sceneId);
        }

        @Override
        public boolean contains(String sceneId) {
            return delegate.contains(sceneId);
        }
    }

    private static String abbreviate(List<String> ids) {
        if (ids.size() <= 6) {
            return ids.toString();
        }
        return "[" + String.join(", ", ids.subList(0, 3)) + ", ..., "
                + String.join(", ", ids.subList(ids.size() - 2, ids.size())) + "]";
    }
}
