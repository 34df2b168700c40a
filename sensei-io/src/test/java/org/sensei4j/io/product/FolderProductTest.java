package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * Folders of single-band files: name matching, band maps, resampling between 10/20/60 m and grid checks.
 *
 * <p>The S2-style fixture covers 120 m x 120 m: B02 at 10 m (12 x 12, value 1000 + 10·row + column, nodata 0 at
 * (0, 0)), B05 at 20 m (6 x 6, 2000 + 100·row + column), B8A at 20 m (4000 + 7·row + 3·column) and B09 at 60 m
 * (2 x 2, 3000 + 100·row + column, nodata 0 at (1, 1)), all uint16 with nodata 0.
 */
class FolderProductTest {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    static final Sensor L8 = SensorRegistry.builtIn().get("landsat8");

    @TempDir
    Path dir;

    Path s2;

    @BeforeEach
    void writeS2Folder() throws IOException {
        s2 = Files.createDirectories(dir.resolve("S2_TILE"));
        Fixtures.write(
                s2.resolve("T32TQM_20200101_B02.tif"),
                SampleType.UINT16,
                Fixtures.grid(10),
                0.0,
                1,
                12,
                12,
                (b, r, c) -> r == 0 && c == 0 ? 0 : 1000 + 10 * r + c);
        Fixtures.write(
                s2.resolve("T32TQM_20200101_b05_20m.TIF"),
                SampleType.UINT16,
                Fixtures.grid(20),
                0.0,
                1,
                6,
                6,
                (b, r, c) -> 2000 + 100 * r + c);
        Fixtures.write(
                s2.resolve("B8A.tif"),
                SampleType.UINT16,
                Fixtures.grid(20),
                0.0,
                1,
                6,
                6,
                (b, r, c) -> 4000 + 7 * r + 3 * c);
        Fixtures.write(
                s2.resolve("T32TQM_20200101_B9.tif"),
                SampleType.UINT16,
                Fixtures.grid(60),
                0.0,
                1,
                2,
                2,
                (b, r, c) -> r == 1 && c == 1 ? 0 : 3000 + 100 * r + c);
        Fixtures.write(s2.resolve("label.tif"), SampleType.UINT8, Fixtures.grid(10), null, 1, 12, 12, (b, r, c) -> 1);
        Files.writeString(s2.resolve("README.txt"), "not a band");
    }

    private static float b02(int r, int c) {
        return (1000 + 10 * r + c) / 10000f;
    }

    @Test
    void sensorOnlyFindsTheBandsPresentAndResamplesToTheFinestGrid() {
        try (SceneSource s = ProductReaders.open(s2, ProductOptions.forSensor(S2, List.of()))) {
            assertThat(((GeoTiffScene) s).kind()).isEqualTo("folder of single-band GeoTIFFs");
            assertThat(s.id()).isEqualTo("S2_TILE");
            assertThat(s.bandIds()).containsExactly("B02", "B05", "B8A", "B09");
            assertThat(((GeoTiffScene) s)
                            .bandFiles()
                            .get(1)
                            .file()
                            .getFileName()
                            .toString())
                    .isEqualTo("T32TQM_20200101_b05_20m.TIF");
            assertThat(s.width()).isEqualTo(12);
            assertThat(s.height()).isEqualTo(12);
            assertThat(s.resolutionM()).hasValue(10.0);
            FloatRaster v = s.read(s.fullWindow()).values();
            // 10 m: B02 as is, B05/B8A nearest from 20 m (2x2 blocks), B09 nearest from 60 m (6x6 blocks)
            assertThat(v.get(0, 5, 7)).isCloseTo(b02(5, 7), within(1e-7f));
            assertThat(v.get(1, 5, 7)).isCloseTo((2000 + 100 * 2 + 3) / 10000f, within(1e-7f));
            assertThat(v.get(2, 11, 0)).isCloseTo((4000 + 7 * 5) / 10000f, within(1e-7f));
            assertThat(v.get(3, 5, 11)).isCloseTo(3001 / 10000f, within(1e-7f));
            assertThat(v.get(3, 6, 5)).isCloseTo(3100 / 10000f, within(1e-7f));
        }
    }

