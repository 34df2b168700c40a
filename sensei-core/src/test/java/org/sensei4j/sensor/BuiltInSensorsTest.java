package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

class BuiltInSensorsTest {

    private static final SensorRegistry BUILT_IN = SensorRegistry.builtIn();

    /** The built-in sensors' ids in file order (also the start of the default registry). */
    static final List<String> BUILT_IN_IDS = List.of(
            "sentinel2",
            "landsat8",
            "landsat9",
            "landsat7",
            "landsat5",
            "landsat4",
            "perusat1",
            "sentinel3-slstr",
            "sentinel3-olci",
            "planetscope-superdove",
            "modis",
            "cbers4-awfi");

    @Test
    void builtInIdsInFileOrder() {
        assertThat(BUILT_IN.all()).extracting(Sensor::id).containsExactlyElementsOf(BUILT_IN_IDS);
    }

    @ParameterizedTest(name = "{0}: {1} bands")
    @CsvSource({
        "sentinel2, 13",
        "landsat8, 11",
        "landsat9, 11",
        "landsat7, 8",
        "landsat5, 7",
        "landsat4, 7",
        "perusat1, 5",
        "sentinel3-slstr, 9",
        "sentinel3-olci, 21",
        "planetscope-superdove, 8",
        "modis, 36",
        "cbers4-awfi, 4"
    })
    void bandCountPerSensor(String id, int bands) {
        assertThat(BUILT_IN.get(id).bands()).hasSize(bands);
    }

