package org.sensei4j.metrics;

import java.util.Map;

/**
 * Bootstrap confidence intervals over scenes: {@code resamples} times, as many scenes as the data set has are
 * drawn with replacement (seeded), their pixel counts summed and the metrics computed; each interval runs
 * between the (1−level)/2 and (1+level)/2 quantiles (linear interpolation between order statistics).
 *
 * @param level confidence level as a fraction, e.g. 0.95
 */
public record BootstrapIntervals(
        double level, int resamples, long seed, Map<BinaryMetric, BootstrapInterval> intervals) {

    public BootstrapIntervals {
        intervals = Map.copyOf(intervals);
    }

    /** The interval of {@code metric}. */
    public BootstrapInterval get(BinaryMetric metric) {
        BootstrapInterval i = intervals.get(metric);
        if (i == null) {
            throw new IllegalArgumentException("no bootstrap interval for " + metric.key());
        }
        return i;
    }
}
