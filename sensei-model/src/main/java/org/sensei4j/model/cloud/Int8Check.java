package org.sensei4j.model.cloud;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.onnx.Int8Weights;

/**
 * How a DeepLabv3+ bundle's int8 masks compared with its fp32 masks on labelled data ({@code sensei calibrate
 * --int8-check}), stored in the bundle's calibration ({@code spec.calibration.int8_check}). With
 * {@link Precision#AUTO} (the default) a bundle whose check {@linkplain #holdsHere() holds on this machine} is run
 * in int8, any other in fp32.
 *
 * <p>The bar is issue 19's: at least {@value #MIN_AGREEMENT_PERCENT}% of the pixels with the same class in both masks
 * and overall accuracy against the labels within {@value #MAX_OA_DIFFERENCE} points. The int8 graph's arithmetic
 * depends on the CPU (7-bit weights on x86 without VNNI, 8-bit with it; {@link Int8Weights}) and on how many
 * convolutions it keeps in float32 ({@link CloudPredictor#INT8_FLOAT_CONVOLUTIONS}), so the check holds only where
 * both are those it was measured with.
 *
 * @param weightBits        7 or 8: the int8 weight range it was measured with
 * @param floatConvolutions convolutions at the start of the network that the int8 graph kept in float32
 * @param pixels            valid pixels compared (every band of each scene, the calibration's decision)
 * @param agreementPercent  of them, the share with the same class in both masks, in percent
 * @param oaDifference      overall accuracy of the int8 mask minus that of the fp32 mask, in points, over the
 *                          labelled pixels
 * @param maxProbabilityDifference the largest difference of a class probability between the two
 */
public record Int8Check(
        @JsonProperty("weight_bits") int weightBits,
        @JsonProperty("float_convolutions") int floatConvolutions,
        @JsonProperty("pixels") long pixels,
        @JsonProperty("agreement_percent") double agreementPercent,
        @JsonProperty("oa_difference") double oaDifference,
        @JsonProperty("max_probability_difference") double maxProbabilityDifference) {

    /** The bar's share of pixels with the same class, in percent. */
    public static final double MIN_AGREEMENT_PERCENT = 99.5;

    /** The bar's largest overall accuracy difference, in points. */
    public static final double MAX_OA_DIFFERENCE = 0.2;

    public Int8Check {
        if (weightBits != 7 && weightBits != 8) {
            throw new SenseiException("int8_check.weight_bits must be 7 or 8, got " + weightBits);
        }
        if (floatConvolutions < 0 || pixels < 0) {
            throw new SenseiException("int8_check needs float_convolutions >= 0 and pixels >= 0, got "
                    + floatConvolutions + " and " + pixels);
        }
        if (!(agreementPercent >= 0 && agreementPercent <= 100) || !Double.isFinite(oaDifference)) {
            throw new SenseiException("int8_check needs agreement_percent in 0..100 and a finite oa_difference, got "
                    + agreementPercent + " and " + oaDifference);
        }
    }

    /** Whether the measured masks meet the bar (and there were pixels to compare). */
    @JsonIgnore
    public boolean meetsTheBar() {
        return pixels > 0 && agreementPercent >= MIN_AGREEMENT_PERCENT && Math.abs(oaDifference) <= MAX_OA_DIFFERENCE;
    }

    /**
     * Whether int8 may be used by default here: the bar is met, and this machine's int8 graph is the one measured
     * (the same weight range, {@link Int8Weights#forThisMachine()}, and the same float32 convolutions).
     */
    public boolean holdsHere() {
        return whyNotHere() == null;
    }

    /**
     * Why the check does not {@linkplain #holdsHere() hold here}, in words for the mask command; null where it does.
     */
    public String whyNotHere() {
        if (!meetsTheBar()) {
            return String.format(
                    Locale.ROOT,
                    "the bundle's int8 check is below the bar: %.2f%% of the pixels the same class as fp32, OA %+.2f "
                            + "points (the bar: %.1f%% and %.1f points)",
                    agreementPercent,
                    oaDifference,
                    MIN_AGREEMENT_PERCENT,
                    MAX_OA_DIFFERENCE);
        }
        int bits = Int8Weights.forThisMachine().bits();
        if (weightBits != bits) {
            return "the bundle's int8 check was measured with " + weightBits + "-bit weights, this CPU takes " + bits
                    + "-bit ones";
        }
        int floats = CloudPredictor.int8FloatConvolutions();
        if (floatConvolutions != floats) {
            return "the bundle's int8 check was measured with the first " + floatConvolutions + " convolutions fp32, "
                    + "this run keeps " + floats + " (-D" + CloudPredictor.INT8_FLOAT_PROPERTY + ")";
        }
        return null;
    }

    /** In words, e.g. "99.57% of 1,180,000 pixels the same class, OA +0.05 points (7-bit weights, ...)". */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%.2f%% of %,d pixels the same class as fp32, OA %+.2f points, largest probability difference %.3f "
                        + "(%d-bit weights, first %d convolutions fp32): %s",
                agreementPercent,
                pixels,
                oaDifference,
                maxProbabilityDifference,
                weightBits,
                floatConvolutions,
                meetsTheBar()
                        ? "meets the bar"
                        : "below the bar (" + MIN_AGREEMENT_PERCENT + "% and " + MAX_OA_DIFFERENCE + " points)");
    }
}
