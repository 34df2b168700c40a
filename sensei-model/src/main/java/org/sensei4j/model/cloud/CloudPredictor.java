package org.sensei4j.model.cloud;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.head.DeepLabV3Plus;
import org.sensei4j.model.head.DeepLabV3PlusOnnx;
import org.sensei4j.model.head.PixelMlp;
import org.sensei4j.model.head.PixelMlpKernel;
import org.sensei4j.model.onnx.ActivationRanges;
import org.sensei4j.model.onnx.Int8Quantiser;
import org.sensei4j.model.onnx.Int8Weights;
import org.sensei4j.model.onnx.OnnxSession;
import org.sensei4j.model.sensei.SenseiEncoder;
import org.sensei4j.sensor.BandIds;

/**
 * What runs a {@link CloudModel} on a scene's bands, kept out of the block as DJL keeps pre- and post-processing in
 * a {@code Translator}: matching a fixed-band model's bands by id, turning band descriptors into the encoder's
 * input, the softmax, and choosing the engine (ONNX Runtime for a DeepLabv3+ head, else DJL's). Holds no state
 * besides the model: make one where needed ({@link #of}).
 */
public final class CloudPredictor {

    private final CloudModel model;

    private CloudPredictor(CloudModel model) {
        this.model = model;
    }

    /** The predictor of {@code model}. */
    public static CloudPredictor of(CloudModel model) {
        return new CloudPredictor(model);
    }

    public CloudModel model() {
        return model;
    }

    /**
     * For a fixed-band model: the position in {@code available} of each of the model's bands, matched by band id
     * ({@link BandIds}: case, separators and leading zeros do not matter, "B2" = "B02").
     *
     * @throws SenseiException listing every band the model needs that is missing
     */
    public int[] selectBands(List<String> available) {
        ModelSpec spec = model.spec();
        if (spec.bands() == null) {
            throw new IllegalStateException("a SEnSeI model takes any bands; selectBands is for fixed-band models");
        }
        int[] index = new int[spec.bands().size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            String want = BandIds.key(spec.bands().get(i).id());
            index[i] = -1;
            for (int j = 0; j < available.size(); j++) {
                if (BandIds.key(available.get(j)).equals(want)) {
                    index[i] = j;
                    break;
                }
            }
            if (index[i] < 0) {
                missing.add(spec.bands().get(i).id());
            }
        }
        if (!missing.isEmpty()) {
            List<String> needed = spec.bands().stream().map(BandSpec::id).toList();
            throw new SenseiException("model '" + spec.name() + "' takes the fixed bands " + needed + "; missing "
                    + missing + " (given " + available + "): provide those bands or use a SEnSeI model, which takes "
                    + "any band set");
        }
        return index;
    }

    /**
     * Class probabilities for a SEnSeI model and any band subset.
     *
     * @param values      (B, N, H, W) reflectances
     * @param descriptors one per band, same order
     * @return (B, K, H, W) softmax probabilities
     */
    public NDArray predict(ParameterStore ps, NDArray values, List<BandDescriptor> descriptors) {
        if (model.sensei() == null) {
            throw new SenseiException(
                    "model '" + model.spec().name() + "' is a fixed-band model: call predict with" + " its bands "
                            + model.spec().bands().stream().map(BandSpec::id).toList());
        }
        long n = values.getShape().get(1);
        if (n != descriptors.size()) {
            throw new SenseiException(
                    n + " bands of values but " + descriptors.size() + " descriptors: give one descriptor per band");
        }
        long b = values.getShape().get(0);
        NDArray desc = values.getManager().create(BandDescriptor.normalised(descriptors), new Shape(1, n, 3));
        if (b > 1) {
            desc = desc.broadcast(new Shape(b, n, 3));
        }
        return CloudModel.probabilities(
                model.forward(ps, new NDList(values, desc), false).singletonOrThrow());
    }

    /**
     * Class probabilities for a fixed-band model.
     *
     * @param values  (B, N, H, W) values of the bands named in {@code bandIds}, in that order
     * @param bandIds the band ids of {@code values}; must include every band of the model
     */
    public NDArray predictFixed(ParameterStore ps, NDArray values, List<String> bandIds) {
        if (model.sensei() != null) {
            throw new IllegalStateException("a SEnSeI model is called with descriptors: use predict");
        }
        int[] idx = selectBands(bandIds);
        NDArray selected = values.get(new NDIndex(
                ":, {}",
                values.getManager().create(Arrays.stream(idx).asLongStream().toArray())));
        return CloudModel.probabilities(
                model.forward(ps, new NDList(selected), false).singletonOrThrow());
    }

