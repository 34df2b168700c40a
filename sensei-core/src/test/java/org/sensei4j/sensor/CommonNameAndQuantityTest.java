package org.sensei4j.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;

class CommonNameAndQuantityTest {

    @Test
    void commonNamesParseCaseInsensitivelyFromStacStrings() {
        assertThat(CommonName.parse("SWIR16")).isEqualTo(CommonName.SWIR16);
        assertThat(CommonName.parse(" Rededge071 ")).isEqualTo(CommonName.REDEDGE071);
        assertThat(CommonName.parse("lwir")).isEqualTo(CommonName.LWIR);
        assertThat(CommonName.find("coastal_blue")).isEmpty();
        assertThat(CommonName.find(null)).isEmpty();
        assertThat(CommonName.values()).hasSize(20);
        assertThat(CommonName.NIR08.toString()).isEqualTo("nir08");
        assertThat(CommonName.NIR08.family()).isEqualTo("nir");
        assertThat(CommonName.SWIR22.family()).isEqualTo("swir");
        assertThat(CommonName.GREEN05.family()).isEqualTo("green");
        assertThat(CommonName.RED.family()).isEqualTo("red");
        assertThat(CommonName.CIRRUS.minUm()).isEqualTo(1.35);
        assertThat(CommonName.CIRRUS.maxUm()).isEqualTo(1.40);
        assertThatThrownBy(() -> CommonName.parse("infrared"))
                .hasMessageContaining("unknown common name 'infrared'")
                .hasMessageContaining("pan, coastal, blue, green, green05, yellow, red, rededge");
    }

    @Test
    void quantitiesParseFromSeveralSpellings() {
        assertThat(Quantity.parse("TOA reflectance")).isEqualTo(Quantity.TOA_REFLECTANCE);
        assertThat(Quantity.parse("surface-reflectance")).isEqualTo(Quantity.SURFACE_REFLECTANCE);
        assertThat(Quantity.parse("brightness_temperature")).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(Quantity.BRIGHTNESS_TEMPERATURE.key()).isEqualTo("brightness_temperature");
        assertThatThrownBy(() -> Quantity.parse("dn"))
                .hasMessageContaining("unknown quantity 'dn': use one of toa_reflectance, surface_reflectance, "
                        + "brightness_temperature");
        assertThat(Quantity.defaultFor(new BandDescriptor(2900, 2999, 3100))).isEqualTo(Quantity.TOA_REFLECTANCE);
        assertThat(Quantity.defaultFor(new BandDescriptor(2900, 3000, 3100)))
                .isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
    }
}
