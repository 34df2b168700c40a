package org.sensei4j.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.CirrusTest;
import org.sensei4j.model.cloud.SnowTest;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneWindow;

/**
 * Weighted sums of tile predictions for the rows of the current tile row and the rows it shares with the next
 * one; complete rows are turned into classes and handed to a {@link MaskSink}. Not thread-safe: callers lock.
 *
 * <p>With a calibration that smooths ({@link Calibration#smoothingWindow()} N &gt; 1), complete rows are calibrated
 * and held until the N / 2 rows below them are complete too; each pixel's cloud probability is then the mean of the
 * calibrated cloud probabilities of the valid pixels in the N × N window around it (clipped at the scene's edges),
 * and the classes within the cloud group and within the rest keep the pixel's own ratios. Nodata stays nodata and
 * is left out of its neighbours' means.
 *
 * <p>With a calibration that has a {@link CirrusTest}, each pixel's cirrus evidence (handed in with the tiles; the
 * same from every tile that covers the pixel) raises its calibrated, and where it smooths its smoothed, cloud
 * probability by {@link CirrusTest#fuse} just before the decision; the evidence itself is never averaged. With a
 * {@link SnowTest}, each pixel's snow evidence lowers its calibrated cloud probability by {@link SnowTest#lower}
 * before any smoothing, so a snowfield's probability does not spread to its neighbours.
 */
final class StripAccumulator {

    private final int width;
    private final int height;
    private final int capacity;
    private final int classes;
    private final float[] sum;
    private final float[] votes;
    private final float[] weight;
    private final boolean[] nodata;
    /** Cirrus evidence per buffer pixel (0: none), or null when the calibration has no cirrus test. */
    private final float[] cirrus;
    /** Snow evidence per buffer pixel (0: none), or null when the calibration has no snow test. */
    private final float[] snow;

    private final Calibration calibration;
    /** The model's shadow and clear classes where the calibration decides shadow by its threshold, else -1. */
    private final int shadowClass;

    private final int clearClass;
    /** Which classes of the model's scheme are cloud ({@link Calibration#cloudClasses}), or null without one. */
    private final boolean[] modelCloud;
    /** Helpers for the per-pixel work of {@link #emit}, or null. */
    private final ForkJoinPool pool;

    private int start;
    /** Smoothing radius N / 2 (0: none); the rest of the fields below are for smoothing only. */
    private final int radius;
    /** Calibrated probabilities of the held rows [heldStart, heldStart + heldRows), K planes of heldCapacity rows. */
    private float[] held;

    private float[] heldCloud;
    private boolean[] heldValid;
    private float[] heldDis;
    private float[] heldCirrus;
    private int heldCapacity;
    private int heldStart;
    private int heldRows;
    /** Rows handed to the sink so far. */
    private int emitted;

    /**
     * @param calibration applied to each pixel's blended probabilities before they are handed out and decided, or
     *                    null
     * @param modelScheme the model's scheme (which classes are cloud, for the calibration)
     * @param pool        where the rows of a strip are calibrated, smoothed and decided in parallel with the calling
     *                    thread, or null: on the calling thread alone
     */
    StripAccumulator(
            int width,
            int height,
            int capacity,
            int classes,
            boolean withVotes,
            Calibration calibration,
            ClassScheme modelScheme,
            ForkJoinPool pool) {
        this.width = width;
        this.height = height;
        this.capacity = capacity;
        this.classes = classes;
        this.sum = new float[classes * capacity * width];
        this.votes = withVotes ? new float[classes * capacity * width] : null;
        this.weight = new float[capacity * width];
        this.nodata = new boolean[capacity * width];
        this.cirrus = calibration != null && calibration.cirrusTest() != null ? new float[capacity * width] : null;
        this.snow = calibration != null && calibration.snowTest() != null ? new float[capacity * width] : null;
        this.calibration = calibration;
        this.modelCloud = modelScheme == null ? null : Calibration.cloudClasses(modelScheme);
        this.pool = pool;
        boolean shadowByThreshold = calibration != null && calibration.shadowThreshold() != null && modelScheme != null;
        this.shadowClass = shadowByThreshold ? modelScheme.indexOf(ClassKind.SHADOW) : -1;
        this.clearClass = shadowByThreshold ? modelScheme.indexOf(ClassKind.CLEAR) : -1;
        this.start = 0;
        this.radius = calibration == null ? 0 : calibration.smoothingWindow() / 2;
        if (radius > 0) {
            heldCapacity = capacity + 2 * radius;
            held = new float[classes * heldCapacity * width];
            heldCloud = new float[heldCapacity * width];
            heldValid = new boolean[heldCapacity * width];
            heldDis = withVotes ? new float[heldCapacity * width] : null;
            heldCirrus = cirrus != null ? new float[heldCapacity * width] : null;
        }
    }

