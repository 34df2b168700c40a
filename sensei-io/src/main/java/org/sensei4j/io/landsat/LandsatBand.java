package org.sensei4j.io.landsat;

import java.nio.file.Path;
import java.util.Optional;
import org.sensei4j.error.SenseiException;

/**
 * The calibration of one band of a Landsat Level-1 product, as written in its MTL file.
 *
 * <p>Radiance coefficients give W/(m²·sr·µm) from DN, reflectance coefficients give TOA reflectance (without
 * the sun-elevation correction) from DN, K1 is in W/(m²·sr·µm) and K2 in kelvin. An accessor whose key the
 * MTL does not hold (reflectance for a thermal band, K1/K2 for a reflective band, a key missing from the file)
 * throws a {@link SenseiException} naming the key and the file.
 */
public final class LandsatBand {

    private final String id;
    private final String mtlName;
    private final Path source;
    private final String fileName;
    private final Double radianceMult;
    private final Double radianceAdd;
    private final Double reflectanceMult;
    private final Double reflectanceAdd;
    private final Double k1;
    private final Double k2;
    private final Double quantizeCalMin;
    private final Double quantizeCalMax;

    LandsatBand(
            String id,
            String mtlName,
            Path source,
            String fileName,
            Double radianceMult,
            Double radianceAdd,
            Double reflectanceMult,
            Double reflectanceAdd,
            Double k1,
            Double k2,
            Double quantizeCalMin,
            Double quantizeCalMax) {
        this.id = id;
        this.mtlName = mtlName;
        this.source = source;
        this.fileName = fileName;
        this.radianceMult = radianceMult;
        this.radianceAdd = radianceAdd;
        this.reflectanceMult = reflectanceMult;
        this.reflectanceAdd = reflectanceAdd;
        this.k1 = k1;
        this.k2 = k2;
        this.quantizeCalMin = quantizeCalMin;
        this.quantizeCalMax = quantizeCalMax;
    }

    /**
     * Our band id, e.g. {@code "B4"}, {@code "B10"}; Landsat 7's thermal bands are {@code "B6"} (VCID_1) and {@code
     * "B6_VCID_2"}.
     */
    public String id() {
        return id;
    }

    /** The band's suffix in MTL keys, e.g. {@code "4"}, {@code "6_VCID_1"}. */
    public String mtlName() {
        return mtlName;
    }

    /** True for a thermal band (the MTL gives K1/K2 constants for it). */
    public boolean isThermal() {
        return k1 != null || k2 != null;
    }

    /** The band's GeoTIFF file name ({@code FILE_NAME_BAND_n}), when the MTL lists it. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** {@code RADIANCE_MULT_BAND_n}, W/(m²·sr·µm) per DN. */
    public double radianceMult() {
        return require(radianceMult, "RADIANCE_MULT_BAND_");
    }

    /** {@code RADIANCE_ADD_BAND_n}, W/(m²·sr·µm). */
    public double radianceAdd() {
        return require(radianceAdd, "RADIANCE_ADD_BAND_");
    }

    /** {@code REFLECTANCE_MULT_BAND_n}, reflectance per DN (before the sun-elevation correction). */
    public double reflectanceMult() {
        return require(reflectanceMult, "REFLECTANCE_MULT_BAND_");
    }

    /** {@code REFLECTANCE_ADD_BAND_n}, reflectance (before the sun-elevation correction). */
    public double reflectanceAdd() {
        return require(reflectanceAdd, "REFLECTANCE_ADD_BAND_");
    }

    /** {@code K1_CONSTANT_BAND_n}, W/(m²·sr·µm). */
    public double k1() {
        return require(k1, "K1_CONSTANT_BAND_");
    }

    /** {@code K2_CONSTANT_BAND_n}, kelvin. */
    public double k2() {
        return require(k2, "K2_CONSTANT_BAND_");
    }

    /** {@code QUANTIZE_CAL_MIN_BAND_n}: the smallest valid DN (DN 0 is fill). */
    public int quantizeCalMin() {
        return (int) require(quantizeCalMin, "QUANTIZE_CAL_MIN_BAND_");
    }

    /** {@code QUANTIZE_CAL_MAX_BAND_n}: the largest DN, which marks saturated pixels. */
    public int quantizeCalMax() {
        return (int) require(quantizeCalMax, "QUANTIZE_CAL_MAX_BAND_");
    }

    private double require(Double value, String keyPrefix) {
        if (value != null) {
            return value;
        }
        String key = keyPrefix + mtlName;
        String hint;
        if (keyPrefix.startsWith("REFLECTANCE") && isThermal()) {
            hint = "band " + id + " is thermal: convert it to brightness temperature instead of reflectance";
        } else if (keyPrefix.startsWith("K") && !isThermal()) {
            hint = "band " + id + " is not thermal: convert it to reflectance instead of brightness temperature";
        } else {
            hint = "give the complete *_MTL.txt delivered with the Collection 1 or 2 Level-1 product";
        }
        throw new SenseiException("key " + key + " missing from Landsat MTL file " + source + ": " + hint);
    }

    @Override
    public String toString() {
        return id + (isThermal() ? " (thermal)" : "");
    }
}
