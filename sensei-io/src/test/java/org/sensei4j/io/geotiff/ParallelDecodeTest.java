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

    private Path fixture(String name, SampleType type, int bands, int height, int width, float[] v, String... options)
            throws IOException {
        Path raw = Gdal.writeEnvi(dir, name + "_src", type, bands, height, width, v);
        Path tif = dir.resolve(name + ".tif");
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q"));
        cmd.addAll(List.of(options));
        cmd.add(raw.toString());
        cmd.add(tif.toString());
        Gdal.run(cmd.toArray(String[]::new));
        return tif;
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

    @Test
    void deflateOneRowStripsUint16PixelInterleavedLikeTheBenchmarkTile() throws IOException {
        int bands = 13, height = 90, width = 150;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.UINT16, bands, height, width, 11);
        Path tif = fixture(
                "strips1",
                SampleType.UINT16,
                bands,
                height,
                width,
                v,
                "-co",
                "COMPRESS=DEFLATE",
                "-co",
                "BLOCKYSIZE=1",
                "-co",
                "INTERLEAVE=PIXEL");
        assertParallelEqualsSerial(tif, bands, height, width, v);
    }

    @Test
    void deflatePredictor2StripsWithAShortLastStrip() throws IOException {
        int bands = 4, height = 103, width = 77;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.UINT16, bands, height, width, 12);
        Path tif = fixture(
                "strips_p2",
                SampleType.UINT16,
                bands,
                height,
                width,
                v,
                "-co",
                "COMPRESS=DEFLATE",
                "-co",
                "PREDICTOR=2",
                "-co",
                "BLOCKYSIZE=6");
        assertParallelEqualsSerial(tif, bands, height, width, v);
    }

    @Test
    void deflatePredictor2TilesUint16() throws IOException {
        int bands = 3, height = 130, width = 170;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.UINT16, bands, height, width, 13);
        Path tif = fixture(
                "tiles_p2",
                SampleType.UINT16,
                bands,
                height,
                width,
                v,
                "-co",
                "TILED=YES",
                "-co",
                "BLOCKXSIZE=32",
                "-co",
                "BLOCKYSIZE=16",
                "-co",
                "COMPRESS=DEFLATE",
                "-co",
                "PREDICTOR=2");
        assertParallelEqualsSerial(tif, bands, height, width, v);
    }

    @Test
    void lzwTilesInt16BandInterleaved() throws IOException {
        int bands = 3, height = 100, width = 90;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.INT16, bands, height, width, 14);
        Path tif = fixture(
                "tiles_lzw",
                SampleType.INT16,
                bands,
                height,
                width,
                v,
                "-co",
                "TILED=YES",
                "-co",
                "BLOCKXSIZE=16",
                "-co",
                "BLOCKYSIZE=32",
                "-co",
                "COMPRESS=LZW",
                "-co",
                "PREDICTOR=2",
                "-co",
                "INTERLEAVE=BAND");
        assertParallelEqualsSerial(tif, bands, height, width, v);
    }

    @Test
    void lzwPredictor3StripsFloat32() throws IOException {
        int bands = 2, height = 61, width = 83;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.FLOAT32, bands, height, width, 15);
        Path tif = fixture(
                "strips_lzw_p3",
                SampleType.FLOAT32,
                bands,
                height,
                width,
                v,
                "-co",
                "COMPRESS=LZW",
                "-co",
                "PREDICTOR=3",
                "-co",
                "BLOCKYSIZE=4");
        assertParallelEqualsSerial(tif, bands, height, width, v);
    }

    @Test
    void deflatePredictor3TilesFloat32BandInterleaved() throws IOException {
        int bands = 3, height = 70, width = 66;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.FLOAT32, bands, height, width, 16);
        Path tif = fixture(
                "tiles_p3",
                SampleType.FLOAT32,
                bands,
                height,
                width,
                v,
                "-co",
                "TILED=YES",
                "-co",
                "BLOCKXSIZE=16",
                "-co",
                "BLOCKYSIZE=16",
                "-co",
                "COMPRESS=DEFLATE",
                "-co",
                "PREDICTOR=3",
                "-co",
                "INTERLEAVE=BAND");
        assertParallelEqualsSerial(tif, bands, height, width, v);
    }

    @Test
    void packBitsAndUncompressed() throws IOException {
        int bands = 2, height = 50, width = 45;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.UINT8, bands, height, width, 17);
        Path packbits = fixture(
                "packbits",
                SampleType.UINT8,
                bands,
                height,
                width,
                v,
                "-co",
                "COMPRESS=PACKBITS",
                "-co",
                "BLOCKYSIZE=3");
        assertParallelEqualsSerial(packbits, bands, height, width, v);
        Path none = fixture(
                "none",
                SampleType.UINT8,
                bands,
                height,
                width,
                v,
                "-co",
                "TILED=YES",
                "-co",
                "BLOCKXSIZE=16",
                "-co",
                "BLOCKYSIZE=16");
        assertParallelEqualsSerial(none, bands, height, width, v);
    }

    @Test
    void cloudOptimizedGeoTiffBlocks() throws IOException {
        int bands = 4, height = 300, width = 280;
        float[] v = GeoTiffReaderGdalTest.values(SampleType.UINT16, bands, height, width, 18);
        Path tif = fixture(
                "cog",
                SampleType.UINT16,
                bands,
                height,
                width,
                v,
                "-of",
                "COG",
                "-co",
                "BLOCKSIZE=64",
                "-co",
                "COMPRESS=DEFLATE",
                "-co",
                "PREDICTOR=2");
        assertParallelEqualsSerial(tif, bands, height, width, v);
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
        Path tif = fixture(
                "corrupt",
                SampleType.UINT16,
                bands,
                height,
                width,
                v,
                "-co",
                "COMPRESS=DEFLATE",
                "-co",
                "BLOCKYSIZE=4");
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
        Path tif = fixture("tiny", SampleType.UINT8, 1, 4, 4, v);
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
