package org.sensei4j.train.run;

/**
 * Per-step random seeds derived from (run seed, global step) with the SplitMix64 finaliser, so that the data of
 * any training step can be regenerated without replaying the steps before it (exact resume).
 */
public final class StepSeeds {

    private StepSeeds() {}

    /** The seed of step {@code step} (0-based global step) of a run seeded with {@code seed}. */
    public static long derive(long seed, long step) {
        long z = seed + (step + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
