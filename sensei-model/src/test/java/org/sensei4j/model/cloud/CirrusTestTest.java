package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class CirrusTestTest {

    static final CirrusTest T = CirrusTest.DEFAULT;

    @Test
    void theEvidenceRisesLinearlyFromLowToHigh() {
        float nan = Float.NaN;
        assertThat(T.evidence(0.005f, nan, nan, nan)).isZero();
        assertThat(T.evidence(0.01f, nan, nan, nan)).isZero();
        assertThat(T.evidence(0.015f, nan, nan, nan)).isCloseTo(0.25, within(1e-6));
        assertThat(T.evidence(0.02f, nan, nan, nan)).isCloseTo(0.5, within(1e-6));
        assertThat(T.evidence(0.03f, nan, nan, nan)).isCloseTo(1, within(1e-6));
        assertThat(T.evidence(0.3f, nan, nan, nan)).isEqualTo(1);
        assertThat(T.evidence(nan, nan, nan, nan)).isZero();
        assertThat(new CirrusTest(0.02, 0.06).evidence(0.05f, nan, nan, nan)).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void brightSnowWithAFaintCirrusBandGetsNoEvidenceButIceCloudOverTheSeaDoes() {
        // snow on a high mountain: green 0.8, NIR 0.7, SWIR 0.1 (NDSI 0.78), cirrus band 0.03 < 0.1 x 0.8
        assertThat(T.evidence(0.03f, 0.8f, 0.7f, 0.1f)).isZero();
        // the same snow with a cirrus band of 0.09 (> 0.08): high cloud over it
        assertThat(T.evidence(0.09f, 0.8f, 0.7f, 0.1f)).isEqualTo(1);
        // rio-cloudmask's missed cirrus: green 0.158, NIR 0.132, SWIR 0.083 (NDSI 0.31, the snow test passes),
        // cirrus band 0.06 = 0.38 x green
        assertThat(T.evidence(0.06f, 0.158f, 0.132f, 0.083f)).isEqualTo(1);
        // not snow: vegetation (NDSI < 0), and dark water (NIR < 0.11)
        assertThat(T.evidence(0.02f, 0.8f, 0.7f, 0.9f)).isCloseTo(0.5, within(1e-6));
        assertThat(T.evidence(0.02f, 0.8f, 0.05f, 0.01f)).isCloseTo(0.5, within(1e-6));
        // without a SWIR band the snow test cannot run
        assertThat(T.evidence(0.02f, 0.8f, 0.7f, Float.NaN)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void fusionIsANoisyOrThatOnlyRaises() {
        assertThat(CirrusTest.fuse(0.3, 0)).isEqualTo(0.3);
        assertThat(CirrusTest.fuse(0.3, 0.5)).isCloseTo(0.65, within(1e-12));
        assertThat(CirrusTest.fuse(0, 0.5)).isCloseTo(0.5, within(1e-12));
        assertThat(CirrusTest.fuse(0.9, 1)).isEqualTo(1);
        for (int i = 0; i <= 10; i++) {
            for (int j = 0; j <= 10; j++) {
                double q = i / 10.0;
                double e = j / 10.0;
                assertThat(CirrusTest.fuse(q, e)).isBetween(Math.max(q, e) - 1e-12, 1.0);
            }
        }
    }

    @Test
    void aRampThatIsNotIncreasingInsideZeroToOneIsRefusedWithAnExample() {
        for (double[] bad : new double[][] {{0.03, 0.01}, {0.02, 0.02}, {-0.01, 0.03}, {0.01, 1.5}, {Double.NaN, 1}}) {
            assertThatThrownBy(() -> new CirrusTest(bad[0], bad[1]))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageStartingWith("cirrus_test needs 0 <= low < high <= 1")
                    .hasMessageEndingWith("e.g. low 0.01, high 0.03");
        }
    }
}
