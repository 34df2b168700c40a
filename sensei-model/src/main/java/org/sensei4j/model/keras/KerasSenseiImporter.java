package org.sensei4j.model.keras;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.layer.DenseStack;
import org.sensei4j.model.layer.GroupNorm;
import org.sensei4j.model.sensei.DenseStackConfig;
import org.sensei4j.model.sensei.RecoveryConfig;
import org.sensei4j.model.sensei.RecoveryModule;
import org.sensei4j.model.sensei.SenseiConfig;
import org.sensei4j.model.sensei.SenseiEncoder;

/**
 * Imports the original authors' Keras HDF5 SEnSeI model (aliFrancis/SEnSeI, {@code models/sensei/*.hdf5}) into
 * our DJL blocks, reading it with jhdf.
 *
 * <p>The architecture (layer widths) is read from the weight shapes, so encoders of other sizes saved the same
 * way import too; skip connections are read from the file's {@code model_config} (layers named
 * {@code BLOCK/SkipAdd-i}). Keras 1×1 convolution kernels [1, 1, in, out] become DJL {@code Linear} weights
 * (out, in). The encoder lives under {@code model_weights/SEnSeI}, the recovery module (pretraining only) under
 * {@code model_weights/SEnSeI-Recovery-Module/RECOVERY}.
 */
public final class KerasSenseiImporter {

    private static final String ENCODER_GROUP = "model_weights/SEnSeI";
    private static final String RECOVERY_GROUP = "model_weights/SEnSeI-Recovery-Module/RECOVERY";

    /** What an import yields: the encoder, and the recovery module when the file has one. */
    public record Imported(SenseiEncoder encoder, RecoveryModule recovery, Path source) {
        public boolean hasRecovery() {
            return recovery != null;
        }
    }

    private final Path file;

    private KerasSenseiImporter(Path file) {
        this.file = file;
    }

