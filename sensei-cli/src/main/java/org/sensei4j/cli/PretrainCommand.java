package org.sensei4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.train.pretrain.PretrainConfig;
import org.sensei4j.train.pretrain.Pretrainer;
import org.sensei4j.train.pretrain.PretrainingEvaluator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sensei pretrain CONFIG}: SEnSeI's autoencoder pretraining; {@code sensei pretrain evaluate}: its validation.
 */
@Command(
        name = "pretrain",
        mixinStandardHelpOptions = true,
        subcommands = {PretrainCommand.Evaluate.class},
        description = {
            "SEnSeI autoencoder pretraining (the published protocol) and its validation protocol.",
            "With CONFIG (YAML/JSON, e.g. configs/pretrain/quick.yaml): trains encoder + recovery module, writing "
                    + "log.csv, loss.png, best-model.zip and checkpoints/ to the config's output_dir."
        })
public final class PretrainCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CONFIG",
            description = "pretraining config (YAML or JSON); relative paths in it are resolved against the working "
                    + "directory")
    Path config;

    @Mixin
    ResumeOption resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (config == null) {
            spec.commandLine().usage(out);
            return 0;
        }
        boolean quiet = GlobalOptions.quiet(spec);
        PretrainConfig cfg = PretrainConfig.load(config);
        Pretrainer.Result r = new Pretrainer(cfg)
                .progressBar(!quiet)
                .log(quiet ? null : spec.commandLine().getErr())
                .run(resume.given);
        out.printf(
                Locale.ROOT,
                "pretraining %s: %d epochs, %,d steps, %.1f min (%.2f steps/s this session)%n",
                cfg.name(),
                r.epochs(),
                r.steps(),
                r.seconds() / 60,
                r.stepsPerSecond());
        out.printf(
                Locale.ROOT,
                "best model (epoch %d, val loss %.4f): %s%n",
                r.bestEpoch(),
                r.best().loss(),
                r.bestModel());
        out.println("log: " + r.log());
        out.println("plot: " + r.plot());
        PretrainingEvaluator.Result v = r.last();
        out.printf(
                Locale.ROOT,
                "final validation (%d samples, %d bands, seed %d): loss %.4f, candidate accuracy "
                        + "%.4f, band mse %.4f, candidate mse %.4f%n",
                v.samples(),
                v.bands(),
                v.seed(),
                v.loss(),
                v.candidateAccuracy(),
                v.bandMse(),
                v.candidateMse());
        return 0;
    }

    /** {@code sensei pretrain evaluate}: the published validation protocol, printed as JSON. */
    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            description = {
                "Scores an encoder + recovery module on the published validation protocol: single "
                        + "pixels, N real band descriptors and N fakes from a fixed bank of 80, values 1.7*U(0,1).",
                "Prints JSON {\"loss\", \"candidate_accuracy\", \"band_mse\", ...}; the published weights score "
                        + "a loss of 0.181 +- 0.005."
            })
    static final class Evaluate implements Callable<Integer> {

        @Mixin
        SenseiWeightsOption weights;

        @Option(
                names = "--bands",
                defaultValue = "13",
                paramLabel = "N",
                description = "real bands per sample, 1..40 (default: ${DEFAULT-VALUE})")
        int bands;

        @Option(
                names = "--samples",
                defaultValue = "4096",
                paramLabel = "N",
                description = "number of samples (default: ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (bands < 1 || bands > 40) {
                throw new SenseiException("--bands must be between 1 and 40 (the bank holds 80 descriptors for "
                        + "real + fake), got " + bands);
            }
            if (samples < 1) {
                throw new SenseiException("--samples must be >= 1, got " + samples);
            }
            try (NDManager manager = NDManager.newBaseManager()) {
                KerasSenseiImporter.Imported model = weights.load(manager, true);
                if (!model.hasRecovery()) {
                    throw new SenseiException(weights.path + " has no recovery module, which the pretraining protocol "
                            + "needs: give the full autoencoder file");
                }
                long start = System.nanoTime();
                PretrainingEvaluator.Result r =
                        PretrainingEvaluator.evaluate(model.encoder(), model.recovery(), manager, bands, samples, seed);
                ObjectNode json = new ObjectMapper().createObjectNode();
                json.put("loss", round(r.loss()));
                json.put("candidate_accuracy", round(r.candidateAccuracy()));
                json.put("band_mse", round(r.bandMse()));
                json.put("candidate_mse", round(r.candidateMse()));
                json.put("samples", r.samples());
                json.put("bands", r.bands());
                json.put("seed", r.seed());
                json.put("seconds", round((System.nanoTime() - start) / 1e9));
                spec.commandLine().getOut().println(json.toPrettyString());
            }
            return 0;
        }

        private static double round(double v) {
            return Math.round(v * 1e6) / 1e6;
        }
    }
}