    @Test
    void resampledTo20mWithMeanDownsamplingAndNearestUpsampling() {
        try (SceneSource s = ProductReaders.open(
                s2, ProductOptions.forSensor(S2, List.of("B02", "B05", "B09")).withResolution(20.0))) {
            assertThat(s.width()).isEqualTo(6);
            assertThat(s.height()).isEqualTo(6);
            assertThat(s.resolutionM()).hasValue(20.0);
            assertThat(s.georeference().orElseThrow().transform()).containsExactly(300000, 20, 0, 5000000, 0, -20);
            SceneWindow w = s.read(s.fullWindow());
            FloatRaster v = w.values();
            for (int r = 0; r < 6; r++) {
                for (int c = 0; c < 6; c++) {
                    boolean nodata = r >= 3 && c >= 3; // B09's nodata pixel covers 3x3 pixels at 20 m
                    assertThat(w.invalid()[r * 6 + c])
                            .as("(%d,%d)", r, c)
                            .isEqualTo(nodata ? SceneWindow.NODATA : SceneWindow.VALID);
                    if (nodata) {
                        assertThat(v.get(0, r, c)).isZero();
                        assertThat(v.get(1, r, c)).isZero();
                        continue;
                    }
                    // B02: mean of the 2x2 block 1000 + 10·(2r + 0.5) + (2c + 0.5), but (0,0) lacks its nodata pixel
                    float b02 =
                            r == 0 && c == 0 ? (1001 + 1010 + 1011) / 3f / 10000f : (1005.5f + 20 * r + 2 * c) / 10000f;
                    assertThat(v.get(0, r, c)).as("B02 (%d,%d)", r, c).isCloseTo(b02, within(1e-6f));
                    assertThat(v.get(1, r, c)).isCloseTo((2000 + 100 * r + c) / 10000f, within(1e-7f));
                    assertThat(v.get(2, r, c)).isCloseTo((3000 + 100 * (r / 3) + c / 3) / 10000f, within(1e-7f));
                }
            }
        }
    }

    @Test
    void resampledTo60mAndTo30m() {
        try (SceneSource s = ProductReaders.open(
                s2, ProductOptions.forSensor(S2, List.of("B02", "B05")).withResolution(60.0))) {
            // no B09 selected: the grid comes from the extent (120 m / 60 m = 2 pixels)
            assertThat(s.width()).isEqualTo(2);
            FloatRaster v = s.read(s.fullWindow()).values();
            assertThat(v.get(0, 1, 1)).isCloseTo((1027.5f + 60 + 6) / 10000f, within(1e-6f));
            assertThat(v.get(1, 1, 0)).isCloseTo((2000 + 100 * 4 + 1) / 10000f, within(1e-6f));
        }
        try (SceneSource s = ProductReaders.open(
                s2, ProductOptions.forSensor(S2, List.of("B02")).withResolution(30.0))) {
            assertThat(s.width()).isEqualTo(4);
            assertThat(s.georeference().orElseThrow().pixelWidth()).isEqualTo(30.0);
            // mean of the 3x3 block rows 3..5, columns 6..8
            assertThat(s.read(s.fullWindow()).values().get(0, 1, 2)).isCloseTo((1000 + 40 + 7) / 10000f, within(1e-6f));
        }
        assertThatThrownBy(() -> ProductReaders.open(
                        s2, ProductOptions.forSensor(S2, List.of("B02")).withResolution(25.0)))
                .isInstanceOf(SenseiException.class)
                .hasMessage("S2_TILE: the extent 120 x 120 (CRS units) is not a whole number of 25 pixels: choose a"
                        + " resolution that divides it, e.g. one of the bands' own (10)");
    }

    @Test
    void missingBandFileNamesTheBandAndTheExpectedPattern() {
        assertThatThrownBy(() -> ProductReaders.open(s2, ProductOptions.forSensor(S2, List.of("B02", "B11"))))
                .isInstanceOf(SenseiException.class)
                .hasMessage("folder " + s2 + " has no file for band B11 (sensor sentinel2): expected a GeoTIFF with B11"
                        + " as a separate word in its name, like B11.tif or *_B11.tif or *_B11_*.tif"
                        + " (case-insensitive); add it, leave the band out of --bands, or map bands to files with"
                        + " --band-map FILE");
    }

