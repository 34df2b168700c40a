package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

class SensorTest {

    private static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    private static final Sensor L8 = SensorRegistry.builtIn().get("landsat8");

    private static Band band(String id, double centre) {
        return new Band(id, null, new BandDescriptor(centre - 10, centre, centre + 10), 10, Quantity.TOA_REFLECTANCE);
    }

    @ParameterizedTest
    @CsvSource({
        "sentinel2,B2,B02",
        "sentinel2,b02,B02",
        "sentinel2,B02,B02",
        "sentinel2,B8a,B8A",
        "sentinel2,b_8a,B8A",
        "sentinel2,B10,B10",
        "sentinel2,b1,B01",
        "sentinel2,' B12 ',B12",
        "landsat8,B02,B2",
        "landsat8,b10,B10",
        "landsat8,B010,B10",
        "landsat8,B1,B1",
        "sentinel3-olci,Oa1,Oa01",
        "sentinel3-olci,OA21,Oa21",
        "landsat7,b6,B6",
        "sentinel2,red,B04",
        "sentinel2,RED,B04",
        "sentinel2,nir,B08",
        "sentinel2,nir08,B8A",
        "sentinel2,cirrus,B10",
        "landsat8,nir,B5",
        "landsat8,pan,B8",
        "landsat8,swir16,B6",
        "planetscope-superdove,Green,green",
        "planetscope-superdove,green05,green_i",
        "planetscope-superdove,coastal,coastal_blue",
        "modis,lwir11,B31"
    })
    void bandIdsMatchTolerantly(String sensor, String query, String expected) {
        assertThat(SensorRegistry.builtIn().get(sensor).band(query).id()).isEqualTo(expected);
    }

