package org.sensei4j.model.head;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sensei4j.model.layer.Scalars;

/**
 * DeepLabv3+ with a MobileNetV2 backbone at output stride 8: the segmentation head of the SEnSeI paper.
 * Input NCHW float32 (reflectances or SEnSeI features), output NCHW class logits of the same height and
 * width as the input (any size, odd or even). Training needs a batch of at least 2: the BatchNorm after
 * global pooling has one value per channel per image.
 *
 * <p>The layer structure mirrors {@code Deeplabv3(backbone='mobilenetv2', OS=8)} of the Keras
 * implementation (bonlime/keras-deeplab-v3-plus) in the variant the SEnSeI authors trained
 * ({@code sensei/deeplabv3p.py} in aliFrancis/SEnSeI):
 * <ol>
 *   <li>input rescaled to {@code 2x − 1} (the authors' change for reflectance inputs);</li>
 *   <li>3×3 stride-2 convolution to {@code make_divisible(32·alpha, 8)} filters, no bias, BN, ReLU6;</li>
 *   <li>17 inverted residual blocks (expansion 1 for the first, 6 after): filters 16, 24×2, 32×3, 64×4,
 *       96×3, 160×3, 320; stride 2 only in blocks 1 and 3 (output stride 8); depthwise atrous rate 2 in
 *       blocks 7–13 and 4 in blocks 14–16; skip connections in blocks 2, 4, 5, 7, 8, 9, 11, 12, 14, 15;</li>
 *   <li>simplified ASPP: image pooling (global average, 1×1 conv 256 no bias, BN, ReLU, upsampled back —
 *       for a 1×1 map bilinear upsampling is a broadcast) and a 1×1 conv 256 branch (no bias, BN, ReLU),
 *       concatenated (pooling branch first);</li>
 *   <li>1×1 projection to 256 (no bias, BN, ReLU), dropout 0.1 (training only);</li>
 *   <li>1×1 classifier to {@code numClasses} logits with bias, bilinearly resized to the input size
 *       (half-pixel centres, align_corners=false, as TF2 {@code tf.image.resize}). No softmax: the
 *       authors' model ended in a softmax, here the loss applies it.</li>
 * </ol>
 * There is no decoder skip for the MobileNetV2 backbone (the Keras code has one only for Xception).
 * All convolutions use Keras 'same' padding ({@link SameConv2d}); BatchNorm has epsilon 1e-3 and momentum
 * 0.9 everywhere, as in the authors' variant (bonlime's current code uses momentum 0.999 in the backbone,
 * epsilon 1e-5 in the ASPP and align_corners=True resizing; {@link Builder#optBatchNormMomentum} changes
 * the momentum). Weights are
 * initialised Glorot-uniform, biases and BN offsets to 0, BN scales to 1, as in Keras. Child blocks
 * carry the Keras layer names ({@code Conv}, {@code expanded_conv_N_expand}, {@code image_pooling},
 * {@code aspp0}, {@code concat_projection}, {@code custom_logits_semantic}).
 *
 * <p><b>Parameter count.</b> With {@code alpha = 1} and 2 classes the network has 2,111,554 trainable
 * parameters for 13 input channels and 2,126,242 for 64 (the paper's "DLv3 2.11e6"); only the first
 * convolution depends on the input channels ({@code 3·3·C·32}). This counts, as Keras' "trainable params"
 * does, every convolution weight and bias and the BatchNorm scale (gamma) and offset (beta); it excludes
 * the BatchNorm running mean and variance, which DJL holds as parameters that take no gradient
 * ({@code Parameter.requiresGradient() == false}). Including those 2 × 16,544 running statistics gives
 * 2,144,642 and 2,159,330. See {@link ParameterCount}.
 */
public final class DeepLabV3Plus extends LogitsHead {

    private static final byte VERSION = 1;
    /** Output stride of the backbone: feature maps are {@code ceil(H/8) × ceil(W/8)}. */
    public static final int OUTPUT_STRIDE = 8;

    static final int ASPP_FILTERS = 256;
    static final float EPSILON = 1e-3f;
    static final float DROPOUT = 0.1f;

    /** filters, stride, expansion, atrous rate, skip (1/0) of the 17 inverted residual blocks. */
    private static final int[][] BLOCKS = {
        {16, 1, 1, 1, 0},
        {24, 2, 6, 1, 0},
        {24, 1, 6, 1, 1},
        {32, 2, 6, 1, 0},
        {32, 1, 6, 1, 1},
        {32, 1, 6, 1, 1},
        {64, 1, 6, 1, 0},
        {64, 1, 6, 2, 1},
        {64, 1, 6, 2, 1},
        {64, 1, 6, 2, 1},
        {96, 1, 6, 2, 0},
        {96, 1, 6, 2, 1},
        {96, 1, 6, 2, 1},
        {160, 1, 6, 2, 0},
        {160, 1, 6, 4, 1},
        {160, 1, 6, 4, 1},
        {320, 1, 6, 4, 0},
    };

