package org.sensei4j.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ServiceLoader;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;

/**
 * Resolves what users pass as {@code --model}: a bundle path, or {@code default} for the model the application
 * bundles (a {@link BundledModel} service; the {@code sensei} command registers the one in its jar). The library
 * itself carries no model and looks for no resource of its own.
 */
public final class ModelLocator {

    public static final String DEFAULT = "default";

    private ModelLocator() {}

    /** True when the application carries a default model. */
    public static boolean hasDefault() {
        try (InputStream in = openDefault()) {
            return in != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first registered bundled model's bytes, or null when no application registered one. */
    private static InputStream openDefault() throws IOException {
        for (BundledModel bundled : ServiceLoader.load(BundledModel.class, ModelLocator.class.getClassLoader())) {
            InputStream in = bundled.open();
            if (in != null) {
                return in;
            }
        }
        return null;
    }

    /** The bundle path for {@code model} ("default" or a path); the default is copied out of the jar once. */
    public static Path resolve(String model) {
        if (model == null || model.equals(DEFAULT)) {
            try (InputStream in = openDefault()) {
                if (in == null) {
                    throw new SenseiException("this build has no bundled default model: give --model BUNDLE "
                            + "(a model bundle directory or .zip)");
                }
                Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sensei4j-" + System.getProperty("user.name"));
                Files.createDirectories(dir);
                Path target = dir.resolve("default-model.zip");
                AtomicFiles.write(target, tmp -> Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING));
                return target;
            } catch (IOException e) {
                throw new SenseiException("cannot unpack the bundled default model: " + e.getMessage());
            }
        }
        Path p = Path.of(model);
        if (!Files.exists(p)) {
            throw new SenseiException("model not found: " + model + ": give a bundle directory or .zip, or 'default'");
        }
        return p;
    }
}
