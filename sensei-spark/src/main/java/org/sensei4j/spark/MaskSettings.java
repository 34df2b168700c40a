package org.sensei4j.spark;

import java.io.Serializable;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.model.cloud.Precision;

/** {@link MaskingOptions} in a form that travels to executors (the record itself is not Serializable). */
public record MaskSettings(
        int tile,
        int overlap,
        int threads,
        ClassScheme outputScheme,
        double threshold,
        int ensemble,
        long seed,
        int minBands,
        Precision precision)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static MaskSettings of(MaskingOptions o) {
        return new MaskSettings(
                o.tile(),
                o.overlap(),
                o.threads(),
                o.outputScheme(),
                o.threshold(),
                o.ensemble(),
                o.seed(),
                o.minBands(),
                o.precision());
    }

    public MaskingOptions toOptions() {
        return new MaskingOptions(tile, overlap, threads, outputScheme, threshold, ensemble, seed, minBands, precision);
    }
}
