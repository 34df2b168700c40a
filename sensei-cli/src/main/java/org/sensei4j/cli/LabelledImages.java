package org.sensei4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.scene.SceneSource;

/**
 * A labelled scene given on the command line as an image (any product input) and a mask GeoTIFF on its grid with
 * the mask's code mapping: what {@code sensei evaluate --image} and {@code sensei calibrate --image} read.
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
    static LabelledScene open(Path image, Path mask, String maskCodes, ClassScheme modelScheme, SensorOptions sensors,
            ProductInputOptions product, Consumer<String> warnings) {
        SceneSource scene = ProductReaders.open(image, product.toOptions(sensors, null, warnings, null));
        try {
            ClassCodeMapping mapping = maskCodes == null ? null : ClassCodeMapping.of(maskCodes);
            ClassScheme truthScheme = mapping == null ? modelScheme : mapping.scheme();
            byte[] truth = readMask(mask, mapping, modelScheme, scene);
            return new LabelledScene("scene", scene, truthScheme, truth, Map.of());
        } catch (RuntimeException e) {
            scene.close();
            throw e;
        }
    }

    /** A data set of one labelled scene, listed under {@code id}. */
    static Dataset oneScene(LabelledScene scene, String id) {
        return new OneScene(scene, id);
    }

    private record OneScene(LabelledScene scene, String id) implements Dataset {

        @Override
        public String name() {
            return scene.sceneId();
        }

        @Override
        public List<String> sceneIds() {
            return List.of(id);
        }

        @Override
        public ClassScheme scheme() {
            return scene.scheme();
        }

        @Override
        public SplitAssignment splits() {
            return SplitAssignment.none();
        }

        @Override
        public LabelledScene open(String sceneId) {
            return scene;
        }
    }

    static byte[] readMask(Path mask, ClassCodeMapping mapping, ClassScheme modelScheme, SceneSource scene) {
        try (GeoTiffReader r = GeoTiffReader.open(mask)) {
            if (r.info().width() != scene.width() || r.info().height() != scene.height()) {
                throw new SenseiException("mask " + mask + " is " + r.info().width() + "×" + r.info().height()
                        + " but the image is " + scene.width() + "×" + scene.height() + ": give a mask on the image's grid"
                        + " (or read the image with --resolution matching the mask)");
            }
            float[] v = r.readBand(0);
            int[] codes = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                codes[i] = Float.isNaN(v[i]) ? ClassScheme.NODATA : Math.round(v[i]);
            }
            if (mapping != null) {
                return mapping.decode(codes, mapping.scheme());
            }
            byte[] out = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                int c = codes[i];
                if (c != ClassScheme.NODATA && (c < 0 || c >= modelScheme.classCount())) {
                    throw new SenseiException("mask value " + c + " at row " + (i / scene.width()) + " is not a class of "
                            + "the model's scheme " + modelScheme.id() + " " + modelScheme.classNames()
                            + ": give --mask-codes to say what the mask's values mean");
                }
                out[i] = (byte) c;
            }
            return out;
        }
    }
}
