package org.sensei4j.train.evaluate;

import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.scene.BandSubsetSource;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.BandSets;

/**
 * Evaluates a model on labelled scenes: predicts each scene (optionally with a band set and at another
 * resolution), brings prediction and truth into a common class scheme and adds them to {@link DatasetMetrics}
 * (pixel-summed over the data set, per scene kept too). Nodata in either is excluded.
 */
public final class SceneEvaluator {

    /** What to evaluate. */
    public record Settings(String bandSet, double resolutionM, MaskingOptions masking) {

        public static Settings defaults() {
            return new Settings("ALL", Double.NaN, MaskingOptions.defaults());
        }
    }

    /** One scene's prediction, kept for pictures. */
    public record Prediction(String sceneId, int width, int height, byte[] truth, byte[] predicted, ClassScheme scheme) {}

    private final CloudMasker masker;
    private final Settings settings;

    public SceneEvaluator(CloudMasker masker, Settings settings) {
        this.masker = masker;
        this.settings = settings;
    }

    /** The scheme in which a model of {@code model} and labels of {@code truth} can be compared. */
    public static ClassScheme commonScheme(ClassScheme model, ClassScheme truth) {
        if (model.canConvertTo(truth)) {
            return truth;
        }
        if (truth.canConvertTo(model)) {
            return model;
        }
        return ClassScheme.CLOUD_CLEAR;
    }

    /**
     * Predicts {@code image} and adds (truth, prediction) to {@code metrics}.
     *
     * @param truth       width × height labels of {@code truthScheme}, {@link ClassScheme#NODATA} where unlabelled
     * @param metrics     accumulates the result; its scheme must be {@link #commonScheme} of model and truth
     */
    public Prediction evaluate(String sceneId, SceneSource image, byte[] truth, ClassScheme truthScheme,
            DatasetMetrics metrics) {
        if (truth.length != (long) image.width() * image.height()) {
            throw new SenseiException("mask of scene '" + sceneId + "' has " + truth.length + " pixels but the image is "
                    + image.width() + "×" + image.height() + " = " + (long) image.width() * image.height()
                    + ": give a mask on the image's grid");
        }
        ClassScheme modelScheme = masker.model().spec().scheme();
        ClassScheme common = commonScheme(modelScheme, truthScheme);
        if (metrics.scheme() != common) {
            throw new IllegalArgumentException("metrics in scheme " + metrics.scheme().id() + " but model and truth "
                    + "compare in " + common.id());
        }
        SceneSource source = image;
        if (!"ALL".equalsIgnoreCase(settings.bandSet())) {
            source = new BandSubsetSource(image, BandSets.select(settings.bandSet(), image.bands()));
        }
        byte[] predicted;
        MaskingOptions opts = settings.masking().withOutputScheme(common);
        if (Double.isNaN(settings.resolutionM())) {
            predicted = masker.mask(source, opts).classes();
        } else {
            if (!(image.resolutionM() > 0)) {
                throw new SenseiException("scene '" + sceneId + "' has no known resolution, so --resolution cannot be "
                        + "applied: give a georeferenced image");
            }
            Scene loaded = Scene.load(source);
            Scene coarse = Resampling.resample(loaded, settings.resolutionM() / image.resolutionM());
            MaskResult r = masker.mask(coarse, opts);
            predicted = Resampling.toGrid(r.classes(), coarse.width(), coarse.height(), image.width(), image.height());
        }
        byte[] truthCommon = truthScheme.convert(truth, common);
        metrics.add(sceneId, truthCommon, predicted, ClassScheme.NODATA);
        return new Prediction(sceneId, image.width(), image.height(), truthCommon, predicted, common);
    }
}
