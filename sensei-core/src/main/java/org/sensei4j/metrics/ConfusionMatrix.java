package org.sensei4j.metrics;

import java.util.Arrays;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;

/**
 * K×K pixel counts of a {@link ClassScheme}: {@code count(t, p)} = pixels with true class t predicted as p.
 * Pixels whose truth or prediction is the nodata value are not counted, only tallied in {@link #excluded()}.
 * Mutable and not thread-safe: give each thread its own matrix and {@link #merge} them.
 */
public final class ConfusionMatrix {

    private final ClassScheme scheme;
    private final int k;
    /** Row-major: counts[t * k + p]. */
    private final long[] counts;

    private long excluded;

    /** An empty matrix for {@code scheme}. */
    public ConfusionMatrix(ClassScheme scheme) {
        this.scheme = scheme;
        this.k = scheme.classCount();
        this.counts = new long[k * k];
    }

    /** A matrix with the given counts, {@code counts[truth][prediction]}, K×K. */
    public static ConfusionMatrix of(ClassScheme scheme, long[][] counts) {
        ConfusionMatrix m = new ConfusionMatrix(scheme);
        if (counts.length != m.k) {
            throw new IllegalArgumentException("scheme " + scheme.id() + " has " + m.k + " classes but the matrix has "
                    + counts.length + " rows: give a " + m.k + "×" + m.k + " matrix");
        }
        for (int t = 0; t < m.k; t++) {
            if (counts[t].length != m.k) {
                throw new IllegalArgumentException(
                        "row " + t + " has " + counts[t].length + " columns: give a " + m.k + "×" + m.k + " matrix");
            }
            for (int p = 0; p < m.k; p++) {
                m.add(t, p, counts[t][p]);
            }
        }
        return m;
    }

    /** The class scheme. */
    public ClassScheme scheme() {
        return scheme;
    }

    /** Number of classes K. */
    public int classCount() {
        return k;
    }

    /** Counts {@code n} pixels of true class {@code truth} predicted as {@code prediction}. */
    public ConfusionMatrix add(int truth, int prediction, long n) {
        checkClass(truth, "true");
        checkClass(prediction, "predicted");
        if (n < 0) {
            throw new IllegalArgumentException("pixel count must be >= 0, got " + n);
        }
        counts[truth * k + prediction] += n;
        return this;
    }

    /** Counts one pixel. */
    public ConfusionMatrix add(int truth, int prediction) {
        return add(truth, prediction, 1);
    }

    /** Counts label arrays (unsigned bytes), leaving out pixels where either is {@link ClassScheme#NODATA}. */
    public ConfusionMatrix add(byte[] truth, byte[] prediction) {
        return add(truth, prediction, ClassScheme.NODATA);
    }

    /**
     * Counts label arrays (unsigned bytes), leaving out pixels where truth or prediction equals {@code nodata}.
     *
     * @throws SenseiException if the arrays differ in length or hold a value that is neither a class nor nodata
     */
    public ConfusionMatrix add(byte[] truth, byte[] prediction, int nodata) {
        checkLengths(truth.length, prediction.length);
        for (int i = 0; i < truth.length; i++) {
            count(truth[i] & 0xFF, prediction[i] & 0xFF, nodata, i);
        }
        return this;
    }

    /** Counts int label arrays, leaving out pixels where truth or prediction equals {@code nodata}. */
    public ConfusionMatrix add(int[] truth, int[] prediction, int nodata) {
        checkLengths(truth.length, prediction.length);
        for (int i = 0; i < truth.length; i++) {
            count(truth[i], prediction[i], nodata, i);
        }
        return this;
    }

    private void count(int t, int p, int nodata, int pixel) {
        if (t == nodata || p == nodata) {
            excluded++;
            return;
        }
        if (t < 0 || t >= k) {
            throw badLabel("true", t, pixel, nodata);
        }
        if (p < 0 || p >= k) {
            throw badLabel("predicted", p, pixel, nodata);
        }
        counts[t * k + p]++;
    }

    private SenseiException badLabel(String which, int value, int pixel, int nodata) {
        return new SenseiException(which + " label " + value + " at pixel " + pixel + " is not a class of scheme "
                + scheme.id() + " (0.." + (k - 1) + ") nor nodata " + nodata + ": decode the "
                + (which.equals("true") ? "reference labels with the right label code mapping" : "prediction")
                + " into scheme " + scheme.id() + " first");
    }

    private static void checkLengths(int truth, int prediction) {
        if (truth != prediction) {
            throw new SenseiException("truth has " + truth + " pixels but the prediction " + prediction
                    + ": compare a prediction with the labels of the same scene and size");
        }
    }