    /** True if the file starts with the HDF5 signature. */
    public static boolean isHdf5(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] sig = in.readNBytes(8);
            return Arrays.equals(sig, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Imports encoder (and recovery module if present) with their parameters allocated on {@code manager}.
     *
     * @throws SenseiException if the file is missing, is not HDF5, is not a SEnSeI model or has wrong shapes
     */
    public static Imported load(Path file, NDManager manager) {
        return load(file, manager, true);
    }

    /** As {@link #load(Path, NDManager)}; {@code withRecovery=false} skips the recovery module. */
    public static Imported load(Path file, NDManager manager, boolean withRecovery) {
        if (!Files.isRegularFile(file)) {
            throw new SenseiException("weights file not found: " + file + ": check the path");
        }
        if (!isHdf5(file)) {
            throw new SenseiException(file + " is not an HDF5 file: give the Keras SEnSeI weights (.hdf5/.h5) "
                    + "or a sensei4j model bundle");
        }
        return new KerasSenseiImporter(file).read(manager, withRecovery);
    }

    private Imported read(NDManager manager, boolean withRecovery) {
        try (HdfFile hdf = new HdfFile(file)) {
            Group encoderGroup = group(hdf, ENCODER_GROUP, true);
            String modelConfig = modelConfig(hdf);
            SenseiConfig published = SenseiConfig.published();
            DenseStackConfig descriptor = stackConfig(
                    encoderGroup,
                    "DESCRIPTOR_BLOCK",
                    modelConfig,
                    "",
                    published.descriptorBlock().skips(),
                    SenseiConfig.DESCRIPTOR_WIDTH);
            int e = descriptor.output();
            DenseStackConfig permuted = stackConfig(
                    encoderGroup,
                    "PERMUTED_DESCRIPTOR_BLOCK",
                    modelConfig,
                    "",
                    published.permutedBlock().skips(),
                    2 * e);
            DenseStackConfig combined = stackConfig(
                    encoderGroup,
                    "COMBINED_DESCRIPTOR_BLOCK",
                    modelConfig,
                    "",
                    published.combinedBlock().skips(),
                    permuted.output() + e);
            SenseiConfig config = new SenseiConfig(
                    descriptor,
                    permuted,
                    combined,
                    published.bandOffset(),
                    published.groups(),
                    published.epsilon(),
                    published.leakyAlpha());
            SenseiEncoder encoder = new SenseiEncoder(config);
            encoder.initialize(manager);
            loadStack(encoderGroup, "DESCRIPTOR_BLOCK", encoder.descriptorBlock());
            loadStack(encoderGroup, "PERMUTED_DESCRIPTOR_BLOCK", encoder.permutedBlock());
            loadStack(encoderGroup, "COMBINED_DESCRIPTOR_BLOCK", encoder.combinedBlock());

            RecoveryModule recovery = null;
            Group recoveryGroup = withRecovery ? group(hdf, RECOVERY_GROUP, false) : null;
            if (recoveryGroup != null) {
                String prefix = "RECOVERY/";
                int f = config.featureChannels();
                DenseStackConfig candidate = stackConfig(
                        recoveryGroup,
                        "CANDIDATE_DESCRIPTOR_BLOCK",
                        modelConfig,
                        prefix,
                        true,
                        SenseiConfig.DESCRIPTOR_WIDTH);
                DenseStackConfig real = stackConfig(
                        recoveryGroup,
                        "REAL_DESCRIPTOR_BLOCK",
                        modelConfig,
                        prefix,
                        false,
                        SenseiConfig.DESCRIPTOR_WIDTH);
                RecoveryConfig rc = new RecoveryConfig(
                        candidate,
                        real,
                        stackConfig(
                                recoveryGroup,
                                "CANDIDATE_PREDICTION_BLOCK",
                                modelConfig,
                                prefix,
                                false,
                                f + candidate.output()),
                        stackConfig(
                                recoveryGroup, "BAND_ESTIMATION_BLOCK", modelConfig, prefix, false, f + real.output()));
                recovery = new RecoveryModule(config, rc);
                recovery.initialize(manager);
                loadStack(recoveryGroup, "CANDIDATE_DESCRIPTOR_BLOCK", recovery.candidateDescriptorBlock());
                loadStack(recoveryGroup, "REAL_DESCRIPTOR_BLOCK", recovery.realDescriptorBlock());
                loadStack(recoveryGroup, "CANDIDATE_PREDICTION_BLOCK", recovery.candidatePredictionBlock());
                loadStack(recoveryGroup, "BAND_ESTIMATION_BLOCK", recovery.bandEstimationBlock());
                loadDense(
                        layerGroup(recoveryGroup, "CANDIDATE_PREDICTION_BLOCK", "Conv-final"),
                        "CANDIDATE_PREDICTION_BLOCK/Conv-final",
                        recovery.candidateFinal());
                loadDense(
                        layerGroup(recoveryGroup, "BAND_ESTIMATION_BLOCK", "Conv-final"),
                        "BAND_ESTIMATION_BLOCK/Conv-final",
                        recovery.bandFinal());
            }
            return new Imported(encoder, recovery, file);
        } catch (SenseiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SenseiException(
                    "cannot read " + file + " as a Keras SEnSeI model: " + e.getMessage()
                            + ": give the .hdf5 file saved by the original SEnSeI code",
                    e);
        }
    }

    private Group group(HdfFile hdf, String path, boolean required) {
        Node node;
        try {
            node = hdf.getByPath(path);
        } catch (RuntimeException e) {
            node = null;
        }
        if (node instanceof Group g) {
            return g;
        }
        if (required) {
            throw new SenseiException(file + " is not a SEnSeI model: it has no '" + path
                    + "' group. Give the Keras .hdf5 saved by the original SEnSeI code (e.g. "
                    + "sensei-epoch043-loss0.198.hdf5) or a sensei4j model bundle");
        }
        return null;
    }

    private static String modelConfig(HdfFile hdf) {
        Attribute a = hdf.getAttribute("model_config");
        if (a == null) {
            return "";
        }
        Object data = a.getData();
        return data == null ? "" : data.toString();
    }

    /**
     * Reads hidden widths and output width from the kernels Conv-0..Conv-k and Conv-last of one block, checking
     * that each layer's input width is the previous one's output ({@code inputWidth} for the first).
     */
    private DenseStackConfig stackConfig(
            Group parent, String block, String modelConfig, String prefix, boolean defaultSkips, int inputWidth) {
        Node blockNode = parent.getChild(block);
        if (!(blockNode instanceof Group blockGroup)) {
            throw new SenseiException(
                    file + " is not a SEnSeI model: block '" + block + "' is missing under " + parent.getPath());
        }
        List<Integer> widths = new ArrayList<>();
        long expectedIn = inputWidth;
        for (int i = 0; blockGroup.getChild("Conv-" + i) != null; i++) {
            int[] k = kernelShape(parent, block, "Conv-" + i);
            if (k[2] != expectedIn) {
                throw wrongShape(block + "/Conv-" + i, "input width " + k[2] + " but its input is " + expectedIn);
            }
            widths.add(k[3]);
            expectedIn = k[3];
        }
        int[] last = kernelShape(parent, block, "Conv-last");
        if (last[2] != expectedIn) {
            throw wrongShape(block + "/Conv-last", "input width " + last[2] + " but its input is " + expectedIn);
        }
        boolean skips =
                modelConfig.isEmpty() ? defaultSkips : modelConfig.contains("\"" + prefix + block + "/SkipAdd-");
        return new DenseStackConfig(widths.stream().mapToInt(Integer::intValue).toArray(), last[3], skips);
    }

    private int[] kernelShape(Group parent, String block, String layer) {
        Dataset kernel = dataset(layerGroup(parent, block, layer), block + "/" + layer, "kernel:0");
        int[] dims = kernel.getDimensions();
        if (dims.length != 4 || dims[0] != 1 || dims[1] != 1) {
            throw wrongShape(
                    block + "/" + layer,
                    "kernel shape " + Arrays.toString(dims) + " is not a 1×1 convolution [1, 1, in, out]");
        }
        return dims;
    }

    private SenseiException wrongShape(String layer, String detail) {
        return new SenseiException(file + ": layer " + layer + " has the wrong shape (" + detail
                + "): the file is not a SEnSeI model this version can import");
    }

    /** The group holding one layer's weights: {@code BLOCK/Conv-i/<conv2d_NN>/} (the inner name varies). */
    private Group layerGroup(Group blockParent, String block, String layer) {
        Node b = blockParent.getChild(block);
        Node l = b instanceof Group bg ? bg.getChild(layer) : null;
        if (!(l instanceof Group lg)) {
            throw new SenseiException(file + " is not a SEnSeI model: layer " + block + "/" + layer + " is missing");
        }
        if (lg.getChild("kernel:0") != null || lg.getChild("gamma:0") != null) {
            return lg;
        }
        for (Node child : lg.getChildren().values()) {
            if (child instanceof Group inner) {
                return inner;
            }
        }
        throw new SenseiException(file + ": layer " + block + "/" + layer + " holds no weights");
    }

    private Dataset dataset(Group g, String layer, String name) {
        Node n = g.getChild(name);
        if (!(n instanceof Dataset d)) {
            throw new SenseiException(file + " is not a SEnSeI model: " + layer + " has no '" + name + "'");
        }
        return d;
    }

    private void loadStack(Group parent, String block, DenseStack stack) {
        List<Linear> dense = stack.denseLayers();
        List<GroupNorm> norms = stack.groupNorms();
        for (int i = 0; i < dense.size(); i++) {
            loadDense(layerGroup(parent, block, "Conv-" + i), block + "/Conv-" + i, dense.get(i));
            Group gn = layerGroup(parent, block, "GroupNorm-" + i);
            set(
                    norms.get(i).gamma(),
                    read(dataset(gn, block + "/GroupNorm-" + i, "gamma:0")),
                    block + "/GroupNorm-" + i);
            set(norms.get(i).beta(), read(dataset(gn, block + "/GroupNorm-" + i, "beta:0")), block + "/GroupNorm-" + i);
        }
        loadDense(layerGroup(parent, block, "Conv-last"), block + "/Conv-last", stack.lastLayer());
    }

    private void loadDense(Group layer, String name, Linear linear) {
        Dataset kernel = dataset(layer, name, "kernel:0");
        int[] k = kernel.getDimensions();
        int in = k[2];
        int out = k[3];
        float[] kt = read(kernel); // [1,1,in,out] row-major: index = i*out + o
        float[] weight = new float[in * out]; // DJL Linear weight (out, in): index = o*in + i
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                weight[o * in + i] = kt[i * out + o];
            }
        }
        Parameter w = linear.getParameters().get("weight");
        Parameter b = linear.getParameters().get("bias");
        set(w, weight, name);
        set(b, read(dataset(layer, name, "bias:0")), name);
    }

    private void set(Parameter p, float[] values, String layer) {
        NDArray array = p.getArray();
        Shape shape = array.getShape();
        if (shape.size() != values.length) {
            throw wrongShape(layer, p.getName() + " has " + values.length + " values, the model expects " + shape);
        }
        array.set(values);
    }

    private float[] read(Dataset d) {
        Object data = d.getData();
        int n = Math.toIntExact(d.getSize());
        float[] out = new float[n];
        int[] pos = {0};
        flatten(data, out, pos);
        if (pos[0] != n) {
            throw new SenseiException(file + ": dataset " + d.getPath() + " has " + pos[0] + " values, expected " + n);
        }
        return out;
    }

    private static void flatten(Object data, float[] out, int[] pos) {
        if (data instanceof float[] f) {
            System.arraycopy(f, 0, out, pos[0], f.length);
            pos[0] += f.length;
        } else if (data instanceof double[] dd) {
            for (double v : dd) {
                out[pos[0]++] = (float) v;
            }
        } else if (data != null && data.getClass().isArray()) {
            int len = Array.getLength(data);
            for (int i = 0; i < len; i++) {
                flatten(Array.get(data, i), out, pos);
            }
        } else if (data instanceof Float f) {
            out[pos[0]++] = f;
        } else if (data instanceof Double dv) {
            out[pos[0]++] = dv.floatValue();
        } else {
            throw new IllegalStateException(
                    "unsupported weight data type " + (data == null ? "null" : data.getClass()));
        }
    }
}
