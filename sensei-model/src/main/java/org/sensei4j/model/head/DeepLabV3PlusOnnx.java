package org.sensei4j.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.sensei4j.model.onnx.Int8Quantiser;
import org.sensei4j.model.onnx.OnnxGraph;

/**
 * The ONNX export of a {@link DeepLabV3Plus}: the network's graph for ONNX Runtime, assembled from its layers' own
 * exports ({@code toOnnx} of {@link ConvBatchNorm} and {@link InvertedResidual}). Kept out of the block, which
 * only trains and infers through DJL.
 */
public final class DeepLabV3PlusOnnx {

    private DeepLabV3PlusOnnx() {}

    /**
     * {@code net} for inference with ONNX Runtime, BatchNorm folded: a serialised ONNX model with input
     * {@code values} (1, N + 1, height, width), the N input channels followed by a channel of ones, and output
     * the class probabilities (1, K, height, width): the logits, bilinearly resized as
     * {@link DeepLabV3Plus#resizeBilinear} does, through a softmax over the classes. With {@code a} and {@code c}
     * (A (C, N), c (C)) the input is mapped to {@code A·v + c} per pixel first ({@link AffineInputHead}); without,
     * N = C and the values go in as they are.
     * The image-pooling branch's broadcast and concatenation are folded into the projection (its weight split in
     * two), which is the same sum.
     */
    public static byte[] export(DeepLabV3Plus net, ParameterStore ps, NDArray a, NDArray c) {
        return export(net, ps, a, c, null);
    }

    /**
     * As {@link #export(DeepLabV3Plus, ParameterStore, NDArray, NDArray)}, with the convolutions of the backbone,
     * of the ASPP's 1×1 branch and of the projection's part from it built by {@code quantiser} (null: all in
     * float32): int8 in the QDQ format ({@link Int8Quantiser#quantising}), or float32 with each activation int8
     * would quantise as an extra graph output after the probabilities ({@link Int8Quantiser#recording}, for
     * calibration). The stem (which carries the input map, e.g. SEnSeI's band map), the image-pooling branch (one
     * pixel), the rest of the projection and the classifier stay in float32.
     */
    public static byte[] export(DeepLabV3Plus net, ParameterStore ps, NDArray a, NDArray c, Int8Quantiser quantiser) {
        try (NDManager m = NDManager.newBaseManager()) {
            if (a != null) {
                AffineInputHead.checkAffine(m.zeros(new Shape(1, a.getShape().get(1), 1, 1)), a, c, net.inChannels);
            }
            // without a map the input goes in as it is: A = I, c = 0
            NDArray[] map = a == null
                    ? DeepLabV3Plus.withInputRescale(m.eye(net.inChannels), m.zeros(new Shape(net.inChannels)), m)
                    : DeepLabV3Plus.withInputRescale(a, c, m);
            NDArray a2 = map[0];
            NDArray c2 = map[1];
            long n = a2.getShape().get(1);
            OnnxGraph g = new OnnxGraph("sensei4j-deeplabv3plus").quantiser(quantiser);
            g.input("values", 1L, n + 1, "height", "width");
            String x = net.stem.toOnnx(g, "values", ps, m, a2, c2);
            for (InvertedResidual block : net.backbone) {
                x = block.toOnnx(g, x, ps, m);
            }
            String b0 = net.aspp0.toOnnx(g, x, ps, m, null, null, true);
            String pooled = g.node("GlobalAveragePool", List.of(quantiser == null ? x : quantiser.read(x)));
            String b4 = net.imagePooling.toOnnx(g, pooled, ps, m, null, null);
            // projection(concat(broadcast b4, b0)) = W[:, :256]·b4 + W[:, 256:]·b0 + bias, then ReLU
            NDArray[] p = net.projection.folded(ps, m);
            NDArray wPool = p[0].get(":, 0:" + DeepLabV3Plus.ASPP_FILTERS);
            NDArray wB0 = p[0].get(":, " + DeepLabV3Plus.ASPP_FILTERS + ":");
            String fromB0 = quantiser == null
                    ? g.node("Conv", List.of(b0, ConvBatchNorm.constant(g, "w", wB0)))
                    : quantiser.output(
                            g,
                            quantiser.conv(
                                    g, b0, wB0.toFloatArray(), wB0.getShape().getShape(), null));
            String fromPool = g.node(
                    "Conv", List.of(b4, ConvBatchNorm.constant(g, "w", wPool), ConvBatchNorm.constant(g, "b", p[1])));
            String projected = g.node("Relu", List.of(g.node("Add", List.of(fromB0, fromPool))));
            NDArray wc = ps.getValue(net.classifier.getParameters().get("weight"), m.getDevice(), false);
            NDArray bc = ps.getValue(net.classifier.getParameters().get("bias"), m.getDevice(), false);
            String logits = g.node(
                    "Conv", List.of(projected, ConvBatchNorm.constant(g, "w", wc), ConvBatchNorm.constant(g, "b", bc)));
            // bilinear resize to the input's height and width (half-pixel centres, as resizeBilinear), softmax
            String hw = g.node(
                    "Slice",
                    List.of(
                            g.node("Shape", List.of("values")),
                            g.constantInt64("start", 2),
                            g.constantInt64("end", 4)));
            String sizes = g.node(
                    "Concat",
                    List.of(g.constantInt64("batch_classes", 1, net.numClasses), hw),
                    OnnxGraph.Attribute.of("axis", 0L));
            String resized = g.node(
                    "Resize",
                    List.of(logits, "", "", sizes),
                    OnnxGraph.Attribute.of("mode", "linear"),
                    OnnxGraph.Attribute.of("coordinate_transformation_mode", "half_pixel"));
            // softmax over the classes spelt out: ONNX Runtime's Softmax on axis 1 of NCHW data transposes the
            // array there and back (6% of the tile's time); these five passes take a fifth of that
            String max = g.node(
                    "ReduceMax",
                    List.of(resized),
                    OnnxGraph.Attribute.ints("axes", 1),
                    OnnxGraph.Attribute.of("keepdims", 1L));
            String exp = g.node("Exp", List.of(g.node("Sub", List.of(resized, max))));
            String sum = g.node(
                    "ReduceSum", List.of(exp, g.constantInt64("axes", 1)), OnnxGraph.Attribute.of("keepdims", 1L));
            String probabilities = g.node("Div", List.of(exp, sum));
            g.output(probabilities, 1L, (long) net.numClasses, "height", "width");
            if (quantiser != null && quantiser.isRecording()) {
                quantiser.exposeSlots(g);
            }
            return g.toModelBytes();
        }
    }
}
