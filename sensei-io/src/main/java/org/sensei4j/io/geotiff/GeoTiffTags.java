package org.sensei4j.io.geotiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.FileDirectoryEntry;
import org.sensei4j.raster.GeoKeys;
import org.sensei4j.raster.Georeference;

/** Reads and formats the GeoTIFF and GDAL tags (georeference and nodata). */
final class GeoTiffTags {

    private GeoTiffTags() {}

    /** TIFF compression code → GDAL-style name. */
    static String compressionName(int code) {
        return switch (code) {
            case 1 -> "NONE";
            case 5 -> "LZW";
            case 8, 32946 -> "DEFLATE";
            case 32773 -> "PACKBITS";
            case 6, 7 -> "JPEG";
            case 34887 -> "LERC";
            case 34925 -> "LZMA";
            case 50000 -> "ZSTD";
            case 50001 -> "WEBP";
            case 50002 -> "JXL";
            default -> "CODE-" + code;
        };
    }

    static boolean compressionSupported(int code) {
        return code == 1 || code == 5 || code == 8 || code == 32946 || code == 32773;
    }

    /**
     * The georeference from ModelTransformation or ModelTiepoint+ModelPixelScale and the GeoKeyDirectory; null
     * when the file has no affine transform (a plain TIFF, or only ground control points).
     */
    static Georeference georeference(FileDirectory dir) {
        List<Double> matrix = doubles(dir, FieldTagType.ModelTransformation);
        List<Double> tiepoint = doubles(dir, FieldTagType.ModelTiepoint);
        List<Double> scale = doubles(dir, FieldTagType.ModelPixelScale);
        double[] t;
        if (matrix != null && matrix.size() >= 16) {
            t = new double[] {matrix.get(3), matrix.get(0), matrix.get(1), matrix.get(7), matrix.get(4), matrix.get(5)};
        } else if (tiepoint != null && tiepoint.size() >= 6 && scale != null && scale.size() >= 2) {
            double i = tiepoint.get(0);
            double j = tiepoint.get(1);
            double sx = scale.get(0);
            double sy = scale.get(1);
            t = new double[] {tiepoint.get(3) - i * sx, sx, 0, tiepoint.get(4) + j * sy, 0, -sy};
        } else {
            return null;
        }
        GeoKeys keys = geoKeys(dir);
        Integer epsg = null;
        Georeference.PixelAnchor anchor = Georeference.PixelAnchor.AREA;
        if (keys != null) {
            OptionalInt model = keys.shortValue(GeoKeys.MODEL_TYPE);
            OptionalInt projected = keys.shortValue(GeoKeys.PROJECTED_CS_TYPE);
            OptionalInt geographic = keys.shortValue(GeoKeys.GEOGRAPHIC_TYPE);
            OptionalInt code = model.isPresent() && model.getAsInt() == 2
                    ? geographic
                    : projected.isPresent() ? projected : geographic;
            if (code.isPresent() && code.getAsInt() > 0 && code.getAsInt() < GeoKeys.USER_DEFINED) {
                epsg = code.getAsInt();
            }
            if (keys.shortValue(GeoKeys.RASTER_TYPE).orElse(1) == 2) {
                anchor = Georeference.PixelAnchor.POINT;
            }
        }
        if (anchor == Georeference.PixelAnchor.POINT) {
            // as GDAL: the tie point names a pixel centre; move the origin to the pixel corner
            t[0] -= 0.5 * t[1] + 0.5 * t[2];
            t[3] -= 0.5 * t[4] + 0.5 * t[5];
        }
        for (double v : t) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        if (t[1] * t[5] - t[2] * t[4] == 0) {
            return null;
        }
        return new Georeference(epsg, t, anchor, keys);
    }

    static GeoKeys geoKeys(FileDirectory dir) {
        List<Number> directory = numbers(dir, FieldTagType.GeoKeyDirectory);
        if (directory == null || directory.size() < 4) {
            return null;
        }
        List<Double> doubles = doubles(dir, FieldTagType.GeoDoubleParams);
        String ascii = string(dir, FieldTagType.GeoAsciiParams);
        int[] d = directory.stream().mapToInt(Number::intValue).toArray();
        try {
            return new GeoKeys(
                    d,
                    doubles == null
                            ? null
                            : doubles.stream().mapToDouble(Double::doubleValue).toArray(),
                    ascii);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The values of a numeric tag as a list. (mil.nga stores a tag it does not know as an array, and that has
     * one value, as a bare value rather than a one-element list.)
     */
    static List<Number> numbers(FileDirectory dir, FieldTagType tag) {
        FileDirectoryEntry e = dir.get(tag);
        if (e == null || e.getValues() == null) {
            return null;
        }
        Object v = e.getValues();
        if (v instanceof Number n) {
            return List.of(n);
        }
        if (v instanceof List<?> list) {
            List<Number> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    return null;
                }
                out.add(n);
            }
            return out;
        }
        return null;
    }

