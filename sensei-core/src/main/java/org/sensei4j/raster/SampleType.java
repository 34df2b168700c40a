package org.sensei4j.raster;

import java.util.Arrays;
import java.util.Locale;

/** The numeric type of one raster sample as stored in a file, with GDAL's name for it. */
public enum SampleType {
    UINT8("Byte", 1, false, true, 0, 255),
    INT8("Int8", 1, false, false, -128, 127),
    UINT16("UInt16", 2, false, true, 0, 65535),
    INT16("Int16", 2, false, false, -32768, 32767),
    UINT32("UInt32", 4, false, true, 0, 4294967295.0),
    INT32("Int32", 4, false, false, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT32("Float32", 4, true, false, -Float.MAX_VALUE, Float.MAX_VALUE),
    FLOAT64("Float64", 8, true, false, -Double.MAX_VALUE, Double.MAX_VALUE);

    private final String gdalName;
    private final int bytes;
    private final boolean floatingPoint;
    private final boolean unsigned;
    private final double min;
    private final double max;

    SampleType(String gdalName, int bytes, boolean floatingPoint, boolean unsigned, double min, double max) {
        this.gdalName = gdalName;
        this.bytes = bytes;
        this.floatingPoint = floatingPoint;
        this.unsigned = unsigned;
        this.min = min;
        this.max = max;
    }

    /** GDAL's name of the type, as {@code gdalinfo} prints it (e.g. "UInt16"). */
    public String gdalName() {
        return gdalName;
    }

    /** Size of one sample in bytes. */
    public int bytes() {
        return bytes;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    public boolean isUnsigned() {
        return unsigned;
    }

    /** Smallest value the type holds. */
    public double min() {
        return min;
    }

    /** Largest value the type holds. */
    public double max() {
        return max;
    }

    /** Whether {@code value} is exactly representable: an integer in range for integer types, anything for floats. */
    public boolean holds(double value) {
        if (floatingPoint) {
            return true;
        }
        return value == Math.rint(value) && value >= min && value <= max;
    }

    /** Parses a GDAL name ("UInt16") or an enum name ("uint16"), case-insensitively. */
    public static SampleType parse(String name) {
        String n = name.trim();
        for (SampleType t : values()) {
            if (t.gdalName.equalsIgnoreCase(n) || t.name().equalsIgnoreCase(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown sample type '" + name + "': give one of "
                + Arrays.stream(values())
                        .map(t -> t.name().toLowerCase(Locale.ROOT))
                        .toList());
    }
}
