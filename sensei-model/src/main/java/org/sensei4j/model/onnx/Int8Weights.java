package org.sensei4j.model.onnx;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;

/**
 * The range of the int8 weights of a quantised convolution, chosen for the CPU that runs it. ONNX Runtime multiplies
 * uint8 activations by int8 weights (u8s8). On x86 CPUs without VNNI (AVX2 or AVX-512 alone, e.g. AMD Zen 2 and 3,
 * Intel before Cascade Lake) its kernels use {@code VPMADDUBSW}, which adds two u8 × s8 products in a saturating
 * 16-bit lane: 255 × 127 × 2 = 64,770 does not fit, and with ReLU6 activations near the top of their range the
 * fused convolution is wrong by up to 32 quantisation steps on one output in seven (measured, {@code
 * Int8WeightsTest}). Weights in [−63, 63] (7 bits, ONNX Runtime's "reduce range") keep every pair below 32,767.
 * VNNI ({@code VPDPBUSD}) adds the products in 32 bits, so CPUs with AVX-512 VNNI or AVX-VNNI, and non-x86 CPUs,
 * keep all 8 bits.
 */
public enum Int8Weights {
    /** Weights in [−127, 127]. */
    FULL(127, "8-bit"),
    /** Weights in [−63, 63], for x86 CPUs without VNNI. */
    REDUCED(63, "7-bit, this CPU has no VNNI");

    /** The system property that overrides the choice: {@code 8} or {@code 7}. */
    public static final String PROPERTY = "sensei.int8.weight-bits";

    private static final Pattern WORDS = Pattern.compile("\\s+");

    private final int levels;
    private final String description;

    Int8Weights(int levels, String description) {
        this.levels = levels;
        this.description = description;
    }

    /** The largest quantised magnitude: 127 or 63. */
    public int levels() {
        return levels;
    }

    /** The bits of the range: those of {@link #levels()} plus the sign, 8 for [−127, 127], 7 for [−63, 63]. */
    public int bits() {
        return 33 - Integer.numberOfLeadingZeros(levels);
    }

    /** In words, for the compiled head's description. */
    public String description() {
        return description;
    }

    /**
     * The range for this machine: {@link #PROPERTY} if set, else from {@code os.arch} and the CPU flags of {@code
     * /proc/cpuinfo} ({@link #forCpu}); an x86 machine whose flags cannot be read gets {@link #REDUCED} (correct
     * everywhere, at a little precision).
     */
    public static Int8Weights forThisMachine() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null) {
            return switch (forced.trim()) {
                case "8" -> FULL;
                case "7" -> REDUCED;
                default -> throw new SenseiException("-D" + PROPERTY + " must be 8 or 7, got '" + forced + "'");
            };
        }
        return Holder.MACHINE;
    }

    /** Read once: the flags do not change while the JVM runs. */
    private static final class Holder {
        static final Int8Weights MACHINE = forCpu(System.getProperty("os.arch", ""), cpuFlags());
    }

    /**
     * The range for a CPU of architecture {@code arch} ({@code os.arch}) with the given flags ({@code /proc/cpuinfo}
     * spelling, any separator; null: unknown).
     */
    public static Int8Weights forCpu(String arch, String flags) {
        String a = arch.toLowerCase(Locale.ROOT);
        boolean x86 = a.equals("amd64") || a.equals("x86_64") || a.equals("x86") || a.matches("i[3-6]86");
        if (!x86) {
            return FULL;
        }
        if (flags == null) {
            return REDUCED;
        }
        Set<String> set =
                WORDS.splitAsStream(flags.toLowerCase(Locale.ROOT).trim()).collect(Collectors.toSet());
        return set.contains("avx512_vnni") || set.contains("avx_vnni") ? FULL : REDUCED;
    }

    /** The CPU flags of {@code /proc/cpuinfo}; null where there are none (not Linux). */
    static String cpuFlags() {
        return CpuInfo.field(CpuInfo.PROC, "flags");
    }
}
