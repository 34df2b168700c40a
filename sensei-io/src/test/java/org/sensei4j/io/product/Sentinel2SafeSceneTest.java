package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.SensorRegistry;

/** Sentinel-2 SAFE products read by {@link Sentinel2SafeScene} (and {@link ProductReaders#open}). */
class Sentinel2SafeSceneTest {

    private static final List<String> L1C_BANDS = SafeFixtures.BANDS;

    @TempDir
    Path dir;

    /**
     * DNs: distinct per band and resolution; fill in B01 (60 m) at (0,0), which blanks the top-left 60 m pixel,
     * and in B02 (10 m) at (5,9); saturation in B03 (10 m) at (2,14).
     */
    private static int dn(String band, int res, int r, int c) {
        if ((band.equals("B01") && r == 0 && c == 0) || (band.equals("B02") && res == 10 && r == 5 && c == 9)) {
            return 0;
        }
        if (band.equals("B03") && res == 10 && r == 2 && c == 14) {
            return 65535;
        }
        return 1000 + 200 * SafeFixtures.BANDS.indexOf(band) + 13 * r + 7 * c + (r * c) % 5 + res;
    }

    private Path l1c(String baselineName, boolean withOffsets) throws IOException {
        String real = SafeFixtures.sharedMtd(baselineName);
        String mtd = real != null ? real : SafeFixtures.productMtd(false, withOffsets ? "04.00" : "02.09", withOffsets);
        return SafeFixtures.writeL1c(dir, baselineName, mtd, Sentinel2SafeSceneTest::dn);
    }

    private Path l1cN0400() throws IOException {
        return l1c(SafeFixtures.L1C_NAME, true);
    }

    /**
     * The expected value of a band on the grid of {@code target} m computed from the native DNs: reflectance
     * {@code (DN + offset)/10000}, mean of valid pixels when downsampling, nearest when upsampling; null when
     * nodata. {@code sat[0]} is set when a contributing DN is saturated.
     */
    private static Double expected(String band, int fileRes, int target, int r, int c, double offset, boolean[] sat) {
        if (fileRes >= target) {
            int k = fileRes / target;
            int d = dn(band, fileRes, r / k, c / k);
            sat[0] |= d == 65535;
            return d == 0 ? null : (double) (float) ((d + offset) / 10000.0);
        }
        int k = target / fileRes;
        double sum = 0;
        int n = 0;
        for (int rr = r * k; rr < (r + 1) * k; rr++) {
            for (int cc = c * k; cc < (c + 1) * k; cc++) {
                int d = dn(band, fileRes, rr, cc);
                if (d != 0) {
                    sum += (float) ((d + offset) / 10000.0);
                    n++;
                    sat[0] |= d == 65535;
                }
            }
        }
        return n == 0 ? null : sum / n;
    }

    /** Checks every value and flag of the scene against {@link #expected}. */
    private static void assertValues(
            SceneSource s,
            int target,
            List<Integer> fileRes,
            double offset,
            int expectedNodata,
            int expectedSaturated) {
        SceneWindow all = s.read(s.fullWindow());
        int w = s.width();
        int plane = w * s.height();
        float[] v = all.values().data();
        int nodata = 0;
        int saturated = 0;
        for (int p = 0; p < plane; p++) {
            boolean anyNodata = false;
            boolean[] sat = new boolean[1];
            Double[] e = new Double[s.bands().size()];
            for (int b = 0; b < e.length; b++) {
                e[b] = expected(s.bandIds().get(b), fileRes.get(b), target, p / w, p % w, offset, sat);
                anyNodata |= e[b] == null;
            }
            byte flag = anyNodata ? SceneWindow.NODATA : sat[0] ? SceneWindow.SATURATED : SceneWindow.VALID;
            assertThat(all.invalid()[p])
                    .as("flag of pixel %d at %d m", p, target)
                    .isEqualTo(flag);
            nodata += anyNodata ? 1 : 0;
            saturated += flag == SceneWindow.SATURATED ? 1 : 0;
            for (int b = 0; b < e.length; b++) {
                float expectedValue = anyNodata ? 0f : (float) (double) e[b];
                assertThat(v[b * plane + p])
                        .as("%s pixel %d at %d m", s.bandIds().get(b), p, target)
                        .isEqualTo(expectedValue);
            }
        }
        assertThat(nodata).as("nodata pixels").isEqualTo(expectedNodata);
        assertThat(saturated).as("saturated pixels").isEqualTo(expectedSaturated);
    }

