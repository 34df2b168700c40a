package org.sensei4j.classes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelConventionTest {

    /** Without an ice optical thickness the two-argument {@code classify} is checked. */
    @ParameterizedTest(name = "tau {0}, ice tau {1}, illumination {2}: {3} ({4})")
    @CsvSource({
        "0, , 1, CLEAR, clear",
        "0.49, , 1, CLEAR, faint haze",
        "0.5, , 1, THIN_CLOUD, 'dense haze, thin cirrus'",
        "4.99, , 0.2, THIN_CLOUD, thin cloud",
        "5, , 1, THICK_CLOUD, thick cloud",
        "0, , 0.69, SHADOW, shadow",
        "0.3, , 0.5, SHADOW, shadow under faint haze",
        "0, , 0.7, CLEAR, faint shadow",
        // cirrus: thin cloud from an ice optical thickness of 0.15 even where the total is below 0.5
        "0.15, 0.15, 1, THIN_CLOUD, cirrus the 1.38 um band shows",
        "0.3, 0.14, 1, CLEAR, sub-visual cirrus in faint haze",
        "0.15, 0, 1, CLEAR, the same thickness of haze",
        "0.14, 0.14, 0.5, SHADOW, shadow under sub-visual cirrus",
        "6, 0.2, 1, THICK_CLOUD, thick cloud with ice"
    })
    void opticalThicknessAndIlluminationGiveTheClass(
            double tau, Double iceTau, double illumination, ClassKind expected, String what) {
        ClassKind got = iceTau == null
                ? LabelConvention.classify(tau, illumination)
                : LabelConvention.classify(tau, iceTau, illumination);
        assertThat(got).as(what).isEqualTo(expected);
    }

    @Test
    void theThresholdHidesMostOfTheSurfaceTexture() {
        // the unscattered two-way transmittance at the threshold, sun 45° from the zenith: 0.30 (javadoc)
        double direct = Math.exp(-LabelConvention.CLOUD_MIN_TAU * (1 + 1 / Math.cos(Math.toRadians(45))));
        assertThat(direct).isBetween(0.29, 0.31);
    }
}
