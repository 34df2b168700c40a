package org.sensei4j.train.pretrain;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadConfig;
import org.sensei4j.model.sensei.RecoveryModule;
import org.sensei4j.model.sensei.SenseiEncoder;
import org.sensei4j.model.sensei.SenseiWeights;

/**
 * Saves a pretrained SEnSeI encoder as a model bundle: a {@link CloudModel} {@code sensei-nn} over the
 * {@code cloud} class scheme whose encoder holds the trained weights (its NN head is untrained, a placeholder
 * for fine-tuning), plus the recovery module ({@link SenseiWeights#recoveryEntries}), so that
 * {@code sensei pretrain evaluate --weights BUNDLE} and {@link SenseiWeights#load} find both.
 */
public final class PretrainedBundle {

    /** Name of the architecture written to the bundle's model.json. */
    public static final String MODEL_NAME = "sensei-pretrained";

    private PretrainedBundle() {}

    /** The bundle's spec: the encoder's own config, an untrained NN head, class scheme {@code cloud}. */
    public static ModelSpec spec(SenseiEncoder encoder) {
        ClassScheme scheme = ClassScheme.CLOUD_CLEAR;
        return new ModelSpec(
                MODEL_NAME,
                encoder.config(),
                HeadConfig.pixelMlp(encoder.config().featureChannels(), ModelSpec.NN_HIDDEN, scheme.classCount()),
                scheme.id(),
                null,
                null);
    }

    /**
     * Writes encoder + recovery module to {@code target} (a zip when the name ends in {@code .zip}, else a
     * directory), atomically: a temporary sibling renamed into place.
     */
    public static void save(
            SenseiEncoder encoder, RecoveryModule recovery, Provenance provenance, Path target, NDManager manager)
            throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, "." + target.getFileName() + "-");
        try (NDManager scope = manager.newSubManager()) {
            CloudModel model = CloudModel.create(spec(encoder), scope);
            copyParameters(encoder, model.sensei(), scope);
            Path dir = work.resolve("bundle");
            ModelBundle.save(model, provenance, dir);
            for (Map.Entry<String, byte[]> e :
                    SenseiWeights.recoveryEntries(recovery).entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            if (target.getFileName().toString().toLowerCase().endsWith(".zip")) {
                AtomicFiles.writeStream(target, out -> zip(dir, out));
            } else {
                AtomicFiles.deleteTree(target);
                Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** Copies the parameters of {@code from} into {@code to} (same architecture), onto {@code manager}. */
    public static void copyParameters(SenseiEncoder from, SenseiEncoder to, NDManager manager) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            from.saveParameters(out);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            to.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("encoder parameters do not fit the bundle's encoder: " + e.getMessage(), e);
        }
    }

    private static void zip(Path dir, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out);
                var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }
}
