package org.sensei4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sensei4j.error.SenseiException;
import org.sensei4j.floor.FloorTrainer;
import org.sensei4j.floor.GradientBoostedPixelClassifier;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.Metric;
import org.sensei4j.train.segmentation.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei floor}: the gradient-boosted per-pixel floor a cloud mask model has to beat. */
@Command(
        name = "floor",
        mixinStandardHelpOptions = true,
        description = "The gradient-boosted per-pixel floor (XGBoost on sensor-independent band and index features): "
                + "a reference a cloud mask network has to beat.",
        subcommands = {FloorCommand.Train.class})
public final class FloorCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sensei floor train CONFIG}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Trains the floor on the training data of a 'sensei train' CONFIG (the same scene parts the "
                        + "network trains on, balanced pixel sample per data set and class, each pixel on a random "
                        + "band "
                        + "subset as the config's band_subset says) and prints cloud-vs-rest OA, "
                        + "BA, precision, recall and F1 (percent) on what the config holds out, per data set and in "
                        + "all.",
                "Evaluate it next to models with: sensei evaluate ... --floor FILE"
            })
    public static final class Train implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        TrainConfigArgument config;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "the model file to write (default: the config's output_dir/gbdt-floor.zip)")
        Path output;

        @Option(
                names = "--max-pixels",
                paramLabel = "N",
                defaultValue = "200000",
                description = "training pixels in all (default: ${DEFAULT-VALUE})")
        int maxPixels;

        @Option(
                names = "--rounds",
                paramLabel = "N",
                defaultValue = "200",
                description = "boosting rounds (default: ${DEFAULT-VALUE})")
        int rounds;

        @Mixin
        XgboostThreadsOption threads;

        @Option(
                names = "--all-bands",
                description = "train every pixel on all its scene's bands instead of random band subsets as the "
                        + "config's band_subset says (a floor that fails on scenes with fewer bands)")
        boolean allBands;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TrainConfig cfg = config.load();
            Path base = Path.of("").toAbsolutePath();
            Path file = output != null ? output : cfg.outputDir(base).resolve("gbdt-floor.zip");
            GradientBoostedPixelClassifier.Params params = GradientBoostedPixelClassifier.Params.defaults()
                    .withRounds(rounds)
                    .withThreads(threads.count);
            long t0 = System.nanoTime();
            FloorTrainer.Result r;
            try (Bars bars = new Bars(spec)) {
                r = FloorTrainer.train(cfg, base, maxPixels, params, !allBands, s -> bars.println(err, s), bars);
            }
            try (GradientBoostedPixelClassifier floor = r.classifier()) {
                floor.save(file);
                out.printf(
                        Locale.ROOT,
                        "trained %s on %s: scheme %s, %,d pixels %s, %.1f s (boosting %.1f s)%n",
                        floor,
                        cfg.name(),
                        floor.scheme().id(),
                        floor.info().trainingPixels().values().stream()
                                .mapToInt(Integer::intValue)
                                .sum(),
                        floor.info().trainingPixels(),
                        (System.nanoTime() - t0) / 1e9,
                        floor.info().trainingSeconds());
                out.println("bands: "
                        + (floor.info().bandSubset() != null
                                ? "random subsets, " + floor.info().bandSubset()
                                : "all of each scene's bands per pixel"));
                if (r.schemeNote() != null) {
                    out.println("note: " + r.schemeNote());
                }
                out.println();
                out.println("| held out | part | OA | BA | precision | recall | F1 | pixels |");
                out.println("|---|---|---|---|---|---|---|---|");
                rows(out, "whole held-out parts", r.heldOut());
                rows(out, "validation tiles", r.tiles());
                out.println();
                out.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", file, Files.size(file));
            } catch (IOException e) {
                throw new SenseiException("cannot read back " + file + ": " + e.getMessage(), e);
            }
            return 0;
        }

        /** A progress bar per stage of the training (on a terminal, without --quiet). */
        private static final class Bars implements FloorTrainer.Progress, AutoCloseable {

            private final CommandLine.Model.CommandSpec spec;
            private CliProgress bar;

            Bars(CommandLine.Model.CommandSpec spec) {
                this.spec = spec;
            }

            @Override
            public synchronized void stage(String name, long total, String unit) {
                close();
                bar = CliProgress.start(spec, "floor: " + name, total, unit);
            }

            @Override
            public synchronized void done(long done) {
                if (bar != null) {
                    bar.stepTo(done);
                }
            }

            synchronized void println(PrintWriter err, String line) {
                if (bar != null) {
                    bar.println(err, line);
                } else {
                    err.println(line);
                    err.flush();
                }
            }

            @Override
            public synchronized void close() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        }

        private static void rows(PrintWriter out, String part, Map<String, BinaryConfusion> counts) {
            if (counts.isEmpty()) {
                out.println("| (none) | " + part + " | | | | | | 0 |");
            }
            counts.forEach((name, c) -> out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %,d |%n",
                    name,
                    part,
                    fmt(c.overallAccuracy()),
                    fmt(c.balancedAccuracy()),
                    fmt(c.precision()),
                    fmt(c.recall()),
                    fmt(c.f1()),
                    c.total()));
        }

        private static String fmt(Metric m) {
            return m.isDefined() ? String.format(Locale.ROOT, "%.2f", m.value()) : "undefined";
        }
    }
}
