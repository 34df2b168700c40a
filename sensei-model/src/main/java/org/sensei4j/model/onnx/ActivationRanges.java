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
                Arrays.sort(all);
                int lo = (int) Math.floor((all.length - 1) * (100 - percentile) / 100);
                int hi = (int) Math.ceil((all.length - 1) * percentile / 100);
                ranges.set(s, new float[] {all[lo], all[hi]});
            }
        }
        return ranges;
    }

    /** Says how ranges were taken, e.g. "percentile 99.99" or "min/max". */
    public static String describe(double percentile) {
        return percentile >= 100 ? "min/max" : String.format(Locale.ROOT, "percentile %s", percentile);
    }

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
