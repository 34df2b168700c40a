package org.sensei4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sensei4j.bench.ModelSpeedBenchmark;
import org.sensei4j.bench.SyntheticTileWriter;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.MaskingStats;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sensei bench}: model speed in the layout of the paper's Table VII. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures inference speed (median ms per megapixel) of NN, SEnSeI+NN (3/8/13 bands), DLv3 "
                    + "(13 bands) and SEnSeI+DLv3 (3/8/13 bands) on one tile, and prints a Markdown table.",
            "The machine is noisy: compare medians and ratios from one run."
        })
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--tile", defaultValue = "512", description = "tile size in pixels (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs per row (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs per row (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--write-scene",
            paramLabel = "FILE.tif",
            description = "instead: write a synthetic 13-band Sentinel-2-like uint16 GeoTIFF of --size px to mask "
                    + "with 'sensei mask' under /usr/bin/time -v (peak RSS)")
    Path writeScene;

    @Option(names = "--size", defaultValue = "5490", description = "size of --write-scene (default: ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = "--mask-scene",
            paramLabel = "FILE.tif",
            description = "instead: mask this 13-band Sentinel-2 scene (e.g. from --write-scene) with --model and "
                    + "print wall time, s per megapixel, the stage shares and the process's peak RSS")
    Path maskScene;

    @Option(
            names = "--overlap",
            defaultValue = "64",
            description = "tile overlap for --mask-scene (default: ${DEFAULT-VALUE})")
    int overlap;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "tiles in parallel for --mask-scene (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--model",
            defaultValue = "default",
            description = "model for --mask-scene (default: ${DEFAULT-VALUE})")
    String model;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (maskScene != null) {
            MaskingOptions masking;
            try {
                masking = MaskingOptions.defaults().withTile(tile, overlap).withThreads(threads);
            } catch (IllegalArgumentException e) {
                // a bad --tile, --overlap or --threads is the user's, not a bug
                throw new SenseiException(e.getMessage(), e);
            }
            var options = ProductOptions.defaults()
                    .withSensor(SensorRegistry.builtIn().get("sentinel2"));
            long t0 = System.nanoTime();
            try (var scene = ProductReaders.open(maskScene, options);
                    var masker = CloudMasker.load(ModelLocator.resolve(model))) {
                MaskingStats stats;
                try (CliProgress bar = CliProgress.start(spec, "bench: mask", scene.height(), " rows")) {
                    stats = masker.mask(scene, masking, (y0, rows, w, c, p, d) -> bar.stepBy(rows));
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double mpx = (double) scene.width() * scene.height() / 1e6;
                double busy = stats.readSeconds() + stats.predictSeconds() + stats.blendSeconds();
                System.out.printf(
                        Locale.ROOT,
                        "masked %s (%d×%d px) with %s, tiles %d/%d, %d threads: %.1f s, %.2f s per megapixel; "
                                + "read %.0f%%, predict %.0f%%, blend %.0f%%; peak RSS %s%n",
                        maskScene,
                        scene.width(),
                        scene.height(),
                        masker.model().spec().name(),
                        tile,
                        overlap,
                        threads,
                        wall,
                        wall / mpx,
                        100 * stats.readSeconds() / busy,
                        100 * stats.predictSeconds() / busy,
                        100 * stats.blendSeconds() / busy,
                        peakRss());
            }
            return 0;
        }
        if (writeScene != null) {
            long t0 = System.nanoTime();
            try (CliProgress bar = CliProgress.start(spec, "bench: write", size, " rows")) {
                SyntheticTileWriter.write(writeScene, size, Math.min(size, 1098), 11, bar::stepTo);
            }
            System.out.printf(
                    Locale.ROOT,
                    "wrote %s (%d×%d px, 13 bands) in %.1f s%n",
                    writeScene,
                    size,
                    size,
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
        if (tile < 33 || runs < 1 || warmup < 0) {
            throw new SenseiException("--tile must be >= 33, --runs >= 1 and --warmup >= 0");
        }
        PrintStream out = System.out;
        out.println("machine: " + ModelSpeedBenchmark.machine());
        List<ModelSpeedBenchmark.Row> rows;
        try (CliProgress bar = CliProgress.start(spec, "bench", -1, " passes")) {
            // the passes are counted once the models are built; a line per timed round on standard error
            rows = ModelSpeedBenchmark.run(tile, warmup, runs, null, (done, total) -> {
                bar.max(total);
                bar.stepTo(done);
                int perRound = total / (warmup + runs);
                int timed = done - warmup * perRound;
                if (timed > 0 && timed % perRound == 0) {
                    bar.printf(err, "  round %d/%d done", timed / perRound, runs);
                }
            });
        }
        out.println();
        out.print(ModelSpeedBenchmark.markdown(rows));
        return 0;
    }

    /** The process's peak resident set size (VmHWM) on Linux, or "unknown". */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.2f GB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
