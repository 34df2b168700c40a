package org.sensei4j.model.head;

/**
 * A trained {@link PixelMlp} as plain arrays for inference on the CPU: {@code inputs → hidden} (ReLU) {@code →
 * classes}, softmax, for each pixel of band-major planes. Built by {@link PixelMlp#kernel}, which folds SEnSeI's
 * band multiplication into the first layer, so the kernel reads the N band values of a pixel.
 *
 * <p>Why not the DJL graph or ONNX Runtime: per 512² tile of 13 bands (72 hidden units, 3 classes, one thread, AMD
 * EPYC Zen 3), DJL's PyTorch path took ~43 ms ({@code sensei bench}: 163 ms per megapixel; it writes and reads the
 * 72 hidden planes of the whole tile, 75 MB, several times: transposes, ReLU, softmax), the same two layers as an
 * ONNX Runtime graph 33–35 ms, and this kernel ~20 ms (78 ms per megapixel): it works on blocks of {@value #BLOCK}
 * pixels whose hidden values stay in the core's cache, in loops that the JIT compiles to AVX2 (each array indexed by
 * the loop variable alone, so no aliasing check stops it; 256- and 1,024-pixel blocks were 10% slower). Equal to the
 * DJL forward pass to float rounding ({@code PixelMlpKernelTest}). Immutable and thread safe.
 */
public final class PixelMlpKernel {

    /** Pixels per block. */
    static final int BLOCK = 512;

    private final int inputs;
    private final int hidden;
    private final int classes;
    /** hidden × inputs. */
    private final float[] w1;

    private final float[] b1;
    /** classes × hidden. */
    private final float[] w2;

    private final float[] b2;

    /**
     * @param w1 first layer weights, hidden × inputs, row-major
     * @param b1 first layer bias (hidden)
     * @param w2 second layer weights, classes × hidden, row-major
     * @param b2 second layer bias (classes)
     */
    public PixelMlpKernel(float[] w1, float[] b1, float[] w2, float[] b2) {
        this.hidden = b1.length;
        this.classes = b2.length;
        if (hidden < 1 || classes < 1 || w1.length % hidden != 0 || w1.length == 0 || w2.length != classes * hidden) {
            throw new IllegalArgumentException("a pixel MLP kernel needs w1 (hidden × inputs), b1 (hidden), w2"
                    + " (classes × hidden) and b2 (classes); got " + w1.length + ", " + b1.length + ", " + w2.length
                    + ", " + b2.length + " values");
        }
        this.inputs = w1.length / hidden;
        this.w1 = w1.clone();
        this.b1 = b1.clone();
        this.w2 = w2.clone();
        this.b2 = b2.clone();
    }

    /** Input values per pixel. */
    public int inputs() {
        return inputs;
    }

    /** Output classes. */
    public int classes() {
        return classes;
    }

    /**
     * Softmax class probabilities of {@code pixels} pixels.
     *
     * @param data    the values
     * @param offsets per input, where its plane of {@code pixels} consecutive values starts in {@code data}
     * @return {@link #classes()} planes of {@code pixels} probabilities
     */
    public float[] probabilities(float[] data, int[] offsets, int pixels) {
        if (offsets.length != inputs) {
            throw new IllegalArgumentException(
                    "the kernel takes " + inputs + " values per pixel, got " + offsets.length + " planes");
        }
        for (int offset : offsets) {
            if (offset < 0 || (long) offset + pixels > data.length) {
                throw new IllegalArgumentException("a plane of " + pixels + " values at " + offset + " does not fit in "
                        + data.length + " values");
            }
        }
        float[] out = new float[classes * pixels];
        float[][] x = new float[inputs][BLOCK];
        float[][] h = new float[hidden][BLOCK];
        float[][] logits = new float[classes][BLOCK];
        for (int start = 0; start < pixels; start += BLOCK) {
            int n = Math.min(BLOCK, pixels - start);
            for (int b = 0; b < inputs; b++) {
                System.arraycopy(data, offsets[b] + start, x[b], 0, n);
            }
            layer(x, w1, b1, h, n, true);
            layer(h, w2, b2, logits, n, false);
            softmax(logits, out, start, pixels, n);
        }
        return out;
    }

    /** {@code out[j] = (relu)(bias[j] + Σ_i w[j][i] · in[i])} for the first {@code n} pixels of a block. */
    private static void layer(float[][] in, float[] w, float[] bias, float[][] out, int n, boolean relu) {
        int m = in.length;
        for (int j = 0; j < out.length; j++) {
            float[] o = out[j];
            float c = bias[j];
            for (int p = 0; p < n; p++) {
                o[p] = c;
            }
            int row = j * m;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                float[] x0 = in[i];
                float[] x1 = in[i + 1];
                float[] x2 = in[i + 2];
                float[] x3 = in[i + 3];
                float a0 = w[row + i];
                float a1 = w[row + i + 1];
                float a2 = w[row + i + 2];
                float a3 = w[row + i + 3];
                for (int p = 0; p < n; p++) {
                    o[p] += a0 * x0[p] + a1 * x1[p] + a2 * x2[p] + a3 * x3[p];
                }
            }
            for (; i < m; i++) {
                float[] x0 = in[i];
                float a0 = w[row + i];
                for (int p = 0; p < n; p++) {
                    o[p] += a0 * x0[p];
                }
            }
            if (relu) {
                for (int p = 0; p < n; p++) {
                    o[p] = Math.max(o[p], 0f);
                }
            }
        }
    }

    /** Softmax over the classes of a block's logits into pixels [start, start + n) of {@code out}'s planes. */
    private void softmax(float[][] logits, float[] out, int start, int pixels, int n) {
        for (int p = 0; p < n; p++) {
            float max = logits[0][p];
            for (int k = 1; k < classes; k++) {
                max = Math.max(max, logits[k][p]);
            }
            float sum = 0;
            for (int k = 0; k < classes; k++) {
                float e = (float) Math.exp(logits[k][p] - max);
                logits[k][p] = e;
                sum += e;
            }
            for (int k = 0; k < classes; k++) {
                out[k * pixels + start + p] = logits[k][p] / sum;
            }
        }
    }
}