    /**
     * The model's head compiled with the band set's input folded in, for masking many tiles of one band set: the
     * per-pixel head as a {@link PixelMlpKernel}, DeepLabv3+ for ONNX Runtime; empty for DeepLabv3+ when ONNX Runtime
     * is switched off ({@code SENSEI_ONNX=off} in the environment or {@code -Dsensei.onnx=off}) or when its native
     * library does not load here. The result equals {@link #predict} (or {@link #predictFixed} on the model's bands)
     * to float rounding.
     *
     * @param descriptors the tile's bands, in the order of its values (SEnSeI models); null for a fixed-band
     *                    model, whose tiles then hold the model's bands in the model's order
     * @param threads     threads per tile (1 when tiles run in parallel)
     */
    public Optional<CompiledHead> compile(ParameterStore ps, List<BandDescriptor> descriptors, int threads) {
        return compile(ps, descriptors, threads, Precision.FP32, null);
    }

    /**
     * As {@link #compile(ParameterStore, List, int)} in the given precision (a per-pixel head is always fp32): for
     * {@link Precision#INT8} the convolutions of the backbone and the ASPP's 1×1 branch are int8 ({@link
     * DeepLabV3PlusOnnx#export} with an {@link Int8Quantiser}), their activations' ranges calibrated on {@code
     * calibration}'s inputs with the float32 graph; the stem, the image pooling and the classifier stay float32.
     *
     * @param precision   {@link Precision#INT8}, or fp32 for anything else ({@link Precision#AUTO} is resolved by the
     *                    caller, {@link Precision#resolve}, which knows the bundle's int8 check and the scene)
     * @param calibration the calibration inputs, for int8 (ignored for fp32)
     */
    public Optional<CompiledHead> compile(
            ParameterStore ps,
            List<BandDescriptor> descriptors,
            int threads,
            Precision precision,
            Int8Calibration calibration) {
        if (model.head() instanceof PixelMlp mlp) {
            return Optional.of(new CompiledHead(kernel(ps, mlp, descriptors)));
        }
        if (!(model.head() instanceof DeepLabV3Plus deepLab) || !onnxEnabled()) {
            return Optional.empty();
        }
        if (precision == Precision.INT8 && calibration == null) {
            throw new IllegalArgumentException("an int8 head needs calibration inputs");
        }
        SenseiEncoder sensei = model.sensei();
        int bands;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = null;
            NDArray c = null;
            if (sensei == null) {
                if (descriptors != null) {
                    throw new IllegalStateException("a fixed-band model is compiled for its own bands: pass null");
                }
                bands = model.spec().head().inChannels();
            } else {
                if (descriptors == null || descriptors.isEmpty()) {
                    throw new SenseiException("a SEnSeI model needs the descriptors of the tile's bands");
                }
                bands = descriptors.size();
                NDArray desc = m.create(BandDescriptor.normalised(descriptors), new Shape(1, bands, 3));
                NDArray[] map = sensei.bandMap(ps, new NDList(m.zeros(new Shape(1, bands, 1, 1)), desc));
                a = map[0].get(0);
                c = map[1].get(0);
            }
            int classes = model.spec().head().classes();
            try {
                if (precision != Precision.INT8) {
                    byte[] onnx = DeepLabV3PlusOnnx.export(deepLab, ps, a, c);
                    return Optional.of(new CompiledHead(new OnnxSession(onnx, threads), bands, classes, "fp32"));
                }
                List<float[]> ranges = ActivationRanges.calibrate(
                        DeepLabV3PlusOnnx.export(deepLab, ps, a, c, Int8Quantiser.recording()),
                        calibration.inputs(),
                        calibration.percentile());
                int floatFirst = int8FloatConvolutions();
                Int8Quantiser q = Int8Quantiser.quantising(ranges, Int8Weights.forThisMachine(), floatFirst);
                byte[] onnx = DeepLabV3PlusOnnx.export(deepLab, ps, a, c, q);
                String how = "int8: " + q.convolutions() + " convolutions (weights symmetric per output channel, "
                        + q.weights().description() + "; activations uint8 per tensor, " + calibration.describe()
                        + "); stem, "
                        + (floatFirst == INT8_FLOAT_CONVOLUTIONS
                                ? "the first 13 inverted residual blocks (" + floatFirst + " convolutions)"
                                : "the first " + floatFirst + " convolutions")
                        + ", image pooling and classifier fp32";
                return Optional.of(new CompiledHead(new OnnxSession(onnx, threads), bands, classes, how));
            } catch (LinkageError e) {
                // no ONNX Runtime native library for this platform: the DJL path still works
                return Optional.empty();
            } catch (IllegalStateException e) {
                // the same when ONNX Runtime cannot create a session here; any other failure (e.g. of the int8
                // calibration) is a bug to see, not a silent fall-back to DJL in fp32
                if (e.getMessage() != null && e.getMessage().startsWith(OnnxSession.LOAD_FAILED)) {
                    return Optional.empty();
                }
                throw e;
            }
        }
    }

    /** The per-pixel head as a kernel on the tile's bands: SEnSeI's band map for {@code descriptors} folded in. */
    private PixelMlpKernel kernel(ParameterStore ps, PixelMlp mlp, List<BandDescriptor> descriptors) {
        SenseiEncoder sensei = model.sensei();
        if (sensei == null) {
            if (descriptors != null) {
                throw new IllegalStateException("a fixed-band model is compiled for its own bands: pass null");
            }
            return mlp.kernel(ps, null, null);
        }
        if (descriptors == null || descriptors.isEmpty()) {
            throw new SenseiException("a SEnSeI model needs the descriptors of the tile's bands");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            int bands = descriptors.size();
            NDArray desc = m.create(BandDescriptor.normalised(descriptors), new Shape(1, bands, 3));
            NDArray[] map = sensei.bandMap(ps, new NDList(m.zeros(new Shape(1, bands, 1, 1)), desc));
            return mlp.kernel(ps, map[0].get(0), map[1].get(0));
        }
    }

    /**
     * The convolutions at the start of DeepLabv3+ that an int8 head keeps in float32: those of the first 13 of the 17
     * inverted residual blocks (the 16- to 96-channel blocks). Chosen as the fewest that hold the accuracy bar (99.5%
     * of the pixels with the same class as fp32, OA within 0.2 points) on both trained SEnSeI+DLv3 at hand (AVX2 CPU,
     * 7-bit weights): a 30-epoch configs/train/real-sensei-dlv3.yaml on the 1.57 Mpx of labelled real scenes in
     * {@code ../shared}: all int8 97.7%, the first 26 float 99.3%, these 38 99.6% (OA +0.07 points), int8 / fp32 time
     * per tile 0.56-0.60, 0.64-0.67 and 0.68-0.79; and the small configs/train/int8-guard-dlv3.yaml on 8 held-out
     * synthetic scenes: 98.3%, 99.50% (just under), 99.70% ({@code Int8GuardTest}; README, "Int8 DeepLabv3+").
     */
    public static final int INT8_FLOAT_CONVOLUTIONS = 38;

    /** The system property that overrides {@link #INT8_FLOAT_CONVOLUTIONS} (0: every convolution int8). */
    public static final String INT8_FLOAT_PROPERTY = "sensei.int8.float-convolutions";

    /** {@link #INT8_FLOAT_CONVOLUTIONS}, or the number {@link #INT8_FLOAT_PROPERTY} gives. */
    public static int int8FloatConvolutions() {
        String v = System.getProperty(INT8_FLOAT_PROPERTY);
        if (v == null) {
            return INT8_FLOAT_CONVOLUTIONS;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SenseiException("-D" + INT8_FLOAT_PROPERTY + " must be a number of convolutions ≥ 0, got '" + v
                + "' (" + INT8_FLOAT_CONVOLUTIONS + ", the default, keeps the first 13 blocks in float32)");
    }

    /** Whether ONNX Runtime may be used: not switched off by {@code -Dsensei.onnx=off} or {@code SENSEI_ONNX=off}. */
    static boolean onnxEnabled() {
        String setting = System.getProperty("sensei.onnx", System.getenv("SENSEI_ONNX"));
        return setting == null || !setting.trim().equalsIgnoreCase("off");
    }
}
