package org.sensei4j.io.product;

import org.sensei4j.raster.SampleType;

/**
 * How the stored values of one band become SEnSeI's quantity (see {@link ProductReaders} for the rules).
 *
 * @param sampleType   the stored type
 * @param scale        factor for reflective bands (1 for float rasters taken as they are)
 * @param offset       added after scaling, for reflective bands
 * @param scaleAssumed whether the scale was assumed from the sample type ("auto") rather than given
 * @param nodata       the stored value marking missing pixels (the override or the file's), or null; NaN is always
 *                     missing
 * @param saturation   stored value from which a pixel counts as saturated, or null
 * @param thermal      the normalisation of a thermal band, or null for a reflective band
 */
public record BandConversion(
        SampleType sampleType,
        double scale,
        double offset,
        boolean scaleAssumed,
        Double nodata,
        Double saturation,
        ThermalNormalisation thermal) {

    /** Whether the band is thermal (brightness temperature, normalised). */
    public boolean isThermal() {
        return thermal != null;
    }

    /** Whether a stored value is missing: NaN, infinite or the nodata value. */
    public boolean isNodata(float stored) {
        return !Float.isFinite(stored) || (nodata != null && stored == nodata.floatValue());
    }

    /** Whether a (non-missing) stored value is saturated. */
    public boolean isSaturated(float stored) {
        return saturation != null && stored >= saturation;
    }

    /** The value in SEnSeI's quantity of a (non-missing) stored value. */
    public float convert(float stored) {
        return thermal != null ? (float) thermal.apply(stored) : (float) (stored * scale + offset);
    }
}