    @Test
    void bandIdsMatchWholeWordsOnly() throws IOException {
        Path l8 = Files.createDirectories(dir.resolve("l8"));
        Fixtures.write(
                l8.resolve("LC08_X_B1_toa.tif"),
                SampleType.FLOAT32,
                Fixtures.grid(30),
                null,
                1,
                2,
                2,
                (b, r, c) -> 0.1f);
        Fixtures.write(
                l8.resolve("LC08_X_B10_toa.tif"),
                SampleType.FLOAT32,
                Fixtures.grid(30),
                null,
                1,
                2,
                2,
                (b, r, c) -> 280 + c);
        Fixtures.write(
                l8.resolve("LC08_X_B11_toa.tif"),
                SampleType.FLOAT32,
                Fixtures.grid(30),
                null,
                1,
                2,
                2,
                (b, r, c) -> 270 + c);
        try (GeoTiffScene s =
                (GeoTiffScene) ProductReaders.open(l8, ProductOptions.forSensor(L8, List.of("B1", "B10")))) {
            assertThat(s.bandFiles().get(0).file().getFileName().toString()).isEqualTo("LC08_X_B1_toa.tif");
            assertThat(s.bandFiles().get(1).file().getFileName().toString()).isEqualTo("LC08_X_B10_toa.tif");
            assertThat(s.conversions().get(1).isThermal()).isTrue();
        }
        try (SceneSource s = ProductReaders.open(l8, ProductOptions.forSensor(L8, List.of()))) {
            assertThat(s.bandIds()).containsExactly("B1", "B10", "B11");
        }
        // thermal bands can be left out
        try (SceneSource s =
                ProductReaders.open(l8, ProductOptions.forSensor(L8, List.of()).withThermal(ThermalHandling.EXCLUDE))) {
            assertThat(s.bandIds()).containsExactly("B1");
        }
        Fixtures.write(
                l8.resolve("LC08_Y_B1.tif"), SampleType.FLOAT32, Fixtures.grid(30), null, 1, 2, 2, (b, r, c) -> 0.1f);
        assertThatThrownBy(() -> ProductReaders.open(l8, ProductOptions.forSensor(L8, List.of("B1"))))
                .isInstanceOf(SenseiException.class)
                .hasMessage("folder " + l8 + ": several files hold band id B1 in their names (LC08_X_B1_toa.tif,"
                        + " LC08_Y_B1.tif): keep one per band, or say which is which with --band-map FILE");
    }

