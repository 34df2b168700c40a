package org.sensei4j.model.cloud;

import org.sensei4j.model.head.DeepLabV3PlusOnnx;
import org.sensei4j.model.onnx.OnnxSession;

/**
 * A cloud model's DeepLabv3+ head compiled for one band set and run by ONNX Runtime ({@link
 * CloudPredictor#compile}): BatchNorm and, for SEnSeI models, the band multiplication folded into the weights, so a
 * tile's band values go in and class probabilities come out. 1.6–1.8× faster than the same network through DJL's
 * PyTorch engine on this project's CPU (fused convolution + activation, blocked channel layouts). Thread safe.
 */
public final class CompiledHead implements AutoCloseable {

    private final OnnxSession session;
    private final int bands;
    private final int classes;
    private final String quantisation;

    CompiledHead(OnnxSession session, int bands, int classes, String quantisation) {
        this.session = session;
        this.bands = bands;
        this.classes = classes;
        this.quantisation = quantisation;
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
        return session.run(valuesWithOnes, 1, bands + 1, h, w).values();
    }

    /** Output classes. */
    public int classes() {
        return classes;
    }

    @Override
    public void close() {
        session.close();
    }
}
