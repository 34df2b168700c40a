package org.sensei4j.train.segmentation;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.sensei4j.error.SenseiException;

/**
 * Validation of a {@link TrainConfig} ({@code validation:}). The validation data are the held-out parts of the
 * training data sets (see {@link DatasetConfig}), or, when {@code datasets} is given, all scenes of those data
 * sets. They are cut into a grid of {@code tile_size} tiles, once, before training; at most {@code max_patches}
 * of them (a seeded random choice) are kept. SEnSeI models see every band of a tile (or the fixed bands when the
 * config has {@code fixed_bands}); fixed-band models their bands.
 *
 * @param everyEpochs         {@code every_epochs}: validate after every n-th epoch and after the last
 *                            (default 1)
 * @param tileSize            {@code tile_size}, side of the validation tiles, px (default: the config's
 *                            {@code crop_size}; tiles larger than a held-out region are shrunk to fit it)
 * @param maxPatches          {@code max_patches}: at most this many tiles (default 64)
 * @param minLabelledFraction {@code min_labelled_fraction}: tiles with fewer labelled pixels are left out
 *                            (default 0.1)
 * @param datasets            data sets validated on whole, instead of the held-out parts (default none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ValidationConfig(
        Integer everyEpochs,
        Integer tileSize,
        Integer maxPatches,
        Double minLabelledFraction,
        List<DatasetConfig> datasets) {

    public static final int DEFAULT_MAX_PATCHES = 64;
    public static final double DEFAULT_MIN_LABELLED_FRACTION = 0.1;

    /** Null components (names left out of the JSON) take their defaults; a null {@code tileSize} stays null. */
    public ValidationConfig {
        everyEpochs = requireNonNullElse(everyEpochs, 1);
        if (everyEpochs < 1) {
            throw new SenseiException("validation.every_epochs must be >= 1, got " + everyEpochs);
        }
        if (tileSize != null && tileSize < 8) {
            throw new SenseiException("validation.tile_size must be >= 8 px, got " + tileSize);
        }
        maxPatches = requireNonNullElse(maxPatches, DEFAULT_MAX_PATCHES);
        if (maxPatches < 1) {
            throw new SenseiException("validation.max_patches must be >= 1, got " + maxPatches);
        }
        minLabelledFraction = requireNonNullElse(minLabelledFraction, DEFAULT_MIN_LABELLED_FRACTION);
        if (!(minLabelledFraction >= 0 && minLabelledFraction <= 1)) {
            throw new SenseiException("validation.min_labelled_fraction must be in [0, 1], got " + minLabelledFraction);
        }
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
    }

    public static ValidationConfig defaults() {
        return new ValidationConfig(null, null, null, null, null);
    }
}
