package org.sensei4j.cli;

import java.nio.file.Path;
import org.sensei4j.train.segmentation.TrainConfig;
import picocli.CommandLine.Parameters;

/**
 * The training config that {@code train}, {@code floor train} and {@code loso} read, their first argument: a picocli
 * {@code @Mixin}.
 */
public final class TrainConfigArgument {

    @Parameters(
            index = "0",
            paramLabel = "CONFIG",
            description = "training config (YAML or JSON); relative paths in it are resolved against the working "
                    + "directory")
    Path path;

    /** The config, read and checked. */
    TrainConfig load() {
        return TrainConfig.load(path);
    }
}