    private final double alpha;
    final ConvBatchNorm stem;
    final List<InvertedResidual> backbone;
    final ConvBatchNorm imagePooling;
    final ConvBatchNorm aspp0;
    final ConvBatchNorm projection;
    private final Dropout dropout;
    final Conv2d classifier;

    private DeepLabV3Plus(Builder builder) {
        super(VERSION, "DeepLabV3Plus", builder.inChannels, builder.numClasses);
        this.alpha = builder.alpha;
        float momentum = builder.batchNormMomentum;

        int channels = makeDivisible(32 * alpha, 8);
        this.stem = addChildBlock(
                "Conv",
                new ConvBatchNorm(
                        new SameConv2d(channels, 3, 2, 1, 1, false), EPSILON, momentum, ConvBatchNorm.Act.RELU6));
        List<InvertedResidual> blocks = new ArrayList<>(BLOCKS.length);
        for (int id = 0; id < BLOCKS.length; id++) {
            int[] b = BLOCKS[id];
            int filters = makeDivisible((int) (b[0] * alpha), 8);
            String prefix = id == 0 ? "expanded_conv_" : "expanded_conv_" + id + "_";
            blocks.add(addChildBlock(
                    prefix.substring(0, prefix.length() - 1),
                    new InvertedResidual(prefix, channels, b[2], filters, b[1], b[3], b[4] == 1, EPSILON, momentum)));
            channels = filters;
        }
        this.backbone = Collections.unmodifiableList(blocks);
        this.imagePooling = addChildBlock(
                "image_pooling", ConvBatchNorm.pointwise(ASPP_FILTERS, EPSILON, momentum, ConvBatchNorm.Act.RELU));
        this.aspp0 = addChildBlock(
                "aspp0", ConvBatchNorm.pointwise(ASPP_FILTERS, EPSILON, momentum, ConvBatchNorm.Act.RELU));
        this.projection = addChildBlock(
                "concat_projection", ConvBatchNorm.pointwise(ASPP_FILTERS, EPSILON, momentum, ConvBatchNorm.Act.RELU));
        this.dropout =
                addChildBlock("dropout", Dropout.builder().optRate(DROPOUT).build());
        this.classifier = addChildBlock(
                "custom_logits_semantic",
                Conv2d.builder()
                        .setKernelShape(new Shape(1, 1))
                        .setFilters(numClasses)
                        .optBias(true)
                        .build());
    }

    /**
     * The paper's head: MobileNetV2 (alpha 1), output stride 8.
     *
     * @param inChannels input channels (the band count, or 64 for SEnSeI features)
     * @param numClasses output classes (logit channels)
     */
    public static DeepLabV3Plus mobileNetV2(int inChannels, int numClasses) {
        return builder().setInChannels(inChannels).setNumClasses(numClasses).build();
    }

    /** A builder for other widths or BatchNorm momentum. */
    public static Builder builder() {
        return new Builder();
    }

