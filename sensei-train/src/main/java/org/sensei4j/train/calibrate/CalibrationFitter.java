package org.sensei4j.train.calibrate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sensei4j.error.SenseiException;
import org.sensei4j.metrics.Reliability;
import org.sensei4j.model.bundle.GitCommit;
import org.sensei4j.model.cloud.Calibration;

/**
 * Fits a {@link Calibration} on a {@link CalibrationPool}, in plain Java:
 * <ol>
 *   <li><b>Map.</b> The parameters minimise the mean over sources of each source's mean negative log-likelihood of
 *       its cloud-vs-rest labels, on a seeded random sample of at most {@code samplePerSource} pixels per source:
 *       for {@link Calibration#TEMPERATURE} T of {@code σ(logit(p) / T)} by golden-section search on log T over
 *       [1/20, 20]; for {@link Calibration#TEMPERATURE_BIAS} T and b of {@code σ(logit(p) / T + b)} by Newton's
 *       method on (1/T, b) (a logistic regression on the log-odds: convex), with step halving.</li>
 *   <li><b>Threshold.</b> On all pixels, calibrated: the threshold t of the grid 0.01, 0.02, ..., 0.99 that maximises
 *       the mean over sources of the source's balanced accuracy (cloud when calibrated p ≥ t), where a source's
 *       balanced accuracy is the mean recall of the classes (cloud, not cloud) present in it: a clear-sky source
 *       counts with its share of pixels called clear; among the thresholds that call at most a given share (2%) of
 *       each clear-sky source cloud. Ties go to the t nearest 0.5 (then the lower).</li>
 * </ol>
 * Averaging over sources keeps one large source from deciding alone.
 */
public final class CalibrationFitter {

    /** Lower and upper end of the temperature search. */
    public static final double MIN_T = 0.05;

    public static final double MAX_T = 20;

    /** Candidate thresholds: {@code j / 100} for j = 1..99. */
    public static final int GRID = 100;

    /** Default for the largest share of a clear-sky source's pixels the threshold may call cloud. */
    public static final double DEFAULT_MAX_CLEAR_SKY_FALSE_CLOUD = 0.02;

    private CalibrationFitter() {}

    /** A fitted map (bias 0 for temperature scaling) with the pixels per source it was fitted on. */
    public record Fit(double temperature, double bias, long[] sampled) {}

    /**
     * Fits the temperature on a sample of each source.
     *
     * @throws SenseiException when the pool has no labelled pixel
     */
    public static Fit fitMap(CalibrationPool pool, String method, int samplePerSource, long seed) {
        List<double[]> z = new ArrayList<>();
        List<boolean[]> y = new ArrayList<>();
        long[] sampled = new long[pool.sources().size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < pool.sources().size(); s++) {
            CalibrationPool.Source src = pool.sources().get(s);
            int n = src.size();
            int m = Math.min(n, samplePerSource);
            int[] idx = sample(n, m, random);
            double[] zs = new double[m];
            boolean[] ys = new boolean[m];
            for (int i = 0; i < m; i++) {
                zs[i] = logit(src.probability(idx[i]));
                ys[i] = src.isCloud(idx[i]);
            }
            sampled[s] = m;
            if (m > 0) {
                z.add(zs);
                y.add(ys);
            }
        }
        if (z.isEmpty()) {
            throw new SenseiException("the calibration pool has no labelled pixel: give data with labels");
        }
        if (Calibration.TEMPERATURE.equals(method)) {
            return new Fit(minimiseTemperature(z, y), 0, sampled);
        }
        if (Calibration.TEMPERATURE_BIAS.equals(method)) {
            double[] ab = minimiseScaleBias(z, y);
            if (!(ab[0] > 0)) {
                throw new SenseiException("the fitted map reverses the ranking (scale " + ab[0] + " <= 0): the model's "
                        + "cloud probability does not rank this pool's pixels; check the labels and --mask-codes");
            }
            return new Fit(1 / ab[0], ab[1], sampled);
        }
        throw new SenseiException("unknown calibration method '" + method + "': use " + Calibration.TEMPERATURE + " or "
                + Calibration.TEMPERATURE_BIAS);
    }

