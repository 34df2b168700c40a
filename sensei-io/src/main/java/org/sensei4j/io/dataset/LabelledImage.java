package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.io.product.ValueRanges;
import org.sensei4j.raster.Georeference;
import org.sensei4j.scene.SceneSource;

/**
 * A labelled scene given as an image (any product input {@link ProductReaders} opens) and a mask GeoTIFF on its
 * grid, with what the mask's values mean: what {@code sensei evaluate --image}, {@code sensei calibrate --image}
 * and a training config's {@code type: image} data set read. The mask is checked against the image: same size,
 * and, when both are georeferenced, the same CRS and pixel corners within half a pixel.
 */
public final class LabelledImage {

    private LabelledImage() {}

    /**
     * Opens {@code image} with {@code options} and reads {@code mask} on its grid.
     *
     * @param mapping     what the mask's values mean, or null: the mask holds {@code modelScheme}'s class numbers,
     *                    255 = nodata
     * @param modelScheme the scheme of the model the scene is for (the truth's scheme when {@code mapping} is null)
     */
    public static LabelledScene open(
            Path image,
            Path mask,
            ClassCodeMapping mapping,
            ClassScheme modelScheme,
            ProductOptions options,
            String sceneId) {
        return open(image.toString(), mask.toString(), mapping, modelScheme, options, sceneId);
    }

    /**
     * As {@link #open(Path, Path, ClassCodeMapping, ClassScheme, ProductOptions, String)}, where the image and the
     * mask may each be a local path or an {@code http(s)://} URL (a GeoTIFF/COG or STAC item read with HTTP range
     * requests, as {@link ProductReaders#open(String, ProductOptions)} and {@link GeoTiffReader#open(String)} read
     * them).
     */
    public static LabelledScene open(
            String image,
            String mask,
            ClassCodeMapping mapping,
            ClassScheme modelScheme,
            ProductOptions options,
            String sceneId) {
        SceneSource scene = ProductReaders.open(image, options);
        try {
            ValueRanges.check(scene, options.warnings());
            ClassScheme truthScheme = mapping == null ? modelScheme : mapping.scheme();
            byte[] truth = readMask(image, mask, mapping, modelScheme, scene);
            return new LabelledScene(sceneId, scene, truthScheme, truth, Map.of());
        } catch (RuntimeException e) {
            scene.close();
            throw e;
        }
    }

    /**
     * A data set of one labelled image, opened when asked (each {@link Dataset#open} reads it afresh), listed under
     * {@code name}.
     */
    public static Dataset dataset(
            String name, Path image, Path mask, ClassCodeMapping mapping, ClassScheme scheme, ProductOptions options) {
        return new OneImage(name, image, mask, mapping, scheme, options);
    }

    /** A data set of one scene already read, listed under {@code id}. */
    public static Dataset oneScene(LabelledScene scene, String id) {
        return new OneScene(scene, id);
    }

    private record OneImage(
            String name,
            Path image,
            Path mask,
            ClassCodeMapping mapping,
            ClassScheme modelScheme,
            ProductOptions options)
            implements Dataset {

        @Override
        public List<String> sceneIds() {
            return List.of(name);
        }

        @Override
        public ClassScheme scheme() {
            return mapping == null ? modelScheme : mapping.scheme();
        }

        @Override
        public SplitAssignment splits() {
            return SplitAssignment.none();
        }

        @Override
        public LabelledScene open(String sceneId) {
            if (!name.equals(sceneId)) {
                throw new SenseiException(
                        "data set " + name + " holds one scene, '" + name + "', not '" + sceneId + "'");
            }
            return LabelledImage.open(image, mask, mapping, modelScheme, options, name);
        }
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

    private static byte[] readMask(
            String image, String mask, ClassCodeMapping mapping, ClassScheme modelScheme, SceneSource scene) {
        try (GeoTiffReader r = GeoTiffReader.open(mask)) {
            if (r.info().width() != scene.width() || r.info().height() != scene.height()) {
                throw new SenseiException("mask " + mask + " is " + r.info().width() + "×"
                        + r.info().height()
                        + " but the image is " + scene.width() + "×" + scene.height()
                        + ": give a mask on the image's grid"
                        + " (or read the image with --resolution matching the mask)");
            }
            checkSameGrid(
                    mask,
                    image,
                    r.info().georeference(),
                    scene.georeference().orElse(null),
                    scene.width(),
                    scene.height());
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
                    throw new SenseiException(
                            "mask value " + c + " at row " + (i / scene.width()) + " is not a class of "
                                    + "the model's scheme " + modelScheme.id() + " " + modelScheme.classNames()
                                    + ": give --mask-codes to say what the mask's values mean");
                }
                out[i] = (byte) c;
            }
            return out;
        }
    }

    /**
     * Refuses a mask whose georeference does not put its pixels on the image's: when both are georeferenced, the
     * CRS must be the same and every pixel corner within half a pixel.
     */
    private static void checkSameGrid(
            String mask, String image, Georeference m, Georeference g, int width, int height) {
        if (m == null || g == null) {
            return;
        }
        if (m.epsg().isPresent()
                && g.epsg().isPresent()
                && m.epsg().getAsInt() != g.epsg().getAsInt()) {
            throw new SenseiException("mask " + mask + " is in EPSG:" + m.epsg().getAsInt() + " but the image " + image
                    + " is in EPSG:" + g.epsg().getAsInt() + ": reproject the mask onto the image's grid (gdalwarp)");
        }
        double[] t = g.transform();
        double det = t[1] * t[5] - t[2] * t[4];
        double worst = 0;
        double worstCrs = 0;
        for (int[] corner : new int[][] {{0, 0}, {width, 0}, {0, height}, {width, height}}) {
            double[] a = m.pixelToCrs(corner[0], corner[1]);
            double[] b = g.pixelToCrs(corner[0], corner[1]);
            double dx = a[0] - b[0];
            double dy = a[1] - b[1];
            // the offset in the image's pixels (inverse of its 2x2 transform)
            double dc = (t[5] * dx - t[2] * dy) / det;
            double dr = (-t[4] * dx + t[1] * dy) / det;
            worst = Math.max(worst, Math.max(Math.abs(dc), Math.abs(dr)));
            worstCrs = Math.max(worstCrs, Math.hypot(dx, dy));
        }
        if (!(worst <= 0.5)) {
            throw new SenseiException(String.format(
                    Locale.ROOT,
                    "mask %s is not on the image's grid: its pixels are"
                            + " up to %.6g CRS units (%.1f pixels) away from the image's %s: give a mask aligned with "
                            + "the"
                            + " image (gdalwarp onto its grid)",
                    mask,
                    worstCrs,
                    worst,
                    image));
        }
    }
}
