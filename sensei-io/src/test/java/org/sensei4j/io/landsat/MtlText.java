package org.sensei4j.io.landsat;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Writes the text of an MTL file (USGS's {@code GROUP = NAME}, {@code KEY = value}, {@code END_GROUP = NAME}) for
 * test fixtures: the groups go inside the file's group, the keys inside the group opened last.
 */
public final class MtlText {

    private final String root;
    private final StringBuilder s = new StringBuilder();
    private String group;

    /** A Collection 2 MTL (the whole file a group {@code LANDSAT_METADATA_FILE}). */
    public MtlText() {
        this("LANDSAT_METADATA_FILE");
    }

    /** An MTL whose whole file is the group {@code root} (Collection 1: {@code L1_METADATA_FILE}). */
    public MtlText(String root) {
        this.root = root;
        s.append("GROUP = ").append(root).append('\n');
    }

    /** Closes the open group, if any, and opens {@code name}. */
    public MtlText group(String name) {
        closeGroup();
        s.append("  GROUP = ").append(name).append('\n');
        group = name;
        return this;
    }

    /** {@code KEY = value}, the value as written. */
    public MtlText put(String key, Object value) {
        s.append("    ").append(key).append(" = ").append(value).append('\n');
        return this;
    }

    /** {@code KEY = "value"}. */
    public MtlText quoted(String key, String value) {
        return put(key, "\"" + value + "\"");
    }

    /** {@code FILE_NAME_BAND_<band> = "<productId>_B<band>.TIF"} for each band. */
    public MtlText bandFileNames(String productId, Iterable<?> bands) {
        for (Object b : bands) {
            quoted("FILE_NAME_BAND_" + b, productId + "_B" + b + ".TIF");
        }
        return this;
    }

    /** The QUANTIZE_CAL_MAX and _MIN of each band: {@code max} and 1. */
    public MtlText quantizeRange(Iterable<?> bands, int max) {
        for (Object b : bands) {
            put("QUANTIZE_CAL_MAX_BAND_" + b, max);
            put("QUANTIZE_CAL_MIN_BAND_" + b, 1);
        }
        return this;
    }

    /** {@code RADIANCE_MULT_BAND_<band>} and {@code RADIANCE_ADD_BAND_<band>}. */
    public MtlText radiance(Object band, Object mult, Object add) {
        return put("RADIANCE_MULT_BAND_" + band, mult).put("RADIANCE_ADD_BAND_" + band, add);
    }

    /** {@code REFLECTANCE_MULT_BAND_<band>} and {@code REFLECTANCE_ADD_BAND_<band>}. */
    public MtlText reflectance(Object band, Object mult, Object add) {
        return put("REFLECTANCE_MULT_BAND_" + band, mult).put("REFLECTANCE_ADD_BAND_" + band, add);
    }

    /** {@code K1_CONSTANT_BAND_<band>} and {@code K2_CONSTANT_BAND_<band>}. */
    public MtlText thermalConstants(Object band, Object k1, Object k2) {
        return put("K1_CONSTANT_BAND_" + band, k1).put("K2_CONSTANT_BAND_" + band, k2);
    }

    /**
     * The Level-1 calibration groups of Landsat 8/9 (OLI bands 1-9, TIRS 10-11): 16-bit quantisation, USGS's
     * radiance rescaling and TIRS constants, and the OLI bands' reflectance rescaling as given.
     */
    public MtlText oliTirsCalibration(IntFunction<Object> reflectanceMult, IntFunction<Object> reflectanceAdd) {
        List<Integer> bands = IntStream.rangeClosed(1, 11).boxed().toList();
        group("LEVEL1_MIN_MAX_PIXEL_VALUE").quantizeRange(bands, 65535);
        group("LEVEL1_RADIOMETRIC_RESCALING");
        for (int b : bands) {
            radiance(b, b >= 10 ? "3.3420E-04" : "1.0000E-02", b >= 10 ? "0.10000" : "-50.00000");
        }
        for (int b = 1; b <= 9; b++) {
            reflectance(b, reflectanceMult.apply(b), reflectanceAdd.apply(b));
        }
        return group("LEVEL1_THERMAL_CONSTANTS")
                .thermalConstants(10, "774.8853", "1321.0789")
                .thermalConstants(11, "480.8883", "1201.1442");
    }

    /** The text, with the open group and the file closed. */
    public String text() {
        closeGroup();
        return s + "END_GROUP = " + root + "\nEND\n";
    }

    private void closeGroup() {
        if (group != null) {
            s.append("  END_GROUP = ").append(group).append('\n');
            group = null;
        }
    }
}
