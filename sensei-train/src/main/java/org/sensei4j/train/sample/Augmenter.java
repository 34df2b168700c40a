package org.sensei4j.train.sample;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.sensei4j.classes.ClassScheme;

/**
 * Random augmentation of training samples, as configured by an {@link AugmentationConfig}. Geometric steps
 * (flips, rotations, translation) move values and labels alike; photometric steps change values only. Steps run
 * in this order, each with its own probability: horizontal flip, vertical flip, rotation, translation, band
 * scale, band offset, white noise, saturation, salt-and-pepper.
 *
 * <p>Holds no random state: {@link #apply} draws from the {@link SplittableRandom} it is given, so one seed gives
 * the same augmentations. The input sample is never modified.
 */
public final class Augmenter {

    private final AugmentationConfig config;

    public Augmenter(AugmentationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** An augmenter that returns samples unchanged. */
    public static Augmenter none() {
        return new Augmenter(AugmentationConfig.none());
    }

    public AugmentationConfig config() {
        return config;
    }

    /** One random augmentation of the sample (a new sample; the input is not modified). */
    public TrainingSample apply(TrainingSample sample, SplittableRandom random) {
        AugmentationConfig c = config;
        TrainingSample s = sample;
        if (happens(c.horizontalFlipProbability(), random)) {
            s = flipHorizontal(s);
        }
        if (happens(c.verticalFlipProbability(), random)) {
            s = flipVertical(s);
        }
        if (happens(c.rotationProbability(), random)) {
            s = rotate90(s, 1 + random.nextInt(3));
        }
        if (c.maxTranslationPx() > 0 && happens(c.translationProbability(), random)) {
            int m = c.maxTranslationPx();
            int dx = random.nextInt(2 * m + 1) - m;
            int dy = random.nextInt(2 * m + 1) - m;
            s = translate(s, dx, dy, c.translationFill());
        }
        int bands = s.bandCount();
        int plane = s.planeSize();
        float[] v = null; // photometric steps work in place on one copy
        if (happens(c.bandScaleProbability(), random)) {
            v = v != null ? v : s.values().clone();
            for (int b = 0; b < bands; b++) {
                float f = (float) (1 + c.bandScaleRange() * (2 * random.nextDouble() - 1));
                for (int i = b * plane, e = i + plane; i < e; i++) {
                    v[i] *= f;
                }
            }
        }
        if (happens(c.bandOffsetProbability(), random)) {
            v = v != null ? v : s.values().clone();
            for (int b = 0; b < bands; b++) {
                float o = (float) (c.bandOffsetRange() * (2 * random.nextDouble() - 1));
                for (int i = b * plane, e = i + plane; i < e; i++) {
                    v[i] += o;
                }
            }
        }
        if (happens(c.noiseProbability(), random) && c.noiseSigma() > 0) {
            v = v != null ? v : s.values().clone();
            double sigma = c.noiseSigma();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (sigma * random.nextGaussian());
            }
        }
        if (happens(c.saturationProbability(), random)) {
            v = v != null ? v : s.values().clone();
            int[] order = shuffledPrefix(bands, 1 + random.nextInt(bands), random);
            for (int b : order) {
                float ceiling = (float) (c.saturationMinCeiling()
                        + (c.saturationMaxCeiling() - c.saturationMinCeiling()) * random.nextDouble());
                for (int i = b * plane, e = i + plane; i < e; i++) {
                    if (v[i] > ceiling) {
                        v[i] = ceiling;
                    }
                }
            }
        }
        if (happens(c.saltPepperProbability(), random) && c.saltPepperFraction() > 0) {
            v = v != null ? v : s.values().clone();
            saltAndPepper(
                    v,
                    c.saltPepperFraction(),
                    c.saltValue().floatValue(),
                    c.pepperValue().floatValue(),
                    random);
        }
        return v == null ? s : s.withValues(v, s.bands());
    }

    private static boolean happens(double probability, SplittableRandom random) {
        return probability > 0 && random.nextDouble() < probability;
    }