    @Test
    void bandMapFileInYamlAndJson() throws IOException {
        Path f = Files.createDirectories(dir.resolve("named"));
        Fixtures.write(
                f.resolve("blue.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 2, 2, (b, r, c) -> 0.1f + c);
        Fixtures.write(
                f.resolve("red.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 2, 2, (b, r, c) -> 0.3f + r);
        Path yaml = Files.writeString(dir.resolve("bands.yaml"), "B02: blue.tif\nB4: red.tif\n");
        try (GeoTiffScene s = (GeoTiffScene)
                ProductReaders.open(f, ProductOptions.forSensor(S2, List.of()).withBandMap(yaml))) {
            assertThat(s.bandIds()).containsExactly("B02", "B04");
            FloatRaster v = s.read(s.fullWindow()).values();
            assertThat(v.get(0, 0, 1)).isEqualTo(1.1f);
            assertThat(v.get(1, 1, 0)).isEqualTo(1.3f);
        }
        Path json = Files.writeString(dir.resolve("bands.json"), "{\"B02\": \"blue.tif\", \"B04\": \"red.tif\"}");
        try (SceneSource s = ProductReaders.open(
                f, ProductOptions.forSensor(S2, List.of("B04", "B02")).withBandMap(json))) {
            assertThat(s.bandIds()).containsExactly("B04", "B02");
            assertThat(s.read(s.fullWindow()).values().get(0, 1, 0)).isEqualTo(1.3f);
        }
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "B02: blue.tif\nB99: red.tif\n");
        assertThatThrownBy(() -> ProductReaders.open(
                        f, ProductOptions.forSensor(S2, List.of()).withBandMap(bad)))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("band map " + bad + " names band B99 that sensor sentinel2 does not have");
        Path missing = Files.writeString(dir.resolve("missing.yaml"), "B02: green.tif\n");
        assertThatThrownBy(() -> ProductReaders.open(
                        f, ProductOptions.forSensor(S2, List.of()).withBandMap(missing)))
                .isInstanceOf(SenseiException.class)
                .hasMessage("band map " + missing + ": file 'green.tif' for band B02 not found in " + f
                        + ": fix the file name (relative to the input folder)");
        assertThatThrownBy(() -> ProductReaders.open(
                        f, ProductOptions.forSensor(S2, List.of("B02", "B08")).withBandMap(json)))
                .isInstanceOf(SenseiException.class)
                .hasMessage("band map " + json + " has no file for band B08: add a line 'B08: FILE.tif' or leave the"
                        + " band out of --bands");
    }

    /** A 6 × 6 B05 of 0.2 in {@code folder}, on the 20 m grid {@code g} (null: no georeference). */
    private static void writeB05(Path folder, Georeference g) throws IOException {
        Fixtures.write(folder.resolve("B05.tif"), SampleType.FLOAT32, g, null, 1, 6, 6, (b, r, c) -> 0.2f);
    }

    @Test
    void mismatchedExtentsAndCrsAreClearErrors() throws IOException {
        Path f = Files.createDirectories(dir.resolve("shifted"));
        Fixtures.write(f.resolve("B02.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 12, 12, (b, r, c) -> 0.1f);
        writeB05(f, Georeference.northUp(32632, 300100, 5000000, 20, 20));
        assertThatThrownBy(() -> ProductReaders.open(f, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessage("shifted: band files do not cover the same extent: band B05 (" + f.resolve("B05.tif")
                        + ") covers x 300100 to 300220, y 4999880 to 5000000 but band B02 (" + f.resolve("B02.tif")
                        + ") covers x 300000 to 300120, y 4999880 to 5000000: all band files must share one extent;"
                        + " crop them to a common one (gdalwarp -te)");
        writeB05(f, Georeference.northUp(32633, 300000, 5000000, 20, 20));
        assertThatThrownBy(() -> ProductReaders.open(f, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("band B05 (" + f.resolve("B05.tif") + ") is in EPSG:32633 but band B02 ("
                        + f.resolve("B02.tif") + ") is in EPSG:32632: all band files must share one CRS");
        writeB05(f, null);
        assertThatThrownBy(() -> ProductReaders.open(f, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(
                        "band B05 (" + f.resolve("B05.tif") + ") has no georeference but other band files do");
    }

    @Test
    void folderWithoutMatchingFilesOrSensor() throws IOException {
        Path f = Files.createDirectories(dir.resolve("odd"));
        Fixtures.write(f.resolve("image.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 2, 2, (b, r, c) -> 0.1f);
        assertThatThrownBy(() -> ProductReaders.open(f, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("folder " + f + " has no GeoTIFF named after a band of sensor sentinel2")
                .hasMessageEndingWith("GeoTIFFs there: image.tif");
        assertThatThrownBy(() -> ProductReaders.open(f, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no sensor given");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("T32_B02.jp2"), "x");
        assertThatThrownBy(() -> ProductReaders.open(empty, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("folder " + empty + " holds no GeoTIFF (.tif/.tiff) (JPEG2000 .jp2 files are"
                        + " not read here");
        Path multi = Files.createDirectories(dir.resolve("multi"));
        Fixtures.write(
                multi.resolve("B02.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 3, 2, 2, (b, r, c) -> 0.1f);
        assertThatThrownBy(() -> ProductReaders.open(multi, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("(band B02) has 3 bands: a folder must hold single-band files");
    }

    /** A folder with an MTL is read as a Landsat product (LandsatScene) unless a band map asks for plain files. */
    @Test
    void landsatMtlInFolderReadWithABandMapWarnsAboutDigitalNumbers() throws IOException {
        Path f = Files.createDirectories(dir.resolve("LC08_L1TP"));
        Fixtures.write(
                f.resolve("LC08_L1TP_B2.TIF"), SampleType.UINT16, Fixtures.grid(30), 0.0, 1, 2, 2, (b, r, c) -> 9000);
        Files.writeString(f.resolve("LC08_L1TP_MTL.txt"), "GROUP = LANDSAT_METADATA_FILE");
        Path map = Files.writeString(dir.resolve("map.yaml"), "B2: LC08_L1TP_B2.TIF\n");
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        try (SceneSource s = ProductReaders.open(
                f, ProductOptions.forSensor(L8, List.of()).withBandMap(map).withWarnings(warnings))) {
            assertThat(s.bandIds()).containsExactly("B2");
        }
        assertThat(warnings.lines).hasSize(2);
        assertThat(warnings.lines.get(0)).startsWith(f + " holds a Landsat MTL file: Level-1 band files hold DNs");
    }
}
