package org.sensei4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.SenseiWeights;
import picocli.CommandLine.Option;

/**
 * {@code --weights}: the SEnSeI weights (Keras .hdf5 or bundle) that {@code encode} and {@code pretrain evaluate}
 * load, a picocli {@code @Mixin}.
 */
final class SenseiWeightsOption {

    @Option(
            names = "--weights",
            required = true,
            paramLabel = "FILE",
            description = "SEnSeI weights: the Keras .hdf5 or a sensei4j SEnSeI model bundle")
    Path path;

    /** The weights, read into {@code manager}; with the recovery module too when {@code recovery}. */
    KerasSenseiImporter.Imported load(NDManager manager, boolean recovery) {
        return SenseiWeights.load(path, manager, recovery);
    }
}
