package org.sensei4j.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One metric value that may be undefined (a 0/0 ratio, e.g. recall of a class that never occurs). Never NaN:
 * undefined is its own state, written as JSON {@code null}. Percentages are in percent (0–100).
 */
public final class Metric {

    private static final Metric UNDEFINED = new Metric(false, 0.0);

    private final boolean defined;
    private final double value;

    private Metric(boolean defined, double value) {
        this.defined = defined;
        this.value = value;
    }

    /** A defined value; it must be finite. */
    public static Metric of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value " + value + " is not finite: use Metric.undefined()");
        }
        return new Metric(true, value);
    }

    /** The undefined value. */
    public static Metric undefined() {
        return UNDEFINED;
    }

    /** {@code 100 · numerator / denominator}, undefined when the denominator is 0. */
    public static Metric percent(long numerator, long denominator) {
        if (numerator < 0 || denominator < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + numerator + "/" + denominator);
        }
        return denominator == 0 ? UNDEFINED : of(100.0 * numerator / denominator);
    }

    /** True unless the metric is undefined. */
    public boolean isDefined() {
        return defined;
    }

    /**
     * The value.
     *
     * @throws IllegalStateException if undefined (check {@link #isDefined()} first)
     */
    public double value() {
        if (!defined) {
            throw new IllegalStateException("metric is undefined (0/0): check isDefined() first");
        }
        return value;
    }

    /** The value, or {@code other} if undefined. */
    public double orElse(double other) {
        return defined ? value : other;
    }

    /** The value as an OptionalDouble, empty if undefined. */
    public OptionalDouble toOptional() {
        return defined ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** The JSON form: the number, or {@code null} if undefined. */
    @JsonValue
    public Double toJson() {
        return defined ? value : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metric m && m.defined == defined && Double.compare(m.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return defined ? Double.hashCode(value) : -1;
    }

    /** The value with 3 decimals, or {@code undefined}. */
    @Override
    public String toString() {
        return defined ? String.format(Locale.ROOT, "%.3f", value) : "undefined";
    }
}
