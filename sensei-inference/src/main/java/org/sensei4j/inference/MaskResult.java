package org.sensei4j.inference;

import org.sensei4j.classes.ClassScheme;
import org.sensei4j.raster.Georeference;

/**
 * A whole scene's mask in memory.
 *
 * @param classes       height × width classes of {@code scheme}, {@link ClassScheme#NODATA} at nodata
 * @param probabilities K × height × width probabilities of the model's classes (NaN at nodata)
 * @param disagreement  ensemble disagreement per pixel (0–1), or null
 */
public record MaskResult(
        int width,
        int height,
        ClassScheme scheme,
        ClassScheme modelScheme,
        byte[] classes,
        float[] probabilities,
        float[] disagreement,
        Georeference georeference,
        MaskingStats stats) {

    /** The pixels of each class ({@link MaskCounts}). */
    public MaskCounts counts() {
        return MaskCounts.of(classes, scheme);
    }

    /** Fraction of valid pixels whose class is a cloud class; NaN without valid pixels. */
    public double cloudFraction() {
        return counts().cloudFraction();
    }
}
