package org.sensei4j.metrics;

import java.util.function.Function;

/** The metrics reported for a two-class comparison, with their JSON keys. All in percent. */
public enum BinaryMetric {
    /** Overall accuracy. */
    OA("oa", BinaryConfusion::overallAccuracy),
    /** Balanced accuracy. */
    BA("ba", BinaryConfusion::balancedAccuracy),
    /** Precision. */
    PRECISION("precision", BinaryConfusion::precision),
    /** Recall. */
    RECALL("recall", BinaryConfusion::recall),
    /** F1 score. */
    F1("f1", BinaryConfusion::f1),
    /** Intersection over union. */
    IOU("iou", BinaryConfusion::iou);

    private final String key;
    private final Function<BinaryConfusion, Metric> compute;

    BinaryMetric(String key, Function<BinaryConfusion, Metric> compute) {
        this.key = key;
        this.compute = compute;
    }

    /** JSON key, e.g. {@code f1}. */
    public String key() {
        return key;
    }

    /** This metric of {@code counts}. */
    public Metric of(BinaryConfusion counts) {
        return compute.apply(counts);
    }
}
