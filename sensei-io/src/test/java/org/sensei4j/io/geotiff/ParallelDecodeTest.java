package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;

/**
 * Windows decoded by several threads equal those decoded block after block on one thread, and both equal the values
 * GDAL was given: strips and tiles, DEFLATE, LZW, PackBits and none, predictors 2 and 3, pixel- and band-interleaved,
 * with one batch per window and with many.
 */
class ParallelDecodeTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needGdal() {
        Gdal.assumeAvailable();
    }

    /**
     * Reads the same windows (the whole image, random windows with band subsets and a repeated band, a row of
     * neighbouring windows that share blocks through the cache) serially and with 4 threads, in one batch per
     * window and in batches of a few hundred bytes; all must be bit-equal to each other and to the values.
     */
    private void assertParallelEqualsSerial(Path tif, int bands, int height, int width, float[] v) {
        FloatRaster truth = new FloatRaster(bands, height, width, v, null);
        Random rnd = new Random(7);
        List<PixelWindow> windows = new ArrayList<>();
        List<int[]> orders = new ArrayList<>();
        windows.add(new PixelWindow(0, 0, width, height));
        orders.add(new int[0]);
        for (int i = 0; i < 20; i++) {
            int w = 1 + rnd.nextInt(width);
            int h = 1 + rnd.nextInt(height);
            windows.add(new PixelWindow(rnd.nextInt(width - w + 1), rnd.nextInt(height - h + 1), w, h));
            orders.add(bands == 1 ? new int[] {0} : new int[] {bands - 1, 0, bands - 1});
        }
        int tw = width / 3;
        for (int c = 0; c < 3; c++) {
            windows.add(new PixelWindow(c * tw, height / 4, tw, height / 2));
            orders.add(new int[0]);
        }
        try (GeoTiffReader serial = GeoTiffReader.open(tif).decodeThreads(1);
                GeoTiffReader parallel = GeoTiffReader.open(tif).decodeThreads(4);
                GeoTiffReader batches = GeoTiffReader.open(tif).decodeThreads(4).batchBytes(300)) {
            assertThat(serial.decodeThreads()).isEqualTo(1);
            assertThat(parallel.decodeThreads()).isEqualTo(4);
            for (int i = 0; i < windows.size(); i++) {
                PixelWindow win = windows.get(i);
                int[] order = orders.get(i);
                float[] expected = order.length == 0
                        ? truth.crop(win).data()
                        : truth.crop(win).selectBands(order).data();
                float[] one = serial.read(win, order).data();
                FloatArrays.assertSame(one, expected, tif + " serial " + win);
                FloatArrays.assertSame(parallel.read(win, order).data(), one, tif + " parallel " + win);
                FloatArrays.assertSame(batches.read(win, order).data(), one, tif + " small batches " + win);
            }
            assertThat(parallel.bytesRead()).isEqualTo(serial.bytesRead());
        }
    }

    static List<TiffLayout> layouts() {
        return List.of(
                // one-row strips, pixel-interleaved uint16: as the benchmark tile
                new TiffLayout(
                        "strips1",
                        SampleType.UINT16,
                        13,
                        90,
                        150,
                        11,
                        deflate("-co BLOCKYSIZE=1 -co INTERLEAVE=PIXEL")),
                // a short last strip
                new TiffLayout(
                        "strips_p2", SampleType.UINT16, 4, 103, 77, 12, deflate("-co PREDICTOR=2 -co BLOCKYSIZE=6")),
                new TiffLayout(
                        "tiles_p2", SampleType.UINT16, 3, 130, 170, 13, tiles(32, 16, deflate("-co PREDICTOR=2"))),
                new TiffLayout(
                        "tiles_lzw",
                        SampleType.INT16,
                        3,
                        100,
                        90,
                        14,
                        tiles(16, 32, "-co COMPRESS=LZW -co PREDICTOR=2 -co INTERLEAVE=BAND")),
                new TiffLayout(
                        "strips_lzw_p3",
                        SampleType.FLOAT32,
                        2,
                        61,
                        83,
                        15,
                        "-co COMPRESS=LZW -co PREDICTOR=3 -co BLOCKYSIZE=4"),
                new TiffLayout(
                        "tiles_p3",
                        SampleType.FLOAT32,
                        3,
                        70,
                        66,
                        16,
                        tiles(16, 16, deflate("-co PREDICTOR=3 -co INTERLEAVE=BAND"))),
                new TiffLayout("packbits", SampleType.UINT8, 2, 50, 45, 17, "-co COMPRESS=PACKBITS -co BLOCKYSIZE=3"),
                new TiffLayout("none", SampleType.UINT8, 2, 50, 45, 17, tiles(16, 16, "")),
                new TiffLayout(
                        "cog",
                        SampleType.UINT16,
                        4,
                        300,
                        280,
                        18,
                        "-of COG -co BLOCKSIZE=64 " + deflate("-co PREDICTOR=2")));
    }

    private static String deflate(String more) {
        return "-co COMPRESS=DEFLATE " + more;
    }

    private static String tiles(int x, int y, String more) {
        return ("-co TILED=YES -co BLOCKXSIZE=" + x + " -co BLOCKYSIZE=" + y + " " + more).strip();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void parallelReadsEqualSerialReadsAndTheValues(TiffLayout l) throws IOException {
        float[] v = l.values();
        assertParallelEqualsSerial(l.write(dir, v), l.bands(), l.height(), l.width(), v);
    }

    /** A corrupt block fails the parallel read with the serial read's message (the first bad block in order). */
    @Test
    void aCorruptBlockFailsAsInTheSerialRead() throws IOException {
        int bands = 2, height = 80, width = 64;
        float[] v = new float[bands * height * width];
        Random rnd = new Random(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(65536);
        }
        Path tif = Gdal.translate(
                dir, "corrupt", SampleType.UINT16, bands, height, width, v, "-co COMPRESS=DEFLATE -co BLOCKYSIZE=4");
        byte[] b = Files.readAllBytes(tif);
        int mid = b.length / 2;
        for (int i = mid; i < mid + 3000; i++) {
            b[i] = (byte) 0xAB;
        }
        Files.write(tif, b);
        String serialMessage;
        try (GeoTiffReader r = GeoTiffReader.open(tif).decodeThreads(1)) {
            serialMessage = catchMessage(r);
        }
        assertThat(serialMessage).contains(tif.toString()).contains("corrupt");
        for (long batch : new long[] {GeoTiffReader.BATCH_BYTES, 500}) {
            try (GeoTiffReader r = GeoTiffReader.open(tif).decodeThreads(4).batchBytes(batch)) {
                assertThatThrownBy(r::readAll)
                        .isInstanceOf(SenseiException.class)
                        .hasMessage(serialMessage);
            }
        }
    }

    private static String catchMessage(GeoTiffReader r) {
        try {
            r.readAll();
        } catch (SenseiException e) {
            return e.getMessage();
        }
        throw new AssertionError("the corrupt file read without an error");
    }

    @Test
    void decodeThreadsMustBePositive() throws IOException {
        float[] v = new float[4 * 4];
        Path tif = Gdal.translate(dir, "tiny", SampleType.UINT8, 1, 4, 4, v, "");
        try (GeoTiffReader r = GeoTiffReader.open(tif)) {
            assertThat(r.decodeThreads()).isBetween(1, DecodePool.MAX_THREADS);
            assertThatThrownBy(() -> r.decodeThreads(0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(r.decodeThreads(100).decodeThreads()).isEqualTo(DecodePool.MAX_THREADS);
        }
        String old = System.getProperty(DecodePool.PROPERTY);
        System.setProperty(DecodePool.PROPERTY, "3");
        try (GeoTiffReader r = GeoTiffReader.open(tif)) {
            assertThat(r.decodeThreads()).isEqualTo(3);
        } finally {
            if (old == null) {
                System.clearProperty(DecodePool.PROPERTY);
            } else {
                System.setProperty(DecodePool.PROPERTY, old);
            }
        }
    }
}
