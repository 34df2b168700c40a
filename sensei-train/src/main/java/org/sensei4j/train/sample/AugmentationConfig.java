package org.sensei4j.train.sample;

import static java.util.Objects.requireNonNullElse;
import static org.sensei4j.train.sample.BandSubsetConfig.probability;

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
        Double horizontalFlipProbability,
        Double verticalFlipProbability,
        Double rotationProbability,
        Double translationProbability,
        Integer maxTranslationPx,
        TranslationFill translationFill,
        Double bandScaleProbability,
        Double bandScaleRange,
        Double bandOffsetProbability,
        Double bandOffsetRange,
        Double noiseProbability,
        Double noiseSigma,
        Double saltPepperProbability,
        Double saltPepperFraction,
        Double saltValue,
        Double pepperValue,
        Double saturationProbability,
        Double saturationMinCeiling,
        Double saturationMaxCeiling) {

    private static final AugmentationConfig DEFAULTS =
            AugmentationConfigBuilder.builder().build();

    private static final AugmentationConfig NONE = new AugmentationConfig(
            0.0, 0.0, 0.0, 0.0, 0, null, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, null, null, 0.0, null, null);

    /** Null components (names left out of the JSON) take the defaults listed above. */
    public AugmentationConfig {
        horizontalFlipProbability = probability(horizontalFlipProbability, 0.5, "horizontal_flip_probability");
        verticalFlipProbability = probability(verticalFlipProbability, 0.5, "vertical_flip_probability");
        rotationProbability = probability(rotationProbability, 0.75, "rotation_probability");
        translationProbability = probability(translationProbability, 0.25, "translation_probability");
        bandScaleProbability = probability(bandScaleProbability, 0.5, "band_scale_probability");
        bandOffsetProbability = probability(bandOffsetProbability, 0.5, "band_offset_probability");
        noiseProbability = probability(noiseProbability, 0.5, "noise_probability");
        saltPepperProbability = probability(saltPepperProbability, 0.5, "salt_pepper_probability");
        saltPepperFraction = probability(saltPepperFraction, 0.002, "salt_pepper_fraction");
        saturationProbability = probability(saturationProbability, 0.0, "saturation_probability");
        maxTranslationPx = requireNonNullElse(maxTranslationPx, 16);
        if (maxTranslationPx < 0) {
            throw new IllegalArgumentException("max_translation_px " + maxTranslationPx + " must be >= 0");
        }
        translationFill = requireNonNullElse(translationFill, TranslationFill.EDGE);
        bandScaleRange = requireNonNullElse(bandScaleRange, 0.05);
        if (!(bandScaleRange >= 0 && bandScaleRange < 1)) {
            throw new IllegalArgumentException("band_scale_range " + bandScaleRange
                    + " must be in [0, 1): factors are drawn from [1 − r, 1 + r], e.g. 0.05");
        }
        bandOffsetRange = nonNegative(bandOffsetRange, 0.05, "band_offset_range");
        noiseSigma = nonNegative(noiseSigma, 0.02, "noise_sigma");
        saltValue = finite(saltValue, 1.1, "salt_value");
        pepperValue = finite(pepperValue, 0.0, "pepper_value");
        saturationMinCeiling = finite(saturationMinCeiling, 0.4, "saturation_min_ceiling");
        saturationMaxCeiling = finite(saturationMaxCeiling, 1.0, "saturation_max_ceiling");
        if (saturationMinCeiling > saturationMaxCeiling) {
            throw new IllegalArgumentException("saturation_min_ceiling " + saturationMinCeiling
                    + " is above saturation_max_ceiling " + saturationMaxCeiling + ": give min <= max");
        }
    }

    private static double nonNegative(Double v, double fallback, String name) {
        double d = requireNonNullElse(v, fallback);
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(name + " " + d + " must be a finite number >= 0");
        }
        return d;
    }

    private static double finite(Double v, double fallback, String name) {
        double d = requireNonNullElse(v, fallback);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(name + " " + d + " must be a finite number");
        }
        return d;
    }

    /** The defaults listed above. */
    public static AugmentationConfig defaults() {
        return DEFAULTS;
    }

    /** No augmentation at all (strengths at their defaults, probabilities 0). */
    public static AugmentationConfig none() {
        return NONE;
    }
}
