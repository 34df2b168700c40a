package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/** Dispatch, multiband GeoTIFFs, STAC items and input errors. */
class ProductReadersTest {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");

    @TempDir
    Path dir;

    /** 4 bands x 3 rows x 5 columns of uint16: 1000·(band+1) + 10·row + column. */
    private Path fourBandFile() {
        return Fixtures.write(
                dir.resolve("scene.tif"),
                SampleType.UINT16,
                Fixtures.grid(10),
                null,
                4,
                3,
                5,
                (b, r, c) -> 1000 * (b + 1) + 10 * r + c);
    }

    @Test
    void multibandGeoTiffWithSensorAndBandsReadsBandsInFileOrder() {
        Path file = fourBandFile();
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        ProductOptions o = ProductOptions.forSensor(S2, List.of("B02", "B03", "B04", "B08"))
                .withWarnings(warnings);
        try (SceneSource s = ProductReaders.open(file, o)) {
            assertThat(s).isInstanceOf(GeoTiffScene.class);
            assertThat(((GeoTiffScene) s).kind()).isEqualTo("multiband GeoTIFF");
            assertThat(s.id()).isEqualTo("scene");
            assertThat(s.bandIds()).containsExactly("B02", "B03", "B04", "B08");
            assertThat(s.sensor()).contains(S2);
            assertThat(s.descriptors().get(0)).isEqualTo(new BandDescriptor(446, 494, 542));
            assertThat(s.width()).isEqualTo(5);
            assertThat(s.height()).isEqualTo(3);
            assertThat(s.resolutionM()).hasValue(10.0);
            assertThat(s.georeference().orElseThrow().epsg()).hasValue(32632);
            assertThat(s.georeference().orElseThrow().transform()).containsExactly(300000, 10, 0, 5000000, 0, -10);
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.values().get(0, 0, 0)).isEqualTo(0.1f);
            assertThat(w.values().get(1, 2, 4)).isCloseTo(0.2024f, within(1e-7f));
            assertThat(w.values().get(3, 1, 3)).isCloseTo(0.4013f, within(1e-7f));
            assertThat(w.invalid()).containsOnly(SceneWindow.VALID);
            // a window: same values at the same scene pixels
            SceneWindow part = s.read(new PixelWindow(3, 1, 2, 2));
            assertThat(part.values().get(3, 0, 0)).isCloseTo(0.4013f, within(1e-7f));
        }
        assertThat(warnings.lines).hasSize(1);
        assertThat(warnings.lines.get(0))
                .isEqualTo("scene: bands B02, B03, B04, B08 stored as UInt16 without a scale:"
                        + " assuming reflectance x 10000 (scale 1/10000); give the scale (--scale) if that is wrong");
    }

    @Test
    void wrongBandCountNamesTheFileBothCountsAndTheSelection() {
        Path file = fourBandFile();
        assertThatThrownBy(() ->
                        ProductReaders.open(file, ProductOptions.defaults().withSelection(S2.selectAll())))
                .isInstanceOf(SenseiException.class)
                .hasMessage(file + " has 4 bands but 13 were selected (--sensor sentinel2 --bands B01,B02,B03,B04,"
                        + "B05,B06,B07,B08,B8A,B09,B10,B11,B12): select exactly the file's bands in file order");
        assertThatThrownBy(() -> ProductReaders.open(file, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessage(file + " has 4 bands but sensor sentinel2 has 13 (--sensor without --bands selects all of"
                        + " them): select exactly the file's bands in file order, e.g. --sensor sentinel2 --bands"
                        + " B01,B02,B03,B04");
        BandSelection wl = BandSelection.ofWavelengths(List.of(new BandDescriptor(400, 500, 600)));
        assertThatThrownBy(() ->
                        ProductReaders.open(file, ProductOptions.defaults().withSelection(wl)))
                .hasMessage(file + " has 4 bands but 1 were selected (--wavelengths 400.0:500.0:600.0): select exactly"
                        + " the file's bands in file order");
        assertThatThrownBy(() -> ProductReaders.open(file, ProductOptions.defaults()))
                .hasMessageStartingWith(file + " has 4 bands but no band description was given: give --sensor ID");
    }

    @Test
    void sensorWithoutBandsTakesAllWhenTheCountMatches() {
        Path file = Fixtures.write(
                dir.resolve("all.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 13, 2, 2, (b, r, c) -> b / 100f);
        try (SceneSource s = ProductReaders.open(file, ProductOptions.forSensor(S2, List.of()))) {
            assertThat(s.bandIds()).isEqualTo(S2.bandIds());
            assertThat(s.read(s.fullWindow()).values().get(12, 1, 1)).isEqualTo(0.12f);
        }
    }

    @Test
    void singleBandFileNamedAfterABandNeedsOnlyTheSensor() {
        Path file = Fixtures.write(
                dir.resolve("T32TQM_B8A.tif"), SampleType.FLOAT32, Fixtures.grid(20), null, 1, 2, 2, (b, r, c) -> 0.5f);
        try (SceneSource s = ProductReaders.open(file, ProductOptions.forSensor(S2, List.of()))) {
            assertThat(s.bandIds()).containsExactly("B8A");
            assertThat(s.resolutionM()).hasValue(20.0);
        }
    }

    @Test
    void wavelengthsDescribeAFileWithoutSensor() {
        Path file = Fixtures.write(
                dir.resolve("two.tif"),
                SampleType.FLOAT32,
                null,
                null,
                2,
                2,
                3,
                (b, r, c) -> b == 0 ? 0.25f : 290f + c);
        BandSelection wl = BandSelection.ofWavelengths(
                List.of(new BandDescriptor(400, 500, 600), new BandDescriptor(10000, 11000, 12000)));
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        try (SceneSource s = ProductReaders.open(
                file, ProductOptions.defaults().withSelection(wl).withWarnings(warnings))) {
            assertThat(s.sensor()).isEmpty();
            assertThat(s.bandIds()).containsExactly("λ1", "λ2");
            assertThat(s.bands().get(1).quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
            assertThat(s.georeference()).isEmpty();
            assertThat(s.resolutionM()).isEmpty();
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.values().get(0, 1, 2)).isEqualTo(0.25f);
            // BT sorted 290 290 291 291 292 292: min 290; p95 at position 0.95·5 = 4.75 between 292 and 292
            assertThat(w.values().get(1, 0, 0)).isEqualTo(0f);
            assertThat(w.values().get(1, 0, 1)).isEqualTo(0.5f);
            assertThat(w.values().get(1, 1, 2)).isEqualTo(1f);
        }
        assertThat(warnings.lines)
                .containsExactly(
                        "two has no georeference (plain TIFF): CRS none, outputs will not be" + " georeferenced");
    }

    @Test
    void missingPathAndUnsupportedInputsAreUserErrors() throws IOException {
        Path missing = dir.resolve("nope.tif");
        assertThatThrownBy(() -> ProductReaders.open(missing, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("file not found: " + missing);
        Path txt = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> ProductReaders.open(txt, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("unsupported input " + txt + ": give " + ProductReaders.SUPPORTED);
        Path json = Files.writeString(dir.resolve("other.json"), "{\"a\": 1}");
        assertThatThrownBy(() -> ProductReaders.open(json, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is JSON but not a STAC item")
                .hasMessageContaining("STAC item (.json)");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"a\": ");
        assertThatThrownBy(() -> ProductReaders.open(broken, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is not valid JSON");
        Path file = fourBandFile();
        assertThatThrownBy(() ->
                        ProductReaders.open(file, ProductOptions.defaults().withBandMap(dir.resolve("m.yaml"))))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("applies to a folder of single-band files");
    }

    @Test
    void tiffSignatureIsRecognisedWithoutExtension() throws IOException {
        Path file = fourBandFile();
        Path noExt = Files.copy(file, dir.resolve("scene_copy"));
        try (SceneSource s =
                ProductReaders.open(noExt, ProductOptions.forSensor(S2, List.of("B02", "B03", "B04", "B08")))) {
            assertThat(s.width()).isEqualTo(5);
        }
    }

    @Test
    void stacItemWithRelativeHrefsAndEoBands() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Fixtures.write(
                dir.resolve("data/blue.tif"),
                SampleType.UINT16,
                Fixtures.grid(10),
                0.0,
                1,
                4,
                4,
                (b, r, c) -> 100 + r * 4 + c);
        Fixtures.write(
                dir.resolve("data/swir.tif"),
                SampleType.UINT16,
                Fixtures.grid(20),
                0.0,
                1,
                2,
                2,
                (b, r, c) -> 3000 + 10 * r + c);
        String item = """
                {"type": "Feature", "stac_version": "1.0.0", "id": "S2B_TEST_L2A",
                 "properties": {"platform": "sentinel-2b", "datetime": "2024-01-01T00:00:00Z"},
                 "assets": {
                   "blue": {"href": "data/blue.tif", "type": "image/tiff; application=geotiff",
                            "eo:bands": [{"name": "B02", "common_name": "blue", "center_wavelength": 0.49,
                                          "full_width_half_max": 0.098}]},
                   "swir16": {"href": "./data/swir.tif", "type": "image/tiff; application=geotiff",
                            "eo:bands": [{"name": "B11", "common_name": "swir16", "center_wavelength": 1.61,
                                          "full_width_half_max": 0.14}]},
                   "nir": {"href": "ftp://example.com/B08.tif", "type": "image/tiff; application=geotiff",
                            "eo:bands": [{"name": "B08", "common_name": "nir", "center_wavelength": 0.842,
                                          "full_width_half_max": 0.145}]},
                   "thumbnail": {"href": "thumb.jpg", "type": "image/jpeg"}
                 }}
                """;
        Path itemFile = Files.writeString(dir.resolve("item.json"), item);
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        try (SceneSource s =
                ProductReaders.open(itemFile, ProductOptions.defaults().withWarnings(warnings))) {
            assertThat(((GeoTiffScene) s).kind()).isEqualTo("STAC item");
            assertThat(s.id()).isEqualTo("S2B_TEST_L2A");
            assertThat(s.sensor().orElseThrow().id()).isEqualTo("sentinel-2b");
            assertThat(s.bandIds()).containsExactly("B02", "B11");
            BandDescriptor blue = s.descriptors().get(0);
            assertThat(blue.minNm()).isCloseTo(441, within(1e-9));
            assertThat(blue.centreNm()).isCloseTo(490, within(1e-9));
            assertThat(blue.maxNm()).isCloseTo(539, within(1e-9));
            assertThat(s.bands().get(0).quantity()).isEqualTo(Quantity.SURFACE_REFLECTANCE); // L2A in the id
            assertThat(s.width()).isEqualTo(4);
            assertThat(s.resolutionM()).hasValue(10.0);
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.values().get(0, 3, 2)).isCloseTo(0.0114f, within(1e-7f));
            assertThat(w.values().get(1, 3, 2)).isCloseTo(0.3011f, within(1e-7f)); // 20 m pixel (1,1)
        }
        assertThat(warnings.lines).contains("STAC item S2B_TEST_L2A: band B08 left out (no readable GeoTIFF asset)");

        // selecting the remote band is an error naming it
        Sensor stac = SensorRegistry.fromStacItem(itemFile);
        assertThatThrownBy(() -> ProductReaders.open(itemFile, ProductOptions.forSensor(stac, List.of("B02", "B08"))))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(
                        "band B08 cannot be read: its asset 'nir' is remote (ftp://example.com/B08.tif) but not"
                                + " http(s)");
        // a subset by id
        try (SceneSource s = ProductReaders.open(itemFile, ProductOptions.forSensor(stac, List.of("B11")))) {
            assertThat(s.bandIds()).containsExactly("B11");
            assertThat(s.width()).isEqualTo(2);
        }
        // a missing local asset
        Files.delete(dir.resolve("data/swir.tif"));
        assertThatThrownBy(() -> ProductReaders.open(itemFile, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("asset 'swir16' of band B11 points to " + dir.resolve("data/swir.tif")
                        + ", which does not exist");
    }

    @Test
    void stacItemWithBandsInPropertiesAndAssetsKeyedByBand() throws IOException {
        Fixtures.write(dir.resolve("B04.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 2, 2, (b, r, c) -> 0.3f);
        Fixtures.write(dir.resolve("B03.tif"), SampleType.FLOAT32, Fixtures.grid(10), null, 1, 2, 2, (b, r, c) -> 0.2f);
        String item = """
                {"type": "Feature", "id": "x", "properties": {"constellation": "mysat",
                   "eo:bands": [{"name": "B03", "center_wavelength": 0.56, "full_width_half_max": 0.04},
                                {"name": "B04", "center_wavelength": 0.665, "full_width_half_max": 0.04}]},
                 "assets": {"B04": {"href": "B04.tif"}, "B03": {"href": "B03.tif"}}}
                """;
        Path itemFile = Files.writeString(dir.resolve("x.json"), item);
        try (SceneSource s = ProductReaders.open(itemFile, ProductOptions.defaults())) {
            assertThat(s.bandIds()).containsExactly("B03", "B04");
            SceneWindow w = s.read(s.fullWindow());
            assertThat(w.values().get(0, 0, 0)).isEqualTo(0.2f);
            assertThat(w.values().get(1, 0, 0)).isEqualTo(0.3f);
        }
    }

    @Test
    void scaleParsing() {
        assertThat(ProductOptions.parseScale("auto")).isNull();
        assertThat(ProductOptions.parseScale("1/10000")).isEqualTo(1e-4);
        assertThat(ProductOptions.parseScale(" 0.5 ")).isEqualTo(0.5);
        assertThat(ProductOptions.parseScale("2.75e-5")).isEqualTo(2.75e-5);
        assertThatThrownBy(() -> ProductOptions.parseScale("ten")).hasMessageContaining("give auto, a factor");
        assertThatThrownBy(() -> ProductOptions.parseScale("-1")).hasMessageContaining("not a positive");
        assertThatThrownBy(() -> ProductOptions.parseScale("1/0")).hasMessageContaining("not a positive");
        assertThat(ThermalHandling.parse("Celsius")).isEqualTo(ThermalHandling.CELSIUS);
        assertThat(ThermalHandling.parse("k")).isEqualTo(ThermalHandling.KELVIN);
        assertThatThrownBy(() -> ThermalHandling.parse("fahrenheit"))
                .hasMessageContaining("auto, kelvin, celsius, exclude");
    }
}