    /** Adds another matrix of the same scheme to this one (counts and excluded pixels). */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (other.scheme != scheme) {
            throw new IllegalArgumentException("cannot merge a " + other.scheme.id() + " matrix into a " + scheme.id()
                    + " matrix: convert it with toScheme first");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        excluded += other.excluded;
        return this;
    }

    /** Pixels of true class {@code truth} predicted as {@code prediction}. */
    public long count(int truth, int prediction) {
        checkClass(truth, "true");
        checkClass(prediction, "predicted");
        return counts[truth * k + prediction];
    }

    /** All counted pixels (nodata excluded). */
    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /** Pixels left out because truth or prediction was nodata. */
    public long excluded() {
        return excluded;
    }

    /** Pixels whose true class is {@code cls} (row sum). */
    public long trueCount(int cls) {
        checkClass(cls, "true");
        long s = 0;
        for (int p = 0; p < k; p++) {
            s += counts[cls * k + p];
        }
        return s;
    }

    /** Pixels predicted as {@code cls} (column sum). */
    public long predictedCount(int cls) {
        checkClass(cls, "predicted");
        long s = 0;
        for (int t = 0; t < k; t++) {
            s += counts[t * k + cls];
        }
        return s;
    }

    /** One-vs-rest counts for class {@code cls}: positive = that class. */
    public BinaryConfusion binary(int cls) {
        checkClass(cls, "positive");
        boolean[] positive = new boolean[k];
        positive[cls] = true;
        return binary(positive);
    }

    /** Cloud vs everything else: positive = every class the scheme counts as cloud (thin + thick). */
    public BinaryConfusion cloud() {
        boolean[] positive = new boolean[k];
        for (int c = 0; c < k; c++) {
            positive[c] = scheme.isCloud(c);
        }
        return binary(positive);
    }

    private BinaryConfusion binary(boolean[] positive) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                long c = counts[t * k + p];
                if (positive[t]) {
                    if (positive[p]) {
                        tp += c;
                    } else {
                        fn += c;
                    }
                } else if (positive[p]) {
                    fp += c;
                } else {
                    tn += c;
                }
            }
        }
        return new BinaryConfusion(tp, fp, fn, tn);
    }

    /** Multi-class overall accuracy: trace / total, percent; undefined with no pixels. */
    public Metric overallAccuracy() {
        long trace = 0;
        for (int c = 0; c < k; c++) {
            trace += counts[c * k + c];
        }
        return Metric.percent(trace, total());
    }

    /**
     * Cohen's kappa over all K classes, (p_o − p_e)/(1 − p_e) with p_o = trace/n and
     * p_e = Σ_c (row_c/n)(col_c/n). A coefficient in [−1, 1], not percent. Undefined with no pixels or when
     * p_e = 1 (truth and prediction both a single, identical class).
     */
    public Metric kappa() {
        long n = total();
        if (n == 0) {
            return Metric.undefined();
        }
        double po = 0;
        double pe = 0;
        for (int c = 0; c < k; c++) {
            po += counts[c * k + c];
            pe += ((double) trueCount(c) / n) * ((double) predictedCount(c) / n);
        }
        po /= n;
        if (pe >= 1.0) {
            return Metric.undefined();
        }
        return Metric.of((po - pe) / (1.0 - pe));
    }

    /** This matrix in a coarser scheme (e.g. full → cloud-shadow), classes merged; excluded pixels kept. */
    public ConfusionMatrix toScheme(ClassScheme target) {
        int[] map = scheme.conversionTable(target);
        ConfusionMatrix m = new ConfusionMatrix(target);
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                m.counts[map[t] * m.k + map[p]] += counts[t * k + p];
            }
        }
        m.excluded = excluded;
        return m;
    }

    /** A copy of the counts, {@code [truth][prediction]}. */
    public long[][] toArray() {
        long[][] a = new long[k][k];
        for (int t = 0; t < k; t++) {
            System.arraycopy(counts, t * k, a[t], 0, k);
        }
        return a;
    }

    /** An independent copy. */
    public ConfusionMatrix copy() {
        ConfusionMatrix m = new ConfusionMatrix(scheme);
        System.arraycopy(counts, 0, m.counts, 0, counts.length);
        m.excluded = excluded;
        return m;
    }

    private void checkClass(int cls, String what) {
        if (cls < 0 || cls >= k) {
            throw new IllegalArgumentException(
                    what + " class " + cls + " is not in scheme " + scheme.id() + ": classes are 0.." + (k - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m
                && m.scheme == scheme
                && m.excluded == excluded
                && Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return scheme.hashCode() * 31 + Arrays.hashCode(counts);
    }

    /** Rows = truth, columns = prediction, e.g. {@code cloud [[30, 10], [20, 40]]}. */
    @Override
    public String toString() {
        return scheme.id() + " " + Arrays.deepToString(toArray()) + (excluded > 0 ? " excluded " + excluded : "");
    }
}