    /** The first {@code count} entries of a uniform random permutation of 0..n−1. */
    private static int[] shuffledPrefix(int n, int count, SplittableRandom random) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, count);
    }

    /**
     * Sets each value independently with probability {@code fraction} to salt or pepper (equally likely); walks
     * the array by geometric jumps so that only the hit values cost a draw.
     */
    static void saltAndPepper(float[] v, double fraction, float salt, float pepper, SplittableRandom random) {
        if (fraction >= 1) {
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextBoolean() ? salt : pepper;
            }
            return;
        }
        double logKeep = Math.log1p(-fraction);
        long i = -1;
        while (true) {
            double skip = Math.floor(Math.log1p(-random.nextDouble()) / logKeep);
            i += 1 + (long) Math.min(skip, v.length);
            if (i >= v.length) {
                return;
            }
            v[(int) i] = random.nextBoolean() ? salt : pepper;
        }
    }

    /** Mirrors left–right: the value at (r, c) moves to (r, size − 1 − c); labels alike. */
    public static TrainingSample flipHorizontal(TrainingSample s) {
        int n = s.size();
        int[] src = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                src[r * n + c] = r * n + (n - 1 - c);
            }
        }
        return remap(s, src, src);
    }

    /** Mirrors top–bottom: the value at (r, c) moves to (size − 1 − r, c); labels alike. */
    public static TrainingSample flipVertical(TrainingSample s) {
        int n = s.size();
        int[] src = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                src[r * n + c] = (n - 1 - r) * n + c;
            }
        }
        return remap(s, src, src);
    }

    /**
     * Rotates by {@code quarterTurns} × 90° counter-clockwise (as numpy's {@code rot90}): for one turn, output
     * (r, c) is input (c, size − 1 − r); labels alike.
     */
    public static TrainingSample rotate90(TrainingSample s, int quarterTurns) {
        int k = Math.floorMod(quarterTurns, 4);
        if (k == 0) {
            return s;
        }
        int n = s.size();
        int[] src = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int sr;
                int sc;
                switch (k) {
                    case 1 -> {
                        sr = c;
                        sc = n - 1 - r;
                    }
                    case 2 -> {
                        sr = n - 1 - r;
                        sc = n - 1 - c;
                    }
                    default -> {
                        sr = n - 1 - c;
                        sc = r;
                    }
                }
                src[r * n + c] = sr * n + sc;
            }
        }
        return remap(s, src, src);
    }

    /**
     * Shifts the image and labels by {@code dx} columns right and {@code dy} rows down: output (r, c) is input
     * (r − dy, c − dx). Uncovered pixels get label {@link ClassScheme#NODATA} and the values of the nearest edge
     * pixel ({@link TranslationFill#EDGE}) or 0 ({@link TranslationFill#ZERO}).
     */
    public static TrainingSample translate(TrainingSample s, int dx, int dy, TranslationFill fill) {
        int n = s.size();
        int[] valueSrc = new int[n * n];
        int[] labelSrc = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int sr = r - dy;
                int sc = c - dx;
                boolean inside = sr >= 0 && sr < n && sc >= 0 && sc < n;
                int i = r * n + c;
                labelSrc[i] = inside ? sr * n + sc : -1;
                if (inside) {
                    valueSrc[i] = labelSrc[i];
                } else if (fill == TranslationFill.EDGE) {
                    valueSrc[i] = clamp(sr, n) * n + clamp(sc, n);
                } else {
                    valueSrc[i] = -1;
                }
            }
        }
        return remap(s, valueSrc, labelSrc);
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n - 1);
    }

    /** Output pixel i of every band takes input pixel valueSrc[i] (0 when −1); labels likewise (NODATA when −1). */
    private static TrainingSample remap(TrainingSample s, int[] valueSrc, int[] labelSrc) {
        int plane = s.planeSize();
        float[] in = s.values();
        float[] out = new float[in.length];
        for (int b = 0, off = 0; b < s.bandCount(); b++, off += plane) {
            for (int i = 0; i < plane; i++) {
                int j = valueSrc[i];
                out[off + i] = j < 0 ? 0f : in[off + j];
            }
        }
        byte[] labels = s.labels();
        byte[] outLabels = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int j = labelSrc[i];
            outLabels[i] = j < 0 ? (byte) ClassScheme.NODATA : labels[j];
        }
        return s.withPixels(out, outLabels);
    }
}
