package org.sensei4j.eval;

import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.scene.BandSubsetSource;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneSource;

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

    /**
     * One scene's prediction, kept for pictures; {@code cloudProbability} is the classifier's per-pixel cloud
     * probability (see {@link PixelClassifier.Classified}) at the scene's own resolution, or null (no probabilities,
     * or predicted at another resolution).
     */
    public record Prediction(
            String sceneId,
            int width,
            int height,
            byte[] truth,
            byte[] predicted,
            ClassScheme scheme,
            float[] cloudProbability) {

        /** Receives one labelled pixel. */
        public interface LabelledPixel {
            void accept(float cloudProbability, boolean truthCloud);
        }

        /**
         * Hands every pixel labelled in both truth and prediction (not nodata) with its cloud probability and whether
         * the truth says cloud.
         *
         * @throws IllegalStateException when the prediction has no cloud probability
         */
        public void forEachLabelledPixel(LabelledPixel consumer) {
            if (cloudProbability == null) {
                throw new IllegalStateException("scene " + sceneId + " was predicted without probabilities");
            }
            for (int i = 0; i < truth.length; i++) {
                int t = truth[i] & 0xff;
                if (t != ClassScheme.NODATA && (predicted[i] & 0xff) != ClassScheme.NODATA) {
                    consumer.accept(cloudProbability[i], scheme.isCloud(t));
                }
            }
        }
    }

    private final PixelClassifier classifier;
    private final Settings settings;

    /** Evaluates a model; {@code settings.masking()} says how it masks. */
    public SceneEvaluator(CloudMasker masker, Settings settings) {
        this(new ModelClassifier(masker.model().spec().name(), masker, settings.masking()), settings);
    }

    /** Evaluates any classifier (a model or {@link ThresholdBaseline}); {@code settings.masking()} is not used. */
    public SceneEvaluator(PixelClassifier classifier, Settings settings) {
        this.classifier = classifier;
        this.settings = settings;
    }

    /** The classifier evaluated. */
    public PixelClassifier classifier() {
        return classifier;
    }

    /** The settings. */
    public Settings settings() {
        return settings;
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
    public Prediction evaluate(
            String sceneId, SceneSource image, byte[] truth, ClassScheme truthScheme, DatasetMetrics metrics) {
        ClassScheme common = commonScheme(classifier.scheme(), truthScheme);
        if (metrics.scheme() != common) {
            throw new IllegalArgumentException("metrics in scheme "
                    + metrics.scheme().id() + " but model and truth " + "compare in " + common.id());
        }
        Prediction p = predict(sceneId, image, truth, truthScheme);
        metrics.add(sceneId, p.truth(), p.predicted(), ClassScheme.NODATA);
        return p;
    }

    /**
     * Predicts {@code image} (with the band set and at the resolution of the settings) and brings truth and
     * prediction into {@link #commonScheme} of classifier and truth.
     *
     * @param truth width × height labels of {@code truthScheme}, {@link ClassScheme#NODATA} where unlabelled
     */
    public Prediction predict(String sceneId, SceneSource image, byte[] truth, ClassScheme truthScheme) {
        if (truth.length != (long) image.width() * image.height()) {
            throw new SenseiException(
                    "mask of scene '" + sceneId + "' has " + truth.length + " pixels but the image is "
                            + image.width() + "×" + image.height() + " = " + (long) image.width() * image.height()
                            + ": give a mask on the image's grid");
        }
        ClassScheme common = commonScheme(classifier.scheme(), truthScheme);
        SceneSource source = BandSubsetSource.ofBandSet(image, settings.bandSet());
        byte[] predicted;
        float[] cloudProbability = null;
        if (Double.isNaN(settings.resolutionM())) {
            PixelClassifier.Classified c = classifier.classifyWithProbability(source, common);
            predicted = c.classes();
            cloudProbability = c.cloudProbability();
        } else {
            double imageResolution = image.resolutionM().orElse(Double.NaN);
            if (!(imageResolution > 0)) {
                throw new SenseiException("scene '" + sceneId + "' has no known resolution, so --resolution cannot be "
                        + "applied: give a georeferenced image");
            }
            Scene loaded = Scene.load(source);
            Scene coarse = Resampling.resample(loaded, settings.resolutionM() / imageResolution);
            byte[] c = classifier.classify(coarse, common);
            predicted = Resampling.toGrid(c, coarse.width(), coarse.height(), image.width(), image.height());
        }
        byte[] truthCommon = truthScheme == common ? truth : truthScheme.convert(truth, common);
        return new Prediction(sceneId, image.width(), image.height(), truthCommon, predicted, common, cloudProbability);
    }
}
