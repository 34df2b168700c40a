package org.sensei4j.inference;

/**
 * Receives a scene's mask strip by strip, top to bottom, as tiles complete; what a masker never holds whole.
 */
public interface MaskSink {

    /**
     * @param y0            first row of the strip
     * @param rows          number of rows
     * @param width         scene width
     * @param classes       rows × width class numbers of the output scheme, {@link
     *                      org.sensei4j.classes.ClassScheme#NODATA} where the scene has no data
     * @param probabilities K × rows × width class probabilities of the model's scheme (NaN at nodata)
     * @param disagreement  rows × width share of ensemble members disagreeing with the result (0–1), or null
     *                      without an ensemble
     */
    void strip(int y0, int rows, int width, byte[] classes, float[] probabilities, float[] disagreement);
}