    private static List<Integer> nativeRes(List<String> bands) {
        return bands.stream().map(SafeFixtures.NATIVE::get).toList();
    }

    @Test
    void l1cN0400AtTwentyMetresHasOffsetValuesAndTheTileGeoreference() throws IOException {
        Path safe = l1cN0400();
        try (Sentinel2SafeScene s = Sentinel2SafeScene.open(safe, ProductOptions.defaults())) {
            assertThat(s.id()).isEqualTo(SafeFixtures.L1C_NAME);
            assertThat(s.sensor().orElseThrow().id()).isEqualTo("sentinel2");
            assertThat(s.bandIds()).containsExactlyElementsOf(L1C_BANDS);
            assertThat(s.resolutionM()).hasValue(20.0);
            assertThat(s.width()).isEqualTo(9);
            assertThat(s.height()).isEqualTo(6);
            assertThat(s.georeference()).hasValue(Georeference.northUp(32632, 600000, 5300040, 20, 20));
            assertThat(s.fileResolutions()).containsExactlyElementsOf(nativeRes(L1C_BANDS));
            assertThat(s.safe().metadata().addOffset("B04")).isEqualTo(-1000.0);
            // B01's filled 60 m pixel blanks 3x3 pixels at 20 m; B02's filled 10 m pixel is averaged away
            assertValues(s, 20, nativeRes(L1C_BANDS), -1000, 9, 1);

            // hand-computed: B05 (20 m, native) at (3, 4): DN 1000 + 800 + 39 + 28 + 2 + 20 = 1889
            float[] v = s.read(new PixelWindow(4, 3, 1, 1)).values().data();
            assertThat(v[4]).isEqualTo((float) ((1889 - 1000) / 10000.0));
            // the saturated 10 m pixel of B03 is averaged with its three neighbours and flags the 20 m pixel
            SceneWindow sat = s.read(new PixelWindow(7, 1, 1, 1));
            assertThat(sat.invalid()[0]).isEqualTo(SceneWindow.SATURATED);
            double mean = ((65535 - 1000)
                            + (dn("B03", 10, 2, 15) - 1000)
                            + (dn("B03", 10, 3, 14) - 1000)
                            + (dn("B03", 10, 3, 15) - 1000))
                    / 4.0
                    / 10000.0;
            assertThat((double) sat.values().data()[2]).isCloseTo(mean, Assertions.within(1e-6));
        }
    }

    @Test
    void l1cAtTenAndSixtyMetres() throws IOException {
        Path safe = l1cN0400();
        for (int res : new int[] {10, 60}) {
            try (SceneSource s =
                    ProductReaders.open(safe, ProductOptions.defaults().withResolution((double) res))) {
                assertThat(s.width()).isEqualTo(SafeFixtures.width(res));
                assertThat(s.height()).isEqualTo(SafeFixtures.height(res));
                assertThat(s.resolutionM()).hasValue(res);
                assertThat(s.georeference()).hasValue(Georeference.northUp(32632, 600000, 5300040, res, res));
                assertValues(s, res, nativeRes(L1C_BANDS), -1000, res == 10 ? 36 + 1 : 1, 1);
            }
        }
    }

    @Test
    void baselineN0209HasNoOffset() throws IOException {
        Path safe = l1c("S2B_MSIL1C_20200406T101559_N0209_R065_T32UPC_20200406T130159", false);
        try (Sentinel2SafeScene s = Sentinel2SafeScene.open(safe, ProductOptions.defaults())) {
            assertThat(s.safe().metadata().hasAddOffsets()).isFalse();
            assertValues(s, 20, nativeRes(L1C_BANDS), 0, 9, 1);
            assertThat(s.read(new PixelWindow(4, 3, 1, 1)).values().data()[4]).isEqualTo((float) (1889 / 10000.0));
        }
    }

    @Test
    void productReadersOpensTheSafeFolderItsMetadataTheGranuleAndMtdTl() throws IOException {
        Path safe = l1cN0400();
        Path granule = safe.resolve("GRANULE").resolve(SafeFixtures.L1C_GRANULE);
        float[] expected;
        try (Sentinel2SafeScene s = Sentinel2SafeScene.open(safe, ProductOptions.defaults())) {
            expected = s.read(s.fullWindow()).values().data();
        }
        for (Path input : List.of(safe, safe.resolve("MTD_MSIL1C.xml"), granule, granule.resolve("MTD_TL.xml"))) {
            try (SceneSource s = ProductReaders.open(input, ProductOptions.defaults())) {
                assertThat(s).as("%s", input).isInstanceOf(Sentinel2SafeScene.class);
                assertThat(s.id()).isEqualTo(SafeFixtures.L1C_NAME);
                assertThat(s.read(s.fullWindow()).values().data()).containsExactly(expected);
            }
        }
        // a product folder renamed without .SAFE is still recognised by its metadata file
        Path renamed = Files.move(safe, dir.resolve("product"));
        try (SceneSource s = ProductReaders.open(renamed, ProductOptions.defaults())) {
            assertThat(s.id()).isEqualTo("product");
        }
    }

