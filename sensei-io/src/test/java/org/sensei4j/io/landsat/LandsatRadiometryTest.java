package org.sensei4j.io.landsat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.testdata.ReferenceCrops;

/**
 * DN conversions against hand-computed values and against the TOA reference crops of ukis-pysat (computed with
 * rio-toa: reflectance {@code (M·DN + A)/sin(E)} unscaled and unclipped, thermal bands as brightness temperature
 * in kelvin, stored as float32).
 *
 * <p>Band order of the 10×10 multiband crops ({@code <id>.tif} DN, {@code <id>_toa.tif} reference):
 * LC08: B1, B2, B3, B4, B5, B6, B7, B9, B10, B11 (no B8); LE07: B1, B2, B3, B4, B5, B6_VCID_1, B6_VCID_2, B7;
 * LT05: B1, B2, B3, B4, B5, B6, B7.
 */
class LandsatRadiometryTest {

    @TempDir
    Path tmp;

    private LandsatMetadata l9;

    @BeforeEach
    void readFixture() throws IOException {
        l9 = LandsatMetadata.parse(MtlFixtures.write(tmp, "LC09_MTL.txt", MtlFixtures.landsat9Collection2()));
    }

    @Test
    void radianceIsLinearAndDnZeroIsNoData() {
        // B2: M = 0.01, A = -50
        float[] l = LandsatRadiometry.radiance(new int[] {0, 1, 5000, 65535}, l9.band("B2"));
        assertThat(l[0]).isNaN();
        assertThat(l[1]).isCloseTo(-49.99f, within(1e-5f));
        assertThat(l[2]).isCloseTo(0f, within(1e-5f));
        assertThat(l[3]).isCloseTo(605.35f, within(1e-3f));
    }

