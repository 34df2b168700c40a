package org.sensei4j.spark;

import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.MaskSink;
import org.sensei4j.raster.FloatRaster;

/**
 * Collects a scene's classes from the masker's strips into a one-band raster for
 * {@link org.sensei4j.io.geotiff.GeoTiffWriter} (nodata {@value ClassScheme#NODATA}) and counts cloud pixels on
 * the way; probabilities are not kept.
 */
final class MaskCollector implements MaskSink {

    private final ClassScheme scheme;
    private final int width;
    private final float[] values;
    private long valid;
    private long cloud;

    MaskCollector(int width, int height, ClassScheme scheme) {
        this.scheme = scheme;
        this.width = width;
        this.values = new float[Math.multiplyExact(width, height)];
    }

    @Override
    public void strip(int y0, int rows, int stripWidth, byte[] classes, float[] probabilities, float[] disagreement) {
        int off = y0 * width;
        for (int i = 0; i < rows * stripWidth; i++) {
            int c = classes[i] & 0xFF;
            values[off + i] = c;
            if (c != ClassScheme.NODATA) {
                valid++;
                if (scheme.isCloud(c)) {
                    cloud++;
                }
            }
        }
    }

    @Override
    public boolean wantsProbabilities() {
        return false;
    }

    FloatRaster raster(int height) {
        return new FloatRaster(1, height, width, values, (double) ClassScheme.NODATA);
    }

    /** Cloud pixels over valid pixels; NaN without valid pixels (as {@link org.sensei4j.inference.MaskResult}). */
    double cloudFraction() {
        return valid == 0 ? Double.NaN : (double) cloud / valid;
    }

    /** The cloud fraction of a written mask's classes. */
    static double cloudFraction(float[] classes, ClassScheme scheme) {
        long v = 0;
        long c = 0;
        for (float f : classes) {
            int k = (int) f;
            if (k != ClassScheme.NODATA) {
                v++;
                if (scheme.isCloud(k)) {
                    c++;
                }
            }
        }
        return v == 0 ? Double.NaN : (double) c / v;
    }
}
