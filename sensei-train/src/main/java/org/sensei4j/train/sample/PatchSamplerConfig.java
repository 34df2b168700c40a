package org.sensei4j.train.sample;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How {@link PatchSampler} cuts samples from scenes. JSON names are snake_case; a name left out of the JSON
 * takes its default.
 *
 * @param patchSize           {@code patch_size}, side of the patch taken from a scene, px (default 263, the
 *                            paper's saved patches); a scene smaller than this is used whole
 * @param cropSize            {@code crop_size}, side of the sample cropped at random inside the patch, px
 *                            (default 257, the paper's model input)
 * @param minLabelledFraction {@code min_labelled_fraction}, samples with a smaller fraction of labelled pixels
 *                            (not NODATA, image data present) are skipped (default 0.5)
 * @param maxAttempts         {@code max_attempts}, random windows tried per scene before giving up on it
 *                            (default 20)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PatchSamplerConfig(Integer patchSize, Integer cropSize, Double minLabelledFraction, Integer maxAttempts) {

    public static final int DEFAULT_PATCH_SIZE = 263;
    public static final int DEFAULT_CROP_SIZE = 257;
    public static final double DEFAULT_MIN_LABELLED_FRACTION = 0.5;
    public static final int DEFAULT_MAX_ATTEMPTS = 20;

    /** Null components (names left out of the JSON) take their defaults. */
    public PatchSamplerConfig {
        patchSize = requireNonNullElse(patchSize, DEFAULT_PATCH_SIZE);
        cropSize = requireNonNullElse(cropSize, DEFAULT_CROP_SIZE);
        minLabelledFraction = requireNonNullElse(minLabelledFraction, DEFAULT_MIN_LABELLED_FRACTION);
        maxAttempts = requireNonNullElse(maxAttempts, DEFAULT_MAX_ATTEMPTS);
        if (cropSize <= 0) {
            throw new IllegalArgumentException("crop_size " + cropSize + " px is not positive: give e.g. 257");
        }
        if (patchSize < cropSize) {
            throw new IllegalArgumentException("patch_size " + patchSize + " px is smaller than crop_size " + cropSize
                    + " px: give patch_size >= crop_size (the paper crops 257 from 263)");
        }
        if (!(minLabelledFraction >= 0 && minLabelledFraction <= 1)) {
            throw new IllegalArgumentException(
                    "min_labelled_fraction " + minLabelledFraction + " is not in [0, 1]: give e.g. 0.5");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts " + maxAttempts + " must be >= 1");
        }
    }

    /** The paper's scheme: 257 px crops from 263 px patches, at least half labelled, 20 attempts. */
    public static PatchSamplerConfig defaults() {
        return new PatchSamplerConfig(
                DEFAULT_PATCH_SIZE, DEFAULT_CROP_SIZE, DEFAULT_MIN_LABELLED_FRACTION, DEFAULT_MAX_ATTEMPTS);
    }

    /** Patches and crops of one size (random windows of {@code size} px straight from the scene). */
    public static PatchSamplerConfig windows(int size, double minLabelledFraction) {
        return new PatchSamplerConfig(size, size, minLabelledFraction, DEFAULT_MAX_ATTEMPTS);
    }
}
