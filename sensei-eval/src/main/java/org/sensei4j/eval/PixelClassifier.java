package org.sensei4j.eval;

import org.sensei4j.classes.ClassScheme;
import org.sensei4j.scene.SceneSource;

/**
 * Something that gives every pixel of a scene a class: a trained model ({@link ModelClassifier}) or a fixed
 * rule ({@link ThresholdBaseline}). Evaluation treats both alike.
 */
public interface PixelClassifier {

    /** A short name for tables, e.g. {@code sensei-nn} or {@code threshold baseline}. */
    String name();

    /** The classes it predicts. */
    ClassScheme scheme();

    /**
     * Classifies a scene.
     *
     * @param output the scheme of the result: {@link #scheme()} or a coarser one
     * @return width × height classes of {@code output}, row-major, {@link ClassScheme#NODATA} where the scene
     *     has no data
     * @throws org.sensei4j.error.SenseiException when the scene lacks what the classifier needs
     */
    byte[] classify(SceneSource scene, ClassScheme output);

    /**
     * Classes and, per pixel, the probability of cloud.
     *
     * @param classes          as {@link #classify}
     * @param cloudProbability width × height summed probability of the cloud classes (as calibrated, the one the
     *                         decision used; NaN at nodata), or null for a classifier without probabilities
     */
    record Classified(byte[] classes, float[] cloudProbability) {}

    /** Classifies a scene and gives the cloud probability too, when the classifier has one (default: none). */
    default Classified classifyWithProbability(SceneSource scene, ClassScheme output) {
        return new Classified(classify(scene, output), null);
    }
}
