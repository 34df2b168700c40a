package org.sensei4j.train.segmentation;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sensei4j.dataset.Split;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.dataset.DatasetTypes;

/**
 * One training data set of a {@link TrainConfig} ({@code datasets:} list entry), with what of it is held out for
 * validation. JSON/YAML names are snake_case.
 *
 * <p>Training scenes: those of {@code train_split} (default {@code train} when the data set has a split, from
 * {@code split_dir} or its own layout, else {@code all}), restricted to {@code scenes} when given, without
 * {@code hold_out_scenes}, the first {@code max_scenes} of them. Validation data: the scenes of
 * {@code validation_split} (default {@code valid} when the data set has a split and trains on {@code train},
 * else {@code none}), the {@code hold_out_scenes}, and the bottom {@code hold_out_bottom} fraction of the rows of
 * every training scene (whose top part alone is then trained on).
 *
 * @param type             {@code catalogue}, {@code sparcs}, {@code biome}, {@code l7-irish}, {@code cloudperu2},
 *                         {@code 38-cloud}, {@code cloudsen12}, {@code eo4ai}, {@code ukis}, {@code on-cloud-n},
 *                         {@code image} (one labelled image: {@code path}, {@code mask}, {@code sensor}, ...) or
 *                         {@code synthetic}
 * @param path             the data set's folder (or, for {@code ukis}, one {@code .npz} file; for {@code image},
 *                         the image); none for synthetic
 * @param name             label in logs and provenance (default: the type)
 * @param weight           relative share of the training samples (default 1)
 * @param splitDir         {@code split_dir}: folder of {@code train.csv}/{@code valid.csv}/{@code test.csv} scene
 *                         lists replacing the data set's own split
 * @param trainSplit       {@code train_split}: {@code train}, {@code valid}, {@code test} or {@code all}
 * @param validationSplit  {@code validation_split}: {@code valid}, {@code test}, {@code train} or {@code none}
 * @param holdOutScenes    {@code hold_out_scenes}: scene ids kept out of training and validated on
 * @param holdOutBottom    {@code hold_out_bottom}: fraction in [0, 1) of each training scene's rows, at the
 *                         bottom, kept for validation (default 0)
 * @param scenes           only these scene ids (default: all)
 * @param maxScenes        {@code max_scenes}: at most this many training scenes, the first in scene order
 * @param maxOpen          {@code max_open}: scenes kept in memory at once while sampling (default 8)
 * @param sensors          synthetic only: sensors whose bands the scenes are rendered through, taken in turn
 * @param sceneCount       synthetic only: {@code scene_count}, number of scenes (ids {@code <sensor>-NNN})
 * @param size             synthetic only: scene side, px
 * @param seed             synthetic only: seed of the scenes (default: derived from the run's seed)
 * @param spectraDir       synthetic only: {@code spectra_dir}, folder of measured spectra and refractive indices
 *                         (e.g. {@code ../shared/data/spectra}); scenes are then rendered from measured spectra
 *                         and cloud optics with truth by {@link org.sensei4j.classes.LabelConvention} (default:
 *                         none, the legacy rendering). {@code sensors} may name {@code virtual}: a random sensor
 *                         drawn per scene
 * @param mask             image only: the mask GeoTIFF on the image's grid ({@code path} is then the image: any
 *                         input {@code sensei mask} reads)
 * @param maskCodes        image only: {@code mask_codes}, what the mask's values mean, e.g. {@code ukis-csmask} or
 *                         {@code clear=0;cloud=1} (see {@link org.sensei4j.classes.ClassCodeMapping#of}); default:
 *                         the config's class scheme numbers, 255 = nodata
 * @param sensor           image only: the sensor whose bands the image holds (registry id)
 * @param bands            image only: the image's bands in file order, band ids of {@code sensor} (default: the
 *                         sensor's bands as the reader matches them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RecordBuilder
public record DatasetConfig(
        String type,
        String path,
        String name,
        Double weight,
        String splitDir,
        String trainSplit,
        String validationSplit,
        List<String> holdOutScenes,
        Double holdOutBottom,
        List<String> scenes,
        Integer maxScenes,
        Integer maxOpen,
        List<String> sensors,
        Integer sceneCount,
        Integer size,
        Long seed,
        String spectraDir,
        String mask,
        String maskCodes,
        String sensor,
        List<String> bands) {

    /** The data set types, as written in configs. */
    public static final List<String> TYPES = Stream.concat(
                    DatasetTypes.names().stream(), Stream.of("image", "synthetic"))
            .toList();

    /** {@code train_split: all}: every scene not held out trains, whatever its split. */
    public static final String ALL = "all";
    /** {@code validation_split: none}: no validation scenes from this data set. */
    public static final String NONE = "none";
    /** Accepted {@code train_split} values: a {@link Split} id or {@link #ALL}. */
    public static final List<String> TRAIN_SPLITS =
            List.of(Split.TRAIN.id(), Split.VALIDATION.id(), Split.TEST.id(), ALL);
    /** Accepted {@code validation_split} values: a {@link Split} id or {@link #NONE}. */
    public static final List<String> VALIDATION_SPLITS =
            List.of(Split.VALIDATION.id(), Split.TEST.id(), Split.TRAIN.id(), NONE);

    public static final int DEFAULT_MAX_OPEN = 8;

    /** Null {@code weight}, {@code hold_out_bottom} and {@code max_open} (left out of the JSON) take their defaults. */
    public DatasetConfig {
        if (type == null || type.isBlank()) {
            throw new SenseiException("a data set has no type: give one of " + TYPES);
        }
        type = DatasetTypes.canonical(type).orElse(type.strip().toLowerCase(Locale.ROOT));
        if (!TYPES.contains(type)) {
            throw new SenseiException("unknown data set type '" + type + "': use one of " + TYPES);
        }
        if (name == null || name.isBlank()) {
            name = type;
        }
        weight = requireNonNullElse(weight, 1.0);
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new SenseiException("data set " + name + ": weight " + weight + " must be a positive number "
                    + "(weights are relative, e.g. 0.7 and 0.3)");
        }
        if (trainSplit != null && !TRAIN_SPLITS.contains(trainSplit)) {
            throw new SenseiException(
                    "data set " + name + ": train_split '" + trainSplit + "' is not one of " + TRAIN_SPLITS);
        }
        if (validationSplit != null && !VALIDATION_SPLITS.contains(validationSplit)) {
            throw new SenseiException("data set " + name + ": validation_split '" + validationSplit + "' is not one of "
                    + VALIDATION_SPLITS);
        }
        holdOutBottom = requireNonNullElse(holdOutBottom, 0.0);
        if (!(holdOutBottom >= 0 && holdOutBottom < 1)) {
            throw new SenseiException("data set " + name + ": hold_out_bottom " + holdOutBottom
                    + " must be a fraction in [0, 1), e.g. 0.25 for the bottom quarter of each scene");
        }
        if (maxScenes != null && maxScenes < 1) {
            throw new SenseiException("data set " + name + ": max_scenes " + maxScenes + " must be >= 1");
        }
        maxOpen = requireNonNullElse(maxOpen, DEFAULT_MAX_OPEN);
        if (maxOpen < 1) {
            throw new SenseiException("data set " + name + ": max_open " + maxOpen + " must be >= 1");
        }
        holdOutScenes = holdOutScenes == null ? List.of() : List.copyOf(holdOutScenes);
        scenes = scenes == null ? null : List.copyOf(scenes);
        bands = bands == null ? null : List.copyOf(bands);
        if ("image".equals(type)) {
            if (mask == null || mask.isBlank()) {
                throw new SenseiException("data set " + name + " (image) has no mask: add mask: FILE (a GeoTIFF of "
                        + "class codes on the image's grid) and mask_codes: what its values mean");
            }
            if (sensor == null || sensor.isBlank()) {
                throw new SenseiException("data set " + name + " (image) has no sensor: add sensor: ID (see "
                        + "'sensei sensors') and bands: [the image's band ids in file order]");
            }
        } else if (mask != null || maskCodes != null || sensor != null || bands != null) {
            throw new SenseiException("data set " + name + " (" + type + "): mask, mask_codes, sensor and bands are "
                    + "for image data sets only (type: image): remove them");
        }
        if ("synthetic".equals(type)) {
            if (path != null) {
                throw new SenseiException("data set " + name + " is synthetic and has no path: remove 'path'");
            }
            if (sensors == null || sensors.isEmpty()) {
                throw new SenseiException(
                        "synthetic data set " + name + " has no sensors: add e.g. sensors: " + "[sentinel2, landsat8]");
            }
            sensors = List.copyOf(sensors);
            if (sceneCount == null || sceneCount < 1) {
                throw new SenseiException("synthetic data set " + name + ": give scene_count >= 1");
            }
            if (size == null || size < 8) {
                throw new SenseiException("synthetic data set " + name + ": give size (scene side in px) >= 8");
            }
            if (spectraDir != null && spectraDir.isBlank()) {
                throw new SenseiException("synthetic data set " + name + ": spectra_dir is empty: give the folder "
                        + "of the measured spectra, e.g. ../shared/data/spectra, or leave the key out");
            }
            if (splitDir != null) {
                throw new SenseiException("synthetic data set " + name + " has no split files: remove split_dir "
                        + "and hold scenes out with hold_out_scenes (ids <sensor>-NNN)");
            }
        } else {
            if (path == null || path.isBlank()) {
                throw new SenseiException("data set " + name + " (" + type + ") has no path: add path: FOLDER");
            }
            if (sensors != null || sceneCount != null || size != null || seed != null || spectraDir != null) {
                throw new SenseiException("data set " + name + " (" + type + "): sensors, scene_count, size, "
                        + "seed and spectra_dir are for synthetic data sets only: remove them");
            }
        }
    }

    /** A synthetic data set of {@code sceneCount} scenes of {@code size} px rendered through {@code sensors}. */
    public static DatasetConfig synthetic(String name, List<String> sensors, int sceneCount, int size, long seed) {
        return new DatasetConfig(
                "synthetic",
                null,
                name,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                sensors,
                sceneCount,
                size,
                seed,
                null,
                null,
                null,
                null,
                null);
    }

    @JsonIgnore
    public boolean isSynthetic() {
        return "synthetic".equals(type);
    }

    /** This entry with other hold-outs. */
    public DatasetConfig withHoldOut(List<String> scenesHeldOut, double bottom) {
        return DatasetConfigBuilder.builder(this)
                .holdOutScenes(scenesHeldOut)
                .holdOutBottom(bottom)
                .build();
    }

    /** This entry restricted to the scene ids {@code only} (null: all), with {@code heldOut} as its hold-out scenes. */
    public DatasetConfig withScenes(List<String> only, List<String> heldOut) {
        return DatasetConfigBuilder.builder(this)
                .scenes(only)
                .holdOutScenes(heldOut)
                .build();
    }

    /** This synthetic entry with its own seed (null: derived from the run's seed). */
    public DatasetConfig withSeed(Long newSeed) {
        return DatasetConfigBuilder.builder(this).seed(newSeed).build();
    }

    /** This entry with another path. */
    public DatasetConfig withPath(String newPath) {
        return DatasetConfigBuilder.builder(this).path(newPath).build();
    }

    /** This synthetic entry rendered from the measured spectra in {@code folder} (null: the legacy rendering). */
    public DatasetConfig withSpectraDir(String folder) {
        return DatasetConfigBuilder.builder(this).spectraDir(folder).build();
    }
}
