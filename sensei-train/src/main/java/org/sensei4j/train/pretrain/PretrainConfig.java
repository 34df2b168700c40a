package org.sensei4j.train.pretrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.sensei.RecoveryConfig;
import org.sensei4j.model.sensei.SenseiConfig;
import org.sensei4j.train.config.ConfigFiles;
import org.sensei4j.train.run.PlateauSchedule;

/**
 * Settings of a SEnSeI autoencoder pretraining run, read from YAML or JSON with snake_case keys; unknown keys are
 * rejected. Defaults follow the published protocol except where noted.
 *
 * <pre>
 * name: sensei-v1              # required
 * output_dir: runs/sensei-v1   # required; its parent must exist; relative to the working directory
 * seed: 1
 * batch_size: 256              # pixels per batch (the published run used 1024)
 * steps_per_epoch: 1000
 * epochs: 200
 * band_range: [3, 13]          # bands per batch, drawn uniformly
 * optimiser: {type: sgd, learning_rate: 0.01, momentum: 0.75}
 * schedule: {type: plateau, factor: 0.25, patience: 2, min_lr: 2.0e-5, min_delta: 1.0e-4}
 * validation: {samples: 2048, bands: 13, seed: 1}
 * initial_weights: FILE        # optional: Keras .hdf5 or sensei4j bundle to fine-tune
 * encoder: published           # or a SenseiConfig object (descriptor_block, permuted_descriptor_block, ...)
 * recovery: published          # or a RecoveryConfig object
 * </pre>
 *
 * @param name            run name
 * @param seed            seed of initialisation and of the training samples
 * @param batchSize       single-pixel samples per batch
 * @param stepsPerEpoch   optimizer steps per epoch
 * @param epochs          number of epochs
 * @param minBands        fewest bands per training batch
 * @param maxBands        most bands per training batch
 * @param optimiser       momentum SGD settings
 * @param schedule        reduce-on-plateau settings (monitoring validation loss)
 * @param validation      the fixed validation protocol run after every epoch
 * @param outputDir       where log, plot, checkpoints and best bundle go
 * @param initialWeights  weights to start from, or null for a fresh initialisation
 * @param encoder         encoder architecture; null when taken from {@code initialWeights}
 * @param recovery        recovery module architecture; null when taken from {@code initialWeights}
 * @param verbatim        the configuration as written in the file (for provenance)
 */
