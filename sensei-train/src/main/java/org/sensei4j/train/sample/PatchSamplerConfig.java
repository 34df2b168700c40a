package org.sensei4j.train.sample;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

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
public record PatchSamplerConfig(
        @JsonProperty("patch_size") int patchSize,
        @JsonProperty("crop_size") int cropSize,
        @JsonProperty("min_labelled_fraction") double minLabelledFraction,
        @JsonProperty("max_attempts") int maxAttempts) {

    public static final int DEFAULT_PATCH_SIZE = 263;
    public static final int DEFAULT_CROP_SIZE = 257;
    public static final double DEFAULT_MIN_LABELLED_FRACTION = 0.5;
    public static final int DEFAULT_MAX_ATTEMPTS = 20;

    public PatchSamplerConfig {
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

    /** Reads JSON; names left out take their defaults. */
    @JsonCreator
    static PatchSamplerConfig fromJson(
            @JsonProperty("patch_size") Integer patchSize,
            @JsonProperty("crop_size") Integer cropSize,
            @JsonProperty("min_labelled_fraction") Double minLabelledFraction,
            @JsonProperty("max_attempts") Integer maxAttempts) {
        return new PatchSamplerConfig(
                patchSize != null ? patchSize : DEFAULT_PATCH_SIZE,
                cropSize != null ? cropSize : DEFAULT_CROP_SIZE,
                minLabelledFraction != null ? minLabelledFraction : DEFAULT_MIN_LABELLED_FRACTION,
                maxAttempts != null ? maxAttempts : DEFAULT_MAX_ATTEMPTS);
    }

    /** Patches and crops of one size (random windows of {@code size} px straight from the scene). */
    public static PatchSamplerConfig windows(int size, double minLabelledFraction) {
        return new PatchSamplerConfig(size, size, minLabelledFraction, DEFAULT_MAX_ATTEMPTS);
    }
}
