package org.sensei4j.train.sample;

import static org.sensei4j.train.sample.BandSubsetConfig.probability;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Which augmentations {@link Augmenter} applies, each with its probability per sample and its strength. Values
 * are in SEnSeI's quantities (reflectance 0–1). JSON names are snake_case; a name left out of the JSON takes its
 * default. The defaults follow the published training code (flips, rotations, band scale ±5 % and offset ±0.05,
 * white noise σ 0.02, salt-and-pepper 0.2 % to 1.1 and 0), plus the paper's translations; artificial saturation,
 * which the authors suggest for Landsat 7, is off by default.
 *
 * @param horizontalFlipProbability {@code horizontal_flip_probability}, mirror left–right (default 0.5)
 * @param verticalFlipProbability   {@code vertical_flip_probability}, mirror top–bottom (default 0.5)
 * @param rotationProbability       {@code rotation_probability}, rotate by 90°, 180° or 270° (equally likely);
 *                                  default 0.75, so that all four orientations are equally likely
 * @param translationProbability    {@code translation_probability}, shift the image and labels (default 0.25)
 * @param maxTranslationPx          {@code max_translation_px}, largest shift in each direction, px (default 16)
 * @param translationFill           {@code translation_fill}, {@code edge} or {@code zero} for the uncovered
 *                                  values; their labels are NODATA (default edge)
 * @param bandScaleProbability      {@code band_scale_probability}, multiply each band by its own factor
 *                                  (default 0.5)
 * @param bandScaleRange            {@code band_scale_range}, factors uniform in [1 − r, 1 + r] (default 0.05)
 * @param bandOffsetProbability     {@code band_offset_probability}, add to each band its own offset (default 0.5)
 * @param bandOffsetRange           {@code band_offset_range}, offsets uniform in [−r, r] (default 0.05)
 * @param noiseProbability          {@code noise_probability}, add Gaussian white noise to every value
 *                                  (default 0.5)
 * @param noiseSigma                {@code noise_sigma}, its standard deviation (default 0.02)
 * @param saltPepperProbability     {@code salt_pepper_probability}, set random values to salt or pepper
 *                                  (default 0.5)
 * @param saltPepperFraction        {@code salt_pepper_fraction}, fraction of values (each band apart) hit, half
 *                                  salt and half pepper (default 0.002)
 * @param saltValue                 {@code salt_value} (default 1.1)
 * @param pepperValue               {@code pepper_value} (default 0)
 * @param saturationProbability     {@code saturation_probability}, clip a random subset of bands (1 to all) each
 *                                  at its own random ceiling, as a saturating sensor does (default 0)
 * @param saturationMinCeiling      {@code saturation_min_ceiling}, lowest ceiling (default 0.4)
 * @param saturationMaxCeiling      {@code saturation_max_ceiling}, highest ceiling (default 1.0)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RecordBuilder