    /** (a, b) minimising the source-averaged NLL of labels {@code y} under σ(a z + b): Newton with step halving. */
    static double[] minimiseScaleBias(List<double[]> z, List<boolean[]> y) {
        double a = 1;
        double b = 0;
        double f = nll(z, y, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int s = 0; s < z.size(); s++) {
                double[] zs = z.get(s);
                boolean[] ys = y.get(s);
                double w = 1.0 / (zs.length * z.size());
                for (int i = 0; i < zs.length; i++) {
                    double p = Calibration.sigmoid(a * zs[i] + b);
                    double r = p - (ys[i] ? 1 : 0);
                    double v = p * (1 - p);
                    ga += w * r * zs[i];
                    gb += w * r;
                    haa += w * v * zs[i] * zs[i];
                    hab += w * v * zs[i];
                    hbb += w * v;
                }
            }
            double det = haa * hbb - hab * hab;
            double da;
            double db;
            if (det > 1e-12) {
                da = -(hbb * ga - hab * gb) / det;
                db = -(-hab * ga + haa * gb) / det;
            } else {
                da = -ga;
                db = -gb;
            }
            double step = 1;
            double fn = nll(z, y, a + da, b + db);
            while (fn > f && step > 1e-6) {
                step /= 2;
                fn = nll(z, y, a + step * da, b + step * db);
            }
            if (fn > f) {
                break;
            }
            a += step * da;
            b += step * db;
            boolean done = f - fn < 1e-12 && Math.abs(step * da) < 1e-9 && Math.abs(step * db) < 1e-9;
            f = fn;
            if (done) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /** The T in [MIN_T, MAX_T] minimising the source-averaged NLL of labels {@code y} under σ(z / T). */
    static double minimiseTemperature(List<double[]> z, List<boolean[]> y) {
        double a = Math.log(MIN_T);
        double b = Math.log(MAX_T);
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double fc = nll(z, y, Math.exp(c));
        double fd = nll(z, y, Math.exp(d));
        while (b - a > 1e-6) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = nll(z, y, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = nll(z, y, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Mean over sources of the mean binary negative log-likelihood under σ(z / t). */
    static double nll(List<double[]> z, List<boolean[]> y, double t) {
        return nll(z, y, 1 / t, 0);
    }

    /** Mean over sources of the mean binary negative log-likelihood under σ(a z + b). */
    static double nll(List<double[]> z, List<boolean[]> y, double a, double b) {
        double total = 0;
        for (int s = 0; s < z.size(); s++) {
            double[] zs = z.get(s);
            boolean[] ys = y.get(s);
            double sum = 0;
            for (int i = 0; i < zs.length; i++) {
                double m = ys[i] ? a * zs[i] + b : -(a * zs[i] + b); // log-likelihood = -softplus(-m)
                sum += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
            }
            total += sum / zs.length;
        }
        return total / z.size();
    }

    static double logit(double p) {
        return Calibration.logit(p);
    }

    /** {@code m} distinct indices of [0, n), in increasing order (all of them when m == n). */
    private static int[] sample(int n, int m, SplittableRandom random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (m == n) {
            return all;
        }
        for (int i = 0; i < m; i++) { // partial Fisher-Yates
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, m);
        Arrays.sort(out);
        return out;
    }

    /**
     * One source's counts at every grid threshold {@code j / 100} (j = 1..99).
     *
     * @param clouds     pixels labelled cloud
     * @param rest       pixels labelled not cloud
     * @param cloudAbove per j, cloud pixels called cloud (calibrated p &gt;= j / 100)
     * @param restAbove  per j, not-cloud pixels called cloud
     */
    public record Curve(String source, long clouds, long rest, long[] cloudAbove, long[] restAbove) {

        /** Balanced accuracy at threshold j: the mean recall of the classes present (NaN for an empty source). */
        public double balancedAccuracy(int j) {
            double recallCloud = (double) cloudAbove[j] / clouds;
            double recallRest = (double) (rest - restAbove[j]) / rest;
            return clouds == 0 ? recallRest : rest == 0 ? recallCloud : (recallCloud + recallRest) / 2;
        }

        /** Share of not-cloud pixels called cloud at threshold j (NaN without such pixels). */
        public double falseCloud(int j) {
            return rest == 0 ? Double.NaN : (double) restAbove[j] / rest;
        }

        /** Whether the source has no cloud pixel (a clear-sky scene). */
        public boolean isClearSky() {
            return clouds == 0 && rest > 0;
        }
    }

    /** Every source's {@link Curve} under {@code calibration} (null: raw probabilities); empty sources left out. */
    public static List<Curve> curves(CalibrationPool pool, Calibration calibration) {
        List<Curve> out = new ArrayList<>();
        for (CalibrationPool.Source src : pool.sources()) {
            // hist[k]: pixels whose calibrated p reaches thresholds 1..k (p >= k/100) but not k+1
            long[] cloudHist = new long[GRID];
            long[] restHist = new long[GRID];
            long clouds = 0;
            long rest = 0;
            for (int i = 0; i < src.size(); i++) {
                double p = calibration == null ? src.probability(i) : calibration.cloud(src.probability(i));
                int k = reached(p);
                if (src.isCloud(i)) {
                    cloudHist[k]++;
                    clouds++;
                } else {
                    restHist[k]++;
                    rest++;
                }
            }
            if (clouds + rest == 0) {
                continue;
            }
            long[] cloudAbove = new long[GRID];
            long[] restAbove = new long[GRID];
            long c = 0;
            long r = 0;
            for (int j = GRID - 1; j >= 1; j--) {
                c += cloudHist[j];
                r += restHist[j];
                cloudAbove[j] = c;
                restAbove[j] = r;
            }
            out.add(new Curve(src.name(), clouds, rest, cloudAbove, restAbove));
        }
        return out;
    }

    /**
     * Per grid threshold {@code j / 100} (index j = 1..99; 0 unused) the mean over sources of balanced accuracy.
     *
     * @throws SenseiException when the pool has no labelled pixel
     */
    public static double[] thresholdScores(List<Curve> curves) {
        if (curves.isEmpty()) {
            throw new SenseiException("the calibration pool has no labelled pixel: give data with labels");
        }
        double[] score = new double[GRID];
        for (int j = 1; j < GRID; j++) {
            for (Curve c : curves) {
                score[j] += c.balancedAccuracy(j);
            }
            score[j] /= curves.size();
        }
        return score;
    }

    /**
     * The threshold rule ({@link #thresholdRule}) on the pool's pixels mapped by {@code calibration} (null: raw).
     *
     * @param maxClearSkyFalseCloud the largest share of a clear-sky source's pixels that may be called cloud (e.g.
     *                              0.02); 1 for no limit
     * @throws SenseiException when the pool has no labelled pixel
     */
    public static double chooseThreshold(CalibrationPool pool, Calibration calibration, double maxClearSkyFalseCloud) {
        return chooseThreshold(curves(pool, calibration), maxClearSkyFalseCloud);
    }

    /** {@link #chooseThreshold(CalibrationPool, Calibration, double)} on curves already counted. */
    public static double chooseThreshold(List<Curve> curves, double maxClearSkyFalseCloud) {
        double[] score = thresholdScores(curves);
        int best = -1;
        for (int j = 1; j < GRID; j++) {
            boolean allowed = true;
            for (Curve c : curves) {
                if (c.isClearSky() && c.falseCloud(j) > maxClearSkyFalseCloud) {
                    allowed = false;
                }
            }
            if (!allowed) {
                continue;
            }
            if (best < 0
                    || score[j] > score[best]
                    || (score[j] == score[best] && Math.abs(j - GRID / 2) < Math.abs(best - GRID / 2))) {
                best = j;
            }
        }
        // no threshold keeps the clear-sky sources clear enough: the one calling the fewest pixels cloud
        return best < 0 ? (double) (GRID - 1) / GRID : (double) best / GRID;
    }

    /** The threshold rule in words, for the bundle. */
    public static String thresholdRule(double maxClearSkyFalseCloud) {
        return String.format(
                Locale.ROOT,
                "the threshold of 0.01, 0.02, ..., 0.99 maximising the mean over "
                        + "pool sources of balanced accuracy (cloud vs rest, calibrated probability >= t; a source "
                        + "with one "
                        + "class counts with that class's recall), among those calling at most %.4g%% of each "
                        + "clear-sky source "
                        + "(no cloud pixel) cloud; ties to the one nearest 0.5",
                100 * maxClearSkyFalseCloud);
    }

    /** The largest k in 0..99 with k / 100 <= p (the decision compares p >= threshold in double). */
    static int reached(double p) {
        int k = (int) Math.max(0, Math.min(GRID - 1, Math.floor(p * GRID)));
        while (k > 0 && (double) k / GRID > p) {
            k--;
        }
        while (k < GRID - 1 && (double) (k + 1) / GRID <= p) {
            k++;
        }
        return k;
    }

    /** Mean over sources of the expected calibration error ({@link Reliability}, 15 bins) under {@code calibration}. */
    public static double meanEce(CalibrationPool pool, Calibration calibration) {
        double sum = 0;
        int used = 0;
        for (CalibrationPool.Source src : pool.sources()) {
            Reliability r = reliability(src, calibration);
            if (r.pixels() > 0) {
                sum += r.ece();
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /** A source's reliability diagram under {@code calibration} (null: raw). */
    public static Reliability reliability(CalibrationPool.Source src, Calibration calibration) {
        Reliability r = new Reliability();
        for (int i = 0; i < src.size(); i++) {
            double p = src.probability(i);
            r.add(calibration == null ? p : calibration.cloud(p), src.isCloud(i));
        }
        return r;
    }

    /**
     * Fits the map and the threshold and records the pool: the whole calibration.
     *
     * @param method                {@link Calibration#TEMPERATURE} or {@link Calibration#TEMPERATURE_BIAS}
     * @param samplePerSource       pixels per source for the map (e.g. 200,000)
     * @param maxClearSkyFalseCloud see {@link #chooseThreshold(CalibrationPool, Calibration, double)}
     */
    public static Calibration fit(
            CalibrationPool pool, String method, int samplePerSource, long seed, double maxClearSkyFalseCloud) {
        Fit fit = fitMap(pool, method, samplePerSource, seed);
        double t = Math.round(fit.temperature() * 1e4) / 1e4;
        double b = Math.round(fit.bias() * 1e4) / 1e4;
        Calibration provisional = new Calibration(method, t, b, 0.5, null, null, null, null, null, null, null);
        double threshold = chooseThreshold(pool, provisional, maxClearSkyFalseCloud);
        List<Calibration.PoolSource> sources = new ArrayList<>();
        for (int s = 0; s < pool.sources().size(); s++) {
            CalibrationPool.Source src = pool.sources().get(s);
            sources.add(new Calibration.PoolSource(src.name(), src.size(), src.cloudPixels(), fit.sampled()[s]));
        }
        return new Calibration(
                method,
                t,
                b,
                threshold,
                thresholdRule(maxClearSkyFalseCloud),
                sources,
                round6(meanEce(pool, null)),
                round6(meanEce(pool, provisional)),
                OffsetDateTime.now().withNano(0).toString(),
                GitCommit.current(),
                null);
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
