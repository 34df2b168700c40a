package org.sensei4j.model.sensei;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.keras.KerasSenseiImporter;

/**
 * Loads SEnSeI weights from what users pass as {@code --weights}: the original Keras HDF5 file or a sensei4j
 * model bundle.
 */
public final class SenseiWeights {

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
        if (org.sensei4j.model.bundle.ModelBundle.looksLikeBundle(source)) {
            org.sensei4j.model.bundle.ModelBundle.Loaded b = org.sensei4j.model.bundle.ModelBundle.load(source, manager);
            if (b.model().sensei() == null) {
                throw new SenseiException("model bundle " + source + " is a fixed-band model without a SEnSeI encoder: "
                        + "give a SEnSeI bundle or the Keras weights");
            }
            return new KerasSenseiImporter.Imported(b.model().sensei(), null, source);
        }
        throw new SenseiException(source + " is neither a Keras SEnSeI .hdf5 file nor a sensei4j model bundle: "
                + "give e.g. sensei-epoch043-loss0.198.hdf5");
    }
}
