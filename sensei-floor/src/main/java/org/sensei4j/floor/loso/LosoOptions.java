package org.sensei4j.floor.loso;

import org.sensei4j.error.SenseiException;

/**
 * Settings of a leave-one-source-out run.
 *
 * @param maxSteps           stop each fold's training after this many steps, or null for the config's schedule
 * @param floorPixels        training pixels of each fold's gradient-boosted floor
 * @param floorRounds        boosting rounds of the floor
 * @param floorThreads       XGBoost threads
 * @param testScenes         freshly rendered test scenes per synthetic sensor family
 * @param blockSize          side (px) of the blocks a source with fewer than {@link #MIN_SCENES} scenes is
 *                           resampled by in the bootstrap
 * @param resamples          bootstrap resamples
 * @param bootstrapSeed      seed of the bootstrap
 * @param confidence         confidence level of the intervals, a fraction
 */
public record LosoOptions(
        Long maxSteps,
        int floorPixels,
        int floorRounds,
        int floorThreads,
        int testScenes,
        int blockSize,
        int resamples,
        long bootstrapSeed,
        double confidence) {

    /** Sources with at least this many scenes are bootstrapped over scenes, others over blocks of their scenes. */
    public static final int MIN_SCENES = 10;

    public LosoOptions {
        if (maxSteps != null && maxSteps < 1) {
            throw new SenseiException("--max-steps must be >= 1, got " + maxSteps);
        }
        positive("floor pixels (--floor-pixels)", floorPixels);
        positive("floor rounds (--floor-rounds)", floorRounds);
        positive("threads (--threads)", floorThreads);
        positive("synthetic test scenes per family (--test-scenes)", testScenes);
        if (blockSize < 8) {
            throw new SenseiException("--block-size must be >= 8 px, got " + blockSize);
        }
        positive("bootstrap resamples (--bootstrap)", resamples);
        if (!(confidence > 0 && confidence < 1)) {
            throw new SenseiException("confidence " + confidence + " must be a fraction in (0, 1), e.g. 0.95");
        }
    }

    private static void positive(String what, int n) {
        if (n < 1) {
            throw new SenseiException(what + " must be >= 1, got " + n);
        }
    }

    /** The config's schedule, floors of 200,000 pixels and 200 rounds on 1 thread, 10 test scenes per family,
     * 128 px blocks, 1000 resamples with seed 42 at 95%. */
    public static LosoOptions defaults() {
        return new LosoOptions(null, 200_000, 200, 1, 10, 128, 1000, 42L, 0.95);
    }

    public LosoOptions withMaxSteps(Long steps) {
        return new LosoOptions(
                steps,
                floorPixels,
                floorRounds,
                floorThreads,
                testScenes,
                blockSize,
                resamples,
                bootstrapSeed,
                confidence);
    }

    public LosoOptions withFloor(int pixels, int rounds, int threads) {
        return new LosoOptions(
                maxSteps, pixels, rounds, threads, testScenes, blockSize, resamples, bootstrapSeed, confidence);
    }

    public LosoOptions withTest(int scenes, int block) {
        return new LosoOptions(
                maxSteps, floorPixels, floorRounds, floorThreads, scenes, block, resamples, bootstrapSeed, confidence);
    }

    public LosoOptions withBootstrap(int n, long seed) {
        return new LosoOptions(
                maxSteps, floorPixels, floorRounds, floorThreads, testScenes, blockSize, n, seed, confidence);
    }
}
