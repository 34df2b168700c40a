package org.sensei4j.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calibration of int8 activations: runs a float32 graph built with {@link Int8Quantiser#recording()} on
 * calibration inputs and takes each quantised activation's range over all of them, either its minimum and maximum
 * or a central percentile (e.g. 99.99: the 0.01th and 99.99th percentiles, which leave a few outliers saturated
 * for a finer step everywhere else).
 */
public final class ActivationRanges {

    /** Values per activation and input kept for the percentiles (an even subsample of larger tensors). */
    private static final int SAMPLES = 1 << 18;

    private ActivationRanges() {}

    /** One calibration input: {@code values} of shape (1, channels, h, w). */
    public record Input(float[] values, int channels, int h, int w) {}

    /**
     * The {@code [min, max]} of each slot of {@code recordingModel} (in slot order) over {@code inputs}.
     *
     * @param percentile 100: minimum and maximum; below 100 (e.g. 99.99): the (100 − p)th and pth percentiles
     */
    public static List<float[]> calibrate(byte[] recordingModel, List<Input> inputs, double percentile) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no calibration inputs");
        }
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
        List<float[]> ranges = new ArrayList<>();
        List<List<float[]>> samples = new ArrayList<>();
        try (OnnxSession session = new OnnxSession(recordingModel, 1)) {
            for (Input in : inputs) {
                List<OnnxSession.Output> outs = session.runAll(in.values(), 1, in.channels(), in.h(), in.w());
                // output 0 is the graph's own (the probabilities)
                for (int s = 1; s < outs.size(); s++) {
                    float[] v = outs.get(s).values();
                    if (ranges.size() < s) {
                        ranges.add(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
                        samples.add(new ArrayList<>());
                    }
                    float[] r = ranges.get(s - 1);
                    for (float x : v) {
                        r[0] = Math.min(r[0], x);
                        r[1] = Math.max(r[1], x);
                    }
                    if (percentile < 100) {
                        samples.get(s - 1).add(subsample(v));
                    }
                }
            }
        }
        if (percentile < 100) {
            for (int s = 0; s < ranges.size(); s++) {
                float[] all = concat(samples.get(s));
                int lo = (int) Math.floor((all.length - 1) * (100 - percentile) / 100);
                int hi = (int) Math.ceil((all.length - 1) * percentile / 100);
                ranges.set(s, new float[] {orderStatistic(all, lo), orderStatistic(all, hi)});
            }
        }
        return ranges;
    }

    /** Says how ranges were taken, e.g. "percentile 99.99" or "min/max". */
    public static String describe(double percentile) {
        return percentile >= 100 ? "min/max" : String.format(Locale.ROOT, "percentile %s", percentile);
    }

    /**
     * The {@code k}th smallest of {@code v} (from 0), as {@code v} sorted would have it at index k. Near either end
     * (the percentiles of a calibration: the 11th of a million) it keeps the k + 1 extreme values seen in a heap, one
     * pass instead of a sort of the million (60 slots × 4 windows: most of an int8 head's compile time); else it
     * sorts a copy.
     */
    static float orderStatistic(float[] v, int k) {
        if (k < 0 || k >= v.length) {
            throw new IllegalArgumentException("order statistic " + k + " of " + v.length + " values");
        }
        int fromTop = v.length - 1 - k;
        if (Math.min(k, fromTop) >= HEAP_LIMIT) {
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            return sorted[k];
        }
        boolean low = k <= fromTop;
        int m = (low ? k : fromTop) + 1;
        // low: the m smallest in a max-heap (root: the largest of them); high: the m largest in a min-heap.
        // Float.compare orders values as Arrays.sort does (-0.0 before 0.0, NaN last).
        float[] heap = new float[m];
        int size = 0;
        for (float x : v) {
            if (size < m) {
                heap[size] = x;
                int i = size++;
                while (i > 0) {
                    int parent = (i - 1) / 2;
                    if (!before(heap[parent], heap[i], low)) {
                        break;
                    }
                    float t = heap[parent];
                    heap[parent] = heap[i];
                    heap[i] = t;
                    i = parent;
                }
            } else if (before(x, heap[0], low)) {
                heap[0] = x;
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    int r = l + 1;
                    int top = i;
                    if (l < m && before(heap[top], heap[l], low)) {
                        top = l;
                    }
                    if (r < m && before(heap[top], heap[r], low)) {
                        top = r;
                    }
                    if (top == i) {
                        break;
                    }
                    float t = heap[top];
                    heap[top] = heap[i];
                    heap[i] = t;
                    i = top;
                }
            }
        }
        return heap[0];
    }

    /** Heap order: for the low end, whether a sorts before b (so the root is the largest); for the high end, after. */
    private static boolean before(float a, float b, boolean low) {
        return low ? Float.compare(a, b) < 0 : Float.compare(a, b) > 0;
    }

    /** Up to this many extreme values are kept in a heap; further from both ends, a sort. */
    private static final int HEAP_LIMIT = 4096;

    private static float[] subsample(float[] v) {
        if (v.length <= SAMPLES) {
            return v.clone();
        }
        float[] s = new float[SAMPLES];
        double step = (double) v.length / SAMPLES;
        for (int i = 0; i < SAMPLES; i++) {
            s[i] = v[(int) (i * step)];
        }
        return s;
    }

    private static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
