package org.sensei4j.floor.loso;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sensei4j.metrics.BinaryMetric;
import org.sensei4j.metrics.Metric;

/**
 * One row of the leave-one-source-out table: one classifier of one fold on its held-out source, cloud vs rest.
 *
 * @param source      the held-out source
 * @param kind        {@code real} or {@code synthetic family}
 * @param classifier  {@link #MODEL}, {@link #FLOOR} or {@link #BASELINE}
 * @param scenes      scenes evaluated
 * @param skipped     scenes the classifier could not take (e.g. the baseline on a sensor without blue, green and
 *                    red), left out of this row
 * @param skipReason  the first such reason, or null
 * @param pixels      labelled pixels counted
 * @param unit        what the bootstrap resamples: {@code scenes} or {@code blocks of N px}
 * @param units       how many of them (intervals need 2 or more)
 * @param metrics     OA, BA, precision, recall, F1 (percent) with their intervals
 */
public record LosoRow(
        String source,
        String kind,
        String classifier,
        int scenes,
        int skipped,
        String skipReason,
        long pixels,
        String unit,
        int units,
        Map<BinaryMetric, Cell> metrics) {

    public static final String MODEL = "model";
    public static final String FLOOR = "floor";
    public static final String BASELINE = "threshold baseline";

    /** The metrics of the table, in column order. */
    public static final List<BinaryMetric> COLUMNS =
            List.of(BinaryMetric.OA, BinaryMetric.BA, BinaryMetric.PRECISION, BinaryMetric.RECALL, BinaryMetric.F1);

    /** A point estimate and its bootstrap interval (both limits undefined without one). */
    public record Cell(Metric value, Metric lower, Metric upper) {

        /** Whether the interval is defined. */
        public boolean hasInterval() {
            return lower.isDefined() && upper.isDefined();
        }
    }

    public LosoRow {
        metrics = Collections.unmodifiableMap(new EnumMap<>(metrics));
    }
}
