package org.sensei4j.io.sentinel2;

/**
 * Sentinel-2 DN → reflectance, {@code ρ = (DN + offset) / quantification} (ESA, baseline 04.00 on), as pure
 * functions on row-major pixel arrays.
 *
 * <p>The offset is the band's {@code RADIO_ADD_OFFSET} (L1C) or {@code BOA_ADD_OFFSET} (L2A), 0 when the
 * product has none (baselines before 04.00). Reflectance is unitless and not clipped: it may be below 0 or above
 * 1. DNs are unsigned values held in {@code int}s. The NODATA DN (0) becomes NaN; the SATURATED DN (65535) keeps
 * its converted value and is reported by {@link #saturatedMask}.
 */
public final class Sentinel2Radiometry {

    /** DN of pixels without data in Sentinel-2 products. */
    public static final int NODATA_DN = 0;

    /** DN of saturated pixels in Sentinel-2 products. */
    public static final int SATURATED_DN = 65535;

    private Sentinel2Radiometry() {}

    /**
     * Reflectance {@code (DN + addOffset) / quantificationValue}; NaN where DN is 0.
     *
     * @param quantificationValue DN per unit reflectance, e.g. 10000
     * @param addOffset additive DN offset, e.g. −1000 (0 before baseline 04.00)
     */
    public static float[] reflectance(int[] dn, double quantificationValue, double addOffset) {
        return reflectance(dn, quantificationValue, addOffset, NODATA_DN);
    }

    /**
     * Reflectance of band {@code band} (e.g. {@code "B04"}) with the quantification, offset and NODATA DN of {@code
     * metadata}.
     */
    public static float[] reflectance(int[] dn, Sentinel2Metadata metadata, String band) {
        return reflectance(dn, metadata.quantificationValue(), metadata.addOffset(band), metadata.nodataValue());
    }

    private static float[] reflectance(int[] dn, double quantificationValue, double addOffset, int nodata) {
        if (!(quantificationValue > 0) || Double.isInfinite(quantificationValue)) {
            throw new IllegalArgumentException("quantification value " + quantificationValue
                    + " must be a positive number (10000 in Sentinel-2 products)");
        }
        if (!Double.isFinite(addOffset)) {
            throw new IllegalArgumentException("add offset " + addOffset + " must be finite (−1000 or 0)");
        }
        float[] out = new float[dn.length];
        for (int i = 0; i < dn.length; i++) {
            out[i] = dn[i] == nodata ? Float.NaN : (float) ((dn[i] + addOffset) / quantificationValue);
        }
        return out;
    }

    /** True where DN is the product's NODATA value. */
    public static boolean[] nodataMask(int[] dn, Sentinel2Metadata metadata) {
        return equalTo(dn, metadata.nodataValue());
    }

    /** True where DN is the product's SATURATED value. */
    public static boolean[] saturatedMask(int[] dn, Sentinel2Metadata metadata) {
        return equalTo(dn, metadata.saturatedValue());
    }

    /** True where DN is 0 (NODATA). */
    public static boolean[] nodataMask(int[] dn) {
        return equalTo(dn, NODATA_DN);
    }

    /** True where DN is 65535 (SATURATED). */
    public static boolean[] saturatedMask(int[] dn) {
        return equalTo(dn, SATURATED_DN);
    }

    private static boolean[] equalTo(int[] dn, int value) {
        boolean[] mask = new boolean[dn.length];
        for (int i = 0; i < dn.length; i++) {
            mask[i] = dn[i] == value;
        }
        return mask;
    }
}