    /** Keras {@code _make_divisible}: rounds to the nearest multiple of {@code divisor}, never 10% below. */
    static int makeDivisible(double value, int divisor) {
        int rounded = Math.max(divisor, (int) (value + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * value) {
            rounded += divisor;
        }
        return rounded;
    }

    /** MobileNetV2 width multiplier. */
    public double getAlpha() {
        return alpha;
    }

    @Override
    public HeadConfig config() {
        return HeadConfig.deepLabV3Plus(inChannels, numClasses, alpha);
    }

    @Override
    NDArray logits(ParameterStore parameterStore, NDArray input, boolean training, PairList<String, Object> params) {
        Shape shape = input.getShape();
        if (training && shape.get(0) < 2) {
            throw new IllegalArgumentException("training DeepLabV3Plus needs a batch of at least 2 images, got shape "
                    + shape + ": the BatchNorm of the image-pooling branch sees one value per channel per image"
                    + " (inference works with any batch)");
        }
        NDList x = new NDList(Scalars.sub(Scalars.mul(input, 2), 1));
        x = stage(stem, parameterStore, x, training, params, true);
        return afterStem(parameterStore, x, shape, training, params);
    }

    /**
     * Inference on {@code x = A·v + c} per pixel ({@link AffineInputHead}): the map, and the {@code 2x − 1} input
     * rescale, are folded into the first convolution, so a SEnSeI model's 64 feature channels are never formed.
     */
    @Override
    public NDArray inferAffine(ParameterStore ps, NDArray values, NDArray a, NDArray c) {
        Shape shape = values.getShape();
        AffineInputHead.checkAffine(values, a, c, inChannels);
        NDManager parent = values.getManager();
        NDList x;
        try (NDManager sub = parent.newSubManager()) {
            NDArray[] map = withInputRescale(a, c, sub);
            values.tempAttach(sub);
            x = new NDList(stem.infer(ps, values, map[0], map[1]));
            x.attach(parent);
        }
        return afterStem(ps, x, shape, false, null);
    }

    /**
     * The input map {@code A·v + c} followed by the network's {@code 2x − 1} rescale: {2A, 2c − 1}, held by
     * {@code manager}.
     */
    static NDArray[] withInputRescale(NDArray a, NDArray c, NDManager manager) {
        NDArray a2 = Scalars.mul(a, 2);
        a2.attach(manager);
        NDArray c2 = Scalars.sub(Scalars.mul(c, 2), 1);
        c2.attach(manager);
        return new NDArray[] {a2, c2};
    }

    private NDArray afterStem(
            ParameterStore parameterStore, NDList x, Shape shape, boolean training, PairList<String, Object> params) {
        for (InvertedResidual block : backbone) {
            x = stage(block, parameterStore, x, training, params, true);
        }
        NDArray features = x.singletonOrThrow();
        Shape f = features.getShape();
        // PyTorch's mean takes one axis at a time here
        NDArray pooled = features.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray b4 = imagePooling
                .forward(parameterStore, new NDList(pooled), training, params)
                .singletonOrThrow();
        b4 = b4.broadcast(new Shape(f.get(0), ASPP_FILTERS, f.get(2), f.get(3)));
        NDArray b0 = stage(aspp0, parameterStore, x, training, params, true).singletonOrThrow();
        NDList y = new NDList(b4.concat(b0, 1));
        y = stage(projection, parameterStore, y, training, params, true);
        y = dropout.forward(parameterStore, y, training, params);
        NDArray logits =
                stage(classifier, parameterStore, y, training, params, true).singletonOrThrow();
        return resizeBilinear(logits, shape.get(2), shape.get(3));
    }

    /**
     * Bilinear resize of an NCHW array to {@code height × width} with half-pixel centres
     * (align_corners=false, TF2 {@code tf.image.resize}); differentiable.
     */
    public static NDArray resizeBilinear(NDArray x, long height, long width) {
        return x.getNDArrayInternal()
                .interpolation(new long[] {height, width}, Image.Interpolation.BILINEAR.ordinal(), false);
    }

    @Override
    void checkInput(Shape shape) {
        super.checkInput(shape);
        if (shape.get(2) < 1 || shape.get(3) < 1) {
            throw new IllegalArgumentException("DeepLabV3Plus needs a non-empty image, got shape " + shape);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] s = inputShapes;
        stem.initialize(manager, dataType, s);
        s = stem.getOutputShapes(s);
        for (InvertedResidual block : backbone) {
            block.initialize(manager, dataType, s);
            s = block.getOutputShapes(s);
        }
        Shape f = s[0];
        imagePooling.initialize(manager, dataType, new Shape(f.get(0), f.get(1), 1, 1));
        aspp0.initialize(manager, dataType, f);
        Shape concat = new Shape(f.get(0), 2L * ASPP_FILTERS, f.get(2), f.get(3));
        projection.initialize(manager, dataType, concat);
        Shape[] projected = projection.getOutputShapes(new Shape[] {concat});
        dropout.initialize(manager, dataType, projected);
        classifier.initialize(manager, dataType, projected);
    }

    /**
     * Runs one stage. In inference its intermediate arrays live in a sub-manager that is closed right after (DJL
     * otherwise keeps every intermediate of the whole network until the caller's manager closes: 1.6 GB for a
     * 512² tile), and the stage's input is closed once used when {@code closeInput}. In training everything is
     * kept for the backward pass.
     */
    private static NDList stage(
            Block block,
            ParameterStore ps,
            NDList x,
            boolean training,
            PairList<String, Object> params,
            boolean closeInput) {
        if (training) {
            return block.forward(ps, x, true, params);
        }
        NDArray in = x.singletonOrThrow();
        NDManager parent = in.getManager();
        NDList out;
        try (NDManager sub = parent.newSubManager()) {
            in.tempAttach(sub);
            out = block.forward(ps, x, false, params);
            out.attach(parent);
        }
        if (closeInput) {
            in.close();
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(
                "DeepLabV3Plus(MobileNetV2 alpha=%s, OS=%d, in=%d, classes=%d)",
                alpha, OUTPUT_STRIDE, inChannels, numClasses);
    }

    /** Builder for {@link DeepLabV3Plus}. */
    public static final class Builder {
        private int inChannels;
        private int numClasses;
        private double alpha = 1.0;
        private float batchNormMomentum = 0.9f;

        private Builder() {}

        /** Input channels (required). */
        public Builder setInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /** Output classes (required). */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** MobileNetV2 width multiplier (default 1). */
        public Builder optAlpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * BatchNorm momentum, Keras meaning: running = momentum·running + (1−momentum)·batch (default 0.9).
         */
        public Builder optBatchNormMomentum(float batchNormMomentum) {
            this.batchNormMomentum = batchNormMomentum;
            return this;
        }

        /** Builds the (uninitialised) network. */
        public DeepLabV3Plus build() {
            if (inChannels < 1) {
                throw new IllegalArgumentException("DeepLabV3Plus needs inChannels ≥ 1, got " + inChannels
                        + ": set it to the band count (or 64 for SEnSeI features)");
            }
            if (numClasses < 1) {
                throw new IllegalArgumentException("DeepLabV3Plus needs numClasses ≥ 1, got " + numClasses);
            }
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("DeepLabV3Plus needs a positive finite alpha, got " + alpha);
            }
            if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) {
                throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1), got " + batchNormMomentum);
            }
            return new DeepLabV3Plus(this);
        }
    }
}
