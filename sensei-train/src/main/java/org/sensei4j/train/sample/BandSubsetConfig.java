package org.sensei4j.train.sample;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * How {@link BandSubsetter} picks random bands for SEnSeI models. JSON names are snake_case; a name left out of
 * the JSON takes its default.
 *
 * @param minBands                       {@code min_bands}, fewest bands in a sample (default 3, as the paper)
 * @param maxBands                       {@code max_bands}, most bands in a sample; 0 means all the sample has
 *                                       (default 0)
 * @param syntheticBandProbability       {@code synthetic_band_probability}, chance that a sample gets a
 *                                       synthetic band made by averaging bands adjacent in wavelength (default 0,
 *                                       off, as the paper's published runs)
 * @param syntheticBandRepeatProbability {@code synthetic_band_repeat_probability}, chance of each further
 *                                       synthetic band once one is made (default 0.5)
 * @param maxSyntheticBands              {@code max_synthetic_bands}, most synthetic bands per sample (default 3)
 * @param maxMergedBands                 {@code max_merged_bands}, most input bands averaged into one synthetic
 *                                       band; at least 2 (default 3)
 * @param maxMergeGap                    {@code max_merge_gap}, largest gap between the upper limit of a band and
 *                                       the lower limit of the next one for them to be merged, in normalised
 *                                       descriptor units {@code log10(λ − 300) − 2} (default 0.1: neighbouring
 *                                       visible and red-edge bands and the two Landsat 8 thermal bands merge,
 *                                       SWIR 1 and SWIR 2 do not)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RecordBuilder
public record BandSubsetConfig(
        Integer minBands,
        Integer maxBands,
        Double syntheticBandProbability,
        Double syntheticBandRepeatProbability,
        Integer maxSyntheticBands,
        Integer maxMergedBands,
        Double maxMergeGap) {

    public static final int DEFAULT_MIN_BANDS = 3;
    public static final int DEFAULT_MAX_SYNTHETIC_BANDS = 3;
    public static final double DEFAULT_SYNTHETIC_BAND_REPEAT_PROBABILITY = 0.5;
    public static final int DEFAULT_MAX_MERGED_BANDS = 3;
    public static final double DEFAULT_MAX_MERGE_GAP = 0.1;

    /** Null components (names left out of the JSON) take their defaults. */
    public BandSubsetConfig {
        minBands = requireNonNullElse(minBands, DEFAULT_MIN_BANDS);
        maxBands = requireNonNullElse(maxBands, 0);
        maxSyntheticBands = requireNonNullElse(maxSyntheticBands, DEFAULT_MAX_SYNTHETIC_BANDS);
        maxMergedBands = requireNonNullElse(maxMergedBands, DEFAULT_MAX_MERGED_BANDS);
        maxMergeGap = requireNonNullElse(maxMergeGap, DEFAULT_MAX_MERGE_GAP);
        if (minBands < 1) {
            throw new IllegalArgumentException("min_bands " + minBands + " must be >= 1 (the paper uses 3)");
        }
        if (maxBands != 0 && maxBands < minBands) {
            throw new IllegalArgumentException("max_bands " + maxBands + " is below min_bands " + minBands
                    + ": give max_bands >= min_bands, or 0 for all bands");
        }
        syntheticBandProbability = probability(syntheticBandProbability, 0.0, "synthetic_band_probability");
        syntheticBandRepeatProbability = probability(
                syntheticBandRepeatProbability,
                DEFAULT_SYNTHETIC_BAND_REPEAT_PROBABILITY,
                "synthetic_band_repeat_probability");
        if (maxSyntheticBands < 0) {
            throw new IllegalArgumentException("max_synthetic_bands " + maxSyntheticBands + " must be >= 0");
        }
        if (maxMergedBands < 2) {
            throw new IllegalArgumentException("max_merged_bands " + maxMergedBands
                    + " must be >= 2: a synthetic band averages at least two bands");
        }
        if (!(maxMergeGap >= 0) || Double.isInfinite(maxMergeGap)) {
            throw new IllegalArgumentException("max_merge_gap " + maxMergeGap
                    + " must be a finite number >= 0 (normalised descriptor units), e.g. 0.1");
        }
    }

    /** {@code p}, or {@code fallback} when null, checked to be a probability; {@code name} begins the message. */
    static double probability(Double p, double fallback, String name) {
        double v = requireNonNullElse(p, fallback);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " " + v + " is not a probability: give a number in [0, 1]");
        }
        return v;
    }

    /** The paper's scheme: 3 to all bands, no synthetic bands. */
    public static BandSubsetConfig defaults() {
        return range(DEFAULT_MIN_BANDS, 0);
    }

    /** {@code min} to {@code max} bands (0 = all), no synthetic bands. */
    public static BandSubsetConfig range(int min, int max) {
        return new BandSubsetConfig(min, max, null, null, null, null, null);
    }

    /** This config with synthetic bands made with the given probabilities and limits. */
    public BandSubsetConfig withSyntheticBands(
            double probability, double repeatProbability, int maxSynthetic, int maxMerged) {
        return BandSubsetConfigBuilder.builder(this)
                .syntheticBandProbability(probability)
                .syntheticBandRepeatProbability(repeatProbability)
                .maxSyntheticBands(maxSynthetic)
                .maxMergedBands(maxMerged)
                .build();
    }

    /** This config with another {@code max_merge_gap}. */
    public BandSubsetConfig withMaxMergeGap(double gap) {
        return BandSubsetConfigBuilder.builder(this).maxMergeGap(gap).build();
    }
}
