package org.sensei4j.cli;

import java.nio.file.Path;
import org.sensei4j.inference.ModelLocator;
import picocli.CommandLine.Option;

/**
 * {@code --model}: the one bundle that {@code mask} and {@code demo} mask with and {@code calibrate} calibrates, or
 * {@code default} for the bundled model; a picocli {@code @Mixin}.
 */
final class ModelOption {

    @Option(
            names = "--model",
            defaultValue = ModelLocator.DEFAULT,
            paramLabel = "BUNDLE",
            description =
                    "model bundle (directory or .zip), or 'default' for the bundled model (default: ${DEFAULT-VALUE})")
    String bundle;

    /** The bundle's path (the bundled model unpacked to a file for {@code default}). */
    Path resolve() {
        return ModelLocator.resolve(bundle);
    }

    /** The bundle as an input file of the command ({@link OutputGuard}), or null for the bundled model. */
    Path inputFile() {
        return bundle.equals(ModelLocator.DEFAULT) ? null : Path.of(bundle);
    }
}
