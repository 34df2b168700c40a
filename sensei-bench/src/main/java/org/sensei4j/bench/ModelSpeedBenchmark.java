package org.sensei4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.model.cloud.BandSpec;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.CloudPredictor;
import org.sensei4j.model.cloud.CompiledHead;
import org.sensei4j.model.cloud.Int8Calibration;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.cloud.Precision;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.model.onnx.ActivationRanges;
import org.sensei4j.model.onnx.CpuInfo;
import org.sensei4j.model.onnx.Int8Weights;

/**
 * Inference speed of the paper's model rows (Table VII layout): NN, SEnSeI+NN with 3/8/13 bands, DLv3 with 13
 * bands, SEnSeI+DLv3 with 3/8/13 bands, as median milliseconds per megapixel over repeated forward passes of
 * one tile (each pass in its own NDManager). Random weights: speed does not depend on them.
 */
public final class ModelSpeedBenchmark {

    /** One row of the table. */
    public record Row(
            String model,
            int bands,
            double medianMsPerMegapixel,
            double minMsPerMegapixel,
            double maxMsPerMegapixel,
            int runs) {}

    private static final double[][] S2_BANDS = {
        {425, 443, 461},
        {446, 494, 542},
        {537.5, 560, 582.5},
        {645.5, 665, 684.5},
        {694, 704, 714},
        {731, 740, 749},
        {767, 781, 795},
        {763.5, 834, 904.5},
        {847.5, 864, 880.5},
        {930.5, 944, 957.5},
        {1337, 1375, 1413},
        {1541, 1612, 1683},
        {2074, 2194, 2314}
    };

    private ModelSpeedBenchmark() {}

    /**
     * One configuration under test: a model, its input bands (the descriptors a SEnSeI model gets) and, for the
     * ONNX Runtime rows, the model compiled for them.
     */
    private record Case(
            String name,
            int bands,
            boolean sensei,
            CloudModel model,
            List<BandDescriptor> descriptors,
            CompiledHead compiled) {}

    /**
     * Runs the table for a square tile of {@code size} pixels: {@code warmup} untimed passes per row, then
     * {@code runs} rounds that each time one pass of every row, so that load changes on a noisy machine hit all
     * rows alike; per-row medians over the rounds.
     */
    public static List<Row> run(int size, int warmup, int runs, PrintStream progress) {
        return run(size, warmup, runs, progress, null);
    }

    /** Told after each timed or untimed pass of one row's model: for a progress bar. */
    @FunctionalInterface
    public interface Passes {
        /** {@code done} of {@code total} passes (warm-up and timed, every row) are done. */
        void done(int done, int total);
    }

