package org.sensei4j.classes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelConventionTest {

    @Test
    void opticalThicknessAndIlluminationGiveTheClass() {
        assertThat(LabelConvention.classify(0, 1)).isEqualTo(ClassKind.CLEAR);
        assertThat(LabelConvention.classify(0.49, 1)).as("faint haze").isEqualTo(ClassKind.CLEAR);
        assertThat(LabelConvention.classify(0.5, 1))
                .as("dense haze, thin cirrus")
                .isEqualTo(ClassKind.THIN_CLOUD);
        assertThat(LabelConvention.classify(4.99, 0.2)).isEqualTo(ClassKind.THIN_CLOUD);
        assertThat(LabelConvention.classify(5, 1)).isEqualTo(ClassKind.THICK_CLOUD);
        assertThat(LabelConvention.classify(0, 0.69)).isEqualTo(ClassKind.SHADOW);
        assertThat(LabelConvention.classify(0.3, 0.5))
                .as("shadow under faint haze")
                .isEqualTo(ClassKind.SHADOW);
        assertThat(LabelConvention.classify(0, 0.7)).as("faint shadow").isEqualTo(ClassKind.CLEAR);
        // cirrus: thin cloud from an ice optical thickness of 0.15 even where the total is below 0.5
        assertThat(LabelConvention.classify(0.15, 0.15, 1))
                .as("cirrus the 1.38 um band shows")
                .isEqualTo(ClassKind.THIN_CLOUD);
        assertThat(LabelConvention.classify(0.3, 0.14, 1))
                .as("sub-visual cirrus in faint haze")
                .isEqualTo(ClassKind.CLEAR);
        assertThat(LabelConvention.classify(0.15, 0, 1))
                .as("the same thickness of haze")
                .isEqualTo(ClassKind.CLEAR);
        assertThat(LabelConvention.classify(0.14, 0.14, 0.5))
                .as("shadow under sub-visual cirrus")
                .isEqualTo(ClassKind.SHADOW);
        assertThat(LabelConvention.classify(6, 0.2, 1)).isEqualTo(ClassKind.THICK_CLOUD);
    }

    @Test
    void theThresholdHidesMostOfTheSurfaceTexture() {
        // the unscattered two-way transmittance at the threshold, sun 45° from the zenith: 0.30 (javadoc)
        double direct = Math.exp(-LabelConvention.CLOUD_MIN_TAU * (1 + 1 / Math.cos(Math.toRadians(45))));
        assertThat(direct).isBetween(0.29, 0.31);
    }
}