    @Test
    void reflectanceDividesBySineOfSunElevation() {
        // (2e-5 * 20000 - 0.1) / sin(30°) = 0.6; DN 1000 -> (0.02 - 0.1) / 0.5 = -0.16 (not clipped)
        float[] r = LandsatRadiometry.toaReflectance(new int[] {20000, 1000, 0, 65535}, l9, "B4");
        assertThat(r[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(r[1]).isCloseTo(-0.16f, within(1e-6f));
        assertThat(r[2]).isNaN();
        assertThat(r[3]).isCloseTo(2.4214f, within(1e-4f));
        float[] overhead = LandsatRadiometry.toaReflectance(new int[] {20000}, l9.band("B4"), 90.0);
        assertThat(overhead[0]).isCloseTo(0.3f, within(1e-6f));
    }

    @Test
    void brightnessTemperatureInKelvin() {
        // L = 3.342e-4 * 30000 + 0.1 = 10.126; BT = 1321.0789 / ln(774.8853 / 10.126 + 1) = 303.654992 K
        float[] bt = LandsatRadiometry.brightnessTemperature(new int[] {30000, 0}, l9.band("B10"));
        assertThat(bt[0]).isCloseTo(303.654992f, within(1e-4f));
        assertThat(bt[1]).isNaN();
        float[] fromL = LandsatRadiometry.brightnessTemperatureFromRadiance(
                new float[] {10.126f, 0f, -1f, Float.NaN}, 774.8853, 1321.0789);
        assertThat(fromL[0]).isCloseTo(303.654992f, within(1e-3f));
        assertThat(fromL[1]).isNaN();
        assertThat(fromL[2]).isNaN();
        assertThat(fromL[3]).isNaN();
        assertThat(LandsatRadiometry.toa(new int[] {30000}, l9, "B10")[0]).isEqualTo(bt[0]);
        assertThat(LandsatRadiometry.toa(new int[] {20000}, l9, "B4")[0]).isCloseTo(0.6f, within(1e-6f));
    }

    @Test
    void wrongConversionForBandKindIsRefused() {
        assertThatThrownBy(() -> LandsatRadiometry.toaReflectance(new int[] {1}, l9, "B10"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("REFLECTANCE_MULT_BAND_10")
                .hasMessageContaining("thermal");
        assertThatThrownBy(() -> LandsatRadiometry.brightnessTemperature(new int[] {1}, l9.band("B4")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("K1_CONSTANT_BAND_4");
        assertThatThrownBy(() -> LandsatRadiometry.toaReflectance(new int[] {1}, l9.band("B4"), 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sun elevation");
        assertThatThrownBy(() -> LandsatRadiometry.toaReflectance(new int[] {1}, l9.band("B4"), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masksFlagFillAndSaturation() {
        int[] dn = {0, 1, 65534, 65535, 0};
        assertThat(LandsatRadiometry.nodataMask(dn)).containsExactly(true, false, false, false, true);
        assertThat(LandsatRadiometry.saturationMask(dn, l9.band("B1")))
                .containsExactly(false, false, false, true, false);
    }

    @Test
    void saturationUsesTheBandsQuantizeCalMax() throws IOException {
        LandsatMetadata l7 =
                LandsatMetadata.parse(MtlFixtures.write(tmp, "LE07_MTL.txt", MtlFixtures.landsat7Collection2()));
        assertThat(LandsatRadiometry.saturationMask(new int[] {254, 255, 0}, l7.band("B1")))
                .containsExactly(false, true, false);
    }

    @Test
    void normalisesBrightnessTemperatureToMinimumAnd95thPercentile() {
        // valid sorted: 270 280 290 300 310 -> rank 0.95*4 = 3.8 -> p95 = 300 + 0.8*10 = 308; range 38
        float[] out =
                LandsatRadiometry.normaliseBrightnessTemperature(new float[] {300, Float.NaN, 270, 310, 280, 290});
        assertThat(out[0]).isCloseTo(30f / 38f, within(1e-6f));
        assertThat(out[1]).isNaN();
        assertThat(out[2]).isEqualTo(0f);
        assertThat(out[3]).isCloseTo(40f / 38f, within(1e-6f));
        assertThat(out[4]).isCloseTo(10f / 38f, within(1e-6f));
        assertThat(out[5]).isCloseTo(20f / 38f, within(1e-6f));

        assertThat(LandsatRadiometry.normaliseBrightnessTemperature(new float[] {290, 290, Float.NaN}))
                .containsExactly(0f, 0f, Float.NaN);
        assertThat(LandsatRadiometry.normaliseBrightnessTemperature(new float[] {Float.NaN, Float.NaN}))
                .containsExactly(Float.NaN, Float.NaN);
        assertThat(LandsatRadiometry.normaliseBrightnessTemperature(new float[0]))
                .isEmpty();
    }

    @Test
    void normalisationPropertiesOnRandomScenes() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(500);
            float[] bt = new float[n];
            for (int i = 0; i < n; i++) {
                bt[i] = random.nextInt(10) == 0 ? Float.NaN : (float) (250 + 60 * random.nextDouble());
            }
            float[] out = LandsatRadiometry.normaliseBrightnessTemperature(bt);
            float[] valid = new float[n];
            int m = 0;
            for (float v : bt) {
                if (!Float.isNaN(v)) {
                    valid[m++] = v;
                }
            }
            if (m < 2) {
                continue;
            }
            float[] sorted = Arrays.copyOf(valid, m);
            Arrays.sort(sorted);
            int atMostOne = 0;
            for (int i = 0; i < n; i++) {
                if (Float.isNaN(bt[i])) {
                    assertThat(out[i]).isNaN();
                    continue;
                }
                assertThat(out[i]).isGreaterThanOrEqualTo(0f);
                if (bt[i] == sorted[0]) {
                    assertThat(out[i]).isEqualTo(0f);
                }
                if (out[i] <= 1f + 1e-6f) {
                    atMostOne++;
                }
                for (int j = 0; j < n; j++) {
                    if (!Float.isNaN(bt[j]) && bt[j] < bt[i]) {
                        assertThat(out[j]).isLessThanOrEqualTo(out[i]);
                    }
                }
            }
            // the 95th percentile maps to 1: at least 95 % of the valid pixels are at or below 1
            assertThat(atMostOne).isGreaterThanOrEqualTo((int) Math.floor(0.95 * (m - 1)) + 1);
        }
    }

    @Test
    void reproducesUkisPysatLandsat8Reference() throws IOException {
        double[] err = compare(
                "LC08_L1TP_193024_20200509_20200509_01_RT",
                List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11"));
        assertThat(err[0]).isLessThan(1e-6);
        assertThat(err[1]).isLessThan(1e-3);
    }

    @Test
    void reproducesUkisPysatLandsat7Reference() throws IOException {
        double[] err = compare(
                "LE07_L1TP_193024_20100420_20161215_01_T1",
                List.of("B1", "B2", "B3", "B4", "B5", "B6_VCID_1", "B6_VCID_2", "B7"));
        assertThat(err[0]).isLessThan(1e-6);
        assertThat(err[1]).isLessThan(1e-3);
    }

    @Test
    void reproducesUkisPysatLandsat5Reference() throws IOException {
        double[] err =
                compare("LT05_L1TP_193024_20050516_20161127_01_T1", List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7"));
        assertThat(err[0]).isLessThan(1e-6);
        assertThat(err[1]).isLessThan(1e-3);
    }

    /** Max abs error {reflectance, brightness temperature in K} over all pixels of the crop. */
    private static double[] compare(String id, List<String> bandOrder) throws IOException {
        Path dir = ReferenceCrops.directory();
        LandsatMetadata md = LandsatMetadata.parse(dir.resolve(id + "_MTL.txt"));
        int[][] dn = ReferenceCrops.readInts(dir.resolve(id + ".tif"));
        float[][] reference = ReferenceCrops.readFloats(dir.resolve(id + "_toa.tif"));
        assertThat(dn).hasNumberOfRows(bandOrder.size());
        assertThat(reference).hasNumberOfRows(bandOrder.size());
        double[] err = new double[2];
        int thermal = 0;
        for (int b = 0; b < bandOrder.size(); b++) {
            boolean isThermal = md.band(bandOrder.get(b)).isThermal();
            thermal += isThermal ? 1 : 0;
            float[] ours = LandsatRadiometry.toa(dn[b], md, bandOrder.get(b));
            for (int i = 0; i < ours.length; i++) {
                assertThat(dn[b][i]).isPositive();
                assertThat(ours[i]).isFinite();
                int k = isThermal ? 1 : 0;
                err[k] = Math.max(err[k], Math.abs(ours[i] - (double) reference[b][i]));
            }
        }
        assertThat(thermal).isPositive();
        System.out.printf(
                "%s: max |ours - ukis-pysat| reflectance %.3g, brightness temperature %.3g K%n", id, err[0], err[1]);
        return err;
    }
}
