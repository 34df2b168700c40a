package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.CogWriter.Resampling;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** Cloud Optimized GeoTIFFs streamed row by row, checked with GDAL (gdalinfo, gdal_translate, the COG validator). */
class CogWriterTest {

    @TempDir
    Path dir;

    private static final Georeference UTM32 = Georeference.northUp(32632, 399960, 5000040, 10, 10);
    private static final int NODATA = 255;
    /** clear, cloud, shadow (as the mask's colour table). */
    private static final int[] COLOURS = {0x2E8B57, 0xFFFFFF, 0x404040};

    /** Class blobs 0..2 with a nodata border on the left and a nodata hole: a mask-like image. */
    private static byte[] classes(int width, int height, long seed) {
        Random rnd = new Random(seed);
        byte[] b = new byte[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int v;
                if (c < 37 || (r > 300 && r < 340 && c > 500 && c < 650)) {
                    v = NODATA;
                } else {
                    double s = Math.sin(r / 23.0) + Math.cos(c / 31.0) + 0.6 * rnd.nextDouble();
                    v = s > 1.1 ? 1 : s < -0.9 ? 2 : 0;
                }
                b[r * width + c] = (byte) v;
            }
        }
        return b;
    }

    private static void streamBytes(CogWriter w, byte[] data, int bands, int width, int height, Random rnd) {
        streamRows(data, byte[]::new, bands, width, height, rnd, (chunk, n) -> w.writeRows(n, chunk));
    }

    private static void streamFloats(CogWriter w, float[] data, int bands, int width, int height, Random rnd) {
        streamRows(data, float[]::new, bands, width, height, rnd, (chunk, n) -> w.writeRows(n, chunk));
    }

    /**
     * Hands band-major {@code data} ({@code bands × height × width}, an array of {@code newArray}'s type) to
     * {@code write} in chunks of 1 to 97 rows, each a new band-major array of its rows.
     */
    private static <T> void streamRows(
            T data, IntFunction<T> newArray, int bands, int width, int height, Random rnd, ObjIntConsumer<T> write) {
        int y = 0;
        while (y < height) {
            int n = Math.min(height - y, 1 + rnd.nextInt(97));
            T chunk = newArray.apply(bands * n * width);
            for (int b = 0; b < bands; b++) {
                System.arraycopy(data, (b * height + y) * width, chunk, b * n * width, n * width);
            }
            write.accept(chunk, n);
            y += n;
        }
    }

    /**
     * The reference reduction of one band-major level ({@code bands × h × w}): each output pixel from the 2×2
     * (or fewer, at odd edges) input pixels, mode (ties to the first in top-left, top-right, bottom-left,
     * bottom-right order) or mean (Byte: rounded half up), nodata pixels ignored, nodata when none is valid.
     */
    static float[] reduce(float[] in, int bands, int w, int h, boolean mode, float nodata) {
        int ow = (w + 1) / 2;
        int oh = (h + 1) / 2;
        float[] out = new float[bands * ow * oh];
        for (int b = 0; b < bands; b++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    List<Float> v = new ArrayList<>();
                    int[][] at = {{2 * y, 2 * x}, {2 * y, 2 * x + 1}, {2 * y + 1, 2 * x}, {2 * y + 1, 2 * x + 1}};
                    for (int[] p : at) {
                        if (p[0] < h && p[1] < w) {
                            float f = in[(b * h + p[0]) * w + p[1]];
                            if (!Float.isNaN(f) && f != nodata) {
                                v.add(f);
                            }
                        }
                    }
                    float r;
                    if (v.isEmpty()) {
                        r = nodata;
                    } else if (mode) {
                        Map<Float, Integer> counts = new LinkedHashMap<>();
                        v.forEach(f -> counts.merge(f, 1, Integer::sum));
                        r = v.get(0);
                        for (Map.Entry<Float, Integer> e : counts.entrySet()) {
                            if (e.getValue() > counts.get(r)) {
                                r = e.getKey();
                            }
                        }
                    } else if (Float.isNaN(nodata)) {
                        double s = 0;
                        for (float f : v) {
                            s += f;
                        }
                        r = (float) (s / v.size());
                    } else {
                        int s = 0;
                        for (float f : v) {
                            s += (int) f;
                        }
                        r = (s + v.size() / 2) / v.size();
                    }
                    out[(b * oh + y) * ow + x] = r;
                }
            }
        }
        return out;
    }

    private static float[] floats(byte[] b) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            f[i] = b[i] & 0xFF;
        }
        return f;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void classMaskIsAValidCogWithModeOverviewsColoursAndMetadata() throws IOException {
        Gdal.assumeCogValidator();
        int width = 1300;
        int height = 1100;
        byte[] data = classes(width, height, 5);
        GdalMetadata md = GdalMetadata.NONE
                .with("SENSEI_MODEL", "default <test> & co")
                .with("SENSEI_THRESHOLD", "0.58")
                .withBandDescriptions(List.of("cloud mask classes"))
                .withColours(COLOURS, 0x000000)
                .withCategories(List.of("clear", "cloud", "shadow"));
        Path cog = dir.resolve("mask.tif");
        Path gtiff = dir.resolve("mask-gtiff.tif");
        try (CogWriter w =
                CogWriter.open(cog, width, height, 1, SampleType.UINT8, UTM32, (double) NODATA, Resampling.MODE)) {
            w.metadata(md);
            assertThat(w.levelSizes()).isDeepEqualTo(new int[][] {{1300, 1100}, {650, 550}, {325, 275}});
            streamBytes(w, data, 1, width, height, new Random(1));
            assertThat(cog).doesNotExist();
            w.commit();
        }
        try (StreamingGeoTiffWriter w =
                StreamingGeoTiffWriter.open(gtiff, width, height, 1, SampleType.UINT8, UTM32, (double) NODATA)) {
            w.metadata(md);
            w.writeRows(height, data);
            w.commit();
        }
        assertThat(files()).containsExactly("mask-gtiff.tif", "mask.tif");

        String verdict = Gdal.validateCog(cog);
        assertThat(verdict).contains("is a valid cloud optimized GeoTIFF").doesNotContain("warning", "error");
        assertThat(Gdal.cogErrors(gtiff)).as("the striped GeoTIFF is no COG").isNotEmpty();

        JsonNode info = Gdal.info(cog);
        JsonNode band = info.get("bands").get(0);
        assertThat(info.path("metadata")
                        .path("IMAGE_STRUCTURE")
                        .path("COMPRESSION")
                        .asText())
                .isEqualTo("DEFLATE");
        assertThat(info.path("metadata").path("IMAGE_STRUCTURE").path("LAYOUT").asText())
                .isEqualTo("COG");
        assertThat(band.get("block").toString()).isEqualTo("[512,512]");
        assertThat(band.get("overviews")).hasSize(2);
        assertThat(band.get("overviews").get(0).get("size").toString()).isEqualTo("[650,550]");
        assertThat(band.get("overviews").get(1).get("size").toString()).isEqualTo("[325,275]");
        assertThat(band.get("noDataValue").asDouble()).isEqualTo(255);
        for (JsonNode i : List.of(info, Gdal.info(gtiff))) {
            JsonNode b = i.get("bands").get(0);
            assertThat(b.get("colorInterpretation").asText()).isEqualTo("Palette");
            JsonNode entries = b.get("colorTable").get("entries");
            assertThat(entries).hasSize(256);
            assertThat(entries.get(0).toString()).isEqualTo("[46,139,87,255]");
            assertThat(entries.get(1).toString()).isEqualTo("[255,255,255,255]");
            assertThat(entries.get(2).toString()).isEqualTo("[64,64,64,255]");
            // GDAL shows the nodata entry transparent
            assertThat(entries.get(255).toString()).isEqualTo("[0,0,0,0]");
            assertThat(b.get("description").asText()).isEqualTo("cloud mask classes");
            assertThat(i.path("metadata").path("").path("SENSEI_MODEL").asText())
                    .isEqualTo("default <test> & co");
            assertThat(i.path("metadata").path("").path("SENSEI_THRESHOLD").asText())
                    .isEqualTo("0.58");
            assertThat(i.path("stac").path("proj:epsg").asInt()).isEqualTo(32632);
        }
        assertThat(info.path("metadata").path("").path("OVERVIEW_RESAMPLING").asText())
                .isEqualTo("MODE");

        // pixels: the full resolution equals the data and the striped file; overviews are the mode cascade
        float[] full = floats(data);
        FloatArrays.assertSame(Gdal.readThroughGdal(cog, dir), full, "COG full resolution");
        FloatArrays.assertSame(Gdal.readThroughGdal(gtiff, dir), full, "GTiff");
        float[] o1 = reduce(full, 1, width, height, true, NODATA);
        float[] o2 = reduce(o1, 1, 650, 550, true, NODATA);
        FloatArrays.assertSame(Gdal.readOverviewThroughGdal(cog, 0, dir), o1, "overview 1 (mode of 2x2)");
        FloatArrays.assertSame(Gdal.readOverviewThroughGdal(cog, 1, dir), o2, "overview 2 (mode of 2x2 of 1)");
        // mode keeps classes: no value appears in an overview that is not a class or nodata
        for (float v : o2) {
            assertThat(v == 0 || v == 1 || v == 2 || v == NODATA).isTrue();
        }
    }

    @Test
    void floatProbabilitiesUseTheFloatingPointPredictorAndAverageOverviews() throws IOException {
        Gdal.assumeCogValidator();
        int width = 700;
        int height = 530;
        int bands = 3;
        float[] data = GeoTiffReaderGdalTest.values(SampleType.FLOAT32, bands, height, width, 3);
        for (int i = 0; i < data.length; i += 17) {
            data[i] = Float.NaN;
        }
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int b = 0; b < bands; b++) {
                    data[(b * height + r) * width + c] = Float.NaN; // a 2x2 block of only nodata stays nodata
                }
            }
        }
        Path cog = dir.resolve("probabilities.tif");
        try (CogWriter w =
                CogWriter.open(cog, width, height, bands, SampleType.FLOAT32, UTM32, Double.NaN, Resampling.AVERAGE)) {
            w.metadata(GdalMetadata.NONE.withBandDescriptions(List.of("p(clear)", "p(cloud)", "p(shadow)")));
            streamFloats(w, data, bands, width, height, new Random(2));
            w.commit();
        }
        assertThat(Gdal.validateCog(cog)).contains("is a valid cloud optimized GeoTIFF");
        JsonNode info = Gdal.info(cog);
        assertThat(info.get("bands")).hasSize(3);
        assertThat(info.get("bands").get(1).get("description").asText()).isEqualTo("p(cloud)");
        assertThat(info.get("bands").get(0).get("type").asText()).isEqualTo("Float32");
        assertThat(info.get("bands").get(0).get("overviews")).hasSize(1);
        assertThat(info.get("bands").get(0).get("overviews").get(0).get("size").toString())
                .isEqualTo("[350,265]");
        assertThat(Gdal.run("gdalinfo", cog.toString())).contains("PREDICTOR=3");
        FloatArrays.assertSame(Gdal.readThroughGdal(cog, dir), data, "full resolution");
        FloatArrays.assertSame(
                Gdal.readOverviewThroughGdal(cog, 0, dir),
                reduce(data, bands, width, height, false, Float.NaN),
                "overview (mean of valid 2x2)");
    }

    @Test
    void percentBytesAverageAndSmallImagesHaveNoOverviews() throws IOException {
        Gdal.assumeCogValidator();
        int width = 1025;
        int height = 513;
        byte[] data = new byte[width * height];
        Random rnd = new Random(9);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 101 == 0 ? NODATA : rnd.nextInt(101));
        }
        Path cog = dir.resolve("percent.tif");
        try (CogWriter w =
                CogWriter.open(cog, width, height, 1, SampleType.UINT8, null, (double) NODATA, Resampling.AVERAGE)) {
            assertThat(w.levelSizes()).isDeepEqualTo(new int[][] {{1025, 513}, {513, 257}, {257, 129}});
            streamBytes(w, data, 1, width, height, new Random(4));
            w.commit();
        }
        assertThat(Gdal.validateCog(cog)).contains("is a valid cloud optimized GeoTIFF");
        assertThat(Gdal.run("gdalinfo", cog.toString())).contains("PREDICTOR=2");
        float[] full = floats(data);
        FloatArrays.assertSame(Gdal.readThroughGdal(cog, dir), full, "full");
        float[] o1 = reduce(full, 1, width, height, false, NODATA);
        FloatArrays.assertSame(Gdal.readOverviewThroughGdal(cog, 0, dir), o1, "overview 1");
        FloatArrays.assertSame(
                Gdal.readOverviewThroughGdal(cog, 1, dir), reduce(o1, 1, 513, 257, false, NODATA), "overview 2");

        Path small = dir.resolve("small.tif");
        try (CogWriter w = CogWriter.open(small, 300, 512, 1, SampleType.UINT8, UTM32, null, Resampling.MODE)) {
            assertThat(w.levelSizes()).hasDimensions(1, 2);
            w.writeRows(512, new float[300 * 512]);
            w.commit();
        }
        assertThat(Gdal.validateCog(small)).contains("is a valid cloud optimized GeoTIFF");
        JsonNode info = Gdal.info(small);
        assertThat(info.get("bands").get(0).get("block").toString()).isEqualTo("[512,512]");
        assertThat(info.get("bands").get(0).path("overviews")).isEmpty();
    }

    @Test
    void memoryIsAStripPerLevelWhateverTheHeight() throws IOException {
        // a 10980-wide Byte mask: strips of 512 rows at each level, never the image
        long strip = 512L * 10980;
        long tile = 512L * 512;
        for (int height : new int[] {512, 10980, 200_000}) {
            try (CogWriter w = CogWriter.open(
                    dir.resolve("m" + height + ".tif"),
                    10980,
                    height,
                    1,
                    SampleType.UINT8,
                    null,
                    255.0,
                    Resampling.MODE)) {
                assertThat(w.bufferedBytes()).as("height %d", height).isLessThan(2 * strip + tile + 65536 + 1);
                assertThat(w.bufferedBytes()).as("height %d", height).isLessThan((long) 10980 * height / 2 + 2 * strip);
            }
        }
        assertThat(files()).as("close without commit leaves nothing").isEmpty();
    }

    @Test
    void failuresLeaveNothingBehindAndKeepAnOldTarget() throws IOException {
        Path target = dir.resolve("old.tif");
        Files.writeString(target, "old");
        try (CogWriter w = CogWriter.open(target, 600, 600, 1, SampleType.UINT8, null, 255.0, Resampling.MODE)) {
            w.writeRows(520, new byte[600 * 520]);
            assertThatThrownBy(() -> w.writeRows(100, new byte[600 * 100]))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("the image has 600 rows");
            assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class);
        }
        try (CogWriter w = CogWriter.open(target, 600, 600, 1, SampleType.UINT8, null, 255.0, Resampling.MODE)) {
            w.writeRows(10, new byte[600 * 10]);
            assertThatThrownBy(w::commit)
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("only 10 of its 600 rows");
        }
        try (CogWriter w = CogWriter.open(target, 600, 600, 1, SampleType.UINT8, null, null, Resampling.MODE)) {
            float[] rows = new float[600];
            rows[3] = Float.NaN;
            assertThatThrownBy(() -> w.writeRows(1, rows))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("NaN");
        }
        assertThatThrownBy(() -> CogWriter.open(target, 10, 10, 1, SampleType.FLOAT32, null, null, Resampling.MODE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AVERAGE");
        try (CogWriter w = CogWriter.open(target, 10, 10, 2, SampleType.UINT8, null, null, Resampling.MODE)) {
            assertThatThrownBy(() -> w.metadata(GdalMetadata.NONE.withColours(COLOURS, 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("colour table needs one Byte band");
        }
        assertThat(files()).containsExactly("old.tif");
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void sidecarCarriesTheCategoryNames() {
        GdalMetadata md = GdalMetadata.NONE.withCategories(List.of("clear", "thin_cloud", "thick_cloud", "shadow"));
        assertThat(md.auxXml())
                .isEqualTo("<PAMDataset>\n  <PAMRasterBand band=\"1\">\n    <CategoryNames>\n"
                        + "      <Category>clear</Category>\n      <Category>thin_cloud</Category>\n"
                        + "      <Category>thick_cloud</Category>\n      <Category>shadow</Category>\n"
                        + "    </CategoryNames>\n  </PAMRasterBand>\n</PAMDataset>\n");
        assertThat(GdalMetadata.NONE.auxXml()).isNull();
        assertThat(GdalMetadata.NONE.xml()).isNull();
        assertThat(GdalMetadata.classList(List.of("clear", "cloud"), 255)).isEqualTo("0:clear,1:cloud,255:nodata");
    }
}
