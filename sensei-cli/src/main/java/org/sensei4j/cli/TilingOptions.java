package org.sensei4j.cli;

import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.MaskingOptions;
import picocli.CommandLine.Option;

/** {@code --tile} and {@code --overlap} of the commands that predict whole scenes for scoring (evaluate, calibrate). */
final class TilingOptions {

    @Option(names = "--tile", defaultValue = "512", description = "tile size (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--overlap", defaultValue = "64", description = "tile overlap (default: ${DEFAULT-VALUE})")
    int overlap;

    /** The default masking options with these tiles; a bad size is a user error. */
    MaskingOptions masking() {
        try {
            return MaskingOptions.defaults().withTile(tile, overlap);
        } catch (IllegalArgumentException e) {
            throw new SenseiException(e.getMessage());
        }
    }
}
