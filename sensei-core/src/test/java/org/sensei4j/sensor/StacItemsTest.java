package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

class StacItemsTest {

    @TempDir
    Path tmp;

    private static void assertNm(BandDescriptor d, double min, double centre, double max) {
        assertThat(d.minNm()).isCloseTo(min, within(1e-9));
        assertThat(d.centreNm()).isCloseTo(centre, within(1e-9));
        assertThat(d.maxNm()).isCloseTo(max, within(1e-9));
    }

    @Test
    void sentinel2L2aItemBecomesASensorWithNanometreDescriptors() {
        Path item = SensorDefinitionsTest.resource("stac-item-sentinel2-l2a.json");
        Sensor s = SensorRegistry.fromStacItem(item);
        assertThat(s.id()).isEqualTo("sentinel-2b");
        assertThat(s.name()).isEqualTo("sentinel-2b msi (from STAC item S2B_32TNS_20230715_0_L2A)");
        assertThat(s.source()).hasValueSatisfying(v -> assertThat(v).contains("S2B_32TNS_20230715_0_L2A"));
        // asset order of the item; the visual (true colour) asset repeats B04/B03/B02 and adds nothing;
        // aot, scl and thumbnail have no spectral bands
        assertThat(s.bandIds())
                .containsExactly("B02", "B01", "B03", "B08", "B8A", "B09", "B04", "B05", "B06", "B07", "B11", "B12");
        // 0.49 µm ± 0.098/2 µm
        assertNm(s.band("B02").wavelengths(), 441, 490, 539);
        assertNm(s.band("B12").wavelengths(), 2069, 2190, 2311);
        assertNm(s.band("B8A").wavelengths(), 848.5, 865, 881.5);
        assertThat(s.band("B02").resolutionM()).isEqualTo(10.0);
        assertThat(s.band("B01").resolutionM()).isEqualTo(60.0);
        assertThat(s.band("B05").resolutionM()).isEqualTo(20.0);
        assertThat(s.band("B02").commonName()).isEqualTo(CommonName.BLUE);
        assertThat(s.band("B02").description()).isEqualTo("Blue (band 2)");
        assertThat(s.bands()).allSatisfy(b -> assertThat(b.quantity()).isEqualTo(Quantity.SURFACE_REFLECTANCE));
        // the item uses the generic 'rededge' for B05-B07
        assertThatThrownBy(() -> s.band("rededge")).hasMessageContaining("B05 (rededge), B06 (rededge), B07 (rededge)");
        // descriptors for a selection, in the order asked for
        assertThat(s.descriptors(List.of("B4", "B3", "B2")))
                .extracting(BandDescriptor::centreNm)
                .containsExactly(665.0, 560.0, 490.0);
    }

    @Test
    void loadFileAndRegistryRecogniseStacItems() {
        Path item = SensorDefinitionsTest.resource("stac-item-sentinel2-l2a.json");
        assertThat(SensorRegistry.loadFile(item))
                .singleElement()
                .extracting(Sensor::id)
                .isEqualTo("sentinel-2b");
        SensorRegistry r = SensorRegistry.builtIn().copy();
        r.registerFile(item);
        assertThat(r.get("Sentinel-2B").bands()).hasSize(12);
        // the built-in sentinel2 is untouched: 'sentinel-2b' was only its alias
        assertThat(r.get("sentinel2").bands()).hasSize(13);
        assertThat(r.get("s2").id()).isEqualTo("sentinel2");
    }

    private JsonNode json(String text) throws IOException {
        return SensorDefinitions.JSON.readTree(text);
    }

