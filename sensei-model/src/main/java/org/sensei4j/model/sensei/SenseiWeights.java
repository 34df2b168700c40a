package org.sensei4j.model.sensei;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.keras.KerasSenseiImporter;

/**
 * Loads SEnSeI weights from what users pass as {@code --weights}: the original Keras HDF5 file or a sensei4j
 * model bundle.
 *
 * <p>A bundle written by autoencoder pretraining also holds the recovery module, in two extra entries next to
 * the bundle's own: {@value #RECOVERY_JSON} (format, {@link RecoveryConfig}, SHA-256 of the parameters) and
 * {@value #RECOVERY_PARAMS} (DJL parameters of the {@link RecoveryModule}). Bundle readers that do not know them
 * ignore them.
 */
public final class SenseiWeights {

    /** Bundle entry describing the recovery module of a pretrained encoder. */
    public static final String RECOVERY_JSON = "recovery.json";
    /** Bundle entry with the recovery module's parameters. */
    public static final String RECOVERY_PARAMS = "recovery.params";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SenseiWeights() {}

    /**
     * Loads an encoder (and, when the source has one, its recovery module) onto {@code manager}.
     *
     * @throws SenseiException for a missing, unreadable or unsupported file
     */
    public static KerasSenseiImporter.Imported load(Path source, NDManager manager, boolean withRecovery) {
        if (!Files.exists(source)) {
            throw new SenseiException("weights not found: " + source + ": check the path");
        }
        if (Files.isRegularFile(source) && KerasSenseiImporter.isHdf5(source)) {
            return KerasSenseiImporter.load(source, manager, withRecovery);
        }
        if (ModelBundle.looksLikeBundle(source)) {
            ModelBundle.Loaded b = ModelBundle.load(source, manager);
            if (b.model().sensei() == null) {
                throw new SenseiException("model bundle " + source + " is a fixed-band model without a SEnSeI encoder: "
                        + "give a SEnSeI bundle or the Keras weights");
            }
            RecoveryModule recovery =
                    withRecovery ? loadRecovery(source, b.model().sensei().config(), manager) : null;
            return new KerasSenseiImporter.Imported(b.model().sensei(), recovery, source);
        }
        throw new SenseiException(source + " is neither a Keras SEnSeI .hdf5 file nor a sensei4j model bundle: "
                + "give e.g. sensei-epoch043-loss0.198.hdf5");
    }

    /** The two bundle entries ({@value #RECOVERY_JSON}, {@value #RECOVERY_PARAMS}) that store {@code recovery}. */
    public static Map<String, byte[]> recoveryEntries(RecoveryModule recovery) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                recovery.saveParameters(out);
            }
            byte[] params = bytes.toByteArray();
            ObjectNode json = JSON.createObjectNode();
            json.put("format", "sensei4j-recovery");
            json.put("format_version", 1);
            json.set("recovery", JSON.valueToTree(recovery.config()));
            json.put("weights_sha256", sha256(params));
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put(RECOVERY_JSON, JSON.writeValueAsBytes(json));
            entries.put(RECOVERY_PARAMS, params);
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recovery module stored in bundle {@code source}, or null if it has none. */
    private static RecoveryModule loadRecovery(Path source, SenseiConfig encoderConfig, NDManager manager) {
        Map<String, byte[]> entries = readEntries(source);
        byte[] json = entries.get(RECOVERY_JSON);
        byte[] params = entries.get(RECOVERY_PARAMS);
        if (json == null && params == null) {
            return null;
        }
        String bad = "model bundle " + source + " has a corrupt recovery module: ";
        if (json == null || params == null) {
            throw new SenseiException(
                    bad + "it needs both " + RECOVERY_JSON + " and " + RECOVERY_PARAMS + ". Re-export the bundle");
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!"sensei4j-recovery".equals(node.path("format").asText())
                    || node.path("format_version").asInt() != 1) {
                throw new SenseiException(bad + RECOVERY_JSON + " is not format sensei4j-recovery version 1: use a "
                        + "matching sensei4j release");
            }
            if (!node.path("weights_sha256").asText().equals(sha256(params))) {
                throw new SenseiException(bad + RECOVERY_PARAMS + " does not match its checksum in " + RECOVERY_JSON
                        + ". Re-export the bundle");
            }
            RecoveryConfig config = JSON.treeToValue(node.get("recovery"), RecoveryConfig.class);
            RecoveryModule recovery = new RecoveryModule(encoderConfig, config);
            recovery.initialize(manager);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
                recovery.loadParameters(manager, in);
            }
            return recovery;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof SenseiException se) {
                throw se;
            }
            throw new SenseiException(bad + e.getMessage() + ". Re-export the bundle", e);
        }
    }

    private static Map<String, byte[]> readEntries(Path source) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            if (Files.isDirectory(source)) {
                for (String name : new String[] {RECOVERY_JSON, RECOVERY_PARAMS}) {
                    Path p = source.resolve(name);
                    if (Files.isRegularFile(p)) {
                        entries.put(name, Files.readAllBytes(p));
                    }
                }
            } else {
                try (InputStream is = new BufferedInputStream(Files.newInputStream(source));
                        ZipInputStream zip = new ZipInputStream(is)) {
                    ZipEntry e;
                    while ((e = zip.getNextEntry()) != null) {
                        String name = Path.of(e.getName()).getFileName().toString();
                        if (name.equals(RECOVERY_JSON) || name.equals(RECOVERY_PARAMS)) {
                            entries.put(name, zip.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SenseiException("cannot read model bundle " + source + ": " + e.getMessage());
        }
        return entries;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