    @Test
    void l2aReadsEachBandFromTheFileAtTheTargetResolutionElseTheFinest() throws IOException {
        Path safe = SafeFixtures.writeL2a(
                dir, SafeFixtures.L2A_NAME, SafeFixtures.productMtd(true, "04.00", true), Sentinel2SafeSceneTest::dn);
        List<String> l2aBands = L1C_BANDS.stream().filter(b -> !b.equals("B10")).toList();
        for (int res : new int[] {10, 20, 60}) {
            try (Sentinel2SafeScene s =
                    Sentinel2SafeScene.open(safe, ProductOptions.defaults().withResolution((double) res))) {
                assertThat(s.bandIds()).containsExactlyElementsOf(l2aBands);
                List<Integer> fileRes = l2aBands.stream()
                        .map(b -> SafeFixtures.L2A_FILES.get(res).contains(b)
                                ? res
                                : Stream.of(10, 20, 60)
                                        .filter(r ->
                                                SafeFixtures.L2A_FILES.get(r).contains(b))
                                        .findFirst()
                                        .orElseThrow())
                        .toList();
                assertThat(s.fileResolutions()).containsExactlyElementsOf(fileRes);
                assertThat(s.bandFiles().get(1).toString())
                        .endsWith("R" + res + "m/" + SafeFixtures.FILE_PREFIX + "B02_" + res + "m.jp2");
                // B01 from R20m (filled at (0,0)) at 10 and 20 m, from R60m at 60 m; B02's fill is in R10m only
                assertValues(s, res, fileRes, -1000, res == 10 ? 4 + 1 : 1, res == 10 ? 1 : 0);
            }
        }
        ProductOptions withB10 =
                ProductOptions.forSensor(SensorRegistry.builtIn().get("sentinel2"), List.of("B02", "B10"));
        assertThatThrownBy(() -> ProductReaders.open(safe, withB10))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no image for band B10 (L2A products have no B10)")
                .hasMessageEndingWith("; leave B10 out");
    }

