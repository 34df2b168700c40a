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
    INT8,
    /**
     * Int8 where the bundle's calibration carries an {@link Int8Check} that {@linkplain Int8Check#holdsHere() holds
     * on this machine} and the scene is large enough for int8 to pay for its start-up ({@link #AUTO_INT8_MIN_PIXELS}),
     * else fp32. Int8 runs a tile in 0.62-0.67 of the fp32 time on an AVX2 CPU (less where the CPU has VNNI), but
     * whether it keeps a model's masks is a property of the model: on the trained SEnSeI+DLv3 at hand it kept the bar
     * on held-out synthetic scenes (99.57% of the pixels the same class) and not on the labelled real ones (99.32%;
     * README, "Int8 DeepLabv3+"). So a bundle is run in int8 by default only after {@code sensei calibrate
     * --int8-check} measured it.
     */
    AUTO;

    /** The default: {@link #AUTO}, which is fp32 for every bundle without a passed int8 check. */
    public static final Precision DEFAULT = AUTO;

    /**
     * The smallest scene (width × height) that {@link #AUTO} runs in int8: calibrating and compiling the int8 graph
     * costs about 1.5 s more than fp32 per scene, which the faster tiles earn back at 15-20 Mpx on a 2-core AVX2 CPU
     * (README, "Int8 DeepLabv3+"). {@code -Dsensei.int8.auto-min-pixels=N} overrides it.
     */
    public static final long AUTO_INT8_MIN_PIXELS = 16_000_000L;

    /** The system property that overrides {@link #AUTO_INT8_MIN_PIXELS}. */
    public static final String AUTO_MIN_PIXELS_PROPERTY = "sensei.int8.auto-min-pixels";

    /**
     * What {@code this} precision runs a scene of {@code pixels} in: itself for {@link #FP32} and {@link #INT8}; for
     * {@link #AUTO}, int8 when {@code check} is non-null and holds here and the scene has at least {@link
     * #autoInt8MinPixels()} pixels, else fp32.
     */
    public Precision resolve(Int8Check check, long pixels) {
        if (this != AUTO) {
            return this;
        }
        return whyNotInt8(check, pixels) == null ? INT8 : FP32;
    }

    /**
     * Why {@link #AUTO} chose what it chose for {@code check} and a scene of {@code pixels}, in words for the mask
     * command's report, e.g. "auto: the bundle has no int8 check (sensei calibrate --int8-check)".
     */
    public static String explainAuto(Int8Check check, long pixels) {
        String why = whyNotInt8(check, pixels);
        return "auto: " + (why == null ? "the bundle's int8 check holds here" : why);
    }

    /** Why {@link #AUTO} runs a scene of {@code pixels} in fp32 with {@code check}; null when it runs it in int8. */
    private static String whyNotInt8(Int8Check check, long pixels) {
        if (check == null) {
            return "the bundle has no int8 check (sensei calibrate --int8-check)";
        }
        String why = check.whyNotHere();
        if (why != null) {
            return why;
        }
        long min = autoInt8MinPixels();
        if (pixels < min) {
            return String.format(
                    Locale.ROOT,
                    "the scene has %.1f Mpx, int8 pays for its start-up from %.1f Mpx (-D%s)",
                    pixels / 1e6,
                    min / 1e6,
                    AUTO_MIN_PIXELS_PROPERTY);
        }
        return null;
    }

    /** {@link #AUTO_INT8_MIN_PIXELS}, or the number {@link #AUTO_MIN_PIXELS_PROPERTY} gives. */
    public static long autoInt8MinPixels() {
        String v = System.getProperty(AUTO_MIN_PIXELS_PROPERTY);
        if (v == null) {
            return AUTO_INT8_MIN_PIXELS;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SenseiException("-D" + AUTO_MIN_PIXELS_PROPERTY + " must be a number of pixels >= 0, got '" + v
                + "' (default " + AUTO_INT8_MIN_PIXELS + ")");
    }

    /** {@code "int8"}, {@code "fp32"} or {@code "auto"} (any case). */
    public static Precision parse(String s) {
        String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "int8" -> INT8;
            case "fp32", "float32" -> FP32;
            case "auto" -> AUTO;
            default -> throw new SenseiException("--precision must be auto, int8 or fp32, got '" + s + "'");
        };
    }

    /** The option's spelling: "int8", "fp32" or "auto". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
