package org.sensei4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One scene of a {@link SceneManifest}: what to read and where its mask goes.
 *
 * @param sceneId a unique name, usable as a file name (it names the default output)
 * @param input   a local path or a Hadoop file system URI ({@code hdfs://}, {@code s3a://}, {@code file://}) of a
 *                GeoTIFF, a folder of single-band GeoTIFFs or a STAC item (see
 *                {@link org.sensei4j.io.product.ProductReaders})
 * @param sensor  a sensor id or alias of the sensor registry ({@code sensei sensors})
 * @param bands   the product's band ids in file order, or empty for the sensor's bands (see
 *                {@link org.sensei4j.io.product.ProductOptions#forSensor})
 * @param output  where the mask goes (local path or URI), or null for {@code <output-dir>/<scene_id>_mask.tif}
 */
public record SceneEntry(String sceneId, String input, String sensor, List<String> bands, String output)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Suffix of default output names. */
    public static final String MASK_SUFFIX = "_mask.tif";

    public SceneEntry {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(sensor, "sensor");
        bands = bands == null ? List.of() : List.copyOf(bands);
        output = output == null || output.isBlank() ? null : output;
    }

    /** The mask's location: {@link #output()} when given, else {@code outputDir/<scene_id>_mask.tif}. */
    public String resolvedOutput(String outputDir) {
        if (output != null) {
            return output;
        }
        Objects.requireNonNull(outputDir, "outputDir");
        return (outputDir.endsWith("/") ? outputDir : outputDir + "/") + sceneId + MASK_SUFFIX;
    }
}
