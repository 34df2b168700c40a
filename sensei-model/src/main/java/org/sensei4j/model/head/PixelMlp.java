package org.sensei4j.model.head;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's "NN" head: a per-pixel two-layer network, NCHW in and out, equivalent to two 1×1
 * convolutions with bias: {@code inChannels → hidden} (ReLU) {@code → numClasses} logits. Each pixel is
 * classified from its own channel values only; the output has the input's height and width.
 *
 * <p>Parameters {@code hiddenWeight} (hidden × inChannels), {@code hiddenBias}, {@code logitsWeight}
 * (numClasses × hidden), {@code logitsBias}; weights Glorot-uniform, biases 0. The forward pass is two
 * {@link Linear#linear} products over the pixels as rows, faster on CPU than DJL's 1×1 {@code Conv2d}
 * (which reorders NCHW data for oneDNN).
 *
 * <p>Parameters: {@code inChannels·hidden + hidden + hidden·numClasses + numClasses}; 1,154 for 13
 * inputs, 72 hidden units and 2 classes (the paper's NN count).
 */
public final class PixelMlp extends LogitsHead {

    private static final byte VERSION = 1;

    private final int hidden;
    private final Parameter hiddenWeight;
    private final Parameter hiddenBias;
    private final Parameter logitsWeight;
    private final Parameter logitsBias;

    private PixelMlp(int inChannels, int hidden, int numClasses) {
        super(VERSION, "PixelMlp", inChannels, numClasses);
        if (inChannels < 1 || hidden < 1 || numClasses < 1) {
            throw new IllegalArgumentException(String.format(
                    "PixelMlp needs inChannels, hidden and numClasses ≥ 1, got %d, %d, %d",
                    inChannels, hidden, numClasses));
        }
        this.hidden = hidden;
        this.hiddenWeight =
                addParameter(parameter("hiddenWeight", Parameter.Type.WEIGHT, new Shape(hidden, inChannels)));
        this.hiddenBias = addParameter(parameter("hiddenBias", Parameter.Type.BIAS, new Shape(hidden)));
        this.logitsWeight =
                addParameter(parameter("logitsWeight", Parameter.Type.WEIGHT, new Shape(numClasses, hidden)));
        this.logitsBias = addParameter(parameter("logitsBias", Parameter.Type.BIAS, new Shape(numClasses)));
    }

    private static Parameter parameter(String name, Parameter.Type type, Shape shape) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).build();
    }

    /**
     * @param inChannels input channels (band count, or 64 for SEnSeI features)
     * @param hidden hidden units (the paper's 1,154-parameter NN has 72 for 13 inputs)
     * @param numClasses output classes (logit channels)
     */
    public static PixelMlp of(int inChannels, int hidden, int numClasses) {
        return new PixelMlp(inChannels, hidden, numClasses);
    }

    /** Hidden units. */
    public int getHidden() {
        return hidden;
    }

    @Override
    public HeadConfig config() {
        return HeadConfig.pixelMlp(inChannels, hidden, numClasses);
    }

    @Override
    NDArray logits(ParameterStore parameterStore, NDArray x, boolean training, PairList<String, Object> params) {
        Device device = x.getDevice();
        NDArray w1 = parameterStore.getValue(hiddenWeight, device, training);
        NDArray b1 = parameterStore.getValue(hiddenBias, device, training);
        NDArray w2 = parameterStore.getValue(logitsWeight, device, training);
        NDArray b2 = parameterStore.getValue(logitsBias, device, training);
        return perPixel(x, w1, b1, w2, b2);
    }

    /** The two layers applied to every pixel of {@code x} (B, C, H, W), C = w1's columns; (B, K, H, W) logits. */
    private NDArray perPixel(NDArray x, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
        Shape shape = x.getShape();
        long n = shape.get(0);
        long pixels = shape.get(2) * shape.get(3);
        // pixels as rows: (N, C, H, W) → (N, H·W, C); Linear.linear runs on the input's manager, so the
        // intermediates belong to the caller's (sub-)manager and not to the parameters' manager
        NDArray rows = x.reshape(n, shape.get(1), pixels).transpose(0, 2, 1);
        NDArray h = Activation.relu(Linear.linear(rows, w1, b1).singletonOrThrow());
        NDArray logits = Linear.linear(h, w2, b2).singletonOrThrow();
        return logits.transpose(0, 2, 1).reshape(n, numClasses, shape.get(2), shape.get(3));
    }

    /**
     * Inference on {@code x = A·v + c} per pixel ({@link AffineInputHead}): the first layer becomes
     * {@code (W₁·A)·v + (W₁·c + b₁)}, so the hidden layer reads the N values instead of the C inputs.
     */
    @Override
    public NDArray inferAffine(ParameterStore ps, NDArray values, NDArray a, NDArray c) {
        AffineInputHead.checkAffine(values, a, c, inChannels);
        Device device = values.getDevice();
        NDArray w1t = ps.getValue(hiddenWeight, device, false).transpose(); // (C, H)
        // A and c belong to the caller's scope: products with them on the left stay there
        NDArray w1 = a.transpose().matMul(w1t).transpose(); // (H, N)
        NDArray b1 = c.reshape(1, inChannels).matMul(w1t).reshape(hidden).add(ps.getValue(hiddenBias, device, false));
        return perPixel(
                values, w1, b1, ps.getValue(logitsWeight, device, false), ps.getValue(logitsBias, device, false));
    }

    /**
     * This network as a {@link PixelMlpKernel}, for inference: on its own inputs ({@code a} and {@code c} null),
     * or on {@code x = A·v + c} per pixel with the map folded into the first layer, as {@link #inferAffine}.
     *
     * @param a (C, N) or null
     * @param c (C) or null
     */
    public PixelMlpKernel kernel(ParameterStore ps, NDArray a, NDArray c) {
        Device device = ps.getManager().getDevice();
        float[] w1 = ps.getValue(hiddenWeight, device, false).toFloatArray(); // (H, C)
        float[] b1 = ps.getValue(hiddenBias, device, false).toFloatArray();
        if (a != null) {
            if (a.getShape().dimension() != 2
                    || a.getShape().get(0) != inChannels
                    || c.getShape().size() != inChannels) {
                throw new IllegalArgumentException("a kernel on x = A·v + c needs A (" + inChannels + ", N) and c ("
                        + inChannels + "); got " + a.getShape() + ", " + c.getShape());
            }
            // (W₁·A) and W₁·c + b₁, summed in double (a few thousand products, once per band set)
            int n = (int) a.getShape().get(1);
            float[] av = a.toFloatArray();
            float[] cv = c.toFloatArray();
            float[] folded = new float[hidden * n];
            float[] bias = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                double constant = b1[j];
                for (int k = 0; k < inChannels; k++) {
                    constant += (double) w1[j * inChannels + k] * cv[k];
                }
                bias[j] = (float) constant;
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int k = 0; k < inChannels; k++) {
                        sum += (double) w1[j * inChannels + k] * av[k * n + i];
                    }
                    folded[j * n + i] = (float) sum;
                }
            }
            w1 = folded;
            b1 = bias;
        }
        return new PixelMlpKernel(
                w1,
                b1,
                ps.getValue(logitsWeight, device, false).toFloatArray(),
                ps.getValue(logitsBias, device, false).toFloatArray());
    }

    @Override
    public String toString() {
        return String.format("PixelMlp(in=%d, hidden=%d, classes=%d)", inChannels, hidden, numClasses);
    }
}
