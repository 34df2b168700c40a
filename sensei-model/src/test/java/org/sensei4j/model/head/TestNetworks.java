package org.sensei4j.model.head;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Random;

/** Networks with random weights for the tests that fold, export or quantise them. */
public final class TestNetworks {

    private TestNetworks() {}

    /**
     * A MobileNetV2 DeepLabv3+ with weights drawn from the engine seed {@code engineSeed} and BatchNorm statistics
     * randomised from {@code batchNormSeed}, initialised for 33 × 33 inputs.
     */
    public static DeepLabV3Plus deepLab(NDManager m, int engineSeed, int channels, int classes, long batchNormSeed) {
        Engine.getInstance().setRandomSeed(engineSeed);
        DeepLabV3Plus net = DeepLabV3Plus.mobileNetV2(channels, classes);
        net.initialize(m, DataType.FLOAT32, new Shape(1, channels, 33, 33));
        randomiseBatchNorms(net, batchNormSeed);
        return net;
    }

    /**
     * Gives every BatchNorm non-trivial statistics (a trained network's are not the identity), so folding them is
     * actually exercised.
     */
    public static void randomiseBatchNorms(Block block, long seed) {
        Random rnd = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getKey();
            boolean stat = name.endsWith("runningVar")
                    || name.endsWith("runningMean")
                    || name.endsWith("beta")
                    || name.endsWith("gamma");
            if (!stat) {
                continue;
            }
            NDArray a = p.getValue().getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith("runningVar")
                        ? 0.2f + 2 * rnd.nextFloat()
                        : name.endsWith("gamma") ? 0.5f + rnd.nextFloat() : (rnd.nextFloat() - 0.5f) * 0.6f;
            }
            a.set(v);
        }
    }
}