    /** As {@link #run(int, int, int, PrintStream)}, telling {@code passes} (when not null) of each pass. */
    public static List<Row> run(int size, int warmup, int runs, PrintStream progress, Passes passes) {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Case> cases = new ArrayList<>();
            cases.add(newCase("NN", HeadType.PIXEL_MLP, false, 13, manager));
            for (int n : new int[] {3, 8, 13}) {
                cases.add(newCase("SEnSeI+NN", HeadType.PIXEL_MLP, true, n, manager));
            }
            cases.add(newCase("DLv3", HeadType.DEEPLAB_V3_PLUS, false, 13, manager));
            for (int n : new int[] {3, 8, 13}) {
                cases.add(newCase("SEnSeI+DLv3", HeadType.DEEPLAB_V3_PLUS, true, n, manager));
            }
            // the models as sensei mask runs them: the per-pixel ones as a kernel, the DeepLab ones compiled for
            // ONNX Runtime (when it loads here) and each also with int8 convolutions (Precision.INT8), next to
            // their DJL rows
            for (Case c : List.copyOf(cases)) {
                if (!c.name().contains("DLv3")) {
                    compiled(c, Precision.FP32, size, manager).ifPresent(cases::add);
                } else {
                    compiled(c, Precision.FP32, size, manager).ifPresent(cases::add);
                    compiled(c, Precision.INT8, size, manager).ifPresent(cases::add);
                }
            }
            try {
                return measure(cases, size, warmup, runs, progress, passes, manager);
            } finally {
                for (Case c : cases) {
                    if (c.compiled() != null) {
                        c.compiled().close();
                    }
                }
            }
        }
    }

    private static List<Row> measure(
            List<Case> cases, int size, int warmup, int runs, PrintStream progress, Passes passes, NDManager manager) {
        int total = cases.size() * (warmup + runs);
        int done = 0;
        for (int w = 0; w < warmup; w++) {
            for (Case c : cases) {
                timeOnce(c, size, manager);
                if (passes != null) {
                    passes.done(++done, total);
                }
            }
        }
        double[][] ms = new double[cases.size()][runs];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < cases.size(); i++) {
                ms[i][r] = timeOnce(cases.get(i), size, manager);
                if (passes != null) {
                    passes.done(++done, total);
                }
            }
            if (progress != null) {
                progress.printf(Locale.ROOT, "  round %d/%d done%n", r + 1, runs);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            double[] sorted = ms[i].clone();
            Arrays.sort(sorted);
            double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
            rows.add(new Row(cases.get(i).name(), cases.get(i).bands(), median, sorted[0], sorted[runs - 1], runs));
        }
        return rows;
    }

    /**
     * {@code c}'s model compiled with c's bands (the per-pixel kernel, or DeepLabv3+ for ONNX Runtime), as a row of its
     * own; empty for DeepLabv3+ without ORT. Int8 is calibrated on two random tiles like the timed ones (speed does not
     * depend on the ranges).
     */
    private static Optional<Case> compiled(Case c, Precision precision, int size, NDManager manager) {
        Int8Calibration calibration = null;
        if (precision == Precision.INT8) {
            int side = Math.min(size, 256);
            Random rnd = new Random(7);
            List<ActivationRanges.Input> inputs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                float[] v = new float[(c.bands() + 1) * side * side];
                for (int j = 0; j < c.bands() * side * side; j++) {
                    v[j] = rnd.nextFloat();
                }
                Arrays.fill(v, c.bands() * side * side, v.length, 1f);
                inputs.add(new ActivationRanges.Input(v, c.bands() + 1, side, side));
            }
            calibration = new Int8Calibration(inputs, Int8Calibration.PERCENTILE, "2 random tiles");
        }
        String suffix = !c.name().contains("DLv3")
                ? " (kernel)"
                : precision == Precision.INT8 ? " (ONNX Runtime, int8)" : " (ONNX Runtime)";
        try (NDManager m = manager.newSubManager()) {
            return CloudPredictor.of(c.model())
                    .compile(
                            new ParameterStore(m, false),
                            c.sensei() ? c.descriptors() : null,
                            1,
                            precision,
                            calibration)
                    .map(h -> new Case(c.name() + suffix, c.bands(), c.sensei(), c.model(), c.descriptors(), h));
        }
    }

    private static Case newCase(String name, HeadType head, boolean sensei, int bands, NDManager manager) {
        ModelSpec spec;
        if (sensei) {
            spec = ModelSpec.sensei(head, ClassScheme.CLOUD_CLEAR);
        } else {
            List<BandSpec> b = new ArrayList<>();
            for (int i = 0; i < bands; i++) {
                b.add(new BandSpec("B" + (i + 1), S2_BANDS[i][0], S2_BANDS[i][1], S2_BANDS[i][2]));
            }
            spec = ModelSpec.fixedBands(head, b, ClassScheme.CLOUD_CLEAR);
        }
        List<BandDescriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < bands; i++) {
            // 3 bands: blue, green, red; 8 and 13: the first S2 bands in order
            double[] nm = S2_BANDS[bands == 3 ? i + 1 : i];
            descriptors.add(new BandDescriptor(nm[0], nm[1], nm[2]));
        }
        return new Case(name, bands, sensei, CloudModel.create(spec, manager), descriptors, null);
    }

    /** One forward pass + softmax + copy out, in ms per megapixel. */
    private static double timeOnce(Case c, int size, NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            NDArray values = step.randomUniform(0, 1, new Shape(1, c.bands(), size, size));
            NDList in = c.sensei()
                    ? new NDList(
                            values, step.create(BandDescriptor.normalised(c.descriptors()), new Shape(1, c.bands(), 3)))
                    : new NDList(values);
            long t0;
            if (c.compiled() != null) {
                float[] input = new float[(c.bands() + 1) * size * size];
                System.arraycopy(values.toFloatArray(), 0, input, 0, c.bands() * size * size);
                Arrays.fill(input, c.bands() * size * size, input.length, 1f);
                t0 = System.nanoTime();
                c.compiled().probabilities(input, size, size);
            } else {
                t0 = System.nanoTime();
                NDArray out = c.model()
                        .forward(new ParameterStore(step, false), in, false)
                        .singletonOrThrow();
                out.softmax(1).toFloatArray();
            }
            long t1 = System.nanoTime();
            return (t1 - t0) / 1e6 / (size * (double) size / 1e6);
        }
    }

    /**
     * A description of the machine: cores and CPU model, the int8 weight range (which tells whether the CPU has
     * VNNI), load average, Java, engine threads. Timings of different CPUs do not compare; this line says which.
     */
    public static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(
                Locale.ROOT,
                "%d cores (%s), int8 weights %s, load average %.1f, Java %s, OMP_NUM_THREADS=%s",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(CpuInfo.PROC),
                Int8Weights.forThisMachine().description(),
                os.getSystemLoadAverage(),
                System.getProperty("java.version"),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    }

    /** The first "model name" of a {@code /proc/cpuinfo}-style file; "CPU model unknown" where there is none. */
    static String cpuModel(Path cpuinfo) {
        String model = CpuInfo.field(cpuinfo, "model name");
        return model == null ? "CPU model unknown" : model;
    }

    /**
     * The rows as a Markdown table with ratios to the matching baseline (a SEnSeI row to the same head without
     * SEnSeI, same engine and precision) and, for int8 rows, to the same model in fp32.
     */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "| model | bands | ms per megapixel (median) | min | max | vs. baseline | int8 / fp32 |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String baseName = r.model().replaceFirst("^SEnSeI\\+", "");
            double base = rows.stream()
                    .filter(o -> o.model().equals(baseName))
                    .findFirst()
                    .map(Row::medianMsPerMegapixel)
                    .orElse(Double.NaN);
            String fp32Name = r.model().replace(", int8)", ")");
            double fp32 = rows.stream()
                    .filter(o -> o.model().equals(fp32Name) && o.bands() == r.bands())
                    .findFirst()
                    .map(Row::medianMsPerMegapixel)
                    .orElse(Double.NaN);
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1f | %s | %s |%n",
                    r.model(),
                    r.bands(),
                    r.medianMsPerMegapixel(),
                    r.minMsPerMegapixel(),
                    r.maxMsPerMegapixel(),
                    r.model().startsWith("SEnSeI")
                            ? String.format(Locale.ROOT, "×%.2f", r.medianMsPerMegapixel() / base)
                            : "1",
                    r.model().contains("int8")
                            ? String.format(Locale.ROOT, "×%.2f", r.medianMsPerMegapixel() / fp32)
                            : ""));
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        System.out.println("machine: " + machine());
        List<Row> rows = run(size, 2, runs, System.out);
        System.out.println(markdown(rows));
    }
}
