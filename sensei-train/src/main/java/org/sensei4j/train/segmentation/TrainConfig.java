package org.sensei4j.train.segmentation;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.cloud.BandSpec;
import org.sensei4j.model.head.HeadConfig;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;
import org.sensei4j.train.config.ConfigFiles;
import org.sensei4j.train.sample.AugmentationConfig;
import org.sensei4j.train.sample.BandSubsetConfig;
import org.sensei4j.train.sample.PatchSamplerConfig;

/**
 * Settings of a segmentation (cloud mask) training run, read from YAML (or JSON) with snake_case keys. Unknown
 * keys are rejected naming the key; keys left out take the paper's values. Relative paths are resolved against
 * the directory {@code sensei train} runs in (the repository root for the shipped configs). Data set paths are
 * checked by {@link #checkPaths} when training starts, not when parsing, so that configs with placeholder paths
 * still parse.
 *
 * <pre>
 * name: sensei-dlv3-s2            # required
 * head: deeplabv3plus             # nn | deeplabv3plus
 * sensei: true                    # SEnSeI encoder in front of the head
 * sensei_weights: published       # null: random init; published; or a Keras .hdf5 / bundle path
 * fixed_bands: [B01, B02, ...]    # fixed-band models: the inputs in order (A|B: A, or else B)
 * fixed_bands_sensor: sentinel2   # the sensor whose wavelengths the fixed bands take (first alternative)
 * class_scheme: cloud             # cloud | cloud-shadow | full
 * datasets: [ {type: catalogue, path: ..., weight: 1, split_dir: ...} ]   # see DatasetConfig
 * patch_size: 263                 # crops of crop_size are taken from random patch_size windows
 * crop_size: 257
 * min_labelled_fraction: 0.5
 * batch_size: 8
 * steps_per_epoch: 1000
 * epochs: 200
 * optimiser: {type: sgd, learning_rate: 1.0e-3, momentum: 0.99}
 * lr_schedule: {factor: 0.25, patience: 3, min_lr: 2.0e-5, monitor: train_loss}
 * augmentation: {...}             # AugmentationConfig; default: the paper's
 * band_subset: {min_bands: 3}     # BandSubsetConfig, SEnSeI models without fixed_bands
 * validation: {every_epochs: 1, max_patches: 64}
 * seed: 1
 * output_dir: runs/sensei-dlv3-s2 # default runs/NAME
 * keep_checkpoints: 2
 * class_weights: [1, 1, 3]        # loss weight per class of class_scheme (default: all 1), e.g. for rare shadow
 * head_alpha: 0.35                # deeplabv3plus only: MobileNetV2 width multiplier (default 1, the paper's)
 * </pre>
 *
 * @param verbatim the configuration as written (for provenance); not part of the settings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RecordBuilder
public record TrainConfig(
        String name,
        String head,
        Boolean sensei,
        String senseiWeights,
        List<String> fixedBands,
        String fixedBandsSensor,
        String classScheme,
        List<DatasetConfig> datasets,
        Integer patchSize,
        Integer cropSize,
        Double minLabelledFraction,
        Integer batchSize,
        Integer stepsPerEpoch,
        Integer epochs,
        OptimiserConfig optimiser,
        LrScheduleConfig lrSchedule,
        AugmentationConfig augmentation,
        BandSubsetConfig bandSubset,
        ValidationConfig validation,
        Long seed,
        @JsonProperty("output_dir") String output,
        Integer keepCheckpoints,
        List<Double> classWeights,
        Double headAlpha,
        @JsonIgnore Map<String, Object> verbatim) {

    /** The heads, as written in configs. */
    public static final List<String> HEADS = HeadType.ids();
    /** {@code sensei_weights: published}: the authors' pretrained encoder, relative to the repository root. */
    public static final String PUBLISHED = "published";

    public static final String PUBLISHED_WEIGHTS = "../shared/conformance/sensei-v1/sensei-epoch043-loss0.198.hdf5";
    /** Keys that may change when a run is resumed. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "output_dir", "keep_checkpoints");

    public TrainConfig {
        if (name == null || name.isBlank()) {
            throw new SenseiException("config has no name: add e.g. name: sensei-dlv3-s2");
        }
        head = head == null ? null : head.strip().toLowerCase(Locale.ROOT);
        if (head == null || !HEADS.contains(head)) {
            throw new SenseiException(
                    "head " + (head == null ? "is missing" : "'" + head + "' is unknown") + ": use one of " + HEADS);
        }
        if (classScheme == null) {
            classScheme = ClassScheme.CLOUD_CLEAR.id();
        }
        ClassScheme.fromId(classScheme);
        sensei = requireNonNullElse(sensei, false);
        if (!sensei && senseiWeights != null) {
            throw new SenseiException(
                    "sensei_weights is set but sensei is false: set sensei: true or remove " + "sensei_weights");
        }
        if (!sensei && (fixedBands == null || fixedBands.isEmpty())) {
            throw new SenseiException("a model without SEnSeI needs fixed_bands, its input bands in order "
                    + "(e.g. [B01, B02, ..., B12] for Sentinel-2), or sensei: true to take any bands");
        }
        fixedBands = fixedBands == null ? null : List.copyOf(fixedBands);
        fixedBandsSensor = fixedBandsSensor == null ? "sentinel2" : fixedBandsSensor;
        if (datasets == null || datasets.isEmpty()) {
            throw new SenseiException("config has no datasets: add at least one, e.g. datasets: [{type: "
                    + "catalogue, path: /data/s2-cloud-mask-catalogue}]");
        }
        datasets = List.copyOf(datasets);
        Set<String> names = new TreeSet<>();
        for (DatasetConfig d : datasets) {
            if (!names.add(d.name())) {
                throw new SenseiException("two data sets are named '" + d.name() + "': give each a distinct name");
            }
        }
        patchSize = requireNonNullElse(patchSize, PatchSamplerConfig.DEFAULT_PATCH_SIZE);
        cropSize = requireNonNullElse(cropSize, PatchSamplerConfig.DEFAULT_CROP_SIZE);
        minLabelledFraction = requireNonNullElse(minLabelledFraction, PatchSamplerConfig.DEFAULT_MIN_LABELLED_FRACTION);
        // checks patch_size >= crop_size etc.
        new PatchSamplerConfig(patchSize, cropSize, minLabelledFraction, PatchSamplerConfig.DEFAULT_MAX_ATTEMPTS);
        batchSize = requireNonNullElse(batchSize, 8);
        stepsPerEpoch = requireNonNullElse(stepsPerEpoch, 1000);
        epochs = requireNonNullElse(epochs, 200);
        seed = requireNonNullElse(seed, 1L);
        keepCheckpoints = requireNonNullElse(keepCheckpoints, 2);
        ConfigFiles.requirePositive("batch_size", batchSize);
        ConfigFiles.requirePositive("steps_per_epoch", stepsPerEpoch);
        ConfigFiles.requirePositive("epochs", epochs);
        ConfigFiles.requirePositive("keep_checkpoints", keepCheckpoints);
        if (HeadType.fromId(head).orElseThrow() == HeadType.DEEPLAB_V3_PLUS && batchSize < 2) {
            throw new SenseiException("batch_size " + batchSize + " is too small for deeplabv3plus: its batch "
                    + "normalisation after global pooling needs at least 2 samples per batch");
        }
        optimiser = optimiser == null ? OptimiserConfig.defaults() : optimiser;
        lrSchedule = lrSchedule == null ? LrScheduleConfig.defaults() : lrSchedule;
        augmentation = augmentation == null ? AugmentationConfig.defaults() : augmentation;
        bandSubset = bandSubset == null ? BandSubsetConfig.defaults() : bandSubset;
        validation = validation == null ? ValidationConfig.defaults() : validation;
        if (output == null || output.isBlank()) {
            output = "runs/" + name;
        }
        if (classWeights != null) {
            int k = ClassScheme.fromId(classScheme).classCount();
            if (classWeights.size() != k
                    || classWeights.stream().anyMatch(w -> w == null || !(w > 0) || w.isInfinite())) {
                throw new SenseiException("class_weights " + classWeights + " do not fit class_scheme "
                        + classScheme + ": give " + k + " positive weights, one per class in the scheme's order "
                        + ClassScheme.fromId(classScheme).classNames());
            }
            classWeights = List.copyOf(classWeights);
        }
        if (headAlpha != null) {
            if (HeadType.fromId(head).orElseThrow() != HeadType.DEEPLAB_V3_PLUS) {
                throw new SenseiException("head_alpha is the width of a deeplabv3plus head, but head is " + head
                        + ": remove head_alpha or set head: deeplabv3plus");
            }
            if (!(headAlpha > 0) || headAlpha > HeadConfig.MAX_ALPHA) {
                throw new SenseiException("head_alpha " + headAlpha + " is out of range: give a width multiplier in "
                        + "(0, " + HeadConfig.MAX_ALPHA + "], e.g. 0.35, 0.5 or 1 (the paper's)");
            }
        }
        verbatim = verbatim == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(verbatim));
        if (fixedBands != null) {
            resolveFixedBands(fixedBands, fixedBandsSensor);
        }
    }

    // ------------------------------------------------------------------ derived settings

    /** The class scheme of the labels and the model. */
    public ClassScheme scheme() {
        return ClassScheme.fromId(classScheme);
    }

    /** The loss weight of each class, in the scheme's order, or null when all are 1. */
    public double[] lossWeights() {
        return classWeights == null
                ? null
                : classWeights.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The patch sampler settings. */
    public PatchSamplerConfig patchSampler() {
        return new PatchSamplerConfig(
                patchSize, cropSize, minLabelledFraction, PatchSamplerConfig.DEFAULT_MAX_ATTEMPTS);
    }

    /** Side of the validation tiles, px. */
    public int validationTileSize() {
        return validation.tileSize() != null ? validation.tileSize() : cropSize;
    }

    /** The fixed bands' specs (id and wavelengths of each entry's first alternative), or null for none. */
    public List<BandSpec> fixedBandSpecs() {
        return fixedBands == null ? null : resolveFixedBands(fixedBands, fixedBandsSensor);
    }

    private static List<BandSpec> resolveFixedBands(List<String> entries, String sensorId) {
        Sensor sensor = SensorRegistry.builtIn().get(sensorId);
        List<BandSpec> out = new ArrayList<>();
        for (String entry : entries) {
            String first = entry.split("\\|")[0].strip();
            Band b = sensor.findBand(first)
                    .orElseThrow(() -> new SenseiException("fixed band '" + first
                            + "' is not a band of " + sensorId + " (fixed_bands_sensor): its bands are "
                            + sensor.bandIds()
                            + "; list the first alternative of each entry as a band of that sensor"));
            out.add(new BandSpec(
                    b.id(),
                    b.wavelengths().minNm(),
                    b.wavelengths().centreNm(),
                    b.wavelengths().maxNm()));
        }
        return out;
    }

    /** A path of the config resolved against {@code baseDir}. */
    public static Path resolve(Path baseDir, String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    }

    /** The output directory. */
    public Path outputDir(Path baseDir) {
        return resolve(baseDir, output).toAbsolutePath().normalize();
    }

    /** The file or bundle SEnSeI is initialised from, or null for a random initialisation. */
    public Path senseiWeightsPath(Path baseDir) {
        if (senseiWeights == null) {
            return null;
        }
        return resolve(baseDir, PUBLISHED.equals(senseiWeights) ? PUBLISHED_WEIGHTS : senseiWeights);
    }

    /** Every data set, training and validation-only, in config order. */
    @JsonIgnore
    public List<DatasetConfig> allDatasets() {
        List<DatasetConfig> all = new ArrayList<>(datasets);
        all.addAll(validation.datasets());
        return all;
    }

    /**
     * Checks that every data set path, split directory and the SEnSeI weights exist, before any training.
     *
     * @throws SenseiException naming the first missing path, the data set and the fix
     */
    public void checkPaths(Path baseDir) {
        checkPaths(baseDir, true);
    }

    /**
     * Checks that every data set path and split directory exists (not the SEnSeI weights: for classifiers trained
     * on the config's data without its model).
     *
     * @throws SenseiException naming the first missing path, the data set and the fix
     */
    public void checkDataPaths(Path baseDir) {
        checkPaths(baseDir, false);
    }

    private void checkPaths(Path baseDir, boolean weights) {
        List<String> problems = new ArrayList<>();
        for (DatasetConfig d : allDatasets()) {
            if (d.path() != null && !Files.exists(resolve(baseDir, d.path()))) {
                problems.add("data set '" + d.name() + "' (" + d.type() + "): path " + resolve(baseDir, d.path())
                        + " does not exist");
            }
            if (d.mask() != null && !Files.isRegularFile(resolve(baseDir, d.mask()))) {
                problems.add(
                        "data set '" + d.name() + "' (image): mask " + resolve(baseDir, d.mask()) + " does not exist");
            }
            if (d.spectraDir() != null && !Files.isDirectory(resolve(baseDir, d.spectraDir()))) {
                problems.add("data set '" + d.name() + "' (synthetic): spectra_dir " + resolve(baseDir, d.spectraDir())
                        + " does not exist (it holds spectra_10nm_wide.csv and "
                        + "refractive_index_water_ice.csv, e.g. ../shared/data/spectra)");
            }
            if (d.splitDir() != null && !Files.isDirectory(resolve(baseDir, d.splitDir()))) {
                problems.add(
                        "data set '" + d.name() + "': split_dir " + resolve(baseDir, d.splitDir()) + " does not exist");
            }
        }
        Path w = weights ? senseiWeightsPath(baseDir) : null;
        if (w != null && !Files.exists(w)) {
            problems.add("sensei_weights " + w + " does not exist"
                    + (PUBLISHED.equals(senseiWeights)
                            ? " (\"published\" is " + PUBLISHED_WEIGHTS + " relative to the directory you run in)"
                            : ""));
        }
        if (!problems.isEmpty()) {
            throw new SenseiException("config '" + name + "': " + String.join("; ", problems) + ": replace the "
                    + "placeholder paths in the config with where the data are (relative paths are relative to "
                    + baseDir.toAbsolutePath().normalize() + ")");
        }
    }

    /** This config with other training length and output (e.g. for a short run). */
    public TrainConfig withRun(int newStepsPerEpoch, int newEpochs, String newOutput) {
        return TrainConfigBuilder.builder(this)
                .stepsPerEpoch(newStepsPerEpoch)
                .epochs(newEpochs)
                .output(newOutput)
                .build();
    }

    /** This config with other data sets. */
    public TrainConfig withDatasets(List<DatasetConfig> newDatasets) {
        return TrainConfigBuilder.builder(this).datasets(newDatasets).build();
    }

    /** This config under another name. */
    public TrainConfig withName(String newName) {
        return TrainConfigBuilder.builder(this).name(newName).build();
    }

    /** This config with other validation settings. */
    public TrainConfig withValidation(ValidationConfig newValidation) {
        return TrainConfigBuilder.builder(this).validation(newValidation).build();
    }

    // ------------------------------------------------------------------ reading

    /** The settings as a JSON tree (without {@link #verbatim}), e.g. to compare a resumed run with its checkpoint. */
    public ObjectNode settingsTree() {
        return (ObjectNode) ConfigFiles.settingsTree(this);
    }

    /** Keys (dotted) whose values differ from {@code saved} settings, leaving out {@link #RESUMABLE_CHANGES}. */
    public List<String> differencesFrom(JsonNode saved) {
        List<String> diffs = new ArrayList<>();
        ObjectNode now = settingsTree();
        for (String k : ConfigFiles.changedKeys(saved, now, RESUMABLE_CHANGES)) {
            diffs.add(k + ": " + saved.path(k) + " -> " + now.path(k));
        }
        return diffs;
    }

    /** Reads a YAML (or, for a {@code .json} name, JSON) config file. */
    public static TrainConfig load(Path file) {
        return parse(ConfigFiles.read(file), file.toString(), ConfigFiles.isJson(file));
    }

    /**
     * Parses config text; {@code origin} names it in error messages.
     *
     * @throws SenseiException for invalid syntax, an unknown key (naming it and the keys allowed there) or a bad
     *     value
     */
    public static TrainConfig parse(String text, String origin, boolean json) {
        ObjectMapper mapper = ConfigFiles.strictMapper(json);
        JsonNode tree = ConfigFiles.readMapping(mapper, text, origin, json, "name, head, datasets", false);
        checkKeys(mapper, tree, mapper.constructType(TrainConfig.class), "", origin);
        TrainConfig c;
        try {
            c = mapper.treeToValue(tree, TrainConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SenseiException("config " + origin + ": unknown key '" + ConfigFiles.pathOf(e) + "': the keys "
                    + "allowed there are " + ConfigFiles.knownKeys(e) + "; fix the spelling or remove it");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String where = ConfigFiles.pathOf(e);
            throw new SenseiException(
                    "config " + origin + ": " + (where.isEmpty() ? "" : where + ": ") + cause.getMessage(), cause);
        } catch (JsonMappingException e) {
            throw ConfigFiles.badValue(origin, ConfigFiles.pathOf(e), e);
        } catch (JsonProcessingException e) {
            throw new SenseiException("config " + origin + ": " + e.getOriginalMessage());
        }
        return c.withVerbatim(ConfigFiles.verbatim(mapper, tree));
    }

    /**
     * Rejects keys that {@code type} does not know, recursing into nested sensei4j config objects and lists of
     * them (Jackson reports unknown keys only after a creator ran, whose checks would then hide them).
     */
    private static void checkKeys(ObjectMapper mapper, JsonNode node, JavaType type, String path, String origin) {
        if (node == null || !node.isObject() || !type.getRawClass().getName().startsWith("org.sensei4j.")) {
            return;
        }
        BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
        Map<String, BeanPropertyDefinition> props = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : bean.findProperties()) {
            // a record component's key; an ignored component (verbatim) keeps its constructor parameter, not its
            // accessor
            if (p.hasConstructorParameter() && p.hasGetter()) {
                props.put(p.getName(), p);
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String here = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            BeanPropertyDefinition p = props.get(f.getKey());
            if (p == null) {
                throw new SenseiException("config " + origin + ": unknown key '" + here + "': the keys allowed there "
                        + "are " + new TreeSet<>(props.keySet()) + "; fix the spelling or remove it");
            }
            JavaType t = p.getPrimaryType();
            if (t.isCollectionLikeType() && f.getValue().isArray()) {
                for (int i = 0; i < f.getValue().size(); i++) {
                    checkKeys(mapper, f.getValue().get(i), t.getContentType(), here + "[" + i + "]", origin);
                }
            } else {
                checkKeys(mapper, f.getValue(), t, here, origin);
            }
        }
    }

    /** This config with the text it was read from, for provenance. */
    public TrainConfig withVerbatim(Map<String, Object> text) {
        return TrainConfigBuilder.builder(this).verbatim(text).build();
    }

    /** The {@code head} as the enum (the constructor has checked that it names one). */
    @JsonIgnore
    public HeadType headType() {
        return HeadType.fromId(head).orElseThrow();
    }
}
