package org.sensei4j.model.cloud;

import java.util.Locale;
import org.sensei4j.error.SenseiException;

/**
 * The arithmetic of a compiled DeepLabv3+ head ({@link CloudPredictor#compile}): float32, or int8 convolutions
 * (weights per output channel, activations per tensor, calibrated on tiles of the scene) in the QDQ format, which
 * ONNX Runtime runs with its int8 kernels (AVX-512 VNNI where the CPU has it). Heads not compiled for ONNX Runtime
 * (the per-pixel NN head, DJL with {@code SENSEI_ONNX=off}) run in float32 whatever is asked.
 */
public enum Precision {
    FP32,
    INT8;

    /**
     * The default: fp32. Int8 runs a tile in 0.62-0.67 of the fp32 time on an AVX2 CPU (less where the CPU has
     * VNNI), but on the trained SEnSeI+DLv3 at hand it kept the accuracy bar (≥ 99.5% of the pixels with the fp32
     * mask's class) on held-out synthetic scenes (99.57%) and not on the labelled real ones (99.32%; README, "Int8
     * DeepLabv3+"), and one model is not enough to change the default: it is asked for with
     * {@code --precision int8}.
     */
    public static final Precision DEFAULT = FP32;

    /** {@code "int8"} or {@code "fp32"} (any case). */
    public static Precision parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "int8" -> INT8;
            case "fp32", "float32" -> FP32;
            default -> throw new SenseiException("--precision must be int8 or fp32, got '" + s + "'");
        };
    }

    /** The option's spelling: "int8" or "fp32". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
