package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BandIdsTest {

    @Test
    void keyIgnoresCaseSeparatorsAndLeadingZeros() {
        assertThat(BandIds.key("B8A")).isEqualTo("B8A");
        assertThat(BandIds.key("b08")).isEqualTo("B8");
        assertThat(BandIds.key("B8")).isEqualTo("B8");
        assertThat(BandIds.key("SR_B4")).isEqualTo("SRB4");
        assertThat(BandIds.key("band4")).isEqualTo("BAND4");
        assertThat(BandIds.key(" b_02 ")).isEqualTo("B2");
        assertThat(BandIds.key("B10")).isEqualTo("B10");
        assertThat(BandIds.key("B00")).isEqualTo("B0");
        assertThat(BandIds.key("Oa01")).isEqualTo("OA1");
        assertThat(BandIds.key("B6-VCID-1")).isEqualTo("B6VCID1");
    }

    @Test
    void sameComparesKeys() {
        assertThat(BandIds.same("b08", "B8")).isTrue();
        assertThat(BandIds.same("B8A", "B8")).isFalse();
        assertThat(BandIds.same("SR_B4", "B4")).isFalse();
        assertThat(BandIds.same("B6_VCID_1", "B6VCID1")).isTrue();
    }
}
