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
     * @param probabilities K × rows × width class probabilities of the model's scheme (NaN at nodata); null when
     *                      {@link #wantsProbabilities()} is false
     * @param disagreement  rows × width share of ensemble members disagreeing with the result (0–1), or null
     *                      without an ensemble
     */
    void strip(int y0, int rows, int width, byte[] classes, float[] probabilities, float[] disagreement);

    /**
     * Whether {@link #strip} uses the probabilities. When false the masker passes null and never forms the K planes
     * of a strip (at 10980 px wide, 38 MB per strip for 2 classes).
     */
    default boolean wantsProbabilities() {
        return true;
    }

    /** {@code sink} told not to want probabilities: it gets null for them. */
    static MaskSink classesOnly(MaskSink sink) {
        return new MaskSink() {
            @Override
            public void strip(
                    int y0, int rows, int width, byte[] classes, float[] probabilities, float[] disagreement) {
                sink.strip(y0, rows, width, classes, probabilities, disagreement);
            }

            @Override
            public boolean wantsProbabilities() {
                return false;
            }
        };
    }
}