    @Test
    void windowedReadsEqualCropsOfTheFullRead() throws IOException {
        Path safe = l1cN0400();
        for (int res : new int[] {10, 20}) {
            try (Sentinel2SafeScene s =
                    Sentinel2SafeScene.open(safe, ProductOptions.defaults().withResolution((double) res))) {
                SceneWindow full = s.read(s.fullWindow());
                Random rnd = new Random(7 + res);
                for (int i = 0; i < 25; i++) {
                    int x = rnd.nextInt(s.width());
                    int y = rnd.nextInt(s.height());
                    PixelWindow w =
                            new PixelWindow(x, y, 1 + rnd.nextInt(s.width() - x), 1 + rnd.nextInt(s.height() - y));
                    SceneWindow part = s.read(w);
                    assertThat(part.values())
                            .as("window %s at %d m", w, res)
                            .isEqualTo(full.values().crop(w));
                    for (int r = 0; r < w.height(); r++) {
                        for (int c = 0; c < w.width(); c++) {
                            assertThat(part.invalid()[r * w.width() + c])
                                    .isEqualTo(full.invalid()[(w.y() + r) * s.width() + w.x() + c]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void selectionOfBands() throws IOException {
        Path safe = l1cN0400();
        ProductOptions o =
                ProductOptions.forSensor(SensorRegistry.builtIn().get("sentinel2"), List.of("B8A", "B02", "B11"));
        try (SceneSource s = ProductReaders.open(safe, o)) {
            assertThat(s.bandIds()).containsExactly("B8A", "B02", "B11");
            assertValues(s, 20, List.of(20, 10, 20), -1000, 0, 0);
        }
    }

    // ---------------------------------------------------------------- errors

    @Test
    void missingBandImageIsAnErrorWhenSelectedAndAWarningOtherwise() throws IOException {
        Path safe = l1cN0400();
        Path img = safe.resolve("GRANULE").resolve(SafeFixtures.L1C_GRANULE).resolve("IMG_DATA");
        Files.delete(img.resolve(SafeFixtures.FILE_PREFIX + "B05.jp2"));
        ProductOptions o = ProductOptions.forSensor(SensorRegistry.builtIn().get("sentinel2"), List.of("B02", "B05"));
        assertThatThrownBy(() -> ProductReaders.open(safe, o))
                .isInstanceOf(SenseiException.class)
                .hasMessage("Sentinel-2 product " + SafeFixtures.L1C_NAME + ": no image for band B05: expected GRANULE/"
                        + SafeFixtures.L1C_GRANULE + "/IMG_DATA/*_B05.jp2 in " + safe.toAbsolutePath()
                        + "; unzip the product again, or leave the band out");
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        try (SceneSource s = ProductReaders.open(safe, ProductOptions.defaults().withWarnings(warnings))) {
            assertThat(s.bandIds()).doesNotContain("B05").hasSize(12);
        }
        assertThat(warnings.lines)
                .containsExactly("Sentinel-2 product " + SafeFixtures.L1C_NAME + ": band B05" + " (GRANULE/"
                        + SafeFixtures.L1C_GRANULE + "/IMG_DATA/*_B05.jp2) left out (no image file)");
    }

    @Test
    void incompleteSafeLayoutsAreUserErrors() throws IOException {
        Path safe = l1cN0400();
        Path granules = safe.resolve("GRANULE");
        Path granule = granules.resolve(SafeFixtures.L1C_GRANULE);

        Files.createDirectories(granules.resolve("L1C_T32UPD_A027547_20220615T102248"));
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageEndingWith("holds 2 granules (" + SafeFixtures.L1C_GRANULE
                        + ", L1C_T32UPD_A027547_20220615T102248): give one granule folder (GRANULE/<granule>) or its"
                        + " MTD_TL.xml as input");
        try (SceneSource s = ProductReaders.open(granule, ProductOptions.defaults())) {
            assertThat(s.bands()).hasSize(13);
        }
        Files.delete(granules.resolve("L1C_T32UPD_A027547_20220615T102248"));

        Path tl = granule.resolve("MTD_TL.xml");
        Files.writeString(tl, SafeFixtures.mtdTl(10, 60));
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("no Geoposition/Size for resolution 20 m in " + tl + ": it gives [10, 60]; use the"
                        + " granule's complete MTD_TL.xml or one of those");
        Files.writeString(tl, SafeFixtures.mtdTl().replace("EPSG:32632", "WGS84"));
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("HORIZONTAL_CS_CODE in " + tl + " is 'WGS84'");
        Files.delete(tl);
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("granule " + granule.toAbsolutePath() + " has no MTD_TL.xml (the tile's CRS and grid): the"
                        + " SAFE product is incomplete; unzip it again");
        Files.writeString(tl, SafeFixtures.mtdTl());

        assertThatThrownBy(() ->
                        ProductReaders.open(safe, ProductOptions.defaults().withResolution(30.0)))
                .isInstanceOf(SenseiException.class)
                .hasMessage("Sentinel-2 product " + SafeFixtures.L1C_NAME + " cannot be read at 30 m: give a resolution"
                        + " of 10, 20 or 60 m (default 20)");

        // an image of the wrong size
        Path b02 = granule.resolve("IMG_DATA").resolve(SafeFixtures.FILE_PREFIX + "B02.jp2");
        SafeFixtures.writeJp2(b02, 5, 4, new int[20]);
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("(band B02, 10 m) is 5x4 pixels but MTD_TL.xml gives 18x12 at 10 m");

        // no granule at all
        deleteTree(granules);
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("SAFE product " + safe.toAbsolutePath() + " has no GRANULE folder (which holds the tile's"
                        + " band images and MTD_TL.xml): the product is incomplete; unzip it again");
        Files.createDirectories(granules);
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("has no granule in its GRANULE folder");

        // a .SAFE folder without product metadata
        Files.delete(safe.resolve("MTD_MSIL1C.xml"));
        assertThatThrownBy(() -> ProductReaders.open(safe, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("folder " + safe + " holds no MTD_MSIL1C.xml or MTD_MSIL2A.xml");

        Path zip = Files.writeString(dir.resolve(SafeFixtures.L1C_NAME + ".zip"), "PK");
        assertThatThrownBy(() -> ProductReaders.open(zip, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is a zip archive: unzip it and give the product folder");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
