package org.sensei4j.cli;

import org.sensei4j.error.SenseiException;
import picocli.CommandLine.Option;

/**
 * {@code --threshold} of the commands that mask with a bundle's decision ({@code mask}, {@code evaluate}), for use
 * as a picocli {@code @Mixin}.
 */
final class ThresholdOption {

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description = "cloud when the summed cloud probability >= T (default: the bundle's calibrated threshold "
                    + "(sensei calibrate), else the most probable class)")
    Double value;

    /**
     * Refuses a threshold outside (0, 1).
     *
     * @throws SenseiException for a given threshold that is not between 0 and 1 (exclusive), NaN included
     */
    void check() {
        if (value != null && !(value > 0 && value < 1)) {
            throw new SenseiException("--threshold must be a number between 0 and 1 (exclusive), got " + value);
        }
    }

    /** The threshold for {@code MaskingOptions}: NaN when not given (the bundle's decision). */
    double orNaN() {
        return value == null ? Double.NaN : value;
    }
}
