package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.landsat.MtlText;
import org.sensei4j.io.testdata.SharedData;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** Writers of tiny fixtures in the real on-disk layouts (test-only; the npy writer here covers bool/uint8). */
final class Fixtures {

    static final Path SHARED = SharedData.ROOT.toAbsolutePath();

    private Fixtures() {}

    static Path dir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GeoTIFF of {@code bands × h × w} values (band-major) of the given type. */
    static Path tif(Path file, SampleType type, int bands, int h, int w, float[] values, Double nodata) {
        dir(file.getParent());
        GeoTiffWriter.create(type)
                .write(
                        file,
                        new FloatRaster(bands, h, w, values, nodata),
                        Georeference.northUp(32633, 500000, 4000000, 30, 30));
        return file;
    }

    /** A one-band GeoTIFF. */
    static Path tif(Path file, SampleType type, int h, int w, float... values) {
        return tif(file, type, 1, h, w, values, null);
    }

    /** Values v(b, i) = f(b, i) for bands × pixels, band-major. */
    static float[] values(int bands, int pixels, IntBinaryOperator f) {
        float[] v = new float[bands * pixels];
        for (int b = 0; b < bands; b++) {
            for (int i = 0; i < pixels; i++) {
                v[b * pixels + i] = f.applyAsInt(b, i);
            }
        }
        return v;
    }

    /** The bytes of a version-1.0 .npy file. */
    static byte[] npyBytes(String descr, long[] shape, byte[] littleEndianData) {
        String shapeText = shape.length == 1
                ? "(" + shape[0] + ",)"
                : "(" + Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ")) + ")";
        StringBuilder header =
                new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + littleEndianData.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1)).put(littleEndianData);
        return b.array();
    }

    static byte[] float32(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static Path npy(Path file, String descr, long[] shape, byte[] data) {
        dir(file.getParent());
        try {
            return Files.write(file, npyBytes(descr, shape, data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A float32 (h, w, c) .npy where value(y, x, c) = f(c, y*w+x). */
    static Path npyImage(Path file, int h, int w, int c, IntBinaryOperator f) {
        float[] v = new float[h * w * c];
        for (int i = 0; i < h * w; i++) {
            for (int k = 0; k < c; k++) {
                v[i * c + k] = f.applyAsInt(k, i) / 1000f;
            }
        }
        return npy(file, "<f4", new long[] {h, w, c}, float32(v));
    }

    /** A one-hot bool (h, w, k) .npy: {@code classes[i]} is the set channel of pixel i, −1 for none. */
    static Path npyOneHot(Path file, int h, int w, int k, int... classes) {
        return npy(file, "|b1", new long[] {h, w, k}, oneHot(k, classes));
    }

    static byte[] oneHot(int k, int... classes) {
        byte[] b = new byte[classes.length * k];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= 0) {
                b[i * k + classes[i]] = 1;
            }
        }
        return b;
    }

    /** An .npz archive of named .npy members. */
    static Path npz(Path file, Map<String, byte[]> members) {
        dir(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A PNG: grey ({@code rgb == false}, values are codes) or RGB (values are 0xRRGGBB). */
    static Path png(Path file, int h, int w, boolean rgb, int... values) {
        dir(file.getParent());
        BufferedImage img = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = values[y * w + x];
                if (rgb) {
                    img.setRGB(x, y, v);
                } else {
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
        }
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path text(Path file, String text) {
        dir(file.getParent());
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void truncate(Path file, int keepBytes) {
        try {
            byte[] all = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(all, keepBytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code call} throws a {@link SenseiException} whose message contains each of {@code parts}. */
    static void assertFails(ThrowingCallable call, String... parts) {
        AbstractThrowableAssert<?, ? extends Throwable> thrown =
                assertThatThrownBy(call).isInstanceOf(SenseiException.class);
        for (String part : parts) {
            thrown.hasMessageContaining(part);
        }
    }

    /**
     * A minimal Collection 1 Landsat 8 MTL: sun elevation 30° (sin = 0.5), reflectance 2e-5·DN − 0.1 for B1–B9,
     * radiance 3.342e-4·DN + 0.1 for B10/B11 with B10's K1 774.8853, K2 1321.0789 and B11's K1 480.8883,
     * K2 1201.1442.
     */
    static String landsat8Mtl(String productId) {
        MtlText m = collection1(productId, "LANDSAT_8", "OLI_TIRS", "2016-05-20", "120.0", "1.0")
                .group("RADIOMETRIC_RESCALING");
        for (int b = 1; b <= 11; b++) {
            m.radiance(b, b >= 10 ? "3.3420E-04" : "1.2E-02", b >= 10 ? "0.10000" : "-60.0");
        }
        for (int b = 1; b <= 9; b++) {
            m.reflectance(b, "2.0000E-05", "-0.100000");
        }
        return m.group("TIRS_THERMAL_CONSTANTS")
                .thermalConstants(10, "774.8853", "1321.0789")
                .thermalConstants(11, "480.8883", "1201.1442")
                .text();
    }

    /**
     * A minimal Collection 1 Landsat 7 MTL: sun elevation 30°, reflectance 1e-3·DN − 0.005 for B1–B5, B7, B8;
     * B6_VCID_1 radiance 0.067087·DN − 0.06709 with K1 666.09, K2 1282.71 (VCID_2 likewise).
     */
    static String landsat7Mtl(String productId) {
        MtlText m = collection1(productId, "LANDSAT_7", "ETM", "2001-11-12", "60.0", "0.99")
                .group("RADIOMETRIC_RESCALING");
        for (String b : new String[] {"1", "2", "3", "4", "5", "6_VCID_1", "6_VCID_2", "7", "8"}) {
            boolean thermal = b.startsWith("6");
            m.radiance(b, thermal ? "6.7087E-02" : "7.7E-01", thermal ? "-0.06709" : "-6.9");
            if (!thermal) {
                m.reflectance(b, "1.0E-03", "-0.005");
            }
        }
        return m.group("THERMAL_CONSTANTS")
                .thermalConstants("6_VCID_1", "666.09", "1282.71")
                .thermalConstants("6_VCID_2", "666.09", "1282.71")
                .text();
    }

    /** The start of a Collection 1 MTL, up to its IMAGE_ATTRIBUTES (the sun at 30° elevation). */
    private static MtlText collection1(
            String productId, String spacecraft, String sensor, String date, String sunAzimuth, String earthSun) {
        return new MtlText("L1_METADATA_FILE")
                .group("METADATA_FILE_INFO")
                .quoted("LANDSAT_PRODUCT_ID", productId)
                .put("COLLECTION_NUMBER", "01")
                .group("PRODUCT_METADATA")
                .quoted("DATA_TYPE", "L1TP")
                .quoted("SPACECRAFT_ID", spacecraft)
                .quoted("SENSOR_ID", sensor)
                .put("DATE_ACQUIRED", date)
                .group("IMAGE_ATTRIBUTES")
                .put("SUN_AZIMUTH", sunAzimuth)
                .put("SUN_ELEVATION", "30.0")
                .put("EARTH_SUN_DISTANCE", earthSun);
    }

    /** Brightness temperature in kelvin, K2 / ln(K1/L + 1). */
    static double bt(double radiance, double k1, double k2) {
        return k2 / Math.log(k1 / radiance + 1);
    }
}