public record PretrainConfig(
        String name,
        long seed,
        int batchSize,
        int stepsPerEpoch,
        int epochs,
        int minBands,
        int maxBands,
        Optimiser optimiser,
        Schedule schedule,
        Validation validation,
        Path outputDir,
        Path initialWeights,
        SenseiConfig encoder,
        RecoveryConfig recovery,
        Map<String, Object> verbatim) {

    /** Momentum SGD: Keras semantics, v = momentum·v + lr·grad, w −= v. */
    public record Optimiser(String type, double learningRate, double momentum) {}

    /** Reduce-on-plateau schedule of the learning rate (Keras ReduceLROnPlateau). */
    public record Schedule(String type, double factor, int patience, double minLr, double minDelta)
            implements PlateauSchedule.Settings {}

    /** The published validation protocol: {@code samples} pixels with {@code bands} real + as many fake bands. */
    public record Validation(int samples, int bands, long seed) {}

    /** Keys whose change is allowed when resuming a run. */
    static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "output_dir");

    private static final ObjectMapper JSON = new ObjectMapper();

    public PretrainConfig {
        if (name == null || name.isBlank()) {
            throw new SenseiException("config has no name: add e.g. name: sensei-v1");
        }
        if (outputDir == null) {
            throw new SenseiException("config has no output_dir: add e.g. output_dir: runs/" + name);
        }
        ConfigFiles.requirePositive("batch_size", batchSize);
        ConfigFiles.requirePositive("steps_per_epoch", stepsPerEpoch);
        ConfigFiles.requirePositive("epochs", epochs);
        if (minBands < 1 || maxBands < minBands) {
            throw new SenseiException("band_range must be [min, max] with 1 <= min <= max, got [" + minBands + ", "
                    + maxBands + "]: use e.g. [3, 13]");
        }
        if (!"sgd".equals(optimiser.type())) {
            throw new SenseiException("optimiser.type '" + optimiser.type() + "' is not supported: use sgd");
        }
        if (!(optimiser.learningRate() > 0) || Double.isInfinite(optimiser.learningRate())) {
            throw new SenseiException("optimiser.learning_rate must be > 0, got " + optimiser.learningRate());
        }
        if (!(optimiser.momentum() >= 0 && optimiser.momentum() < 1)) {
            throw new SenseiException("optimiser.momentum must be in [0, 1), got " + optimiser.momentum());
        }
        if (!"plateau".equals(schedule.type())) {
            throw new SenseiException("schedule.type '" + schedule.type() + "' is not supported: use plateau");
        }
        if (!(schedule.factor() > 0 && schedule.factor() < 1)) {
            throw new SenseiException("schedule.factor must be in (0, 1), got " + schedule.factor());
        }
        if (schedule.patience() < 0 || !(schedule.minLr() >= 0) || !(schedule.minDelta() >= 0)) {
            throw new SenseiException("schedule.patience, min_lr and min_delta must be >= 0");
        }
        if (validation.samples() < 1) {
            throw new SenseiException("validation.samples must be >= 1, got " + validation.samples());
        }
        int bank = PretrainingSampler.validationBank().length / 2;
        if (validation.bands() < 1 || validation.bands() > bank) {
            throw new SenseiException("validation.bands must be between 1 and " + bank + " (real + as many fakes "
                    + "from the bank of " + 2 * bank + " descriptors), got " + validation.bands());
        }
        if (initialWeights == null) {
            encoder = encoder == null ? SenseiConfig.published() : encoder;
            recovery = recovery == null ? RecoveryConfig.published() : recovery;
        }
        verbatim = verbatim == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(verbatim));
    }

    /** Reads a YAML (or, for a .json name, JSON) config file. */
    public static PretrainConfig load(Path file) {
        return parse(ConfigFiles.read(file), file.toString(), ConfigFiles.isJson(file));
    }

    /** Parses config text; {@code origin} names it in error messages. */
    public static PretrainConfig parse(String text, String origin, boolean json) {
        ObjectMapper mapper = ConfigFiles.strictMapper(json);
        JsonNode tree = ConfigFiles.readMapping(mapper, text, origin, json, "name, output_dir", true);
        Raw raw = read(mapper, tree, Raw.class, origin, "");
        Map<String, Object> verbatim = ConfigFiles.verbatim(mapper, tree);
        try {
            return raw.resolve(origin, verbatim);
        } catch (SenseiException e) {
            if (e.getMessage().startsWith("config " + origin)) {
                throw e;
            }
            throw new SenseiException("config " + origin + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(ObjectMapper mapper, JsonNode node, Class<T> type, String origin, String prefix) {
        try {
            return mapper.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new SenseiException("config " + origin + ": unknown key '" + prefix + ConfigFiles.pathOf(e)
                    + "': the keys here are " + ConfigFiles.knownKeys(e) + "; fix the spelling or remove it");
        } catch (JsonMappingException e) {
            throw ConfigFiles.badValue(origin, prefix + ConfigFiles.pathOf(e), e);
        } catch (JsonProcessingException e) {
            throw new SenseiException("config " + origin + ": " + e.getOriginalMessage());
        }
    }

    /** The resolved settings as a JSON-like map with the file's keys (defaults filled in). */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", seed);
        m.put("batch_size", batchSize);
        m.put("steps_per_epoch", stepsPerEpoch);
        m.put("epochs", epochs);
        m.put("band_range", List.of(minBands, maxBands));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", optimiser.type());
        o.put("learning_rate", optimiser.learningRate());
        o.put("momentum", optimiser.momentum());
        m.put("optimiser", o);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", schedule.type());
        s.put("factor", schedule.factor());
        s.put("patience", schedule.patience());
        s.put("min_lr", schedule.minLr());
        s.put("min_delta", schedule.minDelta());
        m.put("schedule", s);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("samples", validation.samples());
        v.put("bands", validation.bands());
        v.put("seed", validation.seed());
        m.put("validation", v);
        m.put("output_dir", outputDir.toString());
        m.put("initial_weights", initialWeights == null ? null : initialWeights.toString());
        m.put("encoder", encoder == null ? "from initial_weights" : JSON.valueToTree(encoder));
        m.put("recovery", recovery == null ? "from initial_weights" : JSON.valueToTree(recovery));
        return m;
    }

    /** {@link #settings()} as a JSON tree. */
    public JsonNode settingsTree() {
        return ConfigFiles.settingsTree(settings());
    }

    /**
     * The settings that differ from {@code saved} (a {@link #settingsTree()} written by an earlier run), ignoring
     * those a resumed run may change ({@code epochs}, {@code output_dir}); empty if the run can be resumed.
     */
    public List<String> differencesFrom(JsonNode saved) {
        List<String> out = new ArrayList<>();
        JsonNode now = settingsTree();
        for (String k : ConfigFiles.changedKeys(saved, now, RESUMABLE_CHANGES)) {
            JsonNode a = saved.get(k);
            JsonNode b = now.get(k);
            out.add(k + " was " + (a == null ? "absent" : a.toString()) + ", now "
                    + (b == null ? "absent" : b.toString()));
        }
        return out;
    }

    /**
     * Checks the paths before any training: the output directory's parent exists (the directory itself is
     * created), and the initial weights exist.
     */
    public void checkPaths() {
        Path out = outputDir.toAbsolutePath().normalize();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new SenseiException(
                    "output_dir " + outputDir + " exists and is not a directory: choose another " + "output_dir");
        }
        Path parent = out.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new SenseiException("output_dir " + outputDir + ": its parent directory " + parent
                    + " does not exist: create it first or choose another output_dir");
        }
        if (initialWeights != null && !Files.exists(initialWeights)) {
            throw new SenseiException("initial_weights " + initialWeights + " not found: check the path (relative "
                    + "paths are resolved against the working directory "
                    + Path.of("").toAbsolutePath() + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // raw file form: boxed fields, null = absent

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Raw(
            String name,
            Long seed,
            Integer batchSize,
            Integer stepsPerEpoch,
            Integer epochs,
            List<Integer> bandRange,
            RawOptimiser optimiser,
            RawSchedule schedule,
            RawValidation validation,
            String outputDir,
            String initialWeights,
            JsonNode encoder,
            JsonNode recovery) {

        PretrainConfig resolve(String origin, Map<String, Object> verbatim) {
            RawOptimiser o = optimiser == null ? new RawOptimiser(null, null, null) : optimiser;
            RawSchedule s = schedule == null ? new RawSchedule(null, null, null, null, null) : schedule;
            RawValidation v = validation == null ? new RawValidation(null, null, null) : validation;
            int minB = 3;
            int maxB = 13;
            if (bandRange != null) {
                if (bandRange.size() != 2 || bandRange.contains(null)) {
                    throw new SenseiException("band_range must be two numbers [min, max], got " + bandRange);
                }
                minB = bandRange.get(0);
                maxB = bandRange.get(1);
            }
            Path weights = blank(initialWeights) ? null : Path.of(initialWeights);
            SenseiConfig enc = architecture(encoder, "encoder", SenseiConfig.class, origin, SenseiConfig.published());
            RecoveryConfig rec =
                    architecture(recovery, "recovery", RecoveryConfig.class, origin, RecoveryConfig.published());
            return new PretrainConfig(
                    name,
                    or(seed, 1L),
                    or(batchSize, 256),
                    or(stepsPerEpoch, 1000),
                    or(epochs, 200),
                    minB,
                    maxB,
                    new Optimiser(or(o.type(), "sgd"), or(o.learningRate(), 0.01), or(o.momentum(), 0.75)),
                    new Schedule(
                            or(s.type(), "plateau"),
                            or(s.factor(), 0.25),
                            or(s.patience(), 2),
                            or(s.minLr(), 2e-5),
                            or(s.minDelta(), 1e-4)),
                    new Validation(or(v.samples(), 2048), or(v.bands(), 13), or(v.seed(), 1L)),
                    blank(outputDir) ? null : Path.of(outputDir),
                    weights,
                    enc,
                    rec,
                    verbatim);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RawOptimiser(String type, Double learningRate, Double momentum) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RawSchedule(String type, Double factor, Integer patience, Double minLr, Double minDelta) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RawValidation(Integer samples, Integer bands, Long seed) {}

    /** null/absent → null (default decided later); "published" → the published one; an object → parsed strictly. */
    private static <T> T architecture(JsonNode node, String key, Class<T> type, String origin, T published) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            if (node.asText().equals("published")) {
                return published;
            }
            throw new SenseiException(key + ": '" + node.asText() + "' is not an architecture: use published or "
                    + "an object with the block settings");
        }
        checkKeys(node, type, key, origin);
        ObjectMapper strict = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return read(strict, node, type, origin, key + ".");
    }

    /**
     * Every key of {@code node} must be a component of record {@code type} (by its JSON name), and every component
     * present.
     */
    private static void checkKeys(JsonNode node, Class<?> type, String path, String origin) {
        if (!type.isRecord()) {
            return;
        }
        if (!node.isObject()) {
            throw new SenseiException(
                    "config " + origin + ": '" + path + "' must be a mapping of keys, got " + node.getNodeType());
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : JSON.getDeserializationConfig()
                .introspect(JSON.constructType(type))
                .findProperties()) {
            keys.put(p.getInternalName(), p.getName());
        }
        Map<String, Class<?>> components = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.put(keys.getOrDefault(c.getName(), c.getName()), c.getType());
        }
        Set<String> known = new TreeSet<>(components.keySet());
        node.fieldNames().forEachRemaining(f -> {
            if (!components.containsKey(f)) {
                throw new SenseiException("config " + origin + ": unknown key '" + path + "." + f
                        + "': the keys here are " + known + "; fix the spelling or remove it");
            }
        });
        for (Map.Entry<String, Class<?>> c : components.entrySet()) {
            JsonNode child = node.get(c.getKey());
            if (child == null || child.isNull()) {
                throw new SenseiException("config " + origin + ": missing key '" + path + "." + c.getKey()
                        + "': give all of " + known + (path.contains(".") ? "" : " or use " + path + ": published"));
            }
            checkKeys(child, c.getValue(), path + "." + c.getKey(), origin);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
