package org.sensei4j.model.cloud;

import java.util.List;
import org.sensei4j.model.onnx.ActivationRanges;

/**
 * Where the activation ranges of an int8 head come from: calibration inputs (each the compiled head's input, the
 * band values followed by a plane of ones), how ranges are taken from them ({@link ActivationRanges#calibrate}) and
 * a description of the set, which the compiled head reports ({@link CompiledHead#quantisation()}).
 *
 * @param inputs     the calibration inputs
 * @param percentile 100: min/max; e.g. 99.99: the 0.01th and 99.99th percentiles
 * @param set        in words, e.g. "4 windows of 256² px of the scene"
 */
public record Int8Calibration(List<ActivationRanges.Input> inputs, double percentile, String set) {

    /** The default percentile. */
    public static final double PERCENTILE = 99.999;

    public Int8Calibration {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("an int8 calibration needs at least one input");
        }
    }

    /** Method and set in words. */
    public String describe() {
        return ActivationRanges.describe(percentile) + " of the activations over " + set;
    }
}
