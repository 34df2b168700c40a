package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffWriter.Compression;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.GeoKeys;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;

/** Streams rows into GeoTIFFs and reads them back with our reader and with GDAL. */
class StreamingGeoTiffWriterTest {

    @TempDir
    Path dir;

    private static final Georeference UTM32 = Georeference.northUp(32632, 399960, 5000040, 10, 10);

    /** Rows y0..y0+rows-1 of a band-major {@code bands × height × width} array, band-major. */
    private static float[] rows(float[] all, int bands, int height, int width, int y0, int rows) {
        float[] out = new float[bands * rows * width];
        for (int b = 0; b < bands; b++) {
            System.arraycopy(all, (b * height + y0) * width, out, b * rows * width, rows * width);
        }
        return out;
    }

    private static byte[] bytes(float[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) (int) values[i];
        }
        return b;
    }

    /** Writes {@code data} in chunks of 1..maxChunk rows (seeded); byte rows when {@code asBytes}. */
    private static void stream(
            StreamingGeoTiffWriter w,
            float[] data,
            int bands,
            int height,
            int width,
            Random rnd,
            int maxChunk,
            boolean asBytes) {
        int y = 0;
        while (y < height) {
            int n = Math.min(height - y, 1 + rnd.nextInt(maxChunk));
            float[] chunk = rows(data, bands, height, width, y, n);
            if (asBytes) {
                w.writeRows(n, bytes(chunk));
            } else {
                w.writeRows(n, chunk);
            }
            y += n;
            assertThat(w.rowsWritten()).isEqualTo(y);
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void roundTripsTypesBandsLayoutsAndIrregularChunks() throws IOException {
        Random rnd = new Random(42);
        SampleType[] types = {
            SampleType.UINT8,
            SampleType.UINT16,
            SampleType.FLOAT32,
            SampleType.INT16,
            SampleType.FLOAT64,
            SampleType.UINT32
        };
        // 1001x37: one strip for 1-band Byte, 2 to 10 strips otherwise, the last one short; 699x401: 3 to 27
        int[][] sizes = {{1001, 37}, {699, 401}, {1, 1}, {3, 250}};
        int n = 0;
        int shortLastStrip = 0;
        for (SampleType type : types) {
            boolean main = type == SampleType.UINT8 || type == SampleType.UINT16 || type == SampleType.FLOAT32;
            for (int bands : new int[] {1, 3}) {
                for (int[] size : main ? sizes : new int[][] {sizes[0]}) {
                    int width = size[0];
                    int height = size[1];
                    Compression compression = n % 3 == 2 ? Compression.NONE : Compression.DEFLATE;
                    boolean predictor = compression == Compression.DEFLATE && !type.isFloatingPoint() && n % 2 == 0;
                    Double nodata = rnd.nextBoolean() ? null : type.isFloatingPoint() ? Double.NaN : 0.0;
                    Georeference g = rnd.nextBoolean() ? null : UTM32;
                    boolean asBytes = type == SampleType.UINT8 && rnd.nextBoolean();
                    float[] data = GeoTiffReaderGdalTest.values(type, bands, height, width, n);
                    Path p = dir.resolve("rt" + n++ + ".tif");
                    String what = type + " " + bands + "x" + height + "x" + width + " " + compression
                            + (predictor ? "+predictor" : "") + (asBytes ? " bytes" : "");
                    int rowsPerStrip;
                    try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(
                            p, width, height, bands, type, g, nodata, compression, predictor)) {
                        rowsPerStrip = w.rowsPerStrip();
                        if (height > rowsPerStrip && height % rowsPerStrip != 0) {
                            shortLastStrip++;
                        }
                        long rowBytes = (long) width * bands * type.bytes();
                        assertThat(rowsPerStrip).as(what).isEqualTo((int)
                                Math.min(height, Math.max(1, 131072 / rowBytes)));
                        stream(w, data, bands, height, width, rnd, 50, asBytes);
                        assertThat(p).as(what).doesNotExist();
                        w.commit();
                    }
                    try (GeoTiffReader reader = GeoTiffReader.open(p)) {
                        RasterInfo info = reader.info();
                        assertThat(info.sampleType()).as(what).isEqualTo(type);
                        assertThat(info.bandCount()).as(what).isEqualTo(bands);
                        assertThat(info.width()).as(what).isEqualTo(width);
                        assertThat(info.height()).as(what).isEqualTo(height);
                        assertThat(info.nodata()).as(what).isEqualTo(nodata);
                        assertThat(info.compression()).as(what).isEqualTo(compression.name());
                        assertThat(info.tiled()).isFalse();
                        assertThat(info.blockHeight()).as(what).isEqualTo(rowsPerStrip);
                        if (g == null) {
                            assertThat(info.georeference()).as(what).isNull();
                        } else {
                            assertThat(info.georeference())
                                    .as(what)
                                    .isEqualTo(new Georeference(
                                            32632,
                                            UTM32.transform(),
                                            null,
                                            GeoKeys.forEpsg(32632, false, Georeference.PixelAnchor.AREA)));
                        }
                        FloatArrays.assertSame(reader.readAll().data(), data, what);
                    }
                }
            }
        }
        assertThat(shortLastStrip)
                .as("files of several strips with a short last one")
                .isGreaterThan(10);
        assertThat(files()).as("no temporary files left").hasSize(n);
    }

    @Test
    void keepsRotationPixelIsPointAndRawGeoKeys() {
        float[] data = GeoTiffReaderGdalTest.values(SampleType.FLOAT32, 2, 13, 17, 1);
        Georeference rotated = Georeference.of(32633, 400000, 10, 2.5, 6000000, 1.5, -10);
        Georeference point =
                Georeference.northUp(4326, 10, 50, 0.001, 0.001).withAnchor(Georeference.PixelAnchor.POINT);
        GeoKeys custom = new GeoKeys(
                new int[] {1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32767},
                new double[] {6378137.0},
                "my projection|");
        Georeference user = new Georeference(null, UTM32.transform(), null, custom);
        int i = 0;
        for (Georeference g : List.of(rotated, point, user)) {
            Path p = dir.resolve("geo" + i++ + ".tif");
            try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 17, 13, 2, SampleType.FLOAT32, g, -9999.5)) {
                w.writeRows(5, rows(data, 2, 13, 17, 0, 5));
                w.writeRows(8, rows(data, 2, 13, 17, 5, 8));
                w.commit();
            }
            try (GeoTiffReader reader = GeoTiffReader.open(p)) {
                Georeference back = reader.info().georeference();
                assertThat(back.anchor()).isEqualTo(g.anchor());
                assertThat(back.transform()).containsExactly(g.transform(), within(1e-12));
                assertThat(back.epsg()).isEqualTo(g.epsg());
                assertThat(reader.info().nodata()).isEqualTo(-9999.5);
                FloatArrays.assertSame(reader.readAll().data(), data, g.toString());
            }
        }
        try (GeoTiffReader reader = GeoTiffReader.open(dir.resolve("geo1.tif"))) {
            assertThat(reader.info().georeference().isGeographic()).isTrue();
        }
        // the user-defined CRS's keys, double and ASCII parameters come back unchanged
        try (GeoTiffReader reader = GeoTiffReader.open(dir.resolve("geo2.tif"))) {
            assertThat(reader.info().georeference().geoKeys()).contains(custom);
        }
    }

    @Test
    void writesTheSameFileAsTheInMemoryWriterReads() {
        // same values, georeference and nodata through both writers: our reader sees identical rasters
        float[] data = GeoTiffReaderGdalTest.values(SampleType.UINT16, 3, 37, 1001, 7);
        FloatRaster r = new FloatRaster(3, 37, 1001, data, 0.0);
        Path a = dir.resolve("memory.tif");
        Path b = dir.resolve("stream.tif");
        GeoTiffWriter.create(SampleType.UINT16).write(a, r, UTM32);
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(b, 1001, 37, 3, SampleType.UINT16, UTM32, 0.0)) {
            stream(w, data, 3, 37, 1001, new Random(3), 50, false);
            w.commit();
        }
        try (GeoTiffReader ra = GeoTiffReader.open(a);
                GeoTiffReader rb = GeoTiffReader.open(b)) {
            assertThat(rb.info().georeference()).isEqualTo(ra.info().georeference());
            assertThat(rb.info().nodata()).isEqualTo(ra.info().nodata());
            FloatArrays.assertSame(rb.readAll().data(), ra.readAll().data(), "stream vs memory");
        }
    }

    @Test
    void roundsToNearestEvenAndStoresNaNAsNodata() {
        Path p = dir.resolve("round.tif");
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 6, 1, 1, SampleType.UINT16, null, 65535.0)) {
            w.writeRows(1, new float[] {Float.NaN, 2.5f, 3.5f, 7.4f, -0.4f, 65534.6f});
            w.commit();
        }
        try (GeoTiffReader r = GeoTiffReader.open(p)) {
            assertThat(r.readBand(0)).containsExactly(65535, 2, 4, 7, 0, 65535);
        }
        Path f = dir.resolve("float.tif");
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(f, 3, 1, 1, SampleType.FLOAT32, null, -9999.0)) {
            w.writeRows(1, new float[] {Float.NaN, 2.5f, -1e-3f});
            w.commit();
        }
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.readBand(0)).containsExactly(-9999f, 2.5f, -1e-3f);
        }
        Path i8 = dir.resolve("int8.tif");
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(i8, 4, 1, 1, SampleType.INT8, null, -128.0)) {
            w.writeRows(1, new float[] {-127.5f, 126.5f, Float.NaN, -0.5f});
            w.commit();
        }
        try (GeoTiffReader r = GeoTiffReader.open(i8)) {
            assertThat(r.readBand(0)).containsExactly(-128, 126, -128, 0);
        }
    }

    @Test
    void horizontalPredictorStoresDifferencesAlongEachRowPerBand() throws IOException {
        // 2 bands x 1 row x 3 columns, UInt16, one strip: (b0, b1) per pixel = (10, 1000), (13, 990), (7, 5)
        Path p = dir.resolve("pred.tif");
        try (StreamingGeoTiffWriter w =
                StreamingGeoTiffWriter.open(p, 3, 1, 2, SampleType.UINT16, null, null, Compression.DEFLATE, true)) {
            w.writeRows(1, new float[] {10, 13, 7, 1000, 990, 5});
            w.commit();
        }
        byte[] file = Files.readAllBytes(p);
        ByteBuffer le = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        // the only strip starts right after the 8-byte header
        Inflater inflater = new Inflater();
        inflater.setInput(file, 8, le.getInt(4) - 8);
        byte[] raw = new byte[12];
        try {
            assertThat(inflater.inflate(raw)).isEqualTo(12);
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        }
        ByteBuffer s = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[6];
        s.asShortBuffer().get(samples);
        // 13-10=3, 990-1000=-10, 7-13=-6, 5-990=-985 (mod 2^16)
        assertThat(samples).containsExactly((short) 10, (short) 1000, (short) 3, (short) -10, (short) -6, (short) -985);
        try (GeoTiffReader r = GeoTiffReader.open(p)) {
            assertThat(r.readAll().data()).containsExactly(10, 13, 7, 1000, 990, 5);
        }
    }

    @Test
    void layoutIsHeaderStripsThenDirectory() throws IOException {
        Path p = dir.resolve("layout.tif");
        try (StreamingGeoTiffWriter w =
                StreamingGeoTiffWriter.open(p, 2, 3, 1, SampleType.UINT8, null, null, Compression.NONE, false)) {
            w.writeRows(3, new byte[] {1, 2, 3, 4, 5, 6});
            w.commit();
        }
        byte[] f = Files.readAllBytes(p);
        ByteBuffer le = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(f, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("II");
        assertThat(le.getShort(2)).isEqualTo((short) 42);
        assertThat(le.getInt(4)).isEqualTo(14); // 8 header + 6 pixel bytes, already even
        assertThat(Arrays.copyOfRange(f, 8, 14)).containsExactly(1, 2, 3, 4, 5, 6);
        int entries = le.getShort(14);
        // 256 257 258 259 262 273 277 278 279 284 339
        assertThat(entries).isEqualTo(11);
        int[] tags = new int[entries];
        for (int i = 0; i < entries; i++) {
            tags[i] = le.getShort(16 + 12 * i) & 0xFFFF;
        }
        assertThat(tags).containsExactly(256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 339);
        // StripOffsets (one LONG, inline) = 8, StripByteCounts = 6
        assertThat(le.getInt(16 + 12 * 5 + 8)).isEqualTo(8);
        assertThat(le.getInt(16 + 12 * 8 + 8)).isEqualTo(6);
        assertThat(le.getInt(16 + 12 * entries)).as("no next IFD").isZero();
        assertThat(f).hasSize(16 + 12 * entries + 4);
    }

    @Test
    void gdalReadsWhatWeStreamed() throws IOException {
        Gdal.assumeAvailable();
        record Case(
                SampleType type,
                int bands,
                Double nodata,
                Georeference g,
                Compression compression,
                boolean predictor) {}
        List<Case> cases = List.of(
                new Case(SampleType.UINT8, 1, 255.0, UTM32, Compression.DEFLATE, false),
                new Case(
                        SampleType.UINT8,
                        3,
                        0.0,
                        Georeference.northUp(4326, 8.5, 47.25, 0.0001, 0.0001),
                        Compression.DEFLATE,
                        true),
                new Case(
                        SampleType.UINT16,
                        1,
                        null,
                        Georeference.of(32633, 400000, 10, 2.5, 6000000, 1.5, -10),
                        Compression.DEFLATE,
                        true),
                new Case(SampleType.UINT16, 3, 0.0, UTM32, Compression.NONE, false),
                new Case(SampleType.FLOAT32, 1, Double.NaN, UTM32, Compression.DEFLATE, false),
                new Case(SampleType.FLOAT32, 3, -9999.5, null, Compression.DEFLATE, false),
                new Case(
                        SampleType.INT16,
                        2,
                        -32768.0,
                        Georeference.northUp(32618, 600000, 4500000, 30, 30).withAnchor(Georeference.PixelAnchor.POINT),
                        Compression.DEFLATE,
                        true));
        Random rnd = new Random(5);
        int i = 0;
        for (Case c : cases) {
            int width = 1001;
            int height = 37 + 60 * (i % 2);
            float[] data = GeoTiffReaderGdalTest.values(c.type(), c.bands(), height, width, i);
            Path p = dir.resolve("oracle" + i++ + ".tif");
            try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(
                    p, width, height, c.bands(), c.type(), c.g(), c.nodata(), c.compression(), c.predictor())) {
                stream(w, data, c.bands(), height, width, rnd, 50, c.type() == SampleType.UINT8 && i % 2 == 0);
                w.commit();
            }
            String what = c.toString();
            String out = Gdal.run("gdalinfo", "-json", p.toString());
            assertThat(out.strip()).as("%s: gdalinfo printed no warnings", what).startsWith("{");
            JsonNode info = new ObjectMapper().readTree(out);
            Gdal.assertRaster(info, what, width, height, c.bands(), c.type(), c.nodata());
            JsonNode structure = info.path("metadata").path("IMAGE_STRUCTURE");
            if (c.compression() == Compression.DEFLATE) {
                assertThat(structure.path("COMPRESSION").asText()).as(what).isEqualTo("DEFLATE");
            } else {
                assertThat(structure.has("COMPRESSION")).as(what).isFalse();
            }
            if (c.predictor()) {
                assertThat(structure.path("PREDICTOR").asText()).as(what).isEqualTo("2");
            }
            assertThat(structure.path("INTERLEAVE").asText()).as(what).isEqualTo(c.bands() == 1 ? "BAND" : "PIXEL");
            Gdal.assertGeoreference(info, what, c.g());
            FloatArrays.assertSame(Gdal.readThroughGdal(p, dir), data, what + " read by GDAL");
        }
    }

    @Test
    void tooFewRowsLeaveNothingBehind() throws IOException {
        Path p = dir.resolve("short.tif");
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 10, 20, 1, SampleType.UINT8, UTM32, null)) {
            w.writeRows(19, new byte[190]);
            assertThat(files()).hasSize(1).allMatch(n -> n.startsWith(".short.tif.") && n.endsWith(".part"));
            assertThatThrownBy(w::commit)
                    .isInstanceOf(SenseiException.class)
                    .hasMessage("cannot write " + p + ": only 19 of its 20 rows were written: write every row before "
                            + "commit");
            assertThat(files()).isEmpty();
            assertThatThrownBy(() -> w.writeRows(1, new byte[10]))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void tooManyRowsAreRefused() throws IOException {
        Path p = dir.resolve("long.tif");
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 4, 3, 2, SampleType.FLOAT32, null, null)) {
            w.writeRows(2, new float[16]);
            assertThatThrownBy(() -> w.writeRows(2, new float[16]))
                    .isInstanceOf(SenseiException.class)
                    .hasMessage("cannot write " + p + ": rows 2..3 were given but the image has 3 rows (0..2): open "
                            + "the writer with the right height");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void closeWithoutCommitDeletesTheTemporaryFileAndKeepsAnOldTarget() throws IOException {
        Path p = dir.resolve("keep.tif");
        Files.writeString(p, "old");
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 10, 20, 1, SampleType.UINT8, null, null)) {
            w.writeRows(20, new byte[200]);
            assertThat(files()).hasSize(2);
            assertThat(Files.readString(p)).isEqualTo("old");
        }
        assertThat(files()).containsExactly("keep.tif");
        assertThat(Files.readString(p)).isEqualTo("old");
        // a commit replaces the old file
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 10, 20, 1, SampleType.UINT8, null, null)) {
            w.writeRows(20, new byte[200]);
            w.commit();
            assertThatThrownBy(w::commit)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already committed");
        }
        assertThat(files()).containsExactly("keep.tif");
        try (GeoTiffReader r = GeoTiffReader.open(p)) {
            assertThat(r.info().width()).isEqualTo(10);
            assertThat(r.readBand(0)).containsOnly(0f);
        }
    }

    @Test
    void badValuesAndMisuseAreNamed() throws IOException {
        Path p = dir.resolve("bad.tif");
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 3, 4, 2, SampleType.UINT8, null, null)) {
            assertThatThrownBy(() -> w.writeRows(1, new float[5]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("1 rows of 2 bands x 3 columns need 6 values but the array has 5");
            assertThatThrownBy(() -> w.writeRows(0, new float[0])).isInstanceOf(IllegalArgumentException.class);
            w.writeRows(2, new float[12]);
            // band 1, second row of the chunk = image row 3, column 2
            float[] chunk = new float[12];
            chunk[6 + 3 + 2] = 256f;
            assertThatThrownBy(() -> w.writeRows(2, chunk))
                    .isInstanceOf(SenseiException.class)
                    .hasMessage(
                            "cannot write " + p + ": band 1 row 3 column 2 is 256.0, outside the Byte range 0..255: "
                                    + "rescale the values or choose a wider sample type");
        }
        assertThat(files()).isEmpty();
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 2, 1, 1, SampleType.UINT16, null, null)) {
            assertThatThrownBy(() -> w.writeRows(1, new float[] {1, Float.NaN}))
                    .hasMessageContaining("band 0 row 0 column 1 is NaN")
                    .hasMessageContaining("nodata");
        }
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 2, 1, 1, SampleType.UINT16, null, null)) {
            assertThatThrownBy(() -> w.writeRows(1, new byte[2]))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("UINT8")
                    .hasMessageContaining("UInt16");
        }
        assertThatThrownBy(() -> StreamingGeoTiffWriter.open(p, 2, 1, 1, SampleType.UINT16, null, -1.0))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("nodata value -1.0 does not fit UInt16");
        assertThatThrownBy(() -> StreamingGeoTiffWriter.open(
                        p, 2, 1, 1, SampleType.FLOAT32, null, null, Compression.DEFLATE, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predictor");
        assertThatThrownBy(() -> StreamingGeoTiffWriter.open(p, 0, 1, 1, SampleType.UINT8, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamingGeoTiffWriter.open(dir, 2, 1, 1, SampleType.UINT8, null, null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is a directory");
        assertThat(files()).isEmpty();
    }

    @Test
    void uncompressedFilesBeyondFourGibAreRefusedBeforeWriting() throws IOException {
        Path p = dir.resolve("huge.tif");
        // 70000 x 70000 x 1 byte = 4.9 GB
        assertThatThrownBy(() -> StreamingGeoTiffWriter.open(
                        p, 70000, 70000, 1, SampleType.UINT8, null, null, Compression.NONE, false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("4900000000 bytes uncompressed, more than the 4 GiB a classic TIFF holds");
        assertThat(files()).isEmpty();
        // compressed it may fit: opening succeeds (and writes only the header)
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, 70000, 70000, 1, SampleType.UINT8, null, null)) {
            assertThat(w.bytesWritten()).isEqualTo(8);
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void unwritableOrMissingDirectoryIsNamed() throws IOException {
        TargetChecks.assertUnwritableOrMissingDirectoryIsNamed(
                dir, target -> StreamingGeoTiffWriter.open(target, 2, 2, 1, SampleType.UINT8, null, null));
    }

    /** Class-mask-like pattern: 200x300 blocks of 4 classes with sparse speckles, nodata (255) top left. */
    static byte maskValue(int row, int col) {
        if (row < 300 && col < 400) {
            return (byte) 255;
        }
        return (byte) ((row / 200 * 7 + col / 300 * 3 + ((row * 7 + col * 13) % 101 == 0 ? 1 : 0)) % 4);
    }

    @Test
    void aFullSentinel2SceneStreamsInBoundedMemory() throws IOException {
        int size = 10980;
        int chunkRows = 512;
        Path p = dir.resolve("scene.tif");
        byte[] chunk = new byte[chunkRows * size];
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        System.gc();
        long heapBefore =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long t0 = System.nanoTime();
        long retained = -1;
        long allocated;
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(p, size, size, 1, SampleType.UINT8, UTM32, 255.0)) {
            for (int y = 0; y < size; y += chunkRows) {
                int n = Math.min(chunkRows, size - y);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < size; c++) {
                        chunk[r * size + c] = maskValue(y + r, c);
                    }
                }
                w.writeRows(n, n == chunkRows ? chunk : Arrays.copyOf(chunk, n * size));
                if (y == 5120) {
                    allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
                    System.gc();
                    retained = ManagementFactory.getMemoryMXBean()
                                    .getHeapMemoryUsage()
                                    .getUsed()
                            - heapBefore;
                    System.out.printf(
                            "streaming 10980x10980 Byte: after %d rows %.2f MB allocated, %.2f MB retained%n",
                            y + n, allocated / 1e6, retained / 1e6);
                }
            }
            w.commit();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        System.out.printf(
                "streaming 10980x10980 Byte in 512-row chunks: %d ms (incl. making the pattern), file %.1f MB,"
                        + " %.2f MB allocated in all%n",
                ms, Files.size(p) / 1e6, allocated / 1e6);
        // the whole image is 120.6 MB; the writer holds one strip of ~128 KB plus its tables
        assertThat(retained).as("heap retained while writing").isLessThan(8_000_000);
        assertThat(allocated)
                .as("bytes allocated by the writing thread (the last short chunk is 3.4 MB)")
                .isLessThan(16_000_000);
        try (GeoTiffReader r = GeoTiffReader.open(p)) {
            assertThat(r.info().width()).isEqualTo(size);
            assertThat(r.info().height()).isEqualTo(size);
            assertThat(r.info().nodata()).isEqualTo(255.0);
            Random rnd = new Random(9);
            List<int[]> corners = new ArrayList<>(List.of(new int[] {0, 0}, new int[] {size - 64, size - 64}));
            for (int k = 0; k < 4; k++) {
                corners.add(new int[] {rnd.nextInt(size - 64), rnd.nextInt(size - 64)});
            }
            for (int[] at : corners) {
                float[] got = r.read(new PixelWindow(at[0], at[1], 64, 64), 0).data();
                for (int i = 0; i < got.length; i++) {
                    int row = at[1] + i / 64;
                    int col = at[0] + i % 64;
                    if (got[i] != (maskValue(row, col) & 0xFF)) {
                        throw new AssertionError("row " + row + " column " + col + ": " + got[i]);
                    }
                }
            }
        }
    }
}