public record AugmentationConfig(
        double horizontalFlipProbability,
        double verticalFlipProbability,
        double rotationProbability,
        double translationProbability,
        int maxTranslationPx,
        TranslationFill translationFill,
        double bandScaleProbability,
        double bandScaleRange,
        double bandOffsetProbability,
        double bandOffsetRange,
        double noiseProbability,
        double noiseSigma,
        double saltPepperProbability,
        double saltPepperFraction,
        double saltValue,
        double pepperValue,
        double saturationProbability,
        double saturationMinCeiling,
        double saturationMaxCeiling) {

    private static final AugmentationConfig DEFAULTS = new AugmentationConfig(
            0.5,
            0.5,
            0.75,
            0.25,
            16,
            TranslationFill.EDGE,
            0.5,
            0.05,
            0.5,
            0.05,
            0.5,
            0.02,
            0.5,
            0.002,
            1.1,
            0.0,
            0.0,
            0.4,
            1.0);

    private static final AugmentationConfig NONE =
            new AugmentationConfig(0, 0, 0, 0, 0, TranslationFill.EDGE, 0, 0, 0, 0, 0, 0, 0, 0, 1.1, 0.0, 0, 0.4, 1.0);

    public AugmentationConfig {
        probability(horizontalFlipProbability, "horizontal_flip_probability");
        probability(verticalFlipProbability, "vertical_flip_probability");
        probability(rotationProbability, "rotation_probability");
        probability(translationProbability, "translation_probability");
        probability(bandScaleProbability, "band_scale_probability");
        probability(bandOffsetProbability, "band_offset_probability");
        probability(noiseProbability, "noise_probability");
        probability(saltPepperProbability, "salt_pepper_probability");
        probability(saltPepperFraction, "salt_pepper_fraction");
        probability(saturationProbability, "saturation_probability");
        if (maxTranslationPx < 0) {
            throw new IllegalArgumentException("max_translation_px " + maxTranslationPx + " must be >= 0");
        }
        if (translationFill == null) {
            translationFill = TranslationFill.EDGE;
        }
        if (!(bandScaleRange >= 0 && bandScaleRange < 1)) {
            throw new IllegalArgumentException("band_scale_range " + bandScaleRange
                    + " must be in [0, 1): factors are drawn from [1 − r, 1 + r], e.g. 0.05");
        }
        nonNegative(bandOffsetRange, "band_offset_range");
        nonNegative(noiseSigma, "noise_sigma");
        finite(saltValue, "salt_value");
        finite(pepperValue, "pepper_value");
        finite(saturationMinCeiling, "saturation_min_ceiling");
        finite(saturationMaxCeiling, "saturation_max_ceiling");
        if (saturationMinCeiling > saturationMaxCeiling) {
            throw new IllegalArgumentException("saturation_min_ceiling " + saturationMinCeiling
                    + " is above saturation_max_ceiling " + saturationMaxCeiling + ": give min <= max");
        }
    }

    private static void nonNegative(double v, String name) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " " + v + " must be a finite number >= 0");
        }
    }

    private static void finite(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " " + v + " must be a finite number");
        }
    }

    /** The defaults listed above. */
    public static AugmentationConfig defaults() {
        return DEFAULTS;
    }

    /** No augmentation at all (strengths at their defaults, probabilities 0). */
    public static AugmentationConfig none() {
        return NONE;
    }

    /** Reads JSON; names left out take their defaults. */
    @JsonCreator
    static AugmentationConfig fromJson(
            @JsonProperty("horizontal_flip_probability") Double horizontalFlipProbability,
            @JsonProperty("vertical_flip_probability") Double verticalFlipProbability,
            @JsonProperty("rotation_probability") Double rotationProbability,
            @JsonProperty("translation_probability") Double translationProbability,
            @JsonProperty("max_translation_px") Integer maxTranslationPx,
            @JsonProperty("translation_fill") TranslationFill translationFill,
            @JsonProperty("band_scale_probability") Double bandScaleProbability,
            @JsonProperty("band_scale_range") Double bandScaleRange,
            @JsonProperty("band_offset_probability") Double bandOffsetProbability,
            @JsonProperty("band_offset_range") Double bandOffsetRange,
            @JsonProperty("noise_probability") Double noiseProbability,
            @JsonProperty("noise_sigma") Double noiseSigma,
            @JsonProperty("salt_pepper_probability") Double saltPepperProbability,
            @JsonProperty("salt_pepper_fraction") Double saltPepperFraction,
            @JsonProperty("salt_value") Double saltValue,
            @JsonProperty("pepper_value") Double pepperValue,
            @JsonProperty("saturation_probability") Double saturationProbability,
            @JsonProperty("saturation_min_ceiling") Double saturationMinCeiling,
            @JsonProperty("saturation_max_ceiling") Double saturationMaxCeiling) {
        AugmentationConfig d = DEFAULTS;
        return new AugmentationConfig(
                or(horizontalFlipProbability, d.horizontalFlipProbability),
                or(verticalFlipProbability, d.verticalFlipProbability),
                or(rotationProbability, d.rotationProbability),
                or(translationProbability, d.translationProbability),
                maxTranslationPx != null ? maxTranslationPx : d.maxTranslationPx,
                translationFill != null ? translationFill : d.translationFill,
                or(bandScaleProbability, d.bandScaleProbability),
                or(bandScaleRange, d.bandScaleRange),
                or(bandOffsetProbability, d.bandOffsetProbability),
                or(bandOffsetRange, d.bandOffsetRange),
                or(noiseProbability, d.noiseProbability),
                or(noiseSigma, d.noiseSigma),
                or(saltPepperProbability, d.saltPepperProbability),
                or(saltPepperFraction, d.saltPepperFraction),
                or(saltValue, d.saltValue),
                or(pepperValue, d.pepperValue),
                or(saturationProbability, d.saturationProbability),
                or(saturationMinCeiling, d.saturationMinCeiling),
                or(saturationMaxCeiling, d.saturationMaxCeiling));
    }

    private static double or(Double v, double fallback) {
        return v != null ? v : fallback;
    }

    /** This config with other flip probabilities. */
    public AugmentationConfig withFlips(double horizontal, double vertical) {
        return AugmentationConfigBuilder.builder(this)
                .horizontalFlipProbability(horizontal)
                .verticalFlipProbability(vertical)
                .build();
    }

    /** This config with another rotation probability. */
    public AugmentationConfig withRotation(double probability) {
        return AugmentationConfigBuilder.builder(this)
                .rotationProbability(probability)
                .build();
    }

    /** This config with other translation settings. */
    public AugmentationConfig withTranslation(double probability, int maxPx, TranslationFill fill) {
        return AugmentationConfigBuilder.builder(this)
                .translationProbability(probability)
                .maxTranslationPx(maxPx)
                .translationFill(fill)
                .build();
    }

    /** This config with other per-band scale and offset settings. */
    public AugmentationConfig withBandShifts(
            double scaleProbability, double scaleRange, double offsetProbability, double offsetRange) {
        return AugmentationConfigBuilder.builder(this)
                .bandScaleProbability(scaleProbability)
                .bandScaleRange(scaleRange)
                .bandOffsetProbability(offsetProbability)
                .bandOffsetRange(offsetRange)
                .build();
    }

    /** This config with other white-noise settings. */
    public AugmentationConfig withNoise(double probability, double sigma) {
        return AugmentationConfigBuilder.builder(this)
                .noiseProbability(probability)
                .noiseSigma(sigma)
                .build();
    }

    /** This config with other salt-and-pepper settings. */
    public AugmentationConfig withSaltAndPepper(double probability, double fraction, double salt, double pepper) {
        return AugmentationConfigBuilder.builder(this)
                .saltPepperProbability(probability)
                .saltPepperFraction(fraction)
                .saltValue(salt)
                .pepperValue(pepper)
                .build();
    }

    /** This config with other artificial-saturation settings. */
    public AugmentationConfig withSaturation(double probability, double minCeiling, double maxCeiling) {
        return AugmentationConfigBuilder.builder(this)
                .saturationProbability(probability)
                .saturationMinCeiling(minCeiling)
                .saturationMaxCeiling(maxCeiling)
                .build();
    }
}