    /** Moves the buffer so that it starts at row {@code origin}, keeping rows already accumulated there. */
    void startRow(int origin) {
        int shift = origin - start;
        if (shift < 0) {
            throw new IllegalStateException("tile rows must go down the scene");
        }
        if (shift == 0) {
            return;
        }
        int keep = Math.max(0, capacity - shift);
        int plane = capacity * width;
        for (int c = 0; c < classes; c++) {
            shiftPlane(sum, c * plane, shift, keep);
            if (votes != null) {
                shiftPlane(votes, c * plane, shift, keep);
            }
        }
        shiftPlane(weight, 0, shift, keep);
        if (cirrus != null) {
            shiftPlane(cirrus, 0, shift, keep);
        }
        if (snow != null) {
            shiftPlane(snow, 0, shift, keep);
        }
        System.arraycopy(nodata, Math.min(shift, capacity) * width, nodata, 0, keep * width);
        Arrays.fill(nodata, keep * width, plane, false);
        start = origin;
    }

    private void shiftPlane(float[] a, int offset, int shift, int keep) {
        if (keep > 0) {
            System.arraycopy(a, offset + shift * width, a, offset, keep * width);
        }
        Arrays.fill(a, offset + keep * width, offset + capacity * width, 0f);
    }

    void markNodata(PixelWindow win) {
        for (int y = 0; y < win.height(); y++) {
            int row = win.y() + y - start;
            Arrays.fill(nodata, row * width + win.x(), row * width + win.x() + win.width(), true);
        }
    }

