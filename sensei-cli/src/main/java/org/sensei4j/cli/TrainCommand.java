package org.sensei4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sensei4j.metrics.Metric;
import org.sensei4j.train.segmentation.SegmentationTrainer;
import org.sensei4j.train.segmentation.TrainConfig;
import org.sensei4j.train.segmentation.Validation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei train CONFIG}: trains a cloud segmentation model (with or without SEnSeI) from a YAML config. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a cloud mask model (NN or DeepLabv3+, with or without SEnSeI) as CONFIG says "
                    + "(YAML/JSON, e.g. configs/train/real-sensei-nn.yaml).",
            "Writes log.csv (per epoch), steps.csv (per step), loss.png, metrics.png, best-model.zip (the best "
                    + "model by validation loss, with provenance) and checkpoints/ to the config's output_dir."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    TrainConfigArgument config;

    @Mixin
    ResumeOption resume;

    @Option(
            names = "--max-steps",
            paramLabel = "N",
            description = "stop after N steps in all (validating and checkpointing there; --resume continues)")
    Long maxSteps;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean quiet = GlobalOptions.quiet(spec);
        TrainConfig cfg = config.load();
        SegmentationTrainer trainer = new SegmentationTrainer(cfg, Path.of("").toAbsolutePath())
                .progressBar(!quiet)
                .log(quiet ? null : spec.commandLine().getErr());
        if (maxSteps != null) {
            trainer.maxSteps(maxSteps);
        }
        SegmentationTrainer.Result r = trainer.run(resume.given);
        out.printf(
                Locale.ROOT,
                "trained %s: %,d steps, %.1f min (median %.2f s per step this session)%n",
                cfg.name(),
                r.steps(),
                r.seconds() / 60,
                r.medianStepSeconds());
        out.println("initialisation: " + r.initialisation());
        for (String line : r.trainingData()) {
            out.println("data: " + line);
        }
        if (Files.exists(r.bestModel())) {
            out.printf(
                    Locale.ROOT,
                    "best model (epoch %d%s): %s (%,d bytes)%n",
                    r.bestEpoch(),
                    r.best() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT, ", val loss %.4f", r.best().loss()),
                    r.bestModel(),
                    Files.size(r.bestModel()));
        }
        out.println("log: " + r.log());
        out.println("step log: " + r.stepLog());
        out.println("plots: " + r.lossPlot() + ", " + r.metricsPlot());
        Validation v = r.last();
        if (v == null) {
            out.println("final validation: none (no held-out data)");
        } else {
            out.printf(Locale.ROOT, "final validation (%d tiles, %,d labelled px): ", v.patches(), v.pixels());
            out.print(v.format("loss %.4f, cloud OA %.2f, BA %.2f, precision %.2f, recall %.2f, F1 %.2f%n"));
            v.perDataset()
                    .forEach((name, c) -> out.printf(
                            Locale.ROOT,
                            "  %s (%,d px): cloud OA %.2f, BA %.2f, " + "precision %.2f, recall %.2f, F1 %.2f%n",
                            name,
                            c.total(),
                            pct(c.overallAccuracy()),
                            pct(c.balancedAccuracy()),
                            pct(c.precision()),
                            pct(c.recall()),
                            pct(c.f1())));
        }
        return 0;
    }

    private static double pct(Metric m) {
        return m.orElse(Double.NaN);
    }
}
