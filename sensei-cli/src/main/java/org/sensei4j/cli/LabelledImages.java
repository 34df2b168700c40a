package org.sensei4j.cli;

import java.util.function.Consumer;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.io.dataset.LabelledImage;

/**
 * A labelled scene given on the command line as an image (any product input, or an {@code http(s)://} URL of a
 * GeoTIFF/COG or STAC item) and a mask GeoTIFF (a path or URL) on its grid with
 * the mask's code mapping: what {@code sensei evaluate --image} and {@code sensei calibrate --image} read (the
 * reading and grid checks are {@link LabelledImage}'s, shared with training's {@code type: image} data sets).
 */
final class LabelledImages {

    private LabelledImages() {}

    /**
     * Opens {@code image} with the sensor and product options and reads {@code mask} on its grid.
     *
     * @param maskCodes   a mapping (see {@link ClassCodeMapping#of}), or null: the mask holds {@code modelScheme}'s
     *                    class numbers, 255 = nodata
     * @param modelScheme the scheme of the model the scene is for
     */
    static LabelledScene open(
            String image,
            String mask,
            String maskCodes,
            ClassScheme modelScheme,
            SensorOptions sensors,
            ProductInputOptions product,
            Consumer<String> warnings) {
        ClassCodeMapping mapping = maskCodes == null ? null : ClassCodeMapping.of(maskCodes);
        return LabelledImage.open(
                image, mask, mapping, modelScheme, product.toOptions(sensors, null, warnings, null), "scene");
    }

    /** A data set of one labelled scene, listed under {@code id}. */
    static Dataset oneScene(LabelledScene scene, String id) {
        return LabelledImage.oneScene(scene, id);
    }
}
