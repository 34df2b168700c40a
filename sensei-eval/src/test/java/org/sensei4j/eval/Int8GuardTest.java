package org.sensei4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.model.cloud.CloudPredictor;

/**
 * Int8 against fp32 on a <em>trained</em> SEnSeI+DLv3, in CI (issue 19): the small bundle {@value #BUNDLE}
 * (MobileNetV2 width 0.35, trained by {@code configs/train/int8-guard-dlv3.yaml} on synthetic scenes only) masks
 * held-out synthetic scenes (seeds 9101-9108; training scenes take seeds hashed from the run's seed) in fp32 and
 * through the shipped int8 graph (this CPU's weight range, {@link CloudPredictor#INT8_FLOAT_CONVOLUTIONS} float32
 * convolutions): at least 99.5% of the pixels with the same class and the overall accuracy within 0.2 points, the bar
 * of {@code --precision auto}. Measured on an AVX2 CPU (7-bit weights): 99.70%, OA -0.03 points; with the first 26
 * convolutions float32 (the default before) 99.50%, all int8 98.32%. A change to the quantiser, its calibration or
 * the fused kernels that costs a trained network accuracy fails here; a random network's activations do not look
 * like a trained one's, so the layer-level tests alone would not see it. Needs nothing outside the repository.
 */
class Int8GuardTest {

    /** The trained test bundle, a class-path resource. */
    static final String BUNDLE = "int8-guard-dlv3.zip";

    @TempDir
    Path dir;

    @Test
    void int8MasksOfATrainedDeepLabAgreeWithFp32OnHeldOutScenes() throws IOException {
        Path bundle = dir.resolve(BUNDLE);
        try (InputStream in = Int8GuardTest.class.getResourceAsStream(BUNDLE)) {
            assertThat(in).as("test resource " + BUNDLE).isNotNull();
            Files.copy(in, bundle);
        }
        Int8Parity parity = new Int8Parity();
        try (CloudMasker masker = CloudMasker.load(bundle)) {
            assertThat(masker.model().spec().head().alpha()).isEqualTo(0.35);
            Int8RealParityTest.addHeldOutSyntheticScenes(parity, masker, 256, 9101);
        }
        System.out.println(parity.report());
        assertThat(parity.pixels()).isEqualTo(8L * 256 * 256);
        assertThat(parity.agreement()).isGreaterThanOrEqualTo(0.995);
        assertThat(Math.abs(parity.overallAccuracyDifference())).isLessThanOrEqualTo(0.2);
    }
}
