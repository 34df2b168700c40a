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
public record MaskResult(int width, int height, ClassScheme scheme, ClassScheme modelScheme, byte[] classes,
        float[] probabilities, float[] disagreement, Georeference georeference, MaskingStats stats) {

    /** Fraction of valid pixels whose class is a cloud class. */
    public double cloudFraction() {
        long cloud = 0;
        long valid = 0;
        for (byte b : classes) {
            int c = b & 0xFF;
            if (c != ClassScheme.NODATA) {
                valid++;
                if (scheme.isCloud(c)) {
                    cloud++;
                }
            }
        }
        return valid == 0 ? Double.NaN : (double) cloud / valid;
    }
}
