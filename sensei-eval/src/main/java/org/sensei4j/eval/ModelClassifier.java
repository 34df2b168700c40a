package org.sensei4j.eval;

import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskSink;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.scene.SceneSource;

/**
 * A model as a {@link PixelClassifier}: masks the scene tile by tile with a {@link CloudMasker} and keeps only
 * the classes (one byte per pixel; probabilities are not held), so memory is bounded by the tiles and the
 * class array.
 */
public final class ModelClassifier implements PixelClassifier {

    private final String name;
    private final CloudMasker masker;
    private final MaskingOptions options;

    /**
     * @param name    name in tables (e.g. the bundle's file name)
     * @param masker  the loaded model; not closed by this classifier
     * @param options tiling, threshold, ensemble; the output scheme is set per call
     */
    public ModelClassifier(String name, CloudMasker masker, MaskingOptions options) {
        this.name = name;
        this.masker = masker;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ClassScheme scheme() {
        return masker.model().spec().scheme();
    }

    /** The masker. */
    public CloudMasker masker() {
        return masker;
    }

    /** The cloud threshold used (--threshold, else the bundle's calibrated one), NaN for the most probable class. */
    public double threshold() {
        return masker.threshold(options);
    }

    /** The decision rule in words (see {@link CloudMasker#describeDecision}). */
    public String decision() {
        return masker.describeDecision(options);
    }

    @Override
    public byte[] classify(SceneSource scene, ClassScheme output) {
        int w = scene.width();
        byte[] classes = new byte[Math.multiplyExact(w, scene.height())];
        masker.mask(
                scene,
                options.withOutputScheme(output),
                MaskSink.classesOnly(
                        (y0, rows, width, c, p, d) -> System.arraycopy(c, 0, classes, y0 * width, rows * width)));
        return classes;
    }

    @Override
    public Classified classifyWithProbability(SceneSource scene, ClassScheme output) {
        int w = scene.width();
        int n = Math.multiplyExact(w, scene.height());
        byte[] classes = new byte[n];
        float[] cloud = new float[n];
        ClassScheme model = scheme();
        int k = model.classCount();
        masker.mask(scene, options.withOutputScheme(output), (y0, rows, width, c, p, d) -> {
            System.arraycopy(c, 0, classes, y0 * width, rows * width);
            int m = rows * width;
            for (int i = 0; i < m; i++) {
                float s = 0;
                for (int cls = 0; cls < k; cls++) {
                    if (model.isCloud(cls)) {
                        s += p[cls * m + i];
                    }
                }
                cloud[y0 * width + i] = s;
            }
        });
        return new Classified(classes, cloud);
    }
}
