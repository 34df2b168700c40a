package org.sensei4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.Gdal;
import org.sensei4j.io.geotiff.GdalMetadata;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * {@link GeoTiffMaskSink}: the strips the masker streams (any tile size, threads, strip heights) make the file the
 * in-memory mask would; the classes are counted once and as by hand; a failure anywhere leaves no output and no
 * temporary file. GDAL, where installed, validates the COG and reads its description.
 */
class GeoTiffMaskSinkTest {

    static final int W = 600;
    static final int H = 530;
    static final Georeference GEO = Georeference.northUp(32632, 300000, 5000000, 20, 20);

    static NDManager manager;
    static CloudMasker masker;
    static Scene scene;
    static byte[] invalid;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        CloudMaskerTest.s2 = SensorRegistry.builtIn().get("sentinel2");
        Engine.getInstance().setRandomSeed(11);
        masker = new CloudMasker(
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager),
                manager);
        invalid = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < 7; x++) {
                invalid[y * W + x] = SceneWindow.NODATA; // a nodata edge
            }
        }
        Scene s = CloudMaskerTest.scene(W, H, List.of("B02", "B03", "B04", "B08"), 12, invalid);
        scene = new Scene(s.id(), s.bands(), s.sensor().orElseThrow(), s.values(), invalid, GEO, 20);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    private static GeoTiffMaskSink.Builder sink(Path target) {
        ClassScheme scheme = masker.model().spec().scheme();
        return GeoTiffMaskSink.to(target, W, H, GEO)
                .classes(scheme, scheme)
                .metadata(GdalMetadata.NONE.with("SENSEI_MODEL", "test"));
    }

    private static float[] readBand(Path f, int band) {
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            return r.read(new PixelWindow(0, 0, W, H), band).data();
        }
    }

    private static byte[] readClasses(Path f) {
        float[] v = readBand(f, 0);
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) (int) v[i];
        }
        return b;
    }

    /** The median of the valid (not NaN) values of the plane starting at {@code from}. */
    private static double median(float[] planes, int from) {
        float[] v = Arrays.copyOfRange(planes, from, from + W * H);
        Arrays.sort(v); // NaN last
        int n = 0;
        while (n < v.length && !Float.isNaN(v[n])) {
            n++;
        }
        return v[n / 2];
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void streamedStripsMakeTheFileOfTheInMemoryMaskWhateverTheTilingAndThreads() throws IOException {
        MaskingOptions[] runs = {
            MaskingOptions.defaults().withTile(64, 16),
            MaskingOptions.defaults().withTile(128, 0).withThreads(2),
            MaskingOptions.defaults().withTile(200, 40).withThreads(2).withThreshold(0.4)
        };
        for (MaskingOptions options : runs) {
            MaskResult memory = masker.mask(scene, options);
            for (GeoTiffMaskSink.Format format : GeoTiffMaskSink.Format.values()) {
                Path f = dir.resolve("mask-" + options.tile() + "-" + format.id() + ".tif");
                AtomicInteger strips = new AtomicInteger();
                try (GeoTiffMaskSink sink = sink(f).format(format).open()) {
                    masker.mask(scene, options, new MaskSink() {
                        @Override
                        public void strip(int y0, int rows, int width, byte[] c, float[] p, float[] d) {
                            strips.incrementAndGet();
                            sink.strip(y0, rows, width, c, p, d);
                        }

                        @Override
                        public boolean wantsProbabilities() {
                            return sink.wantsProbabilities();
                        }
                    });
                    sink.commit();
                    assertThat(sink.counts().cloudFraction()).isEqualTo(memory.cloudFraction());
                }
                assertThat(strips.get()).as("strips of %s", options).isGreaterThan(1);
                assertThat(readClasses(f)).as("%s %s", options, format).containsExactly(memory.classes());
                assertThat(GeoTiffMaskSink.sidecar(f)).exists();
            }
        }
        // probabilities, float and percent, from the masker's strips equal the in-memory probabilities
        MaskingOptions options = runs[1];
        MaskResult memory = masker.mask(scene, options);
        Path fl = dir.resolve("p-float.tif");
        Path pc = dir.resolve("p-percent.tif");
        try (GeoTiffMaskSink a = sink(fl).content(GeoTiffMaskSink.Content.PROBABILITIES_FLOAT)
                        .open();
                GeoTiffMaskSink b = sink(pc).content(GeoTiffMaskSink.Content.PROBABILITIES_PERCENT)
                        .open()) {
            assertThat(a.wantsProbabilities()).isTrue();
            masker.mask(scene, options, (y0, rows, width, c, p, d) -> {
                a.strip(y0, rows, width, c, p, d);
                b.strip(y0, rows, width, c, p, d);
            });
            a.commit();
            b.commit();
        }
        int n = W * H;
        for (int k = 0; k < 3; k++) {
            float[] f = readBand(fl, k);
            float[] p = readBand(pc, k);
            for (int i = 0; i < n; i++) {
                float m = memory.probabilities()[k * n + i];
                if (Float.isNaN(m)) {
                    assertThat(f[i]).isNaN();
                    assertThat(p[i]).isEqualTo(255f);
                } else {
                    assertThat(f[i]).isEqualTo(m);
                    assertThat(p[i]).isEqualTo((float) Math.round(m * 100));
                }
            }
        }
        // probabilities have no categories: no sidecar (and a stale one would be deleted)
        assertThat(GeoTiffMaskSink.sidecar(fl)).doesNotExist();
    }

    @Test
    void stripsOfAnyHeightGiveTheSameFile() {
        MaskResult memory = masker.mask(scene, MaskingOptions.defaults().withTile(96, 0));
        Path f = dir.resolve("odd.tif");
        try (GeoTiffMaskSink sink = sink(f).open()) {
            int y = 0;
            for (int rows : new int[] {1, 7, 300, 1, 221}) {
                byte[] c = new byte[rows * W];
                System.arraycopy(memory.classes(), y * W, c, 0, c.length);
                sink.strip(y, rows, W, c, null, null);
                y += rows;
            }
            assertThat(y).isEqualTo(H);
            sink.commit();
        }
        assertThat(readClasses(f)).containsExactly(memory.classes());
    }

    @Test
    void theCountsAreAHandCountOfTheClassesWritten() {
        Path f = dir.resolve("count.tif");
        MaskCounts counts;
        // a threshold at the median cloud probability: cloud and clear both present
        MaskingOptions options = MaskingOptions.defaults().withTile(100, 0);
        float[] p = masker.mask(scene, options).probabilities();
        try (GeoTiffMaskSink sink = sink(f).open()) {
            masker.mask(scene, options.withThreshold(median(p, W * H)), sink);
            sink.commit();
            counts = sink.counts();
        }
        byte[] written = readClasses(f);
        long[] hand = new long[256];
        for (byte b : written) {
            hand[b & 0xFF]++;
        }
        assertThat(hand[255]).isEqualTo(7L * H);
        long valid = hand[0] + hand[1] + hand[2];
        assertThat(counts.valid()).isEqualTo(valid).isEqualTo((long) W * H - 7L * H);
        assertThat(counts.cloud()).isEqualTo(hand[1]);
        assertThat(counts.count(ClassScheme.NODATA)).isEqualTo(hand[255]);
        assertThat(counts.cloudFraction()).isEqualTo((double) hand[1] / valid).isStrictlyBetween(0.0, 1.0);
        assertThat(counts.fraction(2)).isEqualTo((double) hand[2] / valid);
        assertThat(MaskCounts.of(written, ClassScheme.CLEAR_CLOUD_SHADOW).cloudFraction())
                .isEqualTo(counts.cloudFraction());
        assertThat(new MaskCounts(ClassScheme.CLOUD_CLEAR).cloudFraction()).isNaN();
    }

    @Test
    void aFailureWhileMaskingLeavesNoOutputAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("fail.tif");
        Path u = dir.resolve("fail-unc.tif");
        // the scene's reads fail in the middle of the scene
        AtomicInteger reads = new AtomicInteger();
        SceneSource failing = new SceneSource() {
            public String id() {
                return scene.id();
            }

            public List<Band> bands() {
                return scene.bands();
            }

            public Optional<Sensor> sensor() {
                return scene.sensor();
            }

            public int width() {
                return W;
            }

            public int height() {
                return H;
            }

            public Optional<Georeference> georeference() {
                return Optional.of(GEO);
            }

            public OptionalDouble resolutionM() {
                return OptionalDouble.of(20);
            }

            public SceneWindow read(PixelWindow window) {
                if (reads.incrementAndGet() == 9) {
                    throw new SenseiException("disk gone");
                }
                return scene.read(window);
            }
        };
        assertThatThrownBy(() -> {
                    try (GeoTiffMaskSink sink = sink(f).uncertainty(u).open()) {
                        assertThat(files()).hasSize(4); // the hidden temporary and spill files of both COGs
                        masker.mask(
                                failing,
                                MaskingOptions.defaults().withTile(128, 0).withEnsemble(2, 1),
                                sink);
                        sink.commit();
                    }
                })
                .hasMessage("disk gone");
        assertThat(files()).isEmpty();

        // a commit before every row came refuses and deletes the temporary files
        try (GeoTiffMaskSink sink = sink(f).format(GeoTiffMaskSink.Format.GTIFF).open()) {
            sink.strip(0, 10, W, new byte[10 * W], null, null);
            assertThatThrownBy(sink::commit)
                    .isInstanceOf(SenseiException.class)
                    .hasMessage("cannot write " + f + ": only 10 of its 530 rows were masked");
        }
        assertThat(files()).isEmpty();

        // strips out of order are a bug of the caller: refused, nothing left
        try (GeoTiffMaskSink sink = sink(f).open()) {
            sink.strip(0, 10, W, new byte[10 * W], null, null);
            assertThatThrownBy(() -> sink.strip(20, 10, W, new byte[10 * W], null, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("top to bottom");
        }
        assertThat(files()).isEmpty();

        // a missing directory is a user error named with its fix
        assertThatThrownBy(() -> sink(dir.resolve("none/x.tif")).open())
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("does not exist: create it first");
    }

    @Test
    void formatNamesAreParsedAndOthersRefusedWithTheOptionsName() {
        assertThat(GeoTiffMaskSink.Format.parse("COG", "--format")).isEqualTo(GeoTiffMaskSink.Format.COG);
        assertThat(GeoTiffMaskSink.Format.parse("geotiff", "--format")).isEqualTo(GeoTiffMaskSink.Format.GTIFF);
        assertThatThrownBy(() -> GeoTiffMaskSink.Format.parse("png", "format"))
                .isInstanceOf(SenseiException.class)
                .hasMessage("format takes 'cog' or 'gtiff', got 'png'");
    }

    @Test
    void gdalValidatesTheCogAndReadsItsDescription() throws Exception {
        Gdal.assumeCogValidator();
        Path f = dir.resolve("gdal.tif");
        MaskingOptions options = MaskingOptions.defaults().withTile(128, 0);
        try (GeoTiffMaskSink sink = sink(f).metadata(
                        MaskMetadata.describe(masker, options, "test-model", null, scene, "scene.tif", "sensei4j test"))
                .open()) {
            masker.mask(scene, options, sink);
            sink.commit();
        }
        assertThat(Gdal.validateCog(f)).contains("is a valid cloud optimized GeoTIFF");
        JsonNode info = Gdal.info(f);
        assertThat(info.at("/metadata/IMAGE_STRUCTURE/LAYOUT").asText()).isEqualTo("COG");
        JsonNode items = info.at("/metadata/");
        assertThat(items.get("SENSEI_MODEL").asText()).isEqualTo("test-model");
        assertThat(items.get("SENSEI_CONTENT").asText()).isEqualTo("classes");
        assertThat(items.get("SENSEI_SENSOR").asText()).isEqualTo("sentinel2");
        assertThat(items.get("SENSEI_BANDS").asText()).isEqualTo("B02,B03,B04,B08");
        assertThat(items.get("SENSEI_INPUT").asText()).isEqualTo("scene.tif");
        assertThat(items.get("SENSEI_SOFTWARE").asText()).isEqualTo("sensei4j test");
        assertThat(items.get("SENSEI_DECISION").asText()).startsWith("most probable class");
        assertThat(items.get("CLASSES").asText()).isEqualTo("0:clear,1:cloud,2:shadow,255:nodata");
        assertThat(items.get("OVERVIEW_RESAMPLING").asText()).isEqualTo("MODE");
        JsonNode band = info.at("/bands/0");
        assertThat(band.get("colorInterpretation").asText()).isEqualTo("Palette");
        assertThat(band.get("description").asText()).isEqualTo("class (cloud-shadow)");
        assertThat(band.get("categories").toString()).isEqualTo("[\"clear\",\"cloud\",\"shadow\"]");
        assertThat(band.get("overviews")).hasSize(1);
    }
}
