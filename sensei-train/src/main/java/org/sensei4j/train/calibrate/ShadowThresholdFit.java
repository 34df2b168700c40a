package org.sensei4j.train.calibrate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.sensei4j.model.cloud.Calibration;

/**
 * Fits {@link Calibration#shadowThreshold()}: the share {@code p(shadow) / (p(shadow) + p(clear))} from which a pixel
 * not called cloud is shadow, on the labelled shadow of a calibration pool. Per source (a scene set with a band set),
 * for each threshold {@code j / GRID}: the shadow F1 of the final decision, over all labelled pixels (a shadow pixel
 * called cloud is missed, a cloud pixel is never called shadow). The threshold is the highest one, of {@value #LOWEST}
 * to {@value #HIGHEST} grid steps, whose mean F1 over the sources that have labelled shadow is within
 * {@value #TOLERANCE} of the best: shadow F1 is flat near its peak, and of thresholds that score alike the higher
 * one calls less false shadow on scenes unlike the pool's (on the demo's synthetic Sentinel-2 and PlanetScope scenes,
 * the bundled model's best-F1 threshold 0.27 called 12-28% of the shadow calls right, 0.33 16-49%). Why a threshold
 * at all: some trained models rank shadow well but never make it the more probable class (README, "Calibrated
 * decisions"); others flood it.
 */
public final class ShadowThresholdFit {

    /** Thresholds are j / GRID. */
    public static final int GRID = 100;
    /** The lowest threshold searched, in grid steps. */
    public static final int LOWEST = 5;
    /** The highest threshold searched, in grid steps. */
    public static final int HIGHEST = 95;
    /** How far below the best mean F1 (a fraction) the chosen, higher threshold may score. */
    public static final double TOLERANCE = 0.01;

    /** One source's counts. */
    public static final class Source {
        private final String name;
        private long shadow;
        private final long[] shadowAt = new long[GRID + 1];
        private final long[] restAt = new long[GRID + 1];

        Source(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Pixels labelled shadow. */
        public long shadowPixels() {
            return shadow;
        }

        /**
         * Adds one labelled pixel.
         *
         * @param calledCloud whether the decision called it cloud
         * @param clear       its clear probability
         * @param shadowP     its shadow probability
         * @param truthShadow whether the label says shadow
         */
        public void add(boolean calledCloud, float clear, float shadowP, boolean truthShadow) {
            if (truthShadow) {
                shadow++;
            }
            if (calledCloud) {
                return;
            }
            int k = highestStep(clear, shadowP);
            if (k < 0) {
                return;
            }
            if (truthShadow) {
                shadowAt[k]++;
            } else {
                restAt[k]++;
            }
        }

        /** Shadow F1 of the decision at threshold {@code j / GRID} (NaN without shadow labels or calls). */
        public double f1(int j) {
            long tp = called(shadowAt, j);
            long denominator = tp + called(restAt, j) + shadow;
            return denominator == 0 ? Double.NaN : 2.0 * tp / denominator;
        }

        /** Shadow precision at threshold {@code j / GRID} (NaN where nothing is called shadow). */
        public double precision(int j) {
            long tp = called(shadowAt, j);
            long all = tp + called(restAt, j);
            return all == 0 ? Double.NaN : (double) tp / all;
        }

        /** Shadow recall at threshold {@code j / GRID} (NaN without shadow labels). */
        public double recall(int j) {
            return shadow == 0 ? Double.NaN : (double) called(shadowAt, j) / shadow;
        }

        private static long called(long[] at, int j) {
            long n = 0;
            for (int k = j; k <= GRID; k++) {
                n += at[k];
            }
            return n;
        }
    }

    private final List<Source> sources = new ArrayList<>();

    /** A new, empty source. */
    public Source source(String name) {
        Source s = new Source(name);
        sources.add(s);
        return s;
    }

    public List<Source> sources() {
        return Collections.unmodifiableList(sources);
    }

    /**
     * The largest grid step {@code j} whose threshold {@code j / GRID} calls the pixel shadow by
     * {@link Calibration#isShadow}, or -1 when none does (no non-cloud probability).
     */
    static int highestStep(float clear, float shadowP) {
        double rest = (double) clear + shadowP;
        if (!(rest > 0)) {
            return -1;
        }
        int k = (int) Math.min(GRID, Math.floor(shadowP / rest * GRID));
        while (k < GRID && Calibration.isShadow(clear, shadowP, (k + 1) / (double) GRID)) {
            k++;
        }
        while (k > 0 && !Calibration.isShadow(clear, shadowP, k / (double) GRID)) {
            k--;
        }
        return k;
    }

    /** Mean shadow F1 at step {@code j} over the sources with labelled shadow (NaN if none). */
    public double meanF1(int j) {
        double sum = 0;
        int n = 0;
        for (Source s : sources) {
            if (s.shadowPixels() > 0) {
                double f = s.f1(j);
                sum += Double.isNaN(f) ? 0 : f;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The fitted threshold, or empty when no source has labelled shadow. */
    public OptionalDouble threshold() {
        double bestF1 = -1;
        for (int j = LOWEST; j <= HIGHEST; j++) {
            double f = meanF1(j);
            if (Double.isNaN(f)) {
                return OptionalDouble.empty();
            }
            bestF1 = Math.max(bestF1, f);
        }
        for (int j = HIGHEST; j >= LOWEST; j--) {
            if (meanF1(j) >= bestF1 - TOLERANCE) {
                return OptionalDouble.of(j / (double) GRID);
            }
        }
        throw new IllegalStateException("no threshold reaches the best mean F1 " + bestF1);
    }
}
