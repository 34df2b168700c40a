package org.sensei4j.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.dataset.DatasetTypes;

/**
 * Opens {@code TYPE:PATH} arguments with the readers of {@link DatasetTypes} (the one list of data set formats,
 * shared with training configs).
 */
public final class DatasetReaders {

    private DatasetReaders() {}

    /** The type names, in a fixed order. */
    public static List<String> types() {
        return DatasetTypes.names();
    }

    /**
     * Opens {@code TYPE:PATH}, e.g. {@code on-cloud-n:/data/chips}.
     *
     * @throws SenseiException for a missing colon, an unknown type or a path the reader cannot list
     */
    public static Dataset open(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new SenseiException("data set '" + spec + "' is not TYPE:PATH: write e.g. on-cloud-n:/data/chips, "
                    + "with TYPE one of " + types());
        }
        return open(spec.substring(0, colon), Path.of(spec.substring(colon + 1)));
    }

    /** Opens the data set of type {@code type} at {@code path}. */
    public static Dataset open(String type, Path path) {
        String t = DatasetTypes.canonical(type)
                .orElseThrow(() -> new SenseiException("unknown data set type '" + type + "': use one of " + types()));
        Function<Path, Dataset> reader = DatasetTypes.reader(t).orElseThrow();
        if (!Files.exists(path)) {
            throw new SenseiException(
                    "data set path " + path + " does not exist: give the folder of the " + t + " data set");
        }
        return reader.apply(path);
    }
}