    @Test
    void sentinel2InProductOrder() {
        Sensor s2 = BUILT_IN.get("sentinel2");
        assertThat(s2.bandIds())
                .containsExactly(
                        "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
        assertThat(s2.name()).isEqualTo("Sentinel-2 MSI (2A/2B/2C)");
        assertThat(s2.source()).hasValueSatisfying(src -> assertThat(src).contains("aliFrancis/SEnSeI"));
    }

    @ParameterizedTest(name = "{0}: {1}-{3} nm, {4} m")
    @CsvSource({
        "B01, 425, 443, 461, 60",
        "B02, 446, 494, 542, 10",
        "B03, 537.5, 560, 582.5, 10",
        "B04, 645.5, 665, 684.5, 10",
        "B05, 694, 704, 714, 20",
        "B06, 731, 740, 749, 20",
        "B07, 767, 781, 795, 20",
        "B08, 763.5, 834, 904.5, 10",
        "B8A, 847.5, 864, 880.5, 20",
        "B09, 930.5, 944, 957.5, 60",
        "B10, 1337, 1375, 1413, 60",
        "B11, 1541, 1612, 1683, 20",
        "B12, 2074, 2194, 2314, 20"
    })
    void sentinel2HasTheSenseiAuthorsValues(String id, double minNm, double centreNm, double maxNm, double res) {
        Band b = BUILT_IN.get("sentinel2").band(id);
        assertThat(b.wavelengths()).isEqualTo(new BandDescriptor(minNm, centreNm, maxNm));
        assertThat(b.resolutionM()).isEqualTo(res);
        assertThat(b.quantity()).isEqualTo(Quantity.TOA_REFLECTANCE);
    }

    @Test
    void landsat8HasTheSenseiAuthorsValuesAndLandsat9TheSame() {
        double[][] v = {
            {435, 443, 451},
            {452, 482, 512},
            {533.5, 562, 590.5},
            {636.5, 655, 673.5},
            {851, 865, 879},
            {1566.5, 1609, 1651.5},
            {2114.5, 2201, 2287.5},
            {496.5, 590, 683.5},
            {1363.5, 1374, 1384.5},
            {10600, 10895, 11190},
            {11500, 12005, 12510}
        };
        Sensor l8 = BUILT_IN.get("landsat8");
        assertThat(l8.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11");
        for (int i = 0; i < v.length; i++) {
            assertThat(l8.bands().get(i).wavelengths()).isEqualTo(new BandDescriptor(v[i][0], v[i][1], v[i][2]));
        }
        assertThat(l8.band("B8").resolutionM()).isEqualTo(15.0);
        assertThat(l8.band("B8").commonName()).isEqualTo(CommonName.PAN);
        for (String thermal : List.of("B10", "B11")) {
            assertThat(l8.band(thermal).quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
            assertThat(l8.band(thermal).resolutionM()).isEqualTo(100.0);
        }
        assertThat(l8.bands().stream()
                        .filter(b -> b.quantity() == Quantity.BRIGHTNESS_TEMPERATURE)
                        .count())
                .isEqualTo(2);
        Sensor l9 = BUILT_IN.get("landsat9");
        assertThat(l9.bands()).isEqualTo(l8.bands());
        assertThat(l9.name()).isEqualTo("Landsat 9 OLI-2/TIRS-2");
    }

    @Test
    void olderLandsatAndOtherSensorsHaveTheirPublishedValues() {
        Sensor l7 = BUILT_IN.get("landsat7");
        assertThat(l7.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8");
        assertThat(l7.band("B6").wavelengths()).isEqualTo(new BandDescriptor(10310, 11335, 12360));
        assertThat(l7.band("B6").quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(l7.band("B8").wavelengths()).isEqualTo(new BandDescriptor(514.5, 705, 895.5));
        for (String tm : List.of("landsat5", "landsat4")) {
            Sensor s = BUILT_IN.get(tm);
            assertThat(s.band("B1").wavelengths()).isEqualTo(new BandDescriptor(450, 485, 520));
            assertThat(s.band("B6").wavelengths()).isEqualTo(new BandDescriptor(10400, 11450, 12500));
            assertThat(s.band("B6").resolutionM()).isEqualTo(120.0);
            assertThat(s.band("B7").wavelengths()).isEqualTo(new BandDescriptor(2080, 2215, 2350));
        }
        Sensor peru = BUILT_IN.get("perusat1");
        assertThat(peru.bandIds()).containsExactly("B1", "B2", "B3", "B4", "PAN");
        assertThat(peru.band("B4").wavelengths()).isEqualTo(new BandDescriptor(752, 819, 885));
        assertThat(peru.band("PAN").resolutionM()).isEqualTo(0.7);
        Sensor slstr = BUILT_IN.get("sentinel3-slstr");
        assertThat(slstr.band("S1").wavelengths()).isEqualTo(new BandDescriptor(545, 555, 565));
        assertThat(slstr.band("S8").wavelengths()).isEqualTo(new BandDescriptor(10466, 10854, 11242));
        assertThat(slstr.bands().stream()
                        .filter(b -> b.quantity() == Quantity.BRIGHTNESS_TEMPERATURE)
                        .map(Band::id))
                .containsExactly("S7", "S8", "S9");
        Sensor olci = BUILT_IN.get("sentinel3-olci");
        assertThat(olci.band("Oa14").wavelengths()).isEqualTo(new BandDescriptor(762.5, 764.375, 766.25));
        assertThat(olci.band("Oa21").wavelengths()).isEqualTo(new BandDescriptor(1000, 1020, 1040));
        Sensor dove = BUILT_IN.get("planetscope-superdove");
        assertThat(dove.bandIds())
                .containsExactly("coastal_blue", "blue", "green_i", "green", "yellow", "red", "rededge", "nir");
        assertThat(dove.band("yellow").wavelengths()).isEqualTo(new BandDescriptor(600, 610, 620));
        Sensor modis = BUILT_IN.get("modis");
        assertThat(modis.band("B26").wavelengths()).isEqualTo(new BandDescriptor(1360, 1375, 1390));
        assertThat(modis.band("B1").resolutionM()).isEqualTo(250.0);
        assertThat(modis.band("B7").resolutionM()).isEqualTo(500.0);
        assertThat(modis.band("B31").quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(modis.band("B26").quantity()).isEqualTo(Quantity.TOA_REFLECTANCE);
        Sensor awfi = BUILT_IN.get("cbers4-awfi");
        assertThat(awfi.bandIds()).containsExactly("B13", "B14", "B15", "B16");
        assertThat(awfi.band("B16").wavelengths()).isEqualTo(new BandDescriptor(770, 830, 890));
        assertThat(awfi.band("B16").resolutionM()).isEqualTo(64.0);
    }

    @Test
    void everyBuiltInBandIsConsistent() {
        for (Sensor s : BUILT_IN.all()) {
            Set<CommonName> names = new HashSet<>();
            assertThat(s.source()).as(s.id() + " cites a source").isPresent();
            for (Band b : s.bands()) {
                String what = s.id() + " " + b.id();
                BandDescriptor d = b.wavelengths();
                assertThat(d.minNm()).as(what).isGreaterThan(300).isLessThan(d.maxNm());
                assertThat(b.hasResolution()).as(what).isTrue();
                // thermal iff from 3000 nm on: the file's explicit quantities agree with the default rule
                assertThat(b.quantity()).as(what).isEqualTo(Quantity.defaultFor(d));
                if (b.commonName() != null) {
                    assertThat(names.add(b.commonName()))
                            .as(what + ": common names are unique per sensor")
                            .isTrue();
                    assertThat(d.centreNm())
                            .as(what + " centre within its common name's STAC range")
                            .isBetween(
                                    b.commonName().minUm() * 1000 - 15,
                                    b.commonName().maxUm() * 1000 + 15);
                }
                assertThat(s.band(b.id())).isSameAs(b);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "s2,sentinel2",
        "S2B,sentinel2",
        "sentinel-2c,sentinel2",
        "Sentinel2A,sentinel2",
        "SENTINEL-2,sentinel2",
        "L8,landsat8",
        "LC08,landsat8",
        "landsat-9,landsat9",
        "lc09,landsat9",
        "le07,landsat7",
        "ETM+,landsat7",
        "LT05,landsat5",
        "landsat_4,landsat4",
        "PeruSat-1,perusat1",
        "slstr,sentinel3-slstr",
        "Sentinel-3-OLCI,sentinel3-olci",
        "PSB.SD,planetscope-superdove",
        "superdove,planetscope-superdove",
        "Terra-MODIS,modis",
        "AWFI,cbers4-awfi",
        "sentinel3 slstr,sentinel3-slstr"
    })
    void aliasesFindTheSensor(String alias, String id) {
        assertThat(BUILT_IN.get(alias).id()).isEqualTo(id);
    }

    @Test
    void unknownSensorNamesTheKnownOnesTheClosestAndTheFix() {
        assertThatThrownBy(() -> BUILT_IN.get("sentinel9"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown sensor 'sentinel9'")
                .hasMessageContaining("known sensors are sentinel2, landsat8, landsat9")
                .hasMessageContaining("cbers4-awfi")
                .hasMessageContaining("did you mean 'sentinel2'?")
                .hasMessageContaining("add your own with --sensor-file FILE (JSON/YAML) or a STAC item");
        assertThatThrownBy(() -> BUILT_IN.get("worldview3")).hasMessageNotContaining("did you mean");
        assertThat(BUILT_IN.find("nope")).isEmpty();
        assertThat(BUILT_IN.find("")).isEmpty();
        assertThat(BUILT_IN.find(null)).isEmpty();
    }

    @Test
    void builtInRegistryIsSharedAndReadOnly() {
        assertThat(SensorRegistry.builtIn()).isSameAs(BUILT_IN);
        Sensor s = BUILT_IN.get("s2");
        assertThatThrownBy(() -> BUILT_IN.register(s))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("defaultRegistry()");
        SensorRegistry copy = BUILT_IN.copy();
        copy.register(new Sensor("extra", null, List.of(), s.bands()));
        assertThat(copy.all()).hasSize(13);
        assertThat(BUILT_IN.all()).hasSize(12);
    }

    @Test
    void editDistanceIsLevenshtein() {
        assertThat(SensorRegistry.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(SensorRegistry.editDistance("", "abc")).isEqualTo(3);
        assertThat(SensorRegistry.editDistance("landsat8", "landsat8")).isZero();
        assertThat(SensorRegistry.editDistance("sentinel9", "sentinel2")).isEqualTo(1);
    }
}