    /**
     * @param probs   K × h × w mean probabilities of the tile
     * @param members per ensemble member K × h × w probabilities, or null
     * @param evidence h × w cirrus evidence ({@link CirrusTest#evidence}) of the tile, or null: none
     * @param snowEvidence h × w snow evidence ({@link SnowTest#evidence}) of the tile, or null: none
     */
    void add(
            PixelWindow win,
            float[] probs,
            float[][] members,
            float[] w,
            byte[] invalid,
            float[] evidence,
            float[] snowEvidence) {
        int plane = capacity * width;
        int tilePixels = win.width() * win.height();
        for (int y = 0; y < win.height(); y++) {
            int row = win.y() + y - start;
            for (int x = 0; x < win.width(); x++) {
                int t = y * win.width() + x;
                int a = row * width + win.x() + x;
                if (invalid[t] == SceneWindow.NODATA) {
                    nodata[a] = true;
                    continue;
                }
                float wt = w[t];
                weight[a] += wt;
                if (cirrus != null && evidence != null) {
                    cirrus[a] = Math.max(cirrus[a], evidence[t]);
                }
                if (snow != null && snowEvidence != null) {
                    snow[a] = Math.max(snow[a], snowEvidence[t]);
                }
                for (int c = 0; c < classes; c++) {
                    sum[c * plane + a] += wt * probs[c * tilePixels + t];
                }
                if (votes != null) {
                    for (float[] m : members) {
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (m[c * tilePixels + t] > m[best * tilePixels + t]) {
                                best = c;
                            }
                        }
                        votes[best * plane + a] += wt;
                    }
                }
            }
        }
    }

    /**
     * Emits rows [start, end) as classes (through {@code table} to the output scheme) and, when the sink wants them,
     * probabilities.
     */
    void emit(int end, double threshold, ClassScheme scheme, int[] table, MaskSink sink) {
        if (radius > 0) {
            emitSmoothed(end, threshold, scheme, table, sink);
            return;
        }
        int rows = end - start;
        if (rows <= 0) {
            return;
        }
        int n = rows * width;
        byte[] cls = new byte[n];
        float[] probs = sink.wantsProbabilities() ? new float[classes * n] : null;
        float[] dis = votes != null ? new float[n] : null;
        Decision decision = new Decision(threshold, scheme, table);
        inParallel(rows, (from, to) -> {
            float[] p = new float[classes];
            for (int i = from * width; i < to * width; i++) {
                float wt = weight[i];
                boolean valid = !nodata[i] && wt > 0;
                if (valid) {
                    blended(i, wt, p);
                    if (cirrus != null) {
                        raiseByCirrus(p, cirrus[i]);
                    }
                }
                put(valid ? p : null, i, n, cls, probs, decision);
                if (dis != null) {
                    dis[i] = valid ? disagreement(i) : Float.NaN;
                }
            }
        });
        sink.strip(start, rows, width, cls, probs, dis);
    }

    /** A body run on rows [from, to) of a range. */
    @FunctionalInterface
    private interface Rows {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over rows [0, rows) in chunks: on the pool's threads and this one, or all on this one
     * without a pool. The chunks write disjoint pixels; each takes its own scratch arrays.
     */
    private void inParallel(int rows, Rows body) {
        int chunks = pool == null ? 1 : Math.min(rows, 2 * (pool.getParallelism() + 1));
        if (chunks <= 1) {
            body.run(0, rows);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks - 1);
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            tasks.add(pool.submit(() -> body.run(from, to)));
        }
        body.run(0, rows / chunks);
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    /**
     * How a strip's pixels are decided: the threshold (NaN: most probable class), the output table, and which classes
     * of the scheme decided in are cloud.
     */
    private record Decision(double threshold, int[] table, boolean[] cloud) {
        Decision(double threshold, ClassScheme scheme, int[] table) {
            this(threshold, table, Calibration.cloudClasses(scheme));
        }
    }

    /**
     * Writes pixel {@code o} of a strip of {@code n} pixels: its class and, when the sink wants them, probabilities;
     * nodata when {@code p} is null.
     */
    private void put(float[] p, int o, int n, byte[] cls, float[] probs, Decision decision) {
        if (probs != null) {
            for (int c = 0; c < classes; c++) {
                probs[c * n + o] = p == null ? Float.NaN : p[c];
            }
        }
        cls[o] = p == null ? (byte) ClassScheme.NODATA : (byte) decision.table()[decide(p, decision)];
    }

    /** Buffer pixel {@code i}'s blended probabilities (weight {@code wt} &gt; 0), calibrated when there is one. */
    private void blended(int i, float wt, float[] p) {
        int plane = capacity * width;
        for (int c = 0; c < classes; c++) {
            p[c] = sum[c * plane + i] / wt;
        }
        if (calibration != null) {
            calibration.apply(p, modelCloud);
        }
        if (snow != null && snow[i] > 0) {
            float cloud = Calibration.cloudSum(p, modelCloud);
            Calibration.setCloud(p, SnowTest.lower(cloud, snow[i]), modelCloud);
        }
    }

    /** Raises the (calibrated) cloud probability of {@code p} by cirrus evidence {@code e} (0: no change). */
    private void raiseByCirrus(float[] p, float e) {
        if (e > 0) {
            float cloud = Calibration.cloudSum(p, modelCloud);
            Calibration.setCloud(p, CirrusTest.fuse(cloud, e), modelCloud);
        }
    }

    /** The ensemble members' disagreement at buffer pixel {@code i}: 1 − the winning class's share of the votes. */
    private float disagreement(int i) {
        int plane = capacity * width;
        float total = 0;
        float max = 0;
        for (int c = 0; c < classes; c++) {
            float v = votes[c * plane + i];
            total += v;
            max = Math.max(max, v);
        }
        return total > 0 ? 1f - max / total : 0f;
    }

    /**
     * Calibrates rows [start, end) into the held rows, then decides and emits the held rows whose N × N windows are
     * complete: up to {@code end - radius}, or all when {@code end} is the scene's last row.
     */
    private void emitSmoothed(int end, double threshold, ClassScheme scheme, int[] table, MaskSink sink) {
        int rows = end - start;
        if (rows > 0) {
            hold(rows);
        }
        int ready = end >= height ? height : end - radius;
        if (ready <= emitted) {
            return;
        }
        int n = (ready - emitted) * width;
        int heldPlane = heldCapacity * width;
        byte[] cls = new byte[n];
        float[] probs = sink.wantsProbabilities() ? new float[classes * n] : null;
        float[] dis = votes != null ? new float[n] : null;
        Decision decision = new Decision(threshold, scheme, table);
        int first = emitted;
        inParallel(ready - emitted, (from, to) -> {
            float[] p = new float[classes];
            float[] columnSum = new float[width];
            int[] columnCount = new int[width];
            for (int y = first + from; y < first + to; y++) {
                // per column, the valid pixels' cloud probabilities of rows y - radius .. y + radius held
                Arrays.fill(columnSum, 0f);
                Arrays.fill(columnCount, 0);
                int top = Math.max(heldStart, y - radius);
                int bottom = Math.min(heldStart + heldRows, y + radius + 1);
                for (int r = top; r < bottom; r++) {
                    int base = (r - heldStart) * width;
                    for (int x = 0; x < width; x++) {
                        if (heldValid[base + x]) {
                            columnSum[x] += heldCloud[base + x];
                            columnCount[x]++;
                        }
                    }
                }
                int base = (y - heldStart) * width;
                int out = (y - first) * width;
                float windowSum = 0;
                int windowCount = 0;
                for (int x = 0; x < Math.min(radius, width); x++) {
                    windowSum += columnSum[x];
                    windowCount += columnCount[x];
                }
                for (int x = 0; x < width; x++) {
                    int enter = x + radius;
                    if (enter < width) {
                        windowSum += columnSum[enter];
                        windowCount += columnCount[enter];
                    }
                    int leave = x - radius - 1;
                    if (leave >= 0) {
                        windowSum -= columnSum[leave];
                        windowCount -= columnCount[leave];
                    }
                    int h = base + x;
                    int o = out + x;
                    if (dis != null) {
                        dis[o] = heldValid[h] ? heldDis[h] : Float.NaN;
                    }
                    if (heldValid[h]) {
                        for (int c = 0; c < classes; c++) {
                            p[c] = held[c * heldPlane + h];
                        }
                        Calibration.setCloud(p, windowSum / windowCount, modelCloud);
                        if (heldCirrus != null) {
                            raiseByCirrus(p, heldCirrus[h]);
                        }
                    }
                    put(heldValid[h] ? p : null, o, n, cls, probs, decision);
                }
            }
        });
        sink.strip(emitted, ready - emitted, width, cls, probs, dis);
        emitted = ready;
    }

    /** Calibrates the accumulated rows [start, start + rows) into the held rows, dropping those no longer needed. */
    private void hold(int rows) {
        int heldPlane = heldCapacity * width;
        int keepFrom = Math.max(heldStart, emitted - radius);
        int drop = keepFrom - heldStart;
        if (drop > 0) {
            int keep = heldRows - drop;
            for (int c = 0; c < classes; c++) {
                System.arraycopy(held, c * heldPlane + drop * width, held, c * heldPlane, keep * width);
            }
            System.arraycopy(heldCloud, drop * width, heldCloud, 0, keep * width);
            System.arraycopy(heldValid, drop * width, heldValid, 0, keep * width);
            if (heldDis != null) {
                System.arraycopy(heldDis, drop * width, heldDis, 0, keep * width);
            }
            if (heldCirrus != null) {
                System.arraycopy(heldCirrus, drop * width, heldCirrus, 0, keep * width);
            }
            heldStart = keepFrom;
            heldRows = keep;
        }
        if (start != heldStart + heldRows || heldRows + rows > heldCapacity) {
            throw new IllegalStateException("rows must be emitted in order, at most a tile row at a time");
        }
        int heldBase = heldRows * width;
        inParallel(rows, (from, to) -> {
            float[] p = new float[classes];
            for (int i = from * width; i < to * width; i++) {
                int h = heldBase + i;
                float wt = weight[i];
                heldValid[h] = !nodata[i] && wt > 0;
                if (heldCirrus != null) {
                    heldCirrus[h] = cirrus[i];
                }
                if (!heldValid[h]) {
                    continue;
                }
                blended(i, wt, p);
                for (int c = 0; c < classes; c++) {
                    held[c * heldPlane + h] = p[c];
                }
                heldCloud[h] = Calibration.cloudSum(p, modelCloud);
                if (heldDis != null) {
                    heldDis[h] = disagreement(i);
                }
            }
        });
        heldRows += rows;
    }

    /** The class of one pixel's probabilities {@code p}: the most probable, or by summed cloud probability. */
    private int decide(float[] p, Decision decision) {
        if (Double.isNaN(decision.threshold())) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            return best;
        }
        boolean[] cloud = decision.cloud();
        boolean wantCloud = Calibration.cloudSum(p, cloud) >= decision.threshold();
        if (!wantCloud && shadowClass >= 0) {
            return Calibration.isShadow(p[clearClass], p[shadowClass], calibration.shadowThreshold())
                    ? shadowClass
                    : clearClass;
        }
        int best = -1;
        for (int c = 0; c < classes; c++) {
            if (cloud[c] == wantCloud && (best < 0 || p[c] > p[best])) {
                best = c;
            }
        }
        return best;
    }

    int height() {
        return height;
    }
}
