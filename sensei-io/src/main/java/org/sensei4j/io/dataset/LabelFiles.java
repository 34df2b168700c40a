package org.sensei4j.io.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.PixelWindow;

/**
 * Reads label rasters (class codes) and decodes them with a {@link ClassCodeMapping}: GeoTIFF (first band, read
 * in row strips), PNG/GIF/BMP through {@code javax.imageio} (grey or palette images give their sample values;
 * colour images are turned into codes with a colour table), and ENVI {@code .img}/{@code .hdr} pairs (8- and
 * 16-bit, band-sequential). A code the mapping does not know is an error naming the file, the code, the pixel
 * and the fix.
 */
final class LabelFiles {

    /** Decoded labels: classes of a scheme (or NODATA), row-major. */
    record Labels(int width, int height, byte[] classes) {}

    /** Raw codes, row-major. */
    record Codes(int width, int height, int[] codes) {}

    private static final int STRIP_ROWS = 256;

    private LabelFiles() {}

    /**
     * Reads and decodes the label file of the scene {@code source} and checks that it has the scene's size (the
     * grid of the first band's file); closes {@code source} when either fails.
     *
     * @param colours for colour images: {@code 0xRRGGBB} → code; null when the data set has no colour masks
     */
    static Labels decodeFor(
            RasterBandsSource source,
            Path file,
            ClassCodeMapping mapping,
            ClassScheme target,
            Map<Integer, Integer> colours) {
        try {
            Labels l = decode(file, mapping, target, colours);
            DatasetFiles.requireSameSize(
                    source.width(), source.height(), source.files().get(0), l.width(), l.height(), file);
            return l;
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * Reads and decodes a label file.
     *
     * @param colours for colour images: {@code 0xRRGGBB} → code; null when the data set has no colour masks
     */
    static Labels decode(Path file, ClassCodeMapping mapping, ClassScheme target, Map<Integer, Integer> colours) {
        requireFile(file, "label");
        String ext = extension(file);
        if (ext.equals("tif") || ext.equals("tiff")) {
            try (GeoTiffReader r = GeoTiffReader.open(file)) {
                int w = r.info().width();
                int h = r.info().height();
                byte[] out = new byte[w * h];
                for (int y = 0; y < h; y += STRIP_ROWS) {
                    int rows = Math.min(STRIP_ROWS, h - y);
                    float[] v = r.read(new PixelWindow(0, y, w, rows), 0).data();
                    int[] codes = new int[v.length];
                    for (int i = 0; i < v.length; i++) {
                        codes[i] = toCode(v[i], file, y + i / w, i % w);
                    }
                    System.arraycopy(decodeCodes(codes, w, y, mapping, target, file), 0, out, y * w, codes.length);
                }
                return new Labels(w, h, out);
            }
        }
        Codes c = readCodes(file, colours);
        return new Labels(c.width(), c.height(), decodeCodes(c.codes(), c.width(), 0, mapping, target, file));
    }

    /** Reads the codes of a (small) label file; see {@link #decode} for the formats. */
    static Codes readCodes(Path file, Map<Integer, Integer> colours) {
        requireFile(file, "label");
        String ext = extension(file);
        if (ext.equals("tif") || ext.equals("tiff")) {
            try (GeoTiffReader r = GeoTiffReader.open(file)) {
                int w = r.info().width();
                float[] v = r.readBand(0);
                int[] codes = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    codes[i] = toCode(v[i], file, i / w, i % w);
                }
                return new Codes(w, r.info().height(), codes);
            }
        }
        if (ext.equals("img") || ext.equals("hdr")) {
            return readEnvi(file);
        }
        return readImage(file, colours);
    }

    /** The code of the top-left pixel. */
    static int topLeftCode(Path file) {
        requireFile(file, "label");
        String ext = extension(file);
        if (ext.equals("tif") || ext.equals("tiff")) {
            try (GeoTiffReader r = GeoTiffReader.open(file)) {
                return toCode(r.read(new PixelWindow(0, 0, 1, 1), 0).data()[0], file, 0, 0);
            }
        }
        return readCodes(file, null).codes()[0];
    }

    /** Decodes codes with a check that names the file, the first unknown code and where it is. */
    static byte[] decodeCodes(
            int[] codes, int width, int firstRow, ClassCodeMapping mapping, ClassScheme target, Path file) {
        for (int i = 0; i < codes.length; i++) {
            if (!mapping.knows(codes[i])) {
                throw unknownCode(file, codes[i], firstRow + i / width, i % width, mapping);
            }
        }
        return mapping.decode(codes, target);
    }

    static SenseiException unknownCode(Path file, int code, int row, int column, ClassCodeMapping mapping) {
        String known = mapping.codeNames().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return new SenseiException("label file " + file + " has code " + code + " at row " + row + ", column "
                + column + ", which is not a " + mapping.title() + " code (known: " + known + "): check that the file"
                + " is a " + mapping.title() + " mask of this data set's layout, or give the reader your own mapping"
                + " as class=codes pairs, e.g. \"cloud=" + code + ";clear=0\"");
    }

    private static int toCode(float v, Path file, int row, int column) {
        if (!(v >= 0) || v != Math.rint(v) || v > ClassCodeMapping.MAX_CODE) {
            throw new SenseiException("label file " + file + " has value " + v + " at row " + row + ", column "
                    + column + ", which is not a class code (a whole number 0.." + ClassCodeMapping.MAX_CODE
                    + "): give a mask of integer codes, not probabilities or reflectances");
        }
        return (int) v;
    }

    private static Codes readImage(Path file, Map<Integer, Integer> colours) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot read label image " + file + ": " + e.getMessage()
                            + "; the file is corrupt or truncated, copy it again",
                    e);
        }
        if (img == null) {
            throw new SenseiException("cannot read label image " + file + ": not an image format Java reads "
                    + "(PNG, GIF, BMP, JPEG); convert it to GeoTIFF or PNG");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] codes = new int[w * h];
        Raster raster = img.getRaster();
        boolean indexed = img.getColorModel() instanceof IndexColorModel;
        int bands = raster.getNumBands();
        if (indexed || bands <= 2) {
            // palette indices, grey values, or grey + alpha: the first sample is the code
            raster.getSamples(0, 0, w, h, 0, codes);
            return new Codes(w, h, codes);
        }
        if (colours == null) {
            throw new SenseiException("label image " + file + " is a colour image, but this data set's masks are "
                    + "class codes: give a single-band image of codes");
        }
        Map<Integer, Integer> lookup = new HashMap<>(colours);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                Integer code = lookup.get(rgb);
                if (code == null) {
                    throw new SenseiException("label image " + file + " has colour " + String.format("#%06X", rgb)
                            + " at row " + y + ", column " + x + ", which is not a mask colour of this data set "
                            + "(known: "
                            + colours.entrySet().stream()
                                    .map(e -> String.format("#%06X", e.getKey()) + " → " + e.getValue())
                                    .collect(Collectors.joining(", "))
                            + "): check that the file is the mask and was saved without smoothing (PNG, not JPEG)");
                }
                codes[y * w + x] = code;
            }
        }
        return new Codes(w, h, codes);
    }

    /** A minimal ENVI reader: single band, byte or 16-bit integers, band-sequential, header offset honoured. */
    private static Codes readEnvi(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        Path hdr = file.resolveSibling(stem + ".hdr");
        Path img = file.resolveSibling(stem + ".img");
        if (!Files.isRegularFile(img)) {
            img = file.resolveSibling(stem);
        }
        requireFile(hdr, "ENVI header");
        requireFile(img, "ENVI image");
        Map<String, String> h = new HashMap<>();
        try {
            for (String line : Files.readAllLines(hdr, StandardCharsets.ISO_8859_1)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    h.put(
                            line.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                            line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new SenseiException("cannot read ENVI header " + hdr + ": " + e.getMessage(), e);
        }
        int w = enviInt(h, "samples", hdr);
        int rows = enviInt(h, "lines", hdr);
        int bandCount = h.containsKey("bands") ? enviInt(h, "bands", hdr) : 1;
        int type = enviInt(h, "data type", hdr);
        int offset = h.containsKey("header offset") ? enviInt(h, "header offset", hdr) : 0;
        boolean bigEndian = h.containsKey("byte order") && enviInt(h, "byte order", hdr) == 1;
        int bytes = switch (type) {
            case 1 -> 1;
            case 2, 12 -> 2;
            default ->
                throw new SenseiException("ENVI mask " + hdr + " has data type " + type + ", not 1 (byte), 2 "
                        + "(int16) or 12 (uint16): convert it to a byte GeoTIFF (gdal_translate -ot Byte)");
        };
        if (bandCount < 1) {
            throw new SenseiException("ENVI header " + hdr + " gives " + bandCount + " bands: the file is corrupt");
        }
        long need = offset + (long) w * rows * bytes;
        byte[] data;
        try {
            long size = Files.size(img);
            if (size < need) {
                throw new SenseiException("ENVI mask " + img + " has " + size + " bytes but its header (" + w + "×"
                        + rows + ", " + bytes + " byte(s) per pixel) needs " + need
                        + ": the file is truncated; copy it "
                        + "again");
            }
            data = Files.readAllBytes(img);
        } catch (IOException e) {
            throw new SenseiException("cannot read ENVI mask " + img + ": " + e.getMessage(), e);
        }
        int[] codes = new int[w * rows];
        ByteBuffer b = ByteBuffer.wrap(data).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < codes.length; i++) {
            codes[i] = bytes == 1
                    ? data[offset + i] & 0xFF
                    : type == 2 ? b.getShort(offset + 2 * i) : b.getShort(offset + 2 * i) & 0xFFFF;
        }
        return new Codes(w, rows, codes);
    }

    private static int enviInt(Map<String, String> h, String key, Path hdr) {
        String v = h.get(key);
        if (v == null) {
            throw new SenseiException(
                    "ENVI header " + hdr + " lacks '" + key + "': the file is corrupt or not an " + "ENVI header");
        }
        try {
            return Integer.parseInt(v.replace("{", "").replace("}", "").strip());
        } catch (NumberFormatException e) {
            throw new SenseiException(
                    "ENVI header " + hdr + " gives '" + key + " = " + v + "', not a whole number: "
                            + "the file is corrupt",
                    e);
        }
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new SenseiException(what + " file " + file + " is missing: the data set is incomplete; download "
                    + "or unpack it again");
        }
    }

    static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
