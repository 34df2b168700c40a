package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.SavedProperty;
import org.sensei4j.model.onnx.Int8Weights;

/** The int8 check a calibration may carry, and how {@link Precision#AUTO} reads it. */
class Int8CheckTest {

    private static Int8Check check(int bits, int floatConvolutions, double agreement, double oa) {
        return new Int8Check(bits, floatConvolutions, 1000, agreement, oa, 0.1);
    }

    private SavedProperty bits;
    private SavedProperty floats;

    /**
     * Sets 7-bit weights and the default float32 convolutions until {@link #restore()}; returns the minimum scene size
     * for auto, cleared, for the test to set.
     */
    private SavedProperty onA7BitMachine() {
        bits = new SavedProperty(Int8Weights.PROPERTY);
        floats = new SavedProperty(CloudPredictor.INT8_FLOAT_PROPERTY);
        bits.set("7");
        floats.clear();
        SavedProperty min = new SavedProperty(Precision.AUTO_MIN_PIXELS_PROPERTY);
        min.clear();
        return min;
    }

    @AfterEach
    void restore() {
        for (SavedProperty p : new SavedProperty[] {bits, floats}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void theBarIsHalfAPercentOfPixelsAndAFifthOfAPointOfAccuracyBothInclusive() {
        assertThat(check(7, 26, 99.5, 0.2).meetsTheBar()).isTrue();
        assertThat(check(7, 26, 99.5, -0.2).meetsTheBar()).isTrue();
        assertThat(check(7, 26, 99.49, 0).meetsTheBar()).isFalse();
        assertThat(check(7, 26, 100, 0.21).meetsTheBar()).isFalse();
        assertThat(check(7, 26, 100, -0.21).meetsTheBar()).isFalse();
        assertThat(new Int8Check(7, 26, 0, 100, 0, 0).meetsTheBar())
                .as("no pixels compared")
                .isFalse();
    }

    @Test
    void itHoldsOnlyWithTheWeightRangeAndFloatConvolutionsItWasMeasuredWith() {
        try (SavedProperty bits = new SavedProperty(Int8Weights.PROPERTY);
                SavedProperty floats = new SavedProperty(CloudPredictor.INT8_FLOAT_PROPERTY)) {
            floats.clear();
            bits.set("7");
            assertThat(check(7, 38, 99.9, 0).holdsHere()).isTrue();
            assertThat(check(8, 38, 99.9, 0).holdsHere())
                    .as("measured with 8-bit weights")
                    .isFalse();
            assertThat(check(7, 26, 99.9, 0).holdsHere())
                    .as("measured with 26 float convolutions")
                    .isFalse();
            assertThat(check(7, 38, 99.0, 0).holdsHere()).as("below the bar").isFalse();
            bits.set("8");
            assertThat(check(8, 38, 99.9, 0).holdsHere()).isTrue();
            assertThat(check(7, 38, 99.9, 0).holdsHere()).isFalse();
            floats.set("26");
            assertThat(check(8, 26, 99.9, 0).holdsHere()).isTrue();
            assertThat(check(8, 38, 99.9, 0).holdsHere()).isFalse();
        }
    }

    @Test
    void autoIsInt8OnlyForAHoldingCheckOnALargeEnoughSceneAndTheOthersAreThemselves() {
        try (SavedProperty min = onA7BitMachine()) {
            Int8Check holds = check(7, 38, 99.6, 0.1);
            Int8Check fails = check(7, 38, 99.3, 0.1);
            long big = Precision.AUTO_INT8_MIN_PIXELS;
            assertThat(Precision.DEFAULT).isEqualTo(Precision.AUTO);
            assertThat(Precision.AUTO.resolve(holds, big)).isEqualTo(Precision.INT8);
            assertThat(Precision.AUTO.resolve(holds, big - 1)).isEqualTo(Precision.FP32);
            assertThat(Precision.AUTO.resolve(fails, big)).isEqualTo(Precision.FP32);
            assertThat(Precision.AUTO.resolve(null, big)).isEqualTo(Precision.FP32);
            assertThat(Precision.INT8.resolve(null, 1)).isEqualTo(Precision.INT8);
            assertThat(Precision.FP32.resolve(holds, big)).isEqualTo(Precision.FP32);
            min.set("100");
            assertThat(Precision.AUTO.resolve(holds, 100)).isEqualTo(Precision.INT8);
            assertThat(Precision.AUTO.resolve(holds, 99)).isEqualTo(Precision.FP32);
            min.set("many");
            assertThatThrownBy(() -> Precision.AUTO.resolve(holds, 100))
                    .isInstanceOf(SenseiException.class)
                    .hasMessage("-Dsensei.int8.auto-min-pixels must be a number of pixels >= 0, got 'many' (default "
                            + "16000000)");
        }
    }

    @Test
    void autoExplainsItsChoiceWithTheFirstReasonThatApplies() {
        try (SavedProperty min = onA7BitMachine()) {
            long big = Precision.AUTO_INT8_MIN_PIXELS;
            assertThat(Precision.explainAuto(null, big))
                    .isEqualTo("auto: the bundle has no int8 check (sensei calibrate --int8-check)");
            assertThat(Precision.explainAuto(check(8, 26, 99.31, 0.15), 1))
                    .isEqualTo("auto: the bundle's int8 check is below the bar: 99.31% of the pixels the same class "
                            + "as fp32, OA +0.15 points (the bar: 99.5% and 0.2 points)");
            assertThat(Precision.explainAuto(check(8, 26, 99.6, 0.1), 1))
                    .isEqualTo("auto: the bundle's int8 check was measured with 8-bit weights, this CPU takes 7-bit "
                            + "ones");
            assertThat(Precision.explainAuto(check(7, 26, 99.6, 0.1), 1))
                    .isEqualTo("auto: the bundle's int8 check was measured with the first 26 convolutions fp32, this "
                            + "run keeps 38 (-Dsensei.int8.float-convolutions)");
            assertThat(Precision.explainAuto(check(7, 38, 99.6, 0.1), 250_000))
                    .isEqualTo("auto: the scene has 0.3 Mpx, int8 pays for its start-up from 16.0 Mpx "
                            + "(-Dsensei.int8.auto-min-pixels)");
            assertThat(Precision.explainAuto(check(7, 38, 99.6, 0.1), big))
                    .isEqualTo("auto: the bundle's int8 check holds here");
        }
    }

    @Test
    void precisionParsesAutoAndNamesItInItsRefusal() {
        assertThat(Precision.parse(" AUTO ")).isEqualTo(Precision.AUTO);
        assertThat(Precision.parse("Int8")).isEqualTo(Precision.INT8);
        assertThat(Precision.AUTO.id()).isEqualTo("auto");
        assertThatThrownBy(() -> Precision.parse("int4"))
                .isInstanceOf(SenseiException.class)
                .hasMessage("--precision must be auto, int8 or fp32, got 'int4'");
    }

    @Test
    void aCalibrationCarriesItThroughJsonAndItsWithers() throws Exception {
        Int8Check c = new Int8Check(7, 26, 1_180_000, 99.57, 0.05, 0.31);
        Calibration cal = new Calibration(
                        Calibration.TEMPERATURE_BIAS, 1.2, 0.3, 0.44, null, null, null, null, null, null, null)
                .withInt8Check(c)
                .withSmoothing(3)
                .withSnowTest(SnowTest.DEFAULT)
                .withCirrusTest(CirrusTest.DEFAULT);
        assertThat(cal.int8Check()).isEqualTo(c);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(cal);
        assertThat(text)
                .contains("\"int8_check\":{\"weight_bits\":7,\"float_convolutions\":26,\"pixels\":1180000,"
                        + "\"agreement_percent\":99.57,\"oa_difference\":0.05,\"max_probability_difference\":0.31}");
        assertThat(json.readValue(text, Calibration.class)).isEqualTo(cal);
        assertThat(json.readValue(json.writeValueAsString(cal.withInt8Check(null)), Calibration.class)
                        .int8Check())
                .isNull();
        assertThat(c.describe())
                .isEqualTo("99.57% of 1,180,000 pixels the same class as fp32, OA +0.05 points, largest probability "
                        + "difference 0.310 (7-bit weights, first 26 convolutions fp32): meets the bar");
        assertThat(check(8, 0, 98.0, -0.3).describe())
                .endsWith("(8-bit weights, first 0 convolutions fp32): below the bar (99.5% and 0.2 points)");
    }

    @Test
    void aCheckOutOfRangeIsRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> check(6, 26, 99, 0))
                .isInstanceOf(SenseiException.class)
                .hasMessage("int8_check.weight_bits must be 7 or 8, got 6");
        assertThatThrownBy(() -> check(7, 26, 101, 0))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("int8_check needs agreement_percent in 0..100");
        assertThat(Int8Weights.FULL.bits()).isEqualTo(8);
        assertThat(Int8Weights.REDUCED.bits()).isEqualTo(7);
    }
}
