package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensei4j.io.testdata.SharedData;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * The real folders in ../shared/data/real. Expected numbers come from GDAL + NumPy ({@code gdal_translate -of
 * ENVI}, then min/max/mean over the pixels valid in every band, {@code np.percentile(bt, 95)}).
 */
class RealProductsTest {

    @Test
    void onCloudNChipIsAFolderOfUint16SentinelTwoBands() {
        Path chip = SharedData.require("data/real/on-cloud-n/chip_id_1", "the On Cloud N chip");
        Sensor s2 = SensorRegistry.builtIn().get("sentinel2");
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        try (SceneSource s = ProductReaders.open(
                chip, ProductOptions.forSensor(s2, List.of()).withWarnings(warnings))) {
            assertThat(s.bandIds()).containsExactly("B02", "B03", "B04", "B08"); // label.tif is no band
            assertThat(s.width()).isEqualTo(512);
            assertThat(s.height()).isEqualTo(512);
            assertThat(s.resolutionM()).hasValue(10.0);
            assertThat(s.georeference().orElseThrow().epsg()).hasValue(32736);
            assertThat(s.georeference().orElseThrow().transform()).containsExactly(446235, 10, 0, 9705660, 0, -10);
            SceneStatistics st = SceneStatistics.compute(s);
            assertThat(st.nodataPixels()).isZero();
            double[][] expected = {
                {0.0061, 1.28, 0.18098299102783205},
                {0.0082, 1.2312, 0.19457891731262206},
                {0.002, 1.1808, 0.18051264152526855},
                {0.0283, 1.156, 0.333327611541748}
            };
            for (int b = 0; b < 4; b++) {
                SceneStatistics.BandStatistics bs = st.bands().get(b);
                assertThat(bs.min()).as("min %d", b).isCloseTo(expected[b][0], within(1e-7));
                assertThat(bs.max()).as("max %d", b).isCloseTo(expected[b][1], within(1e-7));
                assertThat(bs.mean()).as("mean %d", b).isCloseTo(expected[b][2], within(1e-7));
                assertThat(bs.count()).isEqualTo(512 * 512);
            }
            // uint16 at pixel (row 100, column 200): B02 5552, B08 6260
            assertThat(s.read(new PixelWindow(200, 100, 1, 1)).values().data())
                    .containsExactly(0.5552f, 0.5656f, 0.5572f, 0.626f);
        }
        assertThat(warnings.lines).hasSize(1);
        assertThat(warnings.lines.get(0)).contains("UInt16").contains("1/10000");
    }

    @Test
    void rioCloudmaskIsAFolderOfLandsatToaWithThermalBandsInCelsius() {
        Path folder = SharedData.require("data/real/rio-cloudmask", "the rio-cloudmask scene");
        Sensor l8 = SensorRegistry.builtIn().get("landsat8");
        Fixtures.Warnings warnings = new Fixtures.Warnings();
        try (GeoTiffScene s = (GeoTiffScene) ProductReaders.open(
                folder, ProductOptions.forSensor(l8, List.of()).withWarnings(warnings))) {
            assertThat(s.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
            assertThat(s.width()).isEqualTo(508);
            assertThat(s.height()).isEqualTo(458);
            assertThat(s.resolutionM()).hasValue(120.0);
            assertThat(s.georeference().orElseThrow().epsg()).hasValue(32618);
            ThermalNormalisation b10 = s.conversions().get(8).thermal();
            assertThat(b10.celsius()).isTrue();
            assertThat(b10.step()).isEqualTo(1);
            assertThat(b10.samples()).isEqualTo(508 * 458 - 40273);
            assertThat(b10.minKelvin()).isCloseTo(248.29852905273435, within(1e-9));
            assertThat(b10.p95Kelvin()).isCloseTo(288.35065307617185, within(1e-9));
            assertThat(s.conversions().get(9).thermal().p95Kelvin()).isCloseTo(285.52423706054685, within(1e-9));

            SceneStatistics st = SceneStatistics.compute(s);
            assertThat(st.nodataPixels()).isEqualTo(40423); // NaN in B10 or B11
            assertThat(st.nodataFraction()).isCloseTo(0.17373981363683252, within(1e-12));
            assertThat(st.bands().get(0).mean()).isCloseTo(0.1482616346307844, within(1e-7));
            assertThat(st.bands().get(4).max()).isCloseTo(0.642980694770813, within(1e-7));
            assertThat(st.bands().get(4).mean()).isCloseTo(0.10171555591022835, within(1e-7));
            assertThat(st.bands().get(8).min()).isZero();
            assertThat(st.bands().get(8).max()).isCloseTo(1.1147163882513935, within(1e-6));
            assertThat(st.bands().get(8).mean()).isCloseTo(0.8745769549639592, within(1e-6));
            assertThat(st.bands().get(9).max()).isCloseTo(1.1000173923564374, within(1e-6));
            assertThat(st.bands().get(9).mean()).isCloseTo(0.873543185160304, within(1e-6));
        }
        assertThat(warnings.lines).isEmpty();
    }
}
