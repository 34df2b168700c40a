package org.sensei4j.model.bundle;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadConfig;

/**
 * A saved model: a directory (or a .zip of the same entries) holding
 * <ul>
 *   <li>{@code model.json}: format version, {@link ModelSpec} (architecture, class scheme, band list or sensor
 *       independence, normalisation) and the SHA-256 of the weights;</li>
 *   <li>{@code provenance.json}: {@link Provenance} (training data, bands, seed, git commit, metrics, date);</li>
 *   <li>{@code weights.params}: the DJL parameters of the {@link CloudModel} block.</li>
 * </ul>
 * Loading rebuilds the exact model; a corrupt or incompatible bundle gives a {@link SenseiException}.
 */
public final class ModelBundle {

    public static final int FORMAT_VERSION = 1;
    public static final String MODEL_JSON = "model.json";
    public static final String PROVENANCE_JSON = "provenance.json";
    public static final String WEIGHTS = "weights.params";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A loaded bundle. */
    public record Loaded(CloudModel model, ModelSpec spec, Provenance provenance, Path source) {}

    private ModelBundle() {}

    /** True if {@code path} looks like a bundle (a directory with model.json, or a .zip). */
    public static boolean looksLikeBundle(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(MODEL_JSON));
        }
        return Files.isRegularFile(path)
                && path.getFileName().toString().toLowerCase().endsWith(".zip");
    }

    /**
     * Saves {@code model} to {@code target}: a directory, or a zip file when the name ends in {@code .zip}.
     * Written to a temporary sibling first and moved into place, so a failure leaves no partial bundle.
     */
    public static void save(CloudModel model, Provenance provenance, Path target) throws IOException {
        write(entries(model, provenance), target);
    }

    /**
     * Writes a copy of bundle {@code source} with {@code calibration} in its spec (replacing any it had) to
     * {@code target} (a directory, or a zip when the name ends in {@code .zip}), atomically. The weights are
     * copied byte for byte; {@code provenance.json} gets a note. Never overwrites the source.
     *
     * @throws SenseiException when target and source are the same file, or the source is not a readable bundle
     */
    public static void saveCalibrated(Path source, Calibration calibration, Path target) throws IOException {
        if (isSameFile(source, target)) {
            throw new SenseiException("the output " + target + " is the input bundle: give another -o path (the input "
                    + "is never overwritten)");
        }
        Map<String, byte[]> entries = readEntries(source);
        JsonNode modelJson = parse(source, entries, MODEL_JSON);
        JsonNode provenanceJson = parse(source, entries, PROVENANCE_JSON);
        if (!entries.containsKey(WEIGHTS)) {
            throw corrupt(source, "it has no " + WEIGHTS);
        }
        ModelSpec spec;
        Provenance provenance;
        try {
            spec = JSON.treeToValue(modelJson.get("spec"), ModelSpec.class);
            provenance = JSON.treeToValue(provenanceJson, Provenance.class);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(source, "cannot read the model description: " + rootMessage(e));
        }
        ObjectNode out = ((ObjectNode) modelJson).deepCopy();
        out.set("spec", JSON.valueToTree(spec.withCalibration(calibration)));
        String note = "calibrated by sensei calibrate " + calibration.created() + " (commit " + calibration.gitCommit()
                + "): temperature " + calibration.temperature() + ", cloud threshold " + calibration.cloudThreshold()
                + "; see model.json spec.calibration";
        Provenance p = new Provenance(
                provenance.trainingData(),
                provenance.bands(),
                provenance.seed(),
                provenance.gitCommit(),
                provenance.metrics(),
                provenance.created(),
                provenance.config(),
                provenance.notes() == null || provenance.notes().isBlank() ? note : provenance.notes() + "; " + note);
        Map<String, byte[]> written = new TreeMap<>();
        written.put(MODEL_JSON, JSON.writeValueAsBytes(out));
        written.put(PROVENANCE_JSON, JSON.writeValueAsBytes(p));
        written.put(WEIGHTS, entries.get(WEIGHTS));
        write(written, target);
    }

    /** Whether two paths name the same file or directory (existing: by identity; otherwise by normalised path). */
    public static boolean isSameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the path comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static void write(Map<String, byte[]> entries, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        if (name.toLowerCase().endsWith(".zip")) {
            Path tmp = AtomicFiles.tempFileFor(target);
            try {
                try (OutputStream os = Files.newOutputStream(tmp);
                        ZipOutputStream zip = new ZipOutputStream(os)) {
                    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                        zip.putNextEntry(new ZipEntry(e.getKey()));
                        zip.write(e.getValue());
                        zip.closeEntry();
                    }
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
                AtomicFiles.released(tmp);
            }
        } else {
            Path tmp = AtomicFiles.tempDirectoryFor(target);
            try {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    Files.write(tmp.resolve(e.getKey()), e.getValue());
                }
                if (Files.isDirectory(target)) {
                    AtomicFiles.deleteTree(target);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                if (Files.exists(tmp)) {
                    AtomicFiles.deleteTree(tmp);
                }
                AtomicFiles.released(tmp);
            }
        }
    }

    private static Map<String, byte[]> entries(CloudModel model, Provenance provenance) throws IOException {
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        try (DataOutputStream dos = new DataOutputStream(weights)) {
            model.saveParameters(dos);
        }
        byte[] w = weights.toByteArray();
        ObjectNode modelJson = JSON.createObjectNode();
        modelJson.put("format", "sensei4j-model");
        modelJson.put("format_version", FORMAT_VERSION);
        modelJson.set("spec", JSON.valueToTree(model.spec()));
        modelJson.put("weights_sha256", sha256(w));
        CloudModel.ParameterCounts counts = model.parameterCounts();
        ObjectNode params = modelJson.putObject("parameters");
        params.put("sensei", counts.sensei());
        params.put("head", counts.head());
        params.put("total", counts.total());
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(MODEL_JSON, JSON.writeValueAsBytes(modelJson));
        entries.put(PROVENANCE_JSON, JSON.writeValueAsBytes(provenance));
        entries.put(WEIGHTS, w);
        return entries;
    }

    /** Loads a bundle directory or zip, rebuilding the model on {@code manager}. */
    public static Loaded load(Path source, NDManager manager) {
        Map<String, byte[]> entries = readEntries(source);
        JsonNode modelJson = parse(source, entries, MODEL_JSON);
        if (!"sensei4j-model".equals(modelJson.path("format").asText())) {
            throw corrupt(
                    source, MODEL_JSON + " is not a sensei4j model description (no \"format\": \"sensei4j-model\")");
        }
        int version = modelJson.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new SenseiException(
                    SenseiException.Kind.MODEL,
                    "model bundle " + source + " has format version "
                            + version
                            + "; this sensei4j reads version " + FORMAT_VERSION + ": use a matching sensei4j release");
        }
        ModelSpec spec;
        Provenance provenance;
        try {
            spec = JSON.treeToValue(modelJson.get("spec"), ModelSpec.class);
            provenance = JSON.treeToValue(parse(source, entries, PROVENANCE_JSON), Provenance.class);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(source, "cannot read the model description: " + rootMessage(e));
        }
        byte[] weights = entries.get(WEIGHTS);
        if (weights == null) {
            throw corrupt(source, "it has no " + WEIGHTS);
        }
        String expected = modelJson.path("weights_sha256").asText("");
        if (!expected.equals(sha256(weights))) {
            throw corrupt(
                    source,
                    WEIGHTS + " does not match its checksum in " + MODEL_JSON + " (the file was changed or truncated)");
        }
        CloudModel model = CloudModel.create(spec, manager);
        Map<String, Shape> expectedShapes = new LinkedHashMap<>();
        model.getParameters()
                .forEach(p ->
                        expectedShapes.put(p.getKey(), p.getValue().getArray().getShape()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            model.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw corrupt(source, "its weights do not fit the architecture in " + MODEL_JSON + ": " + rootMessage(e));
        }
        // DJL replaces arrays on load without checking shapes: check them here
        model.getParameters().forEach(p -> {
            Shape want = expectedShapes.get(p.getKey());
            Shape got = p.getValue().getArray().getShape();
            if (!got.equals(want)) {
                throw corrupt(
                        source,
                        "its weights do not fit the architecture in " + MODEL_JSON + ": parameter " + p.getKey()
                                + " has shape " + got + ", the architecture needs " + want);
            }
        });
        return new Loaded(model, spec, provenance, source);
    }

    /** Reads only model.json and provenance.json (no weights, no engine). */
    public static Map<String, JsonNode> readMetadata(Path source) {
        Map<String, byte[]> entries = readEntries(source);
        Map<String, JsonNode> out = new TreeMap<>();
        out.put(MODEL_JSON, parse(source, entries, MODEL_JSON));
        out.put(PROVENANCE_JSON, parse(source, entries, PROVENANCE_JSON));
        return out;
    }

    /** Largest model.json or provenance.json a bundle may hold. */
    static final long MAX_JSON_BYTES = 16L << 20;
    /** Largest weights entry: float32 weights of the largest architecture accepted, plus DJL's headers. */
    static final long MAX_WEIGHTS_BYTES = 4 * HeadConfig.MAX_PARAMETERS + (16L << 20);

    private static long limitOf(String name) {
        return name.equals(WEIGHTS) ? MAX_WEIGHTS_BYTES : MAX_JSON_BYTES;
    }

    private static SenseiException tooLarge(Path source, String name, String size) {
        return corrupt(
                source,
                name + " is " + size + ", more than the " + limitOf(name) + " bytes a bundle entry may"
                        + " have (a hostile or broken bundle)");
    }

    private static Map<String, byte[]> readEntries(Path source) {
        Map<String, byte[]> entries = new TreeMap<>();
        try {
            if (Files.isDirectory(source)) {
                for (String name : new String[] {MODEL_JSON, PROVENANCE_JSON, WEIGHTS}) {
                    Path p = source.resolve(name);
                    if (Files.isSymbolicLink(p)) {
                        throw corrupt(
                                source,
                                name + " is a symbolic link; a bundle holds its files itself: copy"
                                        + " the file in place of the link");
                    }
                    if (Files.exists(p) && !Files.isRegularFile(p)) {
                        throw corrupt(source, name + " is not a regular file");
                    }
                    if (Files.isRegularFile(p)) {
                        long size = Files.size(p);
                        if (size > limitOf(name)) {
                            throw tooLarge(source, name, size + " bytes");
                        }
                        entries.put(name, Files.readAllBytes(p));
                    }
                }
            } else if (Files.isRegularFile(source)) {
                try (InputStream is = new BufferedInputStream(Files.newInputStream(source));
                        ZipInputStream zip = new ZipInputStream(is)) {
                    ZipEntry e;
                    while ((e = zip.getNextEntry()) != null) {
                        if (e.isDirectory()) {
                            continue;
                        }
                        String name = Path.of(e.getName()).getFileName().toString();
                        if (name.equals(MODEL_JSON) || name.equals(PROVENANCE_JSON) || name.equals(WEIGHTS)) {
                            if (entries.containsKey(name)) {
                                throw corrupt(source, "it holds " + name + " twice");
                            }
                            if (e.getSize() > limitOf(name)) {
                                throw tooLarge(source, name, e.getSize() + " bytes inflated");
                            }
                            // the declared size may lie: read at most one byte more than allowed
                            byte[] b = zip.readNBytes((int) limitOf(name) + 1);
                            if (b.length > limitOf(name)) {
                                throw tooLarge(source, name, "more than " + limitOf(name) + " bytes inflated");
                            }
                            entries.put(name, b);
                        }
                    }
                }
            } else if (Files.exists(source)) {
                throw new SenseiException("model bundle " + source + " is not a regular file or folder (a FIFO, device"
                        + " or socket): give a bundle directory or .zip");
            } else {
                throw new NoSuchFileException(source.toString());
            }
        } catch (NoSuchFileException e) {
            throw new SenseiException(
                    SenseiException.Kind.IO, "model bundle not found: " + source + ": check the path");
        } catch (EOFException e) {
            throw corrupt(source, "the zip archive ends early (truncated download or not a zip)");
        } catch (ZipException e) {
            throw corrupt(source, "it is not a valid zip archive (" + rootMessage(e) + ")");
        } catch (IOException e) {
            throw corrupt(source, "cannot read it: " + rootMessage(e));
        }
        if (!entries.containsKey(MODEL_JSON)) {
            throw corrupt(
                    source,
                    "it has no " + MODEL_JSON + " (a bundle is a directory or zip with model.json, "
                            + "provenance.json and weights.params)");
        }
        return entries;
    }

    private static JsonNode parse(Path source, Map<String, byte[]> entries, String name) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw corrupt(source, "it has no " + name);
        }
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw corrupt(source, name + " is not valid JSON: " + rootMessage(e));
        }
    }

    private static SenseiException corrupt(Path source, String detail) {
        return new SenseiException(
                SenseiException.Kind.MODEL,
                "model bundle " + source
                        + " is corrupt or incompatible: " + detail
                        + ". Re-export or re-download the bundle");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
