package org.sensei4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sensei4j.error.SenseiException;
import org.sensei4j.floor.loso.LeaveOneSourceOut;
import org.sensei4j.floor.loso.LosoFold;
import org.sensei4j.floor.loso.LosoOptions;
import org.sensei4j.floor.loso.LosoSource;
import org.sensei4j.floor.loso.LosoTable;
import org.sensei4j.train.segmentation.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei loso CONFIG -o DIR}: leave-one-source-out training and evaluation in one table. */
@Command(
        name = "loso",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Leave-one-source-out: for each labelled source of a 'sensei train' CONFIG (each real data set "
                    + "by name; each sensor family of a synthetic data set as DATASET/FAMILY, a registry sensor id or "
                    + "'virtual'), trains the config's model and the gradient-boosted floor without it and tests both "
                    + "and "
                    + "the threshold baseline on it (a real source: all of its scenes; a synthetic family: freshly "
                    + "rendered scenes of the family with a seed unlike training's).",
            "Prints one table (cloud vs rest, OA, BA, precision, recall, F1 in percent with 95%% bootstrap intervals) "
                    + "and writes it to DIR/loso.md and DIR/loso.json; each fold's run, floor and fold.json go to "
                    + "DIR/fold-SOURCE."
        })
public final class LosoCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    TrainConfigArgument config;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "folder of the folds and the table")
    Path output;

    @Option(
            names = "--source",
            paramLabel = "NAME",
            description = "hold out only this source (repeatable; default: every source); --list shows them")
    List<String> sources;

    @Option(names = "--list", description = "print the config's sources and exit")
    boolean list;

    @Option(
            names = "--max-steps",
            paramLabel = "N",
            description = "train each fold for N steps in all (default: the config's epochs x steps_per_epoch)")
    Long maxSteps;

    @Option(
            names = "--floor-pixels",
            paramLabel = "N",
            defaultValue = "200000",
            description = "training pixels of each fold's floor (default: ${DEFAULT-VALUE})")
    int floorPixels;

    @Option(
            names = "--floor-rounds",
            paramLabel = "N",
            defaultValue = "200",
            description = "boosting rounds of each fold's floor (default: ${DEFAULT-VALUE})")
    int floorRounds;

    @Mixin
    XgboostThreadsOption threads;

    @Option(
            names = "--test-scenes",
            paramLabel = "N",
            defaultValue = "10",
            description = "freshly rendered test scenes per synthetic sensor family (default: ${DEFAULT-VALUE})")
    int testScenes;

    @Option(
            names = "--block-size",
            paramLabel = "PX",
            defaultValue = "128",
            description = "a source with fewer than " + LosoOptions.MIN_SCENES + " scenes is bootstrapped over "
                    + "blocks of PX x PX pixels instead of scenes (default: ${DEFAULT-VALUE})")
    int blockSize;

    @Option(
            names = "--bootstrap",
            paramLabel = "N",
            defaultValue = "1000",
            description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainConfig cfg = config.load();
        if (list) {
            for (LosoSource s : LosoSource.of(cfg)) {
                out.println(s.name() + "\t" + s.kind());
            }
            return 0;
        }
        if (output == null) {
            throw new SenseiException("no output folder: give -o DIR (the folds and the table go " + "there)");
        }
        LosoOptions options = LosoOptions.defaults()
                .withMaxSteps(maxSteps)
                .withFloor(floorPixels, floorRounds, threads.count)
                .withTest(testScenes, blockSize)
                .withBootstrap(bootstrap, LosoOptions.defaults().bootstrapSeed());
        Path base = Path.of("").toAbsolutePath();
        boolean quiet = GlobalOptions.quiet(spec);
        LeaveOneSourceOut loso = new LeaveOneSourceOut(
                        cfg, base, sources, output.toAbsolutePath().normalize(), options)
                .log(quiet ? null : err)
                .progressBar(GlobalOptions.progress(spec));
        if (!quiet) {
            err.println("holding out "
                    + loso.folds().stream().map(f -> f.source().name()).toList() + " in turn");
            for (LosoFold f : loso.folds()) {
                err.println("  " + f.source().name() + ": trains on "
                        + f.config().datasets().stream()
                                .map(d -> d.name()
                                        + (d.scenes() != null
                                                ? " (" + d.scenes().size() + " scenes)"
                                                : ""))
                                .toList());
            }
        }
        LosoTable table = loso.run();
        out.print(table.toMarkdown());
        out.flush();
        if (!quiet) {
            err.println("wrote " + output.resolve(LeaveOneSourceOut.MARKDOWN) + " and "
                    + output.resolve(LeaveOneSourceOut.JSON));
        }
        return 0;
    }
}
