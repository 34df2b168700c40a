package org.sensei4j.model.cloud;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.SpectralSlot;

/**
 * How a model's probabilities are turned into decisions, fitted after training on labelled validation pixels
 * ({@code sensei calibrate}); stored in a bundle's {@code model.json} under {@code spec.calibration}. A bundle
 * without it decides as before (most probable class, or {@code --threshold}).
 *
 * <p>The map acts on the cloud-vs-rest log-odds: with {@code p} the summed probability of the cloud classes, the
 * calibrated cloud probability is {@code σ(logit(p) / T + b)}: temperature scaling ({@link #TEMPERATURE}, b = 0) or
 * temperature with a bias, i.e. Platt scaling ({@link #TEMPERATURE_BIAS}). For a two-class model and b = 0 this is
 * exactly softmax temperature scaling of its logits; for more classes the cloud classes are scaled together by
 * {@code p'/p} and the others by {@code (1-p')/(1-p)}, so the classes within each group keep their ratios. The
 * log-odds are clamped to those of [1e-7, 1 - 1e-7]. It is applied to the (tile-blended, ensemble-averaged)
 * probabilities in the decision
 * step, so it acts identically in every inference path. It is monotone in {@code p}: it changes no ranking, only
 * what the probabilities say; the decision changes through {@link #cloudThreshold()}.
 *
 * @param method         {@link #TEMPERATURE} or {@link #TEMPERATURE_BIAS}
 * @param temperature    T &gt; 0 (1: no change; &gt; 1 softens, &lt; 1 sharpens)
 * @param bias           b, added to the scaled log-odds (0 for {@link #TEMPERATURE}; &gt; 0 raises the cloud
 *                       probability)
 * @param cloudThreshold a pixel is cloud when its calibrated cloud probability is &gt;= this (0 &lt; t &lt; 1)
 * @param thresholdRule  how the threshold was chosen, in words
 * @param pool           the validation pixels it was fitted on, one entry per source (and band set)
 * @param eceBefore      expected calibration error of the cloud probability on the pool before (fraction, 15 bins,
 *                       mean over sources)
 * @param eceAfter       the same after calibration
 * @param created        ISO-8601 date-time of the fit
 * @param gitCommit      commit of sensei4j that fitted it
 * @param smoothing      side N (odd, 1 to {@link #MAX_SMOOTHING}) of the window over which the calibrated cloud
 *                       probability is averaged before the decision, over the valid pixels of the N × N window
 *                       around each pixel; null (absent from the JSON, as in bundles written before it) or 1: none
 * @param cirrusTest     the 1.38 µm cirrus test that raises the cloud probability where a cirrus band shows high ice
 *                       cloud, applied after the smoothing; null (absent from the JSON, as in bundles written before
 *                       it): none
 * @param snowTest       the snow test that lowers the cloud probability where green and SWIR 1.6 µm say snow, applied
 *                       to each pixel before the smoothing; null (absent from the JSON): none
 * @param int8Check      how the model's int8 masks compared with its fp32 masks on the pool
 *                       ({@code sensei calibrate --int8-check}), which lets {@link Precision#AUTO} run it in int8;
 *                       null (absent from the JSON): not checked, fp32 by default
 * @param shadowThreshold for a scheme with a shadow class: a pixel not called cloud is shadow when shadow's share of
 *                       its non-cloud probability, {@code p(shadow) / (p(shadow) + p(clear))}, is &gt;= this
 *                       (0 &lt; t &lt; 1; fitted on the pool's shadow labels by {@code sensei calibrate}); null (absent
 *                       from the JSON): the more probable of the two, as before. Calibration, smoothing and the
 *                       tests scale clear and shadow together, so the share is the model's own. It applies only to
 *                       scenes with a near-infrared band ({@link #shadowThresholdApplies}); without one, shadow is
 *                       the more probable class: with red, green and blue alone no threshold kept shadow precision
 *                       above 40% on the ukis scene (docs/model-experiments.md, session 14)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Calibration(
        @JsonProperty("method") String method,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("bias") double bias,
        @JsonProperty("cloud_threshold") double cloudThreshold,
        @JsonProperty("threshold_rule") String thresholdRule,
        @JsonProperty("pool") List<PoolSource> pool,
        @JsonProperty("ece_before") Double eceBefore,
        @JsonProperty("ece_after") Double eceAfter,
        @JsonProperty("created") String created,
        @JsonProperty("git_commit") String gitCommit,
        @JsonProperty("smoothing") Integer smoothing,
        @JsonProperty("cirrus_test") CirrusTest cirrusTest,
        @JsonProperty("snow_test") SnowTest snowTest,
        @JsonProperty("int8_check") Int8Check int8Check,
        @JsonProperty("shadow_threshold") Double shadowThreshold) {

    /** Temperature scaling of the cloud log-odds: {@code σ(logit(p) / T)}. */
    public static final String TEMPERATURE = "temperature";

    /** Temperature and bias (Platt scaling) of the cloud log-odds: {@code σ(logit(p) / T + b)}. */
    public static final String TEMPERATURE_BIAS = "temperature-bias";

    /** Probabilities are clamped to [EPS, 1 - EPS] before taking log-odds. */
    public static final double EPS = 1e-7;

    /** The largest smoothing window side. */
    public static final int MAX_SMOOTHING = 15;

    /**
     * One source of the validation pool.
     *
     * @param name        data set, image or scene name, with the band set
     * @param pixels      labelled pixels of the source
     * @param cloudPixels of them labelled cloud
     * @param sampled     pixels used to fit the temperature
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PoolSource(
            @JsonProperty("name") String name,
            @JsonProperty("pixels") long pixels,
            @JsonProperty("cloud_pixels") long cloudPixels,
            @JsonProperty("sampled") long sampled) {}

    public Calibration {
        if (!TEMPERATURE.equals(method) && !TEMPERATURE_BIAS.equals(method)) {
            throw new SenseiException("calibration method '" + method + "' is not known: this sensei4j applies '"
                    + TEMPERATURE + "' and '" + TEMPERATURE_BIAS + "'");
        }
        if (!Double.isFinite(bias) || (TEMPERATURE.equals(method) && bias != 0)) {
            throw new SenseiException(
                    "calibration bias must be finite, and 0 for method '" + TEMPERATURE + "', got " + bias);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new SenseiException("calibration temperature must be > 0, got " + temperature);
        }
        if (!(cloudThreshold > 0 && cloudThreshold < 1)) {
            throw new SenseiException(
                    "calibration cloud_threshold must be between 0 and 1 (exclusive), got " + cloudThreshold);
        }
        if (smoothing != null) {
            requireSmoothingWindow(smoothing, "smoothing");
        }
        if (shadowThreshold != null && !(shadowThreshold > 0 && shadowThreshold < 1)) {
            throw new SenseiException("calibration shadow_threshold must be between 0 and 1 (exclusive), got "
                    + shadowThreshold + ": refit with sensei calibrate, or remove it to decide shadow by the more "
                    + "probable class");
        }
        pool = pool == null ? List.of() : List.copyOf(pool);
    }

    /** A calibration without a cirrus or snow test or an int8 check. */
    public Calibration(
            String method,
            double temperature,
            double bias,
            double cloudThreshold,
            String thresholdRule,
            List<PoolSource> pool,
            Double eceBefore,
            Double eceAfter,
            String created,
            String gitCommit,
            Integer smoothing) {
        this(
                method,
                temperature,
                bias,
                cloudThreshold,
                thresholdRule,
                pool,
                eceBefore,
                eceAfter,
                created,
                gitCommit,
                smoothing,
                null,
                null,
                null,
                null);
    }

    /**
     * Checks a smoothing window side: odd, 1 to {@link #MAX_SMOOTHING}.
     *
     * @param name how the value was given, e.g. {@code smoothing} or {@code --smoothing}, to begin the message
     * @throws SenseiException naming what is allowed
     */
    public static void requireSmoothingWindow(int n, String name) {
        if (n < 1 || n > MAX_SMOOTHING || n % 2 == 0) {
            throw new SenseiException(name + " must be an odd window side from 1 to " + MAX_SMOOTHING + " pixels, got "
                    + n + " (3 averages each pixel with its 8 neighbours)");
        }
    }

    /** Per scheme, which classes are cloud ({@link ClassScheme#isCloud}), looked up once for the per-pixel paths. */
    private static final Map<ClassScheme, boolean[]> CLOUD_CLASSES = new EnumMap<>(ClassScheme.class);

    static {
        for (ClassScheme s : ClassScheme.values()) {
            CLOUD_CLASSES.put(s, cloudClasses(s));
        }
    }

    /** Which classes of {@code scheme} are cloud, one flag per class (a new array). */
    public static boolean[] cloudClasses(ClassScheme scheme) {
        boolean[] cloud = new boolean[scheme.classCount()];
        for (int c = 0; c < cloud.length; c++) {
            cloud[c] = scheme.isCloud(c);
        }
        return cloud;
    }

    /** The summed probability of the cloud classes of one pixel's probabilities {@code p}. */
    public static float cloudSum(float[] p, ClassScheme scheme) {
        return cloudSum(p, CLOUD_CLASSES.get(scheme));
    }

    /** As {@link #cloudSum(float[], ClassScheme)} with the scheme's {@link #cloudClasses}. */
    public static float cloudSum(float[] p, boolean[] cloudClasses) {
        float cloud = 0;
        for (int c = 0; c < p.length; c++) {
            if (cloudClasses[c]) {
                cloud += p[c];
            }
        }
        return cloud;
    }

    /** The smoothing window side: 1 (no smoothing) when absent. */
    @JsonIgnore
    public int smoothingWindow() {
        return smoothing == null ? 1 : smoothing;
    }

    /** This calibration with smoothing window side {@code n} (1: none, stored as absent). */
    public Calibration withSmoothing(int n) {
        return with(n == 1 ? null : n, cirrusTest, snowTest, int8Check, shadowThreshold);
    }

    /** This calibration with cirrus test {@code test} (null: none). */
    public Calibration withCirrusTest(CirrusTest test) {
        return with(smoothing, test, snowTest, int8Check, shadowThreshold);
    }

    /** This calibration with snow test {@code test} (null: none). */
    public Calibration withSnowTest(SnowTest test) {
        return with(smoothing, cirrusTest, test, int8Check, shadowThreshold);
    }

    /** This calibration with int8 check {@code check} (null: none). */
    public Calibration withInt8Check(Int8Check check) {
        return with(smoothing, cirrusTest, snowTest, check, shadowThreshold);
    }

    /** This calibration with shadow threshold {@code t} (null: shadow by the more probable class). */
    public Calibration withShadowThreshold(Double t) {
        return with(smoothing, cirrusTest, snowTest, int8Check, t);
    }

    private Calibration with(
            Integer smoothing, CirrusTest cirrusTest, SnowTest snowTest, Int8Check int8Check, Double shadowThreshold) {
        return new Calibration(
                method,
                temperature,
                bias,
                cloudThreshold,
                thresholdRule,
                pool,
                eceBefore,
                eceAfter,
                created,
                gitCommit,
                smoothing,
                cirrusTest,
                snowTest,
                int8Check,
                shadowThreshold);
    }

    /** True when the map changes nothing (T = 1, b = 0). */
    @JsonIgnore
    public boolean isIdentity() {
        return temperature == 1.0 && bias == 0.0;
    }

    /** The calibrated cloud probability of a raw cloud probability {@code p}: {@code σ(logit(p) / T + b)}. */
    public double cloud(double p) {
        if (isIdentity() || Double.isNaN(p)) {
            return p;
        }
        return sigmoid(logit(p) / temperature + bias);
    }

    /** The log-odds of {@code p} clamped to [{@link #EPS}, 1 - EPS]. */
    public static double logit(double p) {
        double q = Math.min(1 - EPS, Math.max(EPS, p));
        return Math.log(q / (1 - q));
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /**
     * Calibrates one pixel's class probabilities in place.
     *
     * @param p      the K probabilities of the model's scheme
     * @param scheme the model's scheme (which classes are cloud)
     */
    public void apply(float[] p, ClassScheme scheme) {
        apply(p, CLOUD_CLASSES.get(scheme));
    }

    /** As {@link #apply(float[], ClassScheme)} with the scheme's {@link #cloudClasses}. */
    public void apply(float[] p, boolean[] cloudClasses) {
        if (isIdentity()) {
            return;
        }
        float cloud = cloudSum(p, cloudClasses);
        if (Float.isNaN(cloud)) {
            return;
        }
        setCloud(p, cloud(cloud), cloudClasses);
    }

    /**
     * Sets one pixel's summed cloud probability to {@code q} in place: the cloud classes are scaled together by
     * {@code q / cloud} and the others by {@code (1 - q) / (1 - cloud)}, so the classes within each group keep their
     * ratios; a group with no probability gets its share evenly.
     *
     * @param p      the K probabilities of the model's scheme
     * @param q      the new summed probability of the cloud classes
     * @param scheme the model's scheme (which classes are cloud)
     */
    public static void setCloud(float[] p, double q, ClassScheme scheme) {
        setCloud(p, q, CLOUD_CLASSES.get(scheme));
    }

    /** As {@link #setCloud(float[], double, ClassScheme)} with the scheme's {@link #cloudClasses}. */
    public static void setCloud(float[] p, double q, boolean[] cloudClasses) {
        float cloud = 0;
        int cloudCount = 0;
        for (int c = 0; c < p.length; c++) {
            if (cloudClasses[c]) {
                cloud += p[c];
                cloudCount++;
            }
        }
        int restClasses = p.length - cloudCount;
        for (int c = 0; c < p.length; c++) {
            if (cloudClasses[c]) {
                p[c] = (float) (cloud > 0 ? p[c] * q / cloud : q / cloudCount);
            } else {
                p[c] = (float) (cloud < 1 ? p[c] * (1 - q) / (1 - cloud) : (1 - q) / restClasses);
            }
        }
    }

    /**
     * Whether a pixel not called cloud is shadow: with a {@link #shadowThreshold()}, when shadow's share of the
     * non-cloud probability reaches it; without, when shadow is the more probable (ties: clear).
     *
     * @param clear  the pixel's clear probability
     * @param shadow the pixel's shadow probability
     */
    public static boolean isShadow(float clear, float shadow, Double shadowThreshold) {
        if (shadowThreshold == null) {
            return shadow > clear;
        }
        double rest = (double) clear + shadow;
        return rest > 0 && shadow >= shadowThreshold * rest;
    }

    /** Whether a {@link #shadowThreshold()} applies to a scene with {@code bands}: when one is near infrared. */
    public static boolean shadowThresholdApplies(List<Band> bands) {
        return SpectralSlot.NIR.find(bands) >= 0;
    }

    /** Pixels in the pool. */
    @JsonIgnore
    public long poolPixels() {
        return pool.stream().mapToLong(PoolSource::pixels).sum();
    }
}
