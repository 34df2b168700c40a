package org.sensei4j.metrics;

/**
 * Pixel counts of a two-class (positive vs rest) comparison: true positives, false positives, false negatives,
 * true negatives. The metrics are those of the SEnSeI paper, in percent, computed over all pixels counted.
 */
public record BinaryConfusion(long tp, long fp, long fn, long tn) {

    public BinaryConfusion {
        if (tp < 0 || fp < 0 || fn < 0 || tn < 0) {
            throw new IllegalArgumentException(
                    "pixel counts must be >= 0, got tp=" + tp + " fp=" + fp + " fn=" + fn + " tn=" + tn);
        }
    }

    /** All pixels counted: TP+FP+FN+TN. */
    public long total() {
        return tp + fp + fn + tn;
    }

    /** Pixels that are positive in the truth: TP+FN. */
    public long positives() {
        return tp + fn;
    }

    /** Pixels that are negative in the truth: TN+FP. */
    public long negatives() {
        return tn + fp;
    }

    /** Overall accuracy (TP+TN)/all, percent; undefined with no pixels. */
    public Metric overallAccuracy() {
        return Metric.percent(tp + tn, total());
    }

    /** Recall TP/(TP+FN), percent; undefined with no positive pixels in the truth. */
    public Metric recall() {
        return Metric.percent(tp, tp + fn);
    }

    /** Precision TP/(TP+FP), percent; undefined when nothing is predicted positive. */
    public Metric precision() {
        return Metric.percent(tp, tp + fp);
    }

    /** Specificity (true negative rate) TN/(TN+FP), percent; undefined with no negative pixels in the truth. */
    public Metric specificity() {
        return Metric.percent(tn, tn + fp);
    }

    /**
     * F1 = 2PR/(P+R), percent; undefined when precision or recall is. When both are 0 (TP = 0, FP &gt; 0,
     * FN &gt; 0) it is 0, the limit of the formula, computed as 2TP/(2TP+FP+FN).
     */
    public Metric f1() {
        if (!precision().isDefined() || !recall().isDefined()) {
            return Metric.undefined();
        }
        return Metric.percent(2 * tp, 2 * tp + fp + fn);
    }

    /** Balanced accuracy ½(TP/(TP+FN) + TN/(TN+FP)), percent; undefined unless both truth classes occur. */
    public Metric balancedAccuracy() {
        Metric r = recall();
        Metric s = specificity();
        if (!r.isDefined() || !s.isDefined()) {
            return Metric.undefined();
        }
        return Metric.of(0.5 * (r.value() + s.value()));
    }

    /** Intersection over union TP/(TP+FP+FN), percent; undefined when the class is neither true nor predicted. */
    public Metric iou() {
        return Metric.percent(tp, tp + fp + fn);
    }

    /** Element-wise sum (pixel-summed aggregation). */
    public BinaryConfusion plus(BinaryConfusion o) {
        return new BinaryConfusion(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
    }
}
