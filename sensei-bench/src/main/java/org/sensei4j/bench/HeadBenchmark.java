package org.sensei4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sensei4j.model.head.HeadConfig;
import org.sensei4j.model.head.HeadType;

/**
 * Inference speed of the heads on the current DJL engine and device: median milliseconds per megapixel
 * over timed runs on random input, after warm-up runs; each run in its own sub-{@link NDManager} so that
 * its intermediates are freed. Randomly initialised weights: the speed does not depend on them.
 */
public final class HeadBenchmark {

    /**
     * One measurement: median and fastest of the timed runs, in ms per image and ms per megapixel (the
     * fastest run is the better guide on a shared, noisy machine).
     */
    public record Result(String head, int inChannels, int size, double medianMillis, double minMillis) {
        /** Median milliseconds per megapixel. */
        public double millisPerMegapixel() {
            return medianMillis / megapixels();
        }

        /** Fastest run in milliseconds per megapixel. */
        public double minMillisPerMegapixel() {
            return minMillis / megapixels();
        }

        private double megapixels() {
            return (double) size * size / 1e6;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-5s %3d inputs %4d² px: median %7.1f ms = %7.1f ms/Mpx (fastest %7.1f ms/Mpx)",
                    head,
                    inChannels,
                    size,
                    medianMillis,
                    millisPerMegapixel(),
                    minMillisPerMegapixel());
        }
    }

    private HeadBenchmark() {}

    /**
     * Times {@code block} (already initialised) on 1×C×size×size inputs in inference mode.
     *
     * @param manager manager that owns the block's parameters
     * @param warmups untimed runs first
     * @param runs timed runs (the median is reported)
     * @return the milliseconds of each timed forward pass, sorted ascending
     */
    public static double[] timeMillis(Block block, NDManager manager, int inChannels, int size, int warmups, int runs) {
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("need runs ≥ 1 and warmups ≥ 0, got " + runs + ", " + warmups);
        }
        ParameterStore store = new ParameterStore(manager, false);
        double[] times = new double[runs];
        for (int i = 0; i < warmups + runs; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.randomUniform(0f, 1f, new Shape(1, inChannels, size, size));
                long t0 = System.nanoTime();
                NDList out = block.forward(store, new NDList(x), false);
                out.singletonOrThrow().toFloatArray(); // make sure the result exists
                long t1 = System.nanoTime();
                if (i >= warmups) {
                    times[i - warmups] = (t1 - t0) / 1e6;
                }
            }
        }
        Arrays.sort(times);
        return times;
    }

    /** Median of sorted values. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Measures the paper's heads (NN with 72 hidden units, DLv3) at each input channel count.
     *
     * @param channelCounts input channel counts, e.g. 13 and 64
     * @param size image height and width (px)
     */
    public static List<Result> run(int[] channelCounts, int size, int warmups, int runs) {
        List<Result> results = new ArrayList<>();
        for (int channels : channelCounts) {
            for (HeadConfig config :
                    new HeadConfig[] {HeadConfig.pixelMlp(channels, 72, 2), HeadConfig.deepLabV3Plus(channels, 2)}) {
                try (NDManager manager = NDManager.newBaseManager()) {
                    Block block = config.newBlock();
                    block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, 33, 33));
                    double[] ms = timeMillis(block, manager, channels, size, warmups, runs);
                    String name = config.type() == HeadType.PIXEL_MLP ? "NN" : "DLv3";
                    results.add(new Result(name, channels, size, median(ms), ms[0]));
                }
            }
        }
        return results;
    }

    /** Prints NN and DLv3 timings at 13 and 64 inputs on 512×512 images (2 warm-up + 5 timed runs). */
    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        for (Result r : run(new int[] {13, 64}, size, 2, 5)) {
            System.out.println(r);
        }
    }
}