    @Test
    void commonNameSharedByBandsIsAmbiguous() {
        assertThatThrownBy(() -> S2.band("rededge"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("'rededge' matches bands B05 (rededge071), B06 (rededge075), B07 (rededge078)")
                .hasMessageContaining("sentinel2")
                .hasMessageContaining("give one band id");
        assertThatThrownBy(() -> S2.band("swir")).hasMessageContaining("B11 (swir16), B12 (swir22)");
        assertThatThrownBy(() -> L8.band("lwir")).hasMessageContaining("B10 (lwir11), B11 (lwir12)");
    }

    @Test
    void unknownBandNamesItAndListsValidIds() {
        assertThatThrownBy(() -> S2.band("B13"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("sensor 'sentinel2' has no band 'B13'")
                .hasMessageContaining(
                        "valid band ids are B01, B02, B03, B04, B05, B06, B07, B08, B8A, B09, B10, B11, B12")
                .hasMessageContaining("common names such as 'coastal' also work");
        assertThat(S2.findBand("yellow")).isEmpty();
        assertThat(S2.findBand("")).isEmpty();
        assertThat(S2.findBand(null)).isEmpty();
    }

    @Test
    void selectKeepsTheGivenOrder() {
        List<Band> sel = S2.select(List.of("B04", "b3", "blue", "B8A"));
        assertThat(sel).extracting(Band::id).containsExactly("B04", "B03", "B02", "B8A");
        assertThat(S2.descriptors(List.of("B12", "B01")))
                .containsExactly(new BandDescriptor(2074, 2194, 2314), new BandDescriptor(425, 443, 461));
        BandSelection selection = S2.selection(List.of("B2", "B3", "B4"));
        assertThat(selection.bandIds()).containsExactly("B02", "B03", "B04");
        assertThat(selection.sensor()).containsSame(S2);
        assertThat(S2.selectAll().bandIds()).isEqualTo(S2.bandIds());
    }

    @Test
    void selectRejectsUnknownDuplicateAndEmpty() {
        assertThatThrownBy(() -> S2.select(List.of("B02", "B99")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no band 'B99'")
                .hasMessageContaining("valid band ids are B01");
        assertThatThrownBy(() -> S2.select(List.of("B02", "B03", "B2")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("band B02 of sensor 'sentinel2' is selected twice (as 'B02' and 'B2')")
                .hasMessageContaining("give each band once");
        assertThatThrownBy(() -> S2.select(List.of()))
                .hasMessageContaining("no bands selected for sensor 'sentinel2'")
                .hasMessageContaining("B01,B02,B03");
    }

    @Test
    void selectingRandomSubsetsInRandomOrderReturnsExactlyThoseBands() {
        Random rnd = new Random(20210401L);
        for (int trial = 0; trial < 200; trial++) {
            List<Band> shuffled = new ArrayList<>(S2.bands());
            Collections.shuffle(shuffled, rnd);
            List<Band> subset = shuffled.subList(0, 1 + rnd.nextInt(shuffled.size()));
            List<String> queries = subset.stream()
                    .map(b -> {
                        String id = b.id();
                        // spell the id differently: lower case and/or without the leading zero
                        if (rnd.nextBoolean()) {
                            id = id.toLowerCase();
                        }
                        return rnd.nextBoolean() ? id.replaceFirst("^([bB])0", "$1") : id;
                    })
                    .toList();
            assertThat(S2.select(queries)).as(queries.toString()).isEqualTo(subset);
        }
    }

    @Test
    void duplicateBandIdsNameTheSensorAndBothBands() {
        assertThatThrownBy(() ->
                        new Sensor("dup", null, null, List.of(band("B2", 490), band("B3", 560), band("B02", 600))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensor 'dup': band id 'B02' (band 3) duplicates 'B2' (band 1)")
                .hasMessageContaining("leading zeros are ignored")
                .hasMessageContaining("give each band a unique id");
        assertThatThrownBy(() -> new Sensor("dup", null, null, List.of(band("X", 490), band("X", 560))))
                .hasMessageContaining("band id 'X' (band 2) duplicates 'X' (band 1): give each band a unique id");
    }

    @Test
    void sensorValidatesIdAndBands() {
        assertThatThrownBy(() -> new Sensor("empty", null, null, List.of()))
                .hasMessageContaining("sensor 'empty' has no bands: give at least one band");
        assertThatThrownBy(() -> new Sensor(" ", null, null, List.of(band("A", 500))))
                .hasMessageContaining("sensor id is empty");
        assertThatThrownBy(() -> new Sensor("my sat", null, null, List.of(band("A", 500))))
                .hasMessageContaining("sensor id 'my sat' has characters");
        Sensor s = new Sensor("MySat", " ", List.of("MS-1", "mysat", " ", "ms-1"), List.of(band("A", 500)));
        assertThat(s.id()).isEqualTo("mysat");
        assertThat(s.name()).isEqualTo("mysat");
        assertThat(s.aliases()).containsExactly("ms-1");
        assertThat(s.source()).isEmpty();
        assertThat(s.toString()).isEqualTo("mysat (mysat, 1 bands)");
    }

    @Test
    void bandValidatesItsFields() {
        BandDescriptor d = new BandDescriptor(450, 485, 520);
        assertThatThrownBy(() -> new Band("", null, d, 10, Quantity.TOA_REFLECTANCE))
                .hasMessageContaining("band id is empty");
        assertThatThrownBy(() -> new Band("B1", null, d, -3, Quantity.TOA_REFLECTANCE))
                .hasMessageContaining("band 'B1': resolution -3.0 m is not a positive number");
        Band b = new Band(" B1 ", CommonName.BLUE, d, Double.NaN, Quantity.TOA_REFLECTANCE, " ");
        assertThat(b.id()).isEqualTo("B1");
        assertThat(b.hasResolution()).isFalse();
        assertThat(b.description()).isNull();
        // log10(485 - 300) - 2
        assertThat(b.normalisedCentre()).isCloseTo(0.267171728, Offset.offset(1e-9));
    }
}
