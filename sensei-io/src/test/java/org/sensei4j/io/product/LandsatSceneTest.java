package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.landsat.LandsatBand;
import org.sensei4j.io.landsat.LandsatMetadata;
import org.sensei4j.io.landsat.LandsatRadiometry;
import org.sensei4j.io.testdata.ReferenceCrops;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.SensorRegistry;

/** Landsat Level-1 product folders read by {@link LandsatScene} (and {@link ProductReaders#open}). */
class LandsatSceneTest {

    private static final int H = 7;
    private static final int W = 9;
    private static final List<String> L8_BANDS = List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");

    @TempDir
    Path dir;

    /** DNs of the L8 fixture: distinct per band; fill in B3 at (0,0) and B10 at (2,3); saturation in B5 at (1,2). */
    private static int l8Dn(String band, int r, int c) {
        int b = Integer.parseInt(band);
        if ((b == 3 && r == 0 && c == 0) || (b == 10 && r == 2 && c == 3)) {
            return 0;
        }
        if (b == 5 && r == 1 && c == 2) {
            return 65535;
        }
        if (b >= 10) {
            return 20000 + 100 * (b - 10) + 500 * r + 30 * c;
        }
        return 7000 + 1000 * b + 37 * r + 11 * c;
    }

    /** A Landsat 8 C2 folder with files for every band (pan B8 on its 15 m grid). */
    private Path landsat8Folder() throws IOException {
        Path f = dir.resolve(LandsatFixtures.L8_ID);
        LandsatFixtures.writeMtl(f, LandsatFixtures.L8_ID, LandsatFixtures.landsat8Collection2());
        for (int b = 1; b <= 11; b++) {
            boolean pan = b == 8;
            LandsatFixtures.writeBand(
                    f,
                    LandsatFixtures.L8_ID,
                    Integer.toString(b),
                    SampleType.UINT16,
                    pan ? 2 * H : H,
                    pan ? 2 * W : W,
                    pan ? (n, r, c) -> 9000 : LandsatSceneTest::l8Dn);
        }
        return f;
    }

