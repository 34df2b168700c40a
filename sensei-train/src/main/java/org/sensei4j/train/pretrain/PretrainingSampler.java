package org.sensei4j.train.pretrain;

import java.util.SplittableRandom;

/**
 * Random samples for SEnSeI's autoencoder pretraining, following the published protocol: single pixels whose
 * bands have random descriptors (normalised units) and random values, plus as many fake candidate descriptors
 * as real ones.
 *
 * <ul>
 *   <li>training descriptors: left ~ 2.5·U(0,1), centre = left + 0.02 + 0.05·|N(0,1)|,
 *       right = centre + 0.02 + 0.05·|N(0,1)| (fakes drawn the same way);</li>
 *   <li>validation descriptors: drawn without replacement from a fixed bank of 80 (centres 0.15, 0.21, …, 2.49,
 *       each as narrow ±0.02 and wide ±0.15), the first half real and the second half fake;</li>
 *   <li>values: 1.7·U(0,1).</li>
 * </ul>
 */
public final class PretrainingSampler {

    /** Upper limit of band values in pretraining samples. */
    public static final float VALUE_RANGE = 1.7f;

    private static final float[][] VALIDATION_BANK = buildBank();

    private final SplittableRandom random;

    public PretrainingSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One batch of pretraining samples (all with the same band count). */
    public record Batch(
            int size,
            int bands,
            float[] values,
            float[] realDescriptors,
            float[] candidateDescriptors,
            float[] candidateTargets) {

        /** Number of candidate descriptors per sample (real then fake). */
        public int candidates() {
            return 2 * bands;
        }
    }

    /** The 80 validation descriptors (normalised units), each {min, centre, max}. */
    public static float[][] validationBank() {
        float[][] copy = new float[VALIDATION_BANK.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = VALIDATION_BANK[i].clone();
        }
        return copy;
    }

    private static float[][] buildBank() {
        float[][] bank = new float[80][];
        int k = 0;
        for (int i = 0; i < 40; i++) {
            float centre = 0.15f + 0.06f * i;
            bank[k++] = new float[] {centre - 0.02f, centre, centre + 0.02f};
            bank[k++] = new float[] {centre - 0.15f, centre, centre + 0.15f};
        }
        return bank;
    }

    /** A validation batch: {@code bands} real and as many fake descriptors from the bank, without replacement. */
    public Batch validationBatch(int size, int bands) {
        if (bands < 1 || 2 * bands > VALIDATION_BANK.length) {
            throw new IllegalArgumentException("validation needs 1 to " + VALIDATION_BANK.length / 2
                    + " bands (real + as many fakes from a bank of " + VALIDATION_BANK.length + "), got " + bands);
        }
        float[] values = new float[size * bands];
        float[] real = new float[size * bands * 3];
        float[] cand = new float[size * 2 * bands * 3];
        int[] idx = new int[VALIDATION_BANK.length];
        for (int s = 0; s < size; s++) {
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            // partial Fisher-Yates: the first 2·bands entries are a random draw without replacement
            for (int i = 0; i < 2 * bands; i++) {
                int j = i + random.nextInt(idx.length - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            for (int c = 0; c < 2 * bands; c++) {
                float[] d = VALIDATION_BANK[idx[c]];
                System.arraycopy(d, 0, cand, (s * 2 * bands + c) * 3, 3);
                if (c < bands) {
                    System.arraycopy(d, 0, real, (s * bands + c) * 3, 3);
                }
            }
            for (int b = 0; b < bands; b++) {
                values[s * bands + b] = VALUE_RANGE * (float) random.nextDouble();
            }
        }
        return new Batch(size, bands, values, real, cand, targets(size, bands));
    }

    /** A training batch with random descriptors; fakes are drawn from the same distribution. */
    public Batch trainingBatch(int size, int bands) {
        float[] values = new float[size * bands];
        float[] real = new float[size * bands * 3];
        float[] cand = new float[size * 2 * bands * 3];
        for (int s = 0; s < size; s++) {
            for (int c = 0; c < 2 * bands; c++) {
                float left = 2.5f * (float) random.nextDouble();
                float centre = left + 0.02f + 0.05f * (float) Math.abs(gaussian());
                float right = centre + 0.02f + 0.05f * (float) Math.abs(gaussian());
                int o = (s * 2 * bands + c) * 3;
                cand[o] = left;
                cand[o + 1] = centre;
                cand[o + 2] = right;
                if (c < bands) {
                    System.arraycopy(cand, o, real, (s * bands + c) * 3, 3);
                }
            }
            for (int b = 0; b < bands; b++) {
                values[s * bands + b] = VALUE_RANGE * (float) random.nextDouble();
            }
        }
        return new Batch(size, bands, values, real, cand, targets(size, bands));
    }

    /** A band count for a training batch, uniform in [min, max]. */
    public int bandCount(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static float[] targets(int size, int bands) {
        float[] t = new float[size * 2 * bands];
        for (int s = 0; s < size; s++) {
            for (int b = 0; b < bands; b++) {
                t[s * 2 * bands + b] = 1f;
            }
        }
        return t;
    }

    private double gaussian() {
        // Box-Muller (SplittableRandom has no nextGaussian on Java 17)
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
