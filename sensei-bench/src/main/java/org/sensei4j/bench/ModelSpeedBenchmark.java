package org.sensei4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.model.cloud.BandSpec;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;

/**
 * Inference speed of the paper's model rows (Table VII layout): NN, SEnSeI+NN with 3/8/13 bands, DLv3 with 13
 * bands, SEnSeI+DLv3 with 3/8/13 bands, as median milliseconds per megapixel over repeated forward passes of
 * one tile (each pass in its own NDManager). Random weights: speed does not depend on them.
 */
public final class ModelSpeedBenchmark {

    /** One row of the table. */
    public record Row(String model, int bands, double medianMsPerMegapixel, double minMsPerMegapixel,
            double maxMsPerMegapixel, int runs) {}

    private static final double[][] S2_BANDS = {{425, 443, 461}, {446, 494, 542}, {537.5, 560, 582.5},
        {645.5, 665, 684.5}, {694, 704, 714}, {731, 740, 749}, {767, 781, 795}, {763.5, 834, 904.5},
        {847.5, 864, 880.5}, {930.5, 944, 957.5}, {1337, 1375, 1413}, {1541, 1612, 1683}, {2074, 2194, 2314}};

    private ModelSpeedBenchmark() {}

    /** Runs the table for a square tile of {@code size} pixels, {@code warmup} + {@code runs} passes per row. */
    public static List<Row> run(int size, int warmup, int runs, PrintStream progress) {
        List<Row> rows = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            rows.add(time("NN", "nn", false, 13, size, warmup, runs, manager, progress));
            for (int n : new int[] {3, 8, 13}) {
                rows.add(time("SEnSeI+NN", "nn", true, n, size, warmup, runs, manager, progress));
            }
            rows.add(time("DLv3", "deeplabv3plus", false, 13, size, warmup, runs, manager, progress));
            for (int n : new int[] {3, 8, 13}) {
                rows.add(time("SEnSeI+DLv3", "deeplabv3plus", true, n, size, warmup, runs, manager, progress));
            }
        }
        return rows;
    }

    private static Row time(String name, String head, boolean sensei, int bands, int size, int warmup, int runs,
            NDManager manager, PrintStream progress) {
        try (NDManager modelManager = manager.newSubManager()) {
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
            CloudModel model = CloudModel.create(spec, modelManager);
            float[] desc = new float[bands * 3];
            for (int i = 0; i < bands; i++) {
                // spread the chosen bands over the S2 list: 3 → B02,B03,B04-like, 8 and 13 → more
                double[] d = S2_BANDS[bands == 3 ? i + 1 : i];
                for (int k = 0; k < 3; k++) {
                    desc[i * 3 + k] = (float) org.sensei4j.descriptor.BandDescriptor.normalise(d[k]);
                }
            }
            double[] ms = new double[runs];
            for (int r = -warmup; r < runs; r++) {
                try (NDManager step = modelManager.newSubManager()) {
                    NDArray values = step.randomUniform(0, 1, new Shape(1, bands, size, size));
                    NDList in = sensei ? new NDList(values, step.create(desc, new Shape(1, bands, 3)))
                            : new NDList(values);
                    long t0 = System.nanoTime();
                    NDArray out = model.forward(new ParameterStore(step, false), in, false).singletonOrThrow();
                    out.softmax(1).toFloatArray();
                    long t1 = System.nanoTime();
                    if (r >= 0) {
                        ms[r] = (t1 - t0) / 1e6 / (size * (double) size / 1e6);
                    }
                }
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
            Row row = new Row(name, bands, median, sorted[0], sorted[runs - 1], runs);
            if (progress != null) {
                progress.printf(Locale.ROOT, "  %-12s %2d bands: median %8.1f ms/Mpx (min %.1f, max %.1f)%n", name,
                        bands, median, sorted[0], sorted[runs - 1]);
            }
            return row;
        }
    }

    /** A description of the machine: cores, load average, Java, engine threads. */
    public static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d cores, load average %.1f, Java %s, OMP_NUM_THREADS=%s",
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage(), System.getProperty("java.version"),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
    }

    /** The rows as a Markdown table with ratios to the matching baseline. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| model | bands | ms per megapixel (median) | min | max | vs. baseline |\n"
                + "|---|---|---|---|---|---|\n");
        double nn = rows.stream().filter(r -> r.model().equals("NN")).findFirst().map(Row::medianMsPerMegapixel)
                .orElse(Double.NaN);
        double dl = rows.stream().filter(r -> r.model().equals("DLv3")).findFirst().map(Row::medianMsPerMegapixel)
                .orElse(Double.NaN);
        for (Row r : rows) {
            double base = r.model().contains("NN") ? nn : dl;
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s |%n", r.model(), r.bands(),
                    r.medianMsPerMegapixel(), r.minMsPerMegapixel(), r.maxMsPerMegapixel(),
                    r.model().startsWith("SEnSeI") ? String.format(Locale.ROOT, "×%.2f", r.medianMsPerMegapixel() / base)
                            : "1"));
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
