package org.sensei4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.SenseiWeights;
import org.sensei4j.train.pretrain.PretrainingEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei pretrain ...}: SEnSeI's autoencoder pretraining. */
@Command(name = "pretrain", description = "SEnSeI autoencoder pretraining and its validation protocol.",
        mixinStandardHelpOptions = true, subcommands = {PretrainCommand.Evaluate.class})
public final class PretrainCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sensei pretrain evaluate}: the published validation protocol, printed as JSON. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Scores an encoder + recovery module on the published validation protocol: single "
                    + "pixels, N real band descriptors and N fakes from a fixed bank of 80, values 1.7*U(0,1).",
                "Prints JSON {\"loss\", \"candidate_accuracy\", \"band_mse\", ...}; the published weights score "
                        + "a loss of 0.181 +- 0.005."})
    static final class Evaluate implements Callable<Integer> {

        @Option(names = "--weights", required = true, paramLabel = "FILE",
                description = "Keras SEnSeI .hdf5 (with its recovery module) or a sensei4j bundle")
        Path weights;

        @Option(names = "--bands", defaultValue = "13", paramLabel = "N",
                description = "real bands per sample, 1..40 (default: ${DEFAULT-VALUE})")
        int bands;

        @Option(names = "--samples", defaultValue = "4096", paramLabel = "N",
                description = "number of samples (default: ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

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
                KerasSenseiImporter.Imported model = SenseiWeights.load(weights, manager, true);
                if (!model.hasRecovery()) {
                    throw new SenseiException(weights + " has no recovery module, which the pretraining protocol "
                            + "needs: give the full autoencoder file");
                }
                long start = System.nanoTime();
                PretrainingEvaluator.Result r = PretrainingEvaluator.evaluate(model.encoder(), model.recovery(),
                        manager, bands, samples, seed);
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
