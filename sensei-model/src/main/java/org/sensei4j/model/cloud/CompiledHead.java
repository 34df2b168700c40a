package org.sensei4j.model.cloud;

import org.sensei4j.model.head.DeepLabV3PlusOnnx;
import org.sensei4j.model.head.PixelMlpKernel;
import org.sensei4j.model.onnx.OnnxSession;

/**
 * A cloud model's head compiled for one band set ({@link CloudPredictor#compile}), with, for SEnSeI models, the
 * band multiplication folded into the weights, so a tile's band values go in and class probabilities come out:
 * DeepLabv3+ run by ONNX Runtime (BatchNorm folded too; 1.6–1.8× faster than the same network through DJL's
 * PyTorch engine on this project's CPU: fused convolution + activation, blocked channel layouts), or the per-pixel
 * network as a {@link PixelMlpKernel} (~2× faster than DJL per tile). Thread safe.
 */
public final class CompiledHead implements AutoCloseable {

    /** The ONNX Runtime session of a DeepLabv3+ head, or null for a per-pixel head. */
    private final OnnxSession session;
    /** The per-pixel head's kernel, or null for a DeepLabv3+ head. */
    private final PixelMlpKernel kernel;

    private final int bands;
    private final int classes;
    private final String quantisation;

    CompiledHead(OnnxSession session, int bands, int classes, String quantisation) {
        this.session = session;
        this.kernel = null;
        this.bands = bands;
        this.classes = classes;
        this.quantisation = quantisation;
    }

    CompiledHead(PixelMlpKernel kernel) {
        this.session = null;
        this.kernel = kernel;
        this.bands = kernel.inputs();
        this.classes = kernel.classes();
        this.quantisation = "fp32";
    }

    /**
     * Whether each pixel's probabilities depend on its own values only (the per-pixel head): then {@link
     * #probabilities(float[], int[], int)} takes any pixels, without padding or a plane of ones.
     */
    public boolean perPixel() {
        return kernel != null;
    }

    /** {@link Precision#INT8} or {@link Precision#FP32}. */
    public Precision precision() {
        return quantisation.startsWith("int8") ? Precision.INT8 : Precision.FP32;
    }

    /**
     * "fp32", or for int8 what is quantised and how the activations were calibrated (method and calibration set).
     */
    public String quantisation() {
        return quantisation;
    }

    /** The number of band values per pixel it takes. */
    public int bands() {
        return bands;
    }

    /**
     * Class probabilities of one tile: K planes of h × w values.
     *
     * @param valuesWithOnes the tile's {@link #bands()} planes of h × w values followed by one plane of ones
     *                       (the graph convolves it for the constant part of the input map; see {@link
     *                       DeepLabV3PlusOnnx#export})
     */
    public float[] probabilities(float[] valuesWithOnes, int h, int w) {
        if (valuesWithOnes.length != (long) (bands + 1) * h * w) {
            throw new IllegalArgumentException("expected " + (bands + 1) + " planes of " + h + "×" + w
                    + " values (the bands and a plane of ones), got " + valuesWithOnes.length + " values");
        }
        if (kernel != null) {
            int[] offsets = new int[bands];
            for (int b = 0; b < bands; b++) {
                offsets[b] = b * h * w;
            }
            return kernel.probabilities(valuesWithOnes, offsets, h * w);
        }
        return session.run(valuesWithOnes, 1, bands + 1, h, w).values();
    }

    /**
     * Class probabilities of {@code pixels} pixels of a {@link #perPixel()} head: K planes of {@code pixels} values.
     *
     * @param offsets per band, in the head's band order, where its plane of {@code pixels} values starts in
     *                {@code data}
     * @throws IllegalStateException for a DeepLabv3+ head, which needs whole tiles
     */
    public float[] probabilities(float[] data, int[] offsets, int pixels) {
        if (kernel == null) {
            throw new IllegalStateException("a DeepLabv3+ head takes whole tiles: call probabilities(values, h, w)");
        }
        return kernel.probabilities(data, offsets, pixels);
    }

    /** Output classes. */
    public int classes() {
        return classes;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
