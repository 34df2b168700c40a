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

    @Override
    public Integer call() {
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
