package org.sensei4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskMetadata;
import org.sensei4j.inference.ModelLocator;

/**
 * Gives tasks the {@link CloudMasker} of one model, loaded at most once per JVM: the loader itself is a small
 * serializable value (the model location and the Hadoop configuration) shipped with each task, and the masker
 * lives in a static holder keyed by the location, created on first use in each executor and shared by all tasks
 * running there (a masker may be used from several threads). It is never closed; the engine's memory goes with
 * the executor.
 *
 * <p>The model is {@code default} (the bundle in the jar, see {@link ModelLocator}), a local bundle path that
 * exists on every executor, or a Hadoop URI of a bundle {@code .zip} (copied to the executor's temp dir once).
 */
public final class MaskerLoader implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final String model;
    private final HadoopConf conf;

    public MaskerLoader(String model, HadoopConf conf) {
        this.model = model == null ? ModelLocator.DEFAULT : model;
        this.conf = conf;
    }

    public String model() {
        return model;
    }

    /** The masker, loading the model if this JVM has not yet. */
    public CloudMasker masker() {
        return loaded().masker();
    }

    /** The bundle's creation date and git commit, or null when it does not say (the masks' metadata). */
    public String modelVersion() {
        return loaded().version();
    }

    private Loaded loaded() {
        return LOADED.computeIfAbsent(model, m -> {
            Path bundle = localBundle(m);
            CloudMasker masker = CloudMasker.load(bundle);
            LOADS.incrementAndGet();
            return new Loaded(masker, MaskMetadata.modelVersion(bundle));
        });
    }

    /** A model loaded in this JVM and its bundle's version. */
    private record Loaded(CloudMasker masker, String version) {}

    private Path localBundle(String m) {
        if (m.equals(ModelLocator.DEFAULT) || HadoopFiles.isLocal(m)) {
            return ModelLocator.resolve(m);
        }
        try {
            Path dir = Files.createTempDirectory("sensei-model-");
            dir.toFile().deleteOnExit();
            return HadoopFiles.localize(m, dir, conf.get());
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot copy model " + m + " to the executor: " + e.getMessage()
                            + ": give a bundle .zip on a file system every executor can read",
                    e);
        } catch (UncheckedIOException e) {
            throw new SenseiException("cannot copy model " + m + " to the executor: " + e.getMessage(), e);
        }
    }

    /** How many models this JVM has loaded so far (for tests and logs). */
    public static int loadCount() {
        return LOADS.get();
    }

    @Override
    public String toString() {
        return "MaskerLoader[" + model + "]";
    }
}
