package org.sensei4j.raster;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The raw GeoTIFF georeferencing keys of a file: the GeoKeyDirectory (tag 34735, unsigned shorts), the
 * GeoDoubleParams (tag 34736) and the GeoAsciiParams (tag 34737). Kept so that a CRS without an EPSG code
 * (a user-defined projection) can be written back unchanged.
 */
public final class GeoKeys {

    /** GTModelTypeGeoKey: 1 projected, 2 geographic, 3 geocentric. */
    public static final int MODEL_TYPE = 1024;
    /** GTRasterTypeGeoKey: 1 PixelIsArea, 2 PixelIsPoint. */
    public static final int RASTER_TYPE = 1025;
    /** GeographicTypeGeoKey: EPSG code of a geographic CRS. */
    public static final int GEOGRAPHIC_TYPE = 2048;
    /** ProjectedCSTypeGeoKey: EPSG code of a projected CRS. */
    public static final int PROJECTED_CS_TYPE = 3072;
    /** Value meaning "user-defined" (no EPSG code). */
    public static final int USER_DEFINED = 32767;

    private final int[] directory;
    private final double[] doubleParams;
    private final String asciiParams;

    /**
     * @param directory the GeoKeyDirectory as unsigned shorts: header (version, revision, minor, key count)
     *     followed by 4 shorts per key (id, tag location, count, value or offset)
     * @param doubleParams the GeoDoubleParams, or null
     * @param asciiParams the GeoAsciiParams, or null
     */
    public GeoKeys(int[] directory, double[] doubleParams, String asciiParams) {
        Objects.requireNonNull(directory, "directory");
        if (directory.length < 4) {
            throw new IllegalArgumentException(
                    "GeoKeyDirectory has " + directory.length + " values, fewer than its 4-value header");
        }
        int keys = directory[3];
        if (directory.length < 4 + 4 * keys) {
            throw new IllegalArgumentException(
                    "GeoKeyDirectory announces " + keys + " keys but holds " + (directory.length - 4) / 4);
        }
        for (int v : directory) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("GeoKeyDirectory value " + v + " is not an unsigned short");
            }
        }
        this.directory = directory.clone();
        this.doubleParams = doubleParams == null ? new double[0] : doubleParams.clone();
        this.asciiParams = asciiParams == null ? "" : asciiParams;
    }

    /** Keys for a CRS given by its EPSG code: model type, raster type and the projected or geographic code. */
    public static GeoKeys forEpsg(int epsg, boolean geographic, Georeference.PixelAnchor anchor) {
        if (epsg <= 0 || epsg >= USER_DEFINED) {
            throw new IllegalArgumentException("EPSG code " + epsg + " is out of the GeoTIFF range 1..32766");
        }
        int rasterType = anchor == Georeference.PixelAnchor.POINT ? 2 : 1;
        return new GeoKeys(
                new int[] {
                    1,
                    1,
                    0,
                    3,
                    MODEL_TYPE,
                    0,
                    1,
                    geographic ? 2 : 1,
                    RASTER_TYPE,
                    0,
                    1,
                    rasterType,
                    geographic ? GEOGRAPHIC_TYPE : PROJECTED_CS_TYPE,
                    0,
                    1,
                    epsg
                },
                null,
                null);
    }

    /** Number of keys in the directory. */
    public int keyCount() {
        return directory[3];
    }

    /** The value of a key stored inline as a short (tag location 0), if present. */
    public OptionalInt shortValue(int keyId) {
        for (int k = 0; k < keyCount(); k++) {
            int base = 4 + 4 * k;
            if (directory[base] == keyId && directory[base + 1] == 0 && directory[base + 2] == 1) {
                return OptionalInt.of(directory[base + 3]);
            }
        }
        return OptionalInt.empty();
    }

    /** The same keys with GTRasterTypeGeoKey set to {@code anchor} (added if missing, keys kept sorted). */
    public GeoKeys withRasterType(Georeference.PixelAnchor anchor) {
        int value = anchor == Georeference.PixelAnchor.POINT ? 2 : 1;
        int n = keyCount();
        for (int k = 0; k < n; k++) {
            int base = 4 + 4 * k;
            if (directory[base] == RASTER_TYPE) {
                int[] d = directory.clone();
                d[base + 1] = 0;
                d[base + 2] = 1;
                d[base + 3] = value;
                return new GeoKeys(d, doubleParams, asciiParams);
            }
        }
        int[] d = new int[4 + 4 * (n + 1)];
        System.arraycopy(directory, 0, d, 0, 4);
        d[3] = n + 1;
        int out = 4;
        boolean inserted = false;
        for (int k = 0; k < n; k++) {
            int base = 4 + 4 * k;
            if (!inserted && directory[base] > RASTER_TYPE) {
                d[out++] = RASTER_TYPE;
                d[out++] = 0;
                d[out++] = 1;
                d[out++] = value;
                inserted = true;
            }
            System.arraycopy(directory, base, d, out, 4);
            out += 4;
        }
        if (!inserted) {
            d[out++] = RASTER_TYPE;
            d[out++] = 0;
            d[out++] = 1;
            d[out] = value;
        }
        return new GeoKeys(d, doubleParams, asciiParams);
    }

    /** The GeoKeyDirectory values (a copy). */
    public int[] directory() {
        return directory.clone();
    }

    /** The GeoDoubleParams (a copy; empty when the file has none). */
    public double[] doubleParams() {
        return doubleParams.clone();
    }

    /** The GeoAsciiParams ("" when the file has none). */
    public String asciiParams() {
        return asciiParams;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeoKeys g
                && Arrays.equals(directory, g.directory)
                && Arrays.equals(doubleParams, g.doubleParams)
                && asciiParams.equals(g.asciiParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(directory), Arrays.hashCode(doubleParams), asciiParams);
    }

    @Override
    public String toString() {
        return "GeoKeys[" + keyCount() + " keys, directory=" + Arrays.toString(directory)
                + (doubleParams.length > 0 ? ", doubles=" + Arrays.toString(doubleParams) : "")
                + (asciiParams.isEmpty() ? "" : ", ascii='" + asciiParams + "'") + "]";
    }
}