    @Test
    void itemLevelBandsLandsatStyleWithThermalBand() throws IOException {
        JsonNode item = json("""
                {"type": "Feature", "stac_version": "1.0.0", "id": "LC08_L1TP_193024_20200509_20200509_01_RT",
                 "properties": {"platform": "LANDSAT_8", "instruments": ["oli", "tirs"], "gsd": 30,
                   "eo:bands": [
                     {"name": "B4", "common_name": "red", "center_wavelength": 0.655, "full_width_half_max": 0.037},
                     {"name": "B10", "common_name": "lwir11", "center_wavelength": 10.895, "full_width_half_max": 0.59,
                      "gsd": 100}]},
                 "assets": {"B4": {"href": "B4.TIF", "eo:bands": [{"name": "B4", "center_wavelength": 0.655,
                   "full_width_half_max": 0.037}]}}}""");
        Sensor s = SensorRegistry.fromStacItem(item, "fallback");
        assertThat(s.id()).isEqualTo("landsat_8");
        assertThat(s.bandIds()).containsExactly("B4", "B10");
        assertNm(s.band("B10").wavelengths(), 10600, 10895, 11190);
        assertThat(s.band("B10").quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(s.band("B10").resolutionM()).isEqualTo(100.0);
        assertThat(s.band("B4").quantity()).isEqualTo(Quantity.TOA_REFLECTANCE);
        assertThat(s.band("B4").resolutionM()).isEqualTo(30.0);
    }

    @Test
    void stac11BandsWithPrefixedFieldsAndAssetKeyIds() throws IOException {
        JsonNode item = json("""
                {"type": "Feature", "stac_version": "1.1.0", "id": "scene-1",
                 "properties": {"constellation": "MySat", "processing:level": "L2"},
                 "assets": {
                   "nir": {"href": "nir.tif", "bands": [{"eo:common_name": "nir",
                     "eo:center_wavelength": 0.842, "eo:full_width_half_max": 0.145}]},
                   "rgb": {"href": "rgb.tif", "bands": [
                     {"eo:center_wavelength": 0.665, "eo:full_width_half_max": 0.03},
                     {"eo:center_wavelength": 0.56, "eo:full_width_half_max": 0.03}]}}}""");
        Sensor s = SensorRegistry.fromStacItem(item, "fallback");
        assertThat(s.id()).isEqualTo("mysat");
        assertThat(s.bandIds()).containsExactly("nir", "rgb_1", "rgb_2");
        assertThat(s.band("nir").commonName()).isEqualTo(CommonName.NIR);
        assertThat(s.band("rgb_1").quantity()).isEqualTo(Quantity.SURFACE_REFLECTANCE);
        assertThat(s.band("rgb_1").hasResolution()).isFalse();
        assertNm(s.band("rgb_2").wavelengths(), 545, 560, 575);
    }

    @Test
    void sensorIdFallsBackToTheFileName() throws IOException {
        Path file = tmp.resolve("my-scene.item.json");
        Files.writeString(file, """
                {"type": "Feature", "id": "x", "properties": {"eo:bands": [
                  {"name": "b1", "center_wavelength": 0.5, "full_width_half_max": 0.1,
                   "common_name": "not-a-name"}]}}""");
        Sensor s = SensorRegistry.fromStacItem(file);
        assertThat(s.id()).isEqualTo("my-scene");
        assertThat(s.band("b1").commonName()).isNull();
        assertNm(s.band("b1").wavelengths(), 450, 500, 550);
    }

    static Stream<Arguments> unusableItems() {
        return Stream.of(
                Arguments.of(
                        "dem.json",
                        List.of("dem.json: STAC item 'dem' has no eo:bands with a center_wavelength", "--sensor-file"),
                        """
                        {"type": "Feature", "id": "dem", "properties": {"platform": "x"},
                         "assets": {"data": {"href": "dem.tif", "roles": ["data"]}}}"""),
                Arguments.of(
                        "i.json",
                        List.of(
                                "band 'B2' has center_wavelength but no positive full_width_half_max",
                                "add full_width_half_max (µm)"),
                        """
                        {"type": "Feature", "id": "i", "properties": {"eo:bands": [
                          {"name": "B2", "center_wavelength": 0.49}]}}"""),
                Arguments.of(
                        "i.json",
                        List.of("band 'B2': center_wavelength 490.0 is not plausible in µm", "0.665 for 665 nm"),
                        """
                        {"type": "Feature", "id": "i", "properties": {"eo:bands": [
                          {"name": "B2", "center_wavelength": 490, "full_width_half_max": 98}]}}"""),
                Arguments.of("i.json", List.of("band 'UV'", "<= 300 nm"), """
                        {"type": "Feature", "id": "i", "properties": {"eo:bands": [
                          {"name": "UV", "center_wavelength": 0.28, "full_width_half_max": 0.02}]}}"""),
                Arguments.of("list.json", List.of("not a STAC item"), "[1]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unusableItems")
    void itemsWithoutUsableBandsGiveClearErrors(String file, List<String> messages, String item) throws IOException {
        JsonNode node = json(item);
        var thrown =
                assertThatThrownBy(() -> StacItems.toSensor(node, "f", file)).isInstanceOf(SenseiException.class);
        messages.forEach(thrown::hasMessageContaining);
    }

    @Test
    void stacItemDetection() throws IOException {
        assertThat(StacItems.isStacItem(json("{\"type\": \"Feature\"}"))).isTrue();
        assertThat(StacItems.isStacItem(json("{\"stac_version\": \"1.0.0\"}"))).isTrue();
        assertThat(StacItems.isStacItem(json("{\"id\": \"x\", \"bands\": []}"))).isFalse();
        assertThat(StacItems.isStacItem(json("[]"))).isFalse();
    }
}
