package org.sensei4j.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A reliability diagram of a predicted cloud probability: pixels in equal-width probability bins, per bin the
 * mean predicted probability and the observed share of cloud, and the expected calibration error
 * {@code ECE = Σ_b (n_b / N) · |mean predicted_b − observed_b|} (a fraction, 0 = perfectly calibrated). Bins hold
 * {@code [b/B, (b+1)/B)}, the last one includes 1. Not thread-safe.
 */
public final class Reliability {

    /**
     * Bins used by evaluation and calibration: 15 (as in Guo et al. 2017, "On Calibration of Modern Neural Networks").
     */
    public static final int DEFAULT_BINS = 15;

    private final long[] count;
    private final long[] cloud;
    private final double[] sumP;

    public Reliability(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("a reliability diagram needs >= 1 bin, got " + bins);
        }
        count = new long[bins];
        cloud = new long[bins];
        sumP = new double[bins];
    }

    public Reliability() {
        this(DEFAULT_BINS);
    }

    /** Adds one pixel: predicted cloud probability {@code p} (NaN is skipped) and whether it is cloud. */
    public void add(double p, boolean isCloud) {
        if (Double.isNaN(p)) {
            return;
        }
        int b = bin(p);
        count[b]++;
        sumP[b] += p;
        if (isCloud) {
            cloud[b]++;
        }
    }

    /** Adds all of {@code other} (same number of bins). */
    public void add(Reliability other) {
        if (other.count.length != count.length) {
            throw new IllegalArgumentException("bins differ: " + count.length + " vs " + other.count.length);
        }
        for (int b = 0; b < count.length; b++) {
            count[b] += other.count[b];
            cloud[b] += other.cloud[b];
            sumP[b] += other.sumP[b];
        }
    }

    private int bin(double p) {
        int b = (int) Math.floor(p * count.length);
        return Math.max(0, Math.min(count.length - 1, b));
    }

    public int bins() {
        return count.length;
    }

    /** Pixels added. */
    public long pixels() {
        long n = 0;
        for (long c : count) {
            n += c;
        }
        return n;
    }

    /** Pixels in bin {@code b}. */
    public long count(int b) {
        return count[b];
    }

    /** Mean predicted probability of bin {@code b}, NaN when empty. */
    public double meanPredicted(int b) {
        return count[b] == 0 ? Double.NaN : sumP[b] / count[b];
    }

    /** Observed share of cloud in bin {@code b}, NaN when empty. */
    public double observed(int b) {
        return count[b] == 0 ? Double.NaN : (double) cloud[b] / count[b];
    }

    /** Expected calibration error (fraction), NaN without pixels. */
    public double ece() {
        long n = pixels();
        if (n == 0) {
            return Double.NaN;
        }
        double e = 0;
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                e += (double) count[b] / n * Math.abs(meanPredicted(b) - observed(b));
            }
        }
        return e;
    }

    /**
     * {@code {"bins": B, "pixels": N, "ece": E, "diagram": [{"lower", "upper", "pixels", "predicted", "observed"},
     * ...]}}
     * (empty bins have no predicted/observed).
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("bins", count.length);
        o.put("pixels", pixels());
        double e = ece();
        if (Double.isNaN(e)) {
            o.putNull("ece");
        } else {
            o.put("ece", e);
        }
        ArrayNode d = o.putArray("diagram");
        for (int b = 0; b < count.length; b++) {
            ObjectNode r = d.addObject();
            r.put("lower", (double) b / count.length);
            r.put("upper", (double) (b + 1) / count.length);
            r.put("pixels", count[b]);
            if (count[b] > 0) {
                r.put("predicted", meanPredicted(b));
                r.put("observed", observed(b));
            }
        }
        return o;
    }

    /** Reads {@link #toJson()} back (for reports). */
    public static Reliability fromJson(JsonNode o) {
        JsonNode d = o.path("diagram");
        Reliability r = new Reliability(d.size());
        for (int b = 0; b < d.size(); b++) {
            JsonNode row = d.get(b);
            long n = row.path("pixels").asLong();
            r.count[b] = n;
            if (n > 0) {
                r.sumP[b] = row.path("predicted").asDouble() * n;
                r.cloud[b] = Math.round(row.path("observed").asDouble() * n);
            }
        }
        return r;
    }
}
