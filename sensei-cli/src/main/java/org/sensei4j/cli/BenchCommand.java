package org.sensei4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.sensei4j.bench.ModelSpeedBenchmark;
import org.sensei4j.error.SenseiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sensei bench}: model speed in the layout of the paper's Table VII. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures inference speed (median ms per megapixel) of NN, SEnSeI+NN (3/8/13 bands), DLv3 "
                + "(13 bands) and SEnSeI+DLv3 (3/8/13 bands) on one tile, and prints a Markdown table.",
            "The machine is noisy: compare medians and ratios from one run."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--tile", defaultValue = "512", description = "tile size in pixels (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs per row (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed runs per row (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--write-scene", paramLabel = "FILE.tif",
            description = "instead: write a synthetic 13-band Sentinel-2-like uint16 GeoTIFF of --size px to mask "
                    + "with 'sensei mask' under /usr/bin/time -v (peak RSS)")
    java.nio.file.Path writeScene;

    @Option(names = "--size", defaultValue = "5490", description = "size of --write-scene (default: ${DEFAULT-VALUE})")
    int size;

    @Override
    public Integer call() {
        if (writeScene != null) {
            long t0 = System.nanoTime();
            org.sensei4j.bench.SyntheticTileWriter.write(writeScene, size, Math.min(size, 1098), 11);
            System.out.printf(java.util.Locale.ROOT, "wrote %s (%d×%d px, 13 bands) in %.1f s%n", writeScene, size,
                    size, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
        if (tile < 33 || runs < 1 || warmup < 0) {
            throw new SenseiException("--tile must be >= 33, --runs >= 1 and --warmup >= 0");
        }
        PrintStream out = System.out;
        out.println("machine: " + ModelSpeedBenchmark.machine());
        List<ModelSpeedBenchmark.Row> rows = ModelSpeedBenchmark.run(tile, warmup, runs, out);
        out.println();
        out.print(ModelSpeedBenchmark.markdown(rows));
        return 0;
    }
}