    static List<Double> doubles(FileDirectory dir, FieldTagType tag) {
        List<Number> n = numbers(dir, tag);
        return n == null ? null : n.stream().map(Number::doubleValue).toList();
    }

    /** The text of an ASCII tag (its first string), or null. */
    static String string(FileDirectory dir, FieldTagType tag) {
        FileDirectoryEntry e = dir.get(tag);
        if (e == null || e.getValues() == null) {
            return null;
        }
        Object v = e.getValues();
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String s) {
            return s;
        }
        return null;
    }

    /**
     * The values of the GeoTIFF tags that place a raster, independent of how the TIFF is written.
     *
     * @param pixelScale ModelPixelScale (sx, sy, 0) for a north-up raster, else null
     * @param tiepoint ModelTiepoint (0, 0, 0, x, y, 0) for a north-up raster, else null
     * @param transformation ModelTransformation (4×4, row-major) when rotated or flipped, else null
     * @param keyDirectory GeoKeyDirectory as unsigned shorts, or null when the CRS is unknown
     * @param doubleParams GeoDoubleParams, or null when none
     * @param asciiParams GeoAsciiParams without the terminating NUL, or null when none
     */
    record GeoTagValues(
            double[] pixelScale,
            double[] tiepoint,
            double[] transformation,
            int[] keyDirectory,
            double[] doubleParams,
            String asciiParams) {}

    /**
     * The GeoTIFF tags for {@code g}: ModelPixelScale + ModelTiepoint when north-up (else ModelTransformation),
     * the tie point moved to the pixel centre for PixelIsPoint; the file's own GeoKeys when {@code g} has them
     * (with the raster type key set to its anchor), else keys derived from the EPSG code.
     */
    static GeoTagValues geoTagValues(Georeference g) {
        double[] t = g.transform();
        if (g.anchor() == Georeference.PixelAnchor.POINT) {
            // the tie point names the centre of pixel (0, 0)
            t[0] += 0.5 * t[1] + 0.5 * t[2];
            t[3] += 0.5 * t[4] + 0.5 * t[5];
        }
        double[] scale = null;
        double[] tiepoint = null;
        double[] matrix = null;
        if (g.isNorthUp() && t[1] > 0 && t[5] < 0) {
            scale = new double[] {t[1], -t[5], 0.0};
            tiepoint = new double[] {0.0, 0.0, 0.0, t[0], t[3], 0.0};
        } else {
            matrix =
                    new double[] {t[1], t[2], 0.0, t[0], t[4], t[5], 0.0, t[3], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0};
        }
        GeoKeys keys = g.geoKeys().map(k -> k.withRasterType(g.anchor())).orElse(null);
        if (keys == null && g.epsg().isPresent()) {
            keys = GeoKeys.forEpsg(g.epsg().getAsInt(), g.isGeographic(), g.anchor());
        }
        if (keys == null) {
            return new GeoTagValues(scale, tiepoint, matrix, null, null, null);
        }
        double[] doubles = keys.doubleParams();
        String ascii = keys.asciiParams();
        if (ascii.endsWith("\0")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        return new GeoTagValues(
                scale,
                tiepoint,
                matrix,
                keys.directory(),
                doubles.length > 0 ? doubles : null,
                ascii.isEmpty() ? null : ascii);
    }

    /** Sets a DOUBLE tag, as a bare value when it has one value (as mil.nga's writer expects). */
    static void setDoubles(FileDirectory dir, FieldTagType tag, double... values) {
        Object v;
        if (values.length == 1) {
            v = values[0];
        } else {
            List<Double> list = new ArrayList<>(values.length);
            for (double d : values) {
                list.add(d);
            }
            v = list;
        }
        dir.addEntry(new FileDirectoryEntry(tag, FieldType.DOUBLE, values.length, v));
    }

    /** Sets a SHORT tag from unsigned shorts. */
    static void setShorts(FileDirectory dir, FieldTagType tag, int... values) {
        Object v;
        if (values.length == 1) {
            v = values[0];
        } else {
            List<Integer> list = new ArrayList<>(values.length);
            for (int d : values) {
                list.add(d);
            }
            v = list;
        }
        dir.addEntry(new FileDirectoryEntry(tag, FieldType.SHORT, values.length, v));
    }

    /** Parses GDAL_NODATA text ("0", "-9999", "nan", "-inf"); null when absent or unreadable. */
    static Double parseNodata(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        switch (s) {
            case "nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    /** Formats a nodata value as GDAL writes it: integers without a decimal point, "nan", "inf", "-inf". */
    static String formatNodata(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