    private static int[] dnPlane(String band) {
        int[] dn = new int[H * W];
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                dn[r * W + c] = l8Dn(band, r, c);
            }
        }
        return dn;
    }

    @Test
    void landsat8Collection2ValuesEqualLandsatRadiometryOnTheSameDns() throws IOException {
        Path folder = landsat8Folder();
        LandsatMetadata md = LandsatMetadata.parse(folder.resolve(LandsatFixtures.L8_ID + "_MTL.txt"));
        try (LandsatScene s = LandsatScene.open(folder, ProductOptions.defaults())) {
            assertThat(s.id()).isEqualTo(LandsatFixtures.L8_ID);
            assertThat(s.sensor().orElseThrow().id()).isEqualTo("landsat8");
            assertThat(s.bandIds()).containsExactlyElementsOf(L8_BANDS);
            assertThat(s.width()).isEqualTo(W);
            assertThat(s.height()).isEqualTo(H);
            assertThat(s.georeference().orElseThrow().sameGrid(LandsatFixtures.GRID, 0))
                    .as("%s", s.georeference())
                    .isTrue();
            assertThat(s.resolutionM()).hasValue(30.0);
            assertThat(s.bandFiles().get(3).getFileName().toString()).isEqualTo(LandsatFixtures.L8_ID + "_B4.TIF");

            SceneWindow all = s.read(s.fullWindow());
            float[] v = all.values().data();
            int plane = H * W;
            int fillB3 = 0;
            int fillB10 = 2 * W + 3;
            int saturated = W + 2;
            for (int p = 0; p < plane; p++) {
                byte expected = p == fillB3 || p == fillB10
                        ? SceneWindow.NODATA
                        : p == saturated ? SceneWindow.SATURATED : SceneWindow.VALID;
                assertThat(all.invalid()[p]).as("pixel %d", p).isEqualTo(expected);
            }
            for (int i = 0; i < L8_BANDS.size(); i++) {
                String id = L8_BANDS.get(i);
                String mtlName = id.substring(1);
                int[] dn = dnPlane(mtlName);
                float[] expected = md.band(id).isThermal()
                        ? LandsatRadiometry.normaliseBrightnessTemperature(
                                LandsatRadiometry.brightnessTemperature(dn, md.band(id)))
                        : LandsatRadiometry.toaReflectance(dn, md.band(id), LandsatFixtures.L8_SUN_ELEVATION);
                for (int p = 0; p < plane; p++) {
                    float got = v[i * plane + p];
                    if (p == fillB3 || p == fillB10) {
                        assertThat(got).as("%s nodata pixel %d", id, p).isEqualTo(0f);
                    } else {
                        assertThat(got).as("%s pixel %d", id, p).isEqualTo(expected[p]);
                    }
                }
            }
            // hand-computed: B4 at (3, 5), DN 7000 + 4000 + 111 + 55 = 11166
            double m = LandsatFixtures.l8ReflectanceMult(4);
            double a = LandsatFixtures.l8ReflectanceAdd(4);
            double sin = Math.sin(Math.toRadians(LandsatFixtures.L8_SUN_ELEVATION));
            assertThat(v[3 * plane + 3 * W + 5]).isCloseTo((float) ((m * 11166 + a) / sin), within(1e-6f));
            // saturated pixel keeps its value: B5 at DN 65535
            assertThat(v[4 * plane + saturated])
                    .isCloseTo(
                            (float) ((LandsatFixtures.l8ReflectanceMult(5) * 65535
                                            + LandsatFixtures.l8ReflectanceAdd(5))
                                    / sin),
                            within(1e-5f));
            // thermal: coldest valid B10 pixel (DN 20000 at (0,0)) maps to 0
            assertThat(v[8 * plane]).isEqualTo(0f);
            ThermalNormalisation t = s.thermalNormalisation(8).orElseThrow();
            assertThat(t.step()).isEqualTo(1);
            assertThat(t.samples()).isEqualTo(plane - 1);
            double k2 = 1321.0789;
            double k1 = 774.8853;
            assertThat(t.min()).isCloseTo(k2 / Math.log(k1 / (3.342e-4 * 20000 + 0.1) + 1), within(1e-3));
            assertThat(s.thermalNormalisation(0)).isEmpty();
        }
    }

    @Test
    void productReadersOpensTheFolderAndTheMtlFile() throws IOException {
        Path folder = landsat8Folder();
        Path mtl = folder.resolve(LandsatFixtures.L8_ID + "_MTL.txt");
        float[] expected;
        try (LandsatScene s = LandsatScene.open(folder, ProductOptions.defaults())) {
            expected = s.read(s.fullWindow()).values().data();
        }
        for (Path input : List.of(folder, mtl)) {
            try (SceneSource s = ProductReaders.open(input, ProductOptions.defaults())) {
                assertThat(s).isInstanceOf(LandsatScene.class);
                assertThat(s.bandIds()).containsExactlyElementsOf(L8_BANDS);
                assertThat(s.read(s.fullWindow()).values().data()).containsExactly(expected);
            }
        }
    }

    @Test
    void selectionThermalExclusionAndIgnoredOptions() throws IOException {
        Path folder = landsat8Folder();
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        ProductOptions o = ProductOptions.forSensor(
                        SensorRegistry.builtIn().get("landsat8"), List.of("B4", "B10", "B2"))
                .withScale(1e-4)
                .withNodata(0.0)
                .withWarnings(warnings);
        try (SceneSource s = ProductReaders.open(folder, o)) {
            assertThat(s.bandIds()).containsExactly("B4", "B10", "B2");
            float[] v = s.read(new PixelWindow(5, 3, 1, 1)).values().data();
            LandsatMetadata md = ((LandsatScene) s).metadata();
            assertThat(v[0]).isEqualTo(LandsatRadiometry.toaReflectance(new int[] {l8Dn("4", 3, 5)}, md, "B4")[0]);
            assertThat(v[2]).isEqualTo(LandsatRadiometry.toaReflectance(new int[] {l8Dn("2", 3, 5)}, md, "B2")[0]);
        }
        assertThat(warnings.lines)
                .containsExactly("Landsat product " + LandsatFixtures.L8_ID + ": scale, nodata"
                        + " ignored: the product's metadata defines how its DNs become reflectance, which pixels are "
                        + "nodata"
                        + " and which are saturated");
        try (SceneSource s =
                ProductReaders.open(folder, ProductOptions.defaults().withThermal(ThermalHandling.EXCLUDE))) {
            assertThat(s.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9");
        }
        try (SceneSource s =
                ProductReaders.open(folder, ProductOptions.defaults().withResolution(30.0))) {
            assertThat(s.width()).isEqualTo(W);
        }
    }

    @Test
    void windowedReadsEqualCropsOfTheFullRead() throws IOException {
        Path folder = landsat8Folder();
        try (LandsatScene s = LandsatScene.open(folder, ProductOptions.defaults())) {
            SceneWindow full = s.read(s.fullWindow());
            Random rnd = new Random(42);
            for (int i = 0; i < 40; i++) {
                int x = rnd.nextInt(W);
                int y = rnd.nextInt(H);
                PixelWindow w = new PixelWindow(x, y, 1 + rnd.nextInt(W - x), 1 + rnd.nextInt(H - y));
                SceneWindow part = s.read(w);
                assertThat(part.values())
                        .as("window %s", w)
                        .isEqualTo(full.values().crop(w));
                for (int r = 0; r < w.height(); r++) {
                    for (int c = 0; c < w.width(); c++) {
                        assertThat(part.invalid()[r * w.width() + c])
                                .isEqualTo(full.invalid()[(w.y() + r) * W + w.x() + c]);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- Landsat 7 thermal gains

    private static int l7Dn(String band, int r, int c) {
        return switch (band) {
            case "6_VCID_1" -> r == 0 && c == 1 ? 255 : 120 + 3 * r + c;
            case "6_VCID_2" -> 60 + 5 * r + 2 * c;
            case "8" -> 100;
            default -> 40 + 10 * Integer.parseInt(band) + r + c;
        };
    }

    private Path landsat7Folder() throws IOException {
        Path f = dir.resolve(LandsatFixtures.L7_ID);
        LandsatFixtures.writeMtl(f, LandsatFixtures.L7_ID, LandsatFixtures.landsat7Collection2());
        for (String n : new String[] {"1", "2", "3", "4", "5", "6_VCID_1", "6_VCID_2", "7", "8"}) {
            boolean pan = n.equals("8");
            LandsatFixtures.writeBand(
                    f,
                    LandsatFixtures.L7_ID,
                    n,
                    SampleType.UINT8,
                    pan ? 2 * H : H,
                    pan ? 2 * W : W,
                    LandsatSceneTest::l7Dn);
        }
        return f;
    }

    @Test
    void landsat7ReadsB6VcidOneByDefaultAndVcidTwoOnRequest() throws IOException {
        Path folder = landsat7Folder();
        LandsatMetadata md = LandsatMetadata.parse(folder.resolve(LandsatFixtures.L7_ID + "_MTL.txt"));
        int plane = H * W;
        for (Landsat7Thermal gain : Landsat7Thermal.values()) {
            String mtlName = gain == Landsat7Thermal.VCID_1 ? "6_VCID_1" : "6_VCID_2";
            try (SceneSource s =
                    ProductReaders.open(folder, ProductOptions.defaults().withLandsat7Thermal(gain))) {
                LandsatScene ls = (LandsatScene) s;
                assertThat(s.sensor().orElseThrow().id()).isEqualTo("landsat7");
                assertThat(s.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7");
                LandsatBand cal = ls.calibrations().get(5);
                assertThat(cal.mtlName()).isEqualTo(mtlName);
                assertThat(ls.bandFiles().get(5).getFileName().toString())
                        .isEqualTo(LandsatFixtures.L7_ID + "_B" + mtlName + ".TIF");
                int[] dn = new int[plane];
                for (int p = 0; p < plane; p++) {
                    dn[p] = l7Dn(mtlName, p / W, p % W);
                }
                float[] expected = LandsatRadiometry.normaliseBrightnessTemperature(
                        LandsatRadiometry.brightnessTemperature(dn, md.band(gain.bandId())));
                SceneWindow all = s.read(s.fullWindow());
                float[] v = all.values().data();
                for (int p = 0; p < plane; p++) {
                    assertThat(v[5 * plane + p]).as("B6 %s pixel %d", gain, p).isEqualTo(expected[p]);
                }
                // DN 255 = QUANTIZE_CAL_MAX in B6_VCID_1 at (0, 1): saturated only when that gain is read
                assertThat(all.invalid()[1])
                        .isEqualTo(gain == Landsat7Thermal.VCID_1 ? SceneWindow.SATURATED : SceneWindow.VALID);
                assertThat(v[0]).isEqualTo(LandsatRadiometry.toaReflectance(new int[] {50}, md, "B1")[0]);
            }
        }
        assertThat(Landsat7Thermal.parse("vcid_2")).isEqualTo(Landsat7Thermal.VCID_2);
        assertThat(Landsat7Thermal.parse("High")).isEqualTo(Landsat7Thermal.VCID_2);
        assertThat(Landsat7Thermal.parse("1")).isEqualTo(Landsat7Thermal.VCID_1);
        assertThatThrownBy(() -> Landsat7Thermal.parse("3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use vcid_1 (B6_VCID_1, low gain) or vcid_2");
    }

    @Test
    void panchromaticBandIsRefusedWhenSelected() throws IOException {
        Path folder = landsat7Folder();
        ProductOptions o = ProductOptions.forSensor(SensorRegistry.builtIn().get("landsat7"), List.of("B3", "B8"));
        assertThatThrownBy(() -> ProductReaders.open(folder, o))
                .isInstanceOf(SenseiException.class)
                .hasMessage("band B8 of Landsat product " + LandsatFixtures.L7_ID + " is the 15 m panchromatic band,"
                        + " which is not read (its grid is not the 30 m grid of the other bands): leave it out of the"
                        + " selected bands");
    }

    // ---------------------------------------------------------------- real crops (ukis-pysat)

    /** Splits a ukis-pysat multiband DN crop into the product's band files next to a copy of its MTL. */
    private static Path realFolder(Path base, String id, List<String> mtlNames) throws IOException {
        Path src = ReferenceCrops.directory();
        Path f = Files.createDirectories(base.resolve(id));
        Files.copy(src.resolve(id + "_MTL.txt"), f.resolve(id + "_MTL.txt"));
        try (GeoTiffReader r = GeoTiffReader.open(src.resolve(id + ".tif"))) {
            RasterInfo info = r.info();
            assertThat(info.bandCount()).isEqualTo(mtlNames.size());
            for (int b = 0; b < mtlNames.size(); b++) {
                FloatRaster band = r.read(b);
                GeoTiffWriter.create(info.sampleType())
                        .write(f.resolve(id + "_B" + mtlNames.get(b) + ".TIF"), band, info.georeference());
            }
        }
        return f;
    }

    /** Max |ours − reference| over {reflective bands, thermal bands (normalised)}. */
    private static double[] compareWithReference(
            Path base, String id, List<String> fileBands, List<String> sceneBands, Landsat7Thermal gain)
            throws IOException {
        Path folder = realFolder(base, id, fileBands);
        float[][] reference;
        try (GeoTiffReader r = GeoTiffReader.open(ReferenceCrops.directory().resolve(id + "_toa.tif"))) {
            reference = new float[r.info().bandCount()][];
            for (int b = 0; b < reference.length; b++) {
                reference[b] = r.readBand(b);
            }
        }
        double[] err = new double[2];
        try (LandsatScene s =
                LandsatScene.open(folder, ProductOptions.defaults().withLandsat7Thermal(gain))) {
            assertThat(s.bandIds()).containsExactlyElementsOf(sceneBands);
            SceneWindow all = s.read(s.fullWindow());
            assertThat(all.nodataFraction()).isZero();
            int plane = s.width() * s.height();
            for (int i = 0; i < sceneBands.size(); i++) {
                String mtlName = s.calibrations().get(i).mtlName();
                float[] ref = reference[fileBands.indexOf(mtlName)];
                boolean thermal = s.calibrations().get(i).isThermal();
                if (thermal) {
                    ref = LandsatRadiometry.normaliseBrightnessTemperature(ref);
                }
                for (int p = 0; p < plane; p++) {
                    int k = thermal ? 1 : 0;
                    err[k] = Math.max(err[k], Math.abs(all.values().data()[i * plane + p] - (double) ref[p]));
                }
            }
        }
        System.out.printf(
                "%s (%s): max |LandsatScene - ukis-pysat/rio-toa| reflectance %.3g, normalised BT %.3g%n",
                id, gain, err[0], err[1]);
        return err;
    }

    @Test
    void realLandsat8Collection1CropMatchesTheRioToaReference() throws IOException {
        double[] err = compareWithReference(
                dir,
                "LC08_L1TP_193024_20200509_20200509_01_RT",
                List.of("1", "2", "3", "4", "5", "6", "7", "9", "10", "11"),
                L8_BANDS,
                Landsat7Thermal.VCID_1);
        assertThat(err[0]).isLessThan(1e-6);
        assertThat(err[1]).isLessThan(1e-3);
    }

    @Test
    void realLandsat5Collection1CropMatchesTheRioToaReference() throws IOException {
        double[] err = compareWithReference(
                dir,
                "LT05_L1TP_193024_20050516_20161127_01_T1",
                List.of("1", "2", "3", "4", "5", "6", "7"),
                List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7"),
                Landsat7Thermal.VCID_1);
        assertThat(err[0]).isLessThan(1e-6);
        assertThat(err[1]).isLessThan(1e-3);
    }

    @Test
    void realLandsat7CropMatchesTheRioToaReferenceWithEitherThermalGain() throws IOException {
        List<String> files = List.of("1", "2", "3", "4", "5", "6_VCID_1", "6_VCID_2", "7");
        for (Landsat7Thermal gain : Landsat7Thermal.values()) {
            double[] err = compareWithReference(
                    dir.resolve(gain.name()),
                    "LE07_L1TP_193024_20100420_20161215_01_T1",
                    files,
                    List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7"),
                    gain);
            assertThat(err[0]).isLessThan(1e-6);
            assertThat(err[1]).isLessThan(1e-3);
        }
    }

    // ---------------------------------------------------------------- errors

    @Test
    void missingBandFileIsAnErrorWhenSelectedAndAWarningOtherwise() throws IOException {
        Path folder = landsat8Folder();
        Files.delete(folder.resolve(LandsatFixtures.L8_ID + "_B3.TIF"));
        ProductOptions o = ProductOptions.forSensor(SensorRegistry.builtIn().get("landsat8"), List.of("B2", "B3"));
        assertThatThrownBy(() -> ProductReaders.open(folder, o))
                .isInstanceOf(SenseiException.class)
                .hasMessage("Landsat product " + LandsatFixtures.L8_ID + ": no file for band B3 in "
                        + folder.toAbsolutePath().normalize() + ": expected " + LandsatFixtures.L8_ID + "_B3.TIF"
                        + " (FILE_NAME_BAND_3 in the MTL) or *_B3.TIF; download the band's GeoTIFF into the folder,"
                        + " or leave the band out");
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        try (SceneSource s =
                ProductReaders.open(folder, ProductOptions.defaults().withWarnings(warnings))) {
            assertThat(s.bandIds()).containsExactly("B1", "B2", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
        }
        assertThat(warnings.lines)
                .containsExactly("Landsat product " + LandsatFixtures.L8_ID + ": band B3 ("
                        + LandsatFixtures.L8_ID
                        + "_B3.TIF (FILE_NAME_BAND_3 in the MTL) or *_B3.TIF) left out (no file in "
                        + folder.toAbsolutePath().normalize() + ")");
    }

    @Test
    void renamedBandFilesAreFoundBySuffix() throws IOException {
        Path folder = landsat8Folder();
        Files.move(folder.resolve(LandsatFixtures.L8_ID + "_B4.TIF"), folder.resolve("scene_b4.tif"));
        try (LandsatScene s = LandsatScene.open(folder, ProductOptions.defaults())) {
            assertThat(s.bandFiles().get(3).getFileName().toString()).isEqualTo("scene_b4.tif");
        }
        Files.copy(folder.resolve("scene_b4.tif"), folder.resolve("copy_B4.TIF"));
        assertThatThrownBy(() -> LandsatScene.open(folder, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("holds several files for band B4 (copy_B4.TIF, scene_b4.tif)");
    }

    @Test
    void mtlMissingKeysAreNamedAtOpenTime() throws IOException {
        Path folder = landsat8Folder();
        Path mtl = folder.resolve(LandsatFixtures.L8_ID + "_MTL.txt");
        String text = Files.readString(mtl);
        Files.writeString(mtl, text.replaceAll("(?m)^\\s*REFLECTANCE_MULT_BAND_4 = .*\\n", ""));
        assertThatThrownBy(() -> ProductReaders.open(folder, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("key REFLECTANCE_MULT_BAND_4 missing from Landsat MTL file " + mtl);
        Files.writeString(mtl, text.replaceAll("(?m)^\\s*K2_CONSTANT_BAND_11 = .*\\n", ""));
        assertThatThrownBy(() -> ProductReaders.open(folder, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("key K2_CONSTANT_BAND_11 missing from Landsat MTL file " + mtl);
        Files.writeString(mtl, text.replaceAll("(?m)^\\s*QUANTIZE_CAL_MAX_BAND_2 = .*\\n", ""));
        assertThatThrownBy(() -> ProductReaders.open(folder, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("key QUANTIZE_CAL_MAX_BAND_2 missing from Landsat MTL file " + mtl);
        Files.writeString(mtl, text.replace("SUN_ELEVATION", "SUN_ELEV"));
        assertThatThrownBy(() -> ProductReaders.open(mtl, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("key SUN_ELEVATION missing from Landsat MTL file " + mtl);
        // thermal bands alone need no reflectance keys
        Files.writeString(mtl, text.replaceAll("(?m)^\\s*REFLECTANCE_MULT_BAND_4 = .*\\n", ""));
        ProductOptions thermalOnly =
                ProductOptions.forSensor(SensorRegistry.builtIn().get("landsat8"), List.of("B10", "B11"));
        try (SceneSource s = ProductReaders.open(folder, thermalOnly)) {
            assertThat(s.bandIds()).containsExactly("B10", "B11");
        }
    }

    @Test
    void otherUserErrors() throws IOException {
        Path folder = landsat8Folder();
        assertThatThrownBy(() ->
                        ProductReaders.open(folder, ProductOptions.defaults().withResolution(60.0)))
                .isInstanceOf(SenseiException.class)
                .hasMessage("Landsat product " + LandsatFixtures.L8_ID + " is read on its 30 m grid, not at 60 m:"
                        + " leave out the resolution");
        assertThatThrownBy(() -> ProductReaders.open(
                        folder,
                        ProductOptions.defaults()
                                .withSelection(
                                        BandSelection.ofWavelengths(List.of(new BandDescriptor(630, 660, 690))))))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("describes its own bands: select them by id");

        // a band file from another product (other grid)
        GeoTiffWriter.create(SampleType.UINT16)
                .write(
                        folder.resolve(LandsatFixtures.L8_ID + "_B6.TIF"),
                        new FloatRaster(1, H, W, new float[H * W], null),
                        Georeference.northUp(32633, 0, 0, 30, 30));
        assertThatThrownBy(() -> ProductReaders.open(folder, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("band B6 (" + LandsatFixtures.L8_ID + "_B6.TIF) is 9x7 pixels on grid")
                .hasMessageEndingWith(
                        "the band files are not from one product; download the product's band files" + " again");

        Files.writeString(folder.resolve("OTHER_MTL.txt"), "x");
        assertThatThrownBy(() -> ProductReaders.open(folder, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageEndingWith("holds 2 MTL files (" + LandsatFixtures.L8_ID + "_MTL.txt, OTHER_MTL.txt): give"
                        + " the path of the *_MTL.txt of the product to read");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        LandsatFixtures.writeMtl(empty, LandsatFixtures.L8_ID, LandsatFixtures.landsat8Collection2());
        assertThatThrownBy(() -> ProductReaders.open(empty, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("Landsat product " + LandsatFixtures.L8_ID + " in " + empty.toAbsolutePath()
                        + ": no band can be read: no file for B1 (")
                .hasMessageEndingWith("; download the band GeoTIFFs into the folder next to the MTL");

        Path tar = Files.writeString(dir.resolve(LandsatFixtures.L8_ID + ".tar"), "x");
        assertThatThrownBy(() -> ProductReaders.open(tar, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is a tar archive: unpack it");
    }
}
