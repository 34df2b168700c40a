package org.sensei4j.metrics;

/**
 * A percentile bootstrap confidence interval of one metric (percent). {@code definedResamples} says how many
 * resamples gave a defined value (resamples where the metric was 0/0 are left out); with none, both limits
 * are undefined.
 */
public record BootstrapInterval(Metric lower, Metric upper, int definedResamples) {

    /** True if {@code value} lies within [lower, upper]; false when the interval is undefined. */
    public boolean contains(double value) {
        return lower.isDefined() && upper.isDefined() && lower.value() <= value && value <= upper.value();
    }
}
