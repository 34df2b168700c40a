package org.sensei4j.train.pretrain;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.bundle.GitCommit;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.head.ParameterCount;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.RecoveryConfig;
import org.sensei4j.model.sensei.RecoveryModule;
import org.sensei4j.model.sensei.SenseiEncoder;
import org.sensei4j.model.sensei.SenseiWeights;
import org.sensei4j.train.run.AdjustableLearningRate;
import org.sensei4j.train.run.CheckpointValidations;
import org.sensei4j.train.run.Checkpoints;
import org.sensei4j.train.run.CsvLog;
import org.sensei4j.train.run.EpochReport;
import org.sensei4j.train.run.LossPlot;
import org.sensei4j.train.run.ParameterBlob;
import org.sensei4j.train.run.SgdMomentumState;
import org.sensei4j.train.run.StepSeeds;
import org.sensei4j.train.run.TrainableParameters;
import org.sensei4j.train.run.TrainerOptions;
import org.sensei4j.train.run.TrainingProgress;
import org.sensei4j.train.run.TrainingSession;

/**
 * SEnSeI autoencoder pretraining (the published protocol, {@link PretrainConfig}): a DJL {@link Trainer} with
 * momentum {@link Sgd} over {@link PretrainingAutoencoder}, one NDManager scope per step, validation with
 * {@link PretrainingEvaluator} after every epoch (and once before the first), reduce-on-plateau learning rate,
 * a checkpoint per epoch and the best model (by validation loss) as a bundle.
 *
 * <p>Output directory: {@value #LOG} (one row per step; the last step of each epoch, and epoch 0 before
 * training, also carry the validation metrics), {@value #PLOT}, {@value #BEST} ({@link PretrainedBundle}) and
 * {@value #CHECKPOINTS}/epoch-NNNN (parameters, momentum buffers, schedule, counters).
 *
 * <p>Exact resume: the data of global step s come from a sampler seeded with {@link StepSeeds#derive}(seed, s),
 * and the checkpoint holds parameters, momentum ({@link SgdMomentumState}) and schedule, so a run killed at any
 * point and resumed with {@code resume=true} logs the same losses as an uninterrupted run. Rows written after
 * the last checkpoint are dropped from the log on resume.
 */
public final class Pretrainer extends TrainerOptions<Pretrainer, Pretrainer.Listener> {

    public static final String LOG = "log.csv";
    public static final String PLOT = "loss.png";
    public static final String BEST = "best-model.zip";
    public static final String CHECKPOINTS = "checkpoints";
    /** Columns of {@value #LOG}; losses are means over the batch (train) or the validation samples. */
    public static final List<String> LOG_COLUMNS = List.of(
            "epoch", "step", "train_loss", "val_loss", "val_candidate_accuracy", "val_band_mse", "lr", "seconds");
    /** Validation loss of the published weights on the published protocol (13 bands). */
    public static final double PUBLISHED_VALIDATION_LOSS = 0.181;

    static final String MODEL_PARAMS = "autoencoder.params";
    static final String OPTIMIZER_STATE = "optimizer.state";
    private static final String CHECKPOINT_FORMAT = "sensei4j-pretrain-checkpoint";

    /** Called as training goes; an exception thrown here stops the run (as a kill would). */
    public interface Listener {
        default void onStep(StepReport report) {}

        default void onEpoch(EpochReport<PretrainingEvaluator.Result> report) {}
    }

    /** One optimizer step: 1-based epoch, global step count after it, the batch's loss and the learning rate. */
    public record StepReport(int epoch, long step, long totalSteps, float loss, double learningRate, double seconds) {}

    /** What a run produced. */
    public record Result(
            Path outputDir,
            Path bestModel,
            Path log,
            Path plot,
            int epochs,
            long steps,
            double seconds,
            int bestEpoch,
            PretrainingEvaluator.Result best,
            PretrainingEvaluator.Result last,
            double stepsPerSecond,
            boolean momentumRestored) {}

    private final PretrainConfig config;

    public Pretrainer(PretrainConfig config) {
        this.config = config;
    }

    /**
     * Runs (or with {@code resume}, continues) the training.
     *
     * @throws SenseiException before any training for bad paths, an output directory already holding a run
     *     (without resume), nothing to resume, or a config that differs from the checkpoint's
     */
    public Result run(boolean resume) throws IOException {
        config.checkPaths();
        Path out = config.outputDir().toAbsolutePath().normalize();
        Checkpoints checkpoints = new Checkpoints(out.resolve(CHECKPOINTS), 1);
        Optional<Checkpoints.Saved> saved = checkpoints.latest();
        if (!resume && (saved.isPresent() || Files.exists(out.resolve(LOG)))) {
            throw new SenseiException("output_dir " + out + " already holds a run"
                    + saved.map(s -> " (checkpoint at epoch " + s.epoch() + ")").orElse("")
                    + ": resume it (--resume) or choose another output_dir");
        }
        if (resume) {
            checkpoints.resumable(
                    saved, out, CHECKPOINT_FORMAT, "a pretraining checkpoint", config::differencesFrom, "epochs");
        }
        Files.createDirectories(out);
        String commit = GitCommit.current();
        try (Model model = Model.newInstance("sensei-pretrain");
                Session session = new Session(out, checkpoints, commit, model)) {
            return session.run(saved.orElse(null));
        }
    }

    private PretrainingAutoencoder build(NDManager manager) {
        SenseiEncoder encoder;
        RecoveryModule recovery;
        XavierInitializer glorot = new XavierInitializer(
                XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3); // Keras' glorot_uniform
        if (config.initialWeights() != null) {
            KerasSenseiImporter.Imported imported = SenseiWeights.load(config.initialWeights(), manager, true);
            encoder = imported.encoder();
            if (config.encoder() != null && !config.encoder().equals(encoder.config())) {
                throw new SenseiException("encoder in the config differs from the architecture of initial_weights "
                        + config.initialWeights() + ": remove 'encoder' from the config to use the weights' own");
            }
            if (imported.hasRecovery()) {
                recovery = imported.recovery();
                if (config.recovery() != null && !config.recovery().equals(recovery.config())) {
                    throw new SenseiException("recovery in the config differs from the recovery module of "
                            + "initial_weights " + config.initialWeights() + ": remove 'recovery' from the config");
                }
            } else {
                RecoveryConfig rc = config.recovery() != null ? config.recovery() : RecoveryConfig.published();
                recovery = new RecoveryModule(encoder.config(), rc);
                recovery.setInitializer(glorot, Parameter.Type.WEIGHT);
                recovery.initialize(manager);
            }
        } else {
            encoder = new SenseiEncoder(config.encoder());
            recovery = new RecoveryModule(config.encoder(), config.recovery());
            encoder.setInitializer(glorot, Parameter.Type.WEIGHT);
            recovery.setInitializer(glorot, Parameter.Type.WEIGHT);
            encoder.initialize(manager);
            recovery.initialize(manager);
        }
        PretrainingAutoencoder net = new PretrainingAutoencoder(encoder, recovery);
        TrainableParameters.mark(net);
        return net;
    }

    /** The state of one run of the loop; closing it closes its trainer. */
    private final class Session extends TrainingSession implements AutoCloseable {
        private final PretrainingAutoencoder net;
        private final AdjustableLearningRate rate;
        private final Sgd sgd;
        private final Trainer trainer;
        private final NDManager modelManager;

        private int epoch;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private PretrainingEvaluator.Result bestResult;
        private PretrainingEvaluator.Result lastResult;
        private boolean momentumRestored;

        /** Builds the network into {@code model} and a trainer for it. */
        Session(Path out, Checkpoints checkpoints, String commit, Model model) {
            super(out, checkpoints, commit);
            modelManager = model.getNDManager();
            Engine.getInstance().setRandomSeed((int) config.seed());
            net = build(modelManager);
            model.setBlock(net);
            rate = new AdjustableLearningRate((float) config.optimiser().learningRate());
            sgd = Optimizer.sgd()
                    .setLearningRateTracker(rate)
                    .optMomentum((float) config.optimiser().momentum())
                    .build();
            // the loss is computed inside the block (PretrainingAutoencoder); DJL requires one in the config
            trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(sgd));
        }

        @Override
        public void close() {
            trainer.close();
        }

        Result run(Checkpoints.Saved saved) throws IOException {
            CsvLog csv;
            long stepsThisSession;
            if (saved == null) {
                startSchedule(config.schedule(), config.optimiser().learningRate());
                clock.start();
                csv = CsvLog.create(out.resolve(LOG), LOG_COLUMNS);
                println(String.format(
                        Locale.ROOT,
                        "pretraining %s: encoder %,d + recovery %,d parameters, %d epochs "
                                + "x %d steps of %d pixels, %d-%d bands; output %s",
                        config.name(),
                        ParameterCount.trainable(net.encoder()),
                        ParameterCount.trainable(net.recovery()),
                        config.epochs(),
                        config.stepsPerEpoch(),
                        config.batchSize(),
                        config.minBands(),
                        config.maxBands(),
                        out));
                PretrainingEvaluator.Result v = validate();
                csv.append(
                        0,
                        0L,
                        null,
                        v.loss(),
                        v.candidateAccuracy(),
                        v.bandMse(),
                        (float) schedule.learningRate(),
                        clock.secondsCell());
                endOfEpoch(v, null);
            } else {
                restore(saved);
                csv = CsvLog.resume(out.resolve(LOG), LOG_COLUMNS, row -> Long.parseLong(row.get("step")) <= step);
                clock.start();
                println(String.format(
                        Locale.ROOT,
                        "resuming %s at epoch %d (step %d, lr %s)%s",
                        config.name(),
                        epoch,
                        step,
                        fmt(schedule.learningRate()),
                        momentumRestored ? "" : ": momentum restarts from zero"));
            }
            long firstStep = step;
            long total = (long) config.epochs() * config.stepsPerEpoch();
            try (csv;
                    TrainingProgress bar = progressBar && TrainingProgress.isTerminal()
                            ? TrainingProgress.start(System.err, config.name(), total, step, Duration.ofMillis((long)
                                    (clock.secondsBefore() * 1000)))
                            : TrainingProgress.disabled()) {
                this.bar = bar;
                while (epoch < config.epochs()) {
                    trainEpoch(csv);
                }
            } finally {
                this.bar = null;
            }
            stepsThisSession = step - firstStep;
            double sessionSeconds = clock.sessionSeconds();
            return new Result(
                    out,
                    out.resolve(BEST),
                    out.resolve(LOG),
                    out.resolve(PLOT),
                    epoch,
                    step,
                    clock.seconds(),
                    bestEpoch,
                    bestResult,
                    lastResult,
                    sessionSeconds > 0 ? stepsThisSession / sessionSeconds : 0,
                    momentumRestored);
        }

        private TrainingProgress bar;

        private void trainEpoch(CsvLog csv) throws IOException {
            epoch++;
            float lr = (float) schedule.learningRate();
            rate.set(lr);
            double sum = 0;
            long total = (long) config.epochs() * config.stepsPerEpoch();
            for (int i = 0; i < config.stepsPerEpoch(); i++) {
                float loss = trainStep(step);
                step++;
                sum += loss;
                if (i < config.stepsPerEpoch() - 1) {
                    csv.append(epoch, step, loss, null, null, null, lr, clock.secondsCell());
                } else {
                    lastLoss = loss;
                }
                bar.update(step, epoch, config.epochs(), sum / (i + 1), lr);
                StepReport r = new StepReport(epoch, step, total, loss, lr, clock.seconds());
                for (Listener l : listeners) {
                    l.onStep(r);
                }
            }
            double trainMean = sum / config.stepsPerEpoch();
            PretrainingEvaluator.Result v = validate();
            csv.append(epoch, step, lastLoss, v.loss(), v.candidateAccuracy(), v.bandMse(), lr, clock.secondsCell());
            schedule.update(v.loss());
            endOfEpoch(v, trainMean);
        }

        private float lastLoss;

        /** One optimizer step on the batch of global step {@code s}; returns its loss. */
        private float trainStep(long s) {
            PretrainingSampler sampler = new PretrainingSampler(StepSeeds.derive(config.seed(), s));
            int bands = sampler.bandCount(config.minBands(), config.maxBands());
            PretrainingSampler.Batch batch = sampler.trainingBatch(config.batchSize(), bands);
            float loss;
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList inputs = PretrainingLoss.inputs(scope, batch);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList terms = trainer.forward(inputs);
                    collector.backward(terms.get(0));
                    loss = terms.get(0).getFloat();
                }
                if (!Float.isFinite(loss)) {
                    throw new SenseiException("training diverged: loss " + loss + " at step " + (s + 1)
                            + ": lower optimiser.learning_rate");
                }
                trainer.step();
            }
            return loss;
        }

        private PretrainingEvaluator.Result validate() {
            return PretrainingEvaluator.evaluate(
                    net.encoder(),
                    net.recovery(),
                    trainer.getManager(),
                    config.validation().bands(),
                    config.validation().samples(),
                    config.validation().seed());
        }

        /** Best model, checkpoint, plot, reports: after the validation of {@code epoch}. */
        private void endOfEpoch(PretrainingEvaluator.Result v, Double trainMean) throws IOException {
            lastResult = v;
            boolean best = v.loss() < bestLoss;
            if (best) {
                bestLoss = v.loss();
                bestEpoch = epoch;
                bestResult = v;
                PretrainedBundle.save(
                        net.encoder(), net.recovery(), provenance(v, trainMean), out.resolve(BEST), modelManager);
            }
            saveCheckpoint(trainMean);
            plot();
            EpochReport<PretrainingEvaluator.Result> r = new EpochReport<>(
                    epoch, config.epochs(), step, trainMean, v, schedule.learningRate(), best, clock.seconds());
            if (epoch == 0) {
                println(String.format(
                        Locale.ROOT,
                        "epoch 0 (before training): val loss %.4f (candidate accuracy " + "%.3f, band mse %.4f)",
                        v.loss(),
                        v.candidateAccuracy(),
                        v.bandMse()));
            } else {
                println(String.format(
                        Locale.ROOT,
                        "epoch %d/%d: train loss %.4f, val loss %.4f (candidate accuracy "
                                + "%.3f, band mse %.4f), next lr %s, %.0f s%s",
                        epoch,
                        config.epochs(),
                        trainMean,
                        v.loss(),
                        v.candidateAccuracy(),
                        v.bandMse(),
                        fmt(schedule.learningRate()),
                        clock.seconds(),
                        best ? " (best)" : ""));
            }
            for (Listener l : listeners) {
                l.onEpoch(r);
            }
        }

        private Provenance provenance(PretrainingEvaluator.Result v, Double trainMean) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("val_loss", v.loss());
            metrics.put("val_candidate_accuracy", v.candidateAccuracy());
            metrics.put("val_band_mse", v.bandMse());
            metrics.put("val_candidate_mse", v.candidateMse());
            metrics.put("validation_samples", v.samples());
            metrics.put("validation_bands", v.bands());
            metrics.put("validation_seed", v.seed());
            if (trainMean != null) {
                metrics.put("train_loss", trainMean);
            }
            metrics.put("epoch", epoch);
            metrics.put("step", step);
            Map<String, Object> cfg = config.verbatim() != null ? config.verbatim() : config.settings();
            return new Provenance(
                    List.of("synthetic single-pixel samples, published SEnSeI pretraining protocol: "
                            + config.minBands() + "-" + config.maxBands() + " bands per batch, values 1.7*U(0,1), "
                            + config.batchSize() + " pixels per batch"),
                    List.of("random band descriptors (normalised units: left 2.5*U(0,1), widths 0.04+0.05*|N(0,1)|)"),
                    config.seed(),
                    commit,
                    metrics,
                    OffsetDateTime.now().withNano(0).toString(),
                    cfg,
                    "SEnSeI autoencoder pretraining run '" + config.name() + "', best validation loss at epoch "
                            + epoch + " of " + config.epochs() + " (encoder + recovery module; the nn head of "
                            + "this bundle is untrained)");
        }

        private void saveCheckpoint(Double trainMean) throws IOException {
            ObjectNode s = checkpointState(
                    CHECKPOINT_FORMAT, c -> c.put("epoch", epoch).put("global_step", step));
            CheckpointValidations.write(s, bestEpoch, bestResult, lastResult);
            if (trainMean != null) {
                s.put("train_loss", trainMean);
            }
            s.put("momentum_saved", SgdMomentumState.isSupported());
            s.set("settings", config.settingsTree());
            writeCheckpoint(epoch, s, net, MODEL_PARAMS, sgd, OPTIMIZER_STATE);
        }

        private void restore(Checkpoints.Saved saved) throws IOException {
            JsonNode s = saved.state();
            epoch = s.path("epoch").asInt();
            step = s.path("global_step").asLong();
            if (step != (long) epoch * config.stepsPerEpoch()) {
                throw new SenseiException("checkpoint " + saved.dir() + " is at step " + step + " of epoch " + epoch
                        + ", which does not fit steps_per_epoch " + config.stepsPerEpoch());
            }
            resume(s, config.schedule());
            bestResult = CheckpointValidations.best(s, PretrainingEvaluator.Result.class);
            bestLoss = bestResult == null ? Double.POSITIVE_INFINITY : bestResult.loss();
            lastResult = CheckpointValidations.last(s, PretrainingEvaluator.Result.class);
            ParameterBlob.load(net, modelManager, saved.blob(MODEL_PARAMS));
            int restored = SgdMomentumState.restore(sgd, net, saved.blob(OPTIMIZER_STATE), trainer.getManager());
            momentumRestored = restored > 0 || epoch == 0;
        }

        private void plot() throws IOException {
            List<Map<String, String>> rows = CsvLog.read(out.resolve(LOG));
            Map<Integer, double[]> trainSums = new TreeMap<>();
            List<double[]> val = new ArrayList<>();
            for (Map<String, String> row : rows) {
                int e = Integer.parseInt(row.get("epoch"));
                if (!row.get("train_loss").isEmpty()) {
                    double[] acc = trainSums.computeIfAbsent(e, k -> new double[2]);
                    acc[0] += Double.parseDouble(row.get("train_loss"));
                    acc[1]++;
                }
                if (!row.get("val_loss").isEmpty()) {
                    val.add(new double[] {e, Double.parseDouble(row.get("val_loss"))});
                }
            }
            double[] tx = new double[trainSums.size()];
            double[] ty = new double[trainSums.size()];
            int i = 0;
            for (Map.Entry<Integer, double[]> e : trainSums.entrySet()) {
                tx[i] = e.getKey();
                ty[i++] = e.getValue()[0] / e.getValue()[1];
            }
            List<LossPlot.Series> series = new ArrayList<>();
            series.add(new LossPlot.Series("train (epoch mean)", tx, ty, false));
            series.add(LossPlot.Series.of("validation", val));
            double top = PUBLISHED_VALIDATION_LOSS;
            for (double y : ty) {
                top = Math.max(top, y);
            }
            for (double[] p : val) {
                top = Math.max(top, p[0] > 0 ? p[1] : 0);
            }
            String title = "SEnSeI pretraining: " + config.name();
            Double yMax = null;
            if (!val.isEmpty() && val.get(0)[0] == 0 && val.size() > 1 && val.get(0)[1] > 1.5 * top) {
                // the untrained model's loss would squash the curve: cut it off and say so
                yMax = 1.15 * top;
                title += String.format(Locale.ROOT, " (epoch 0 val loss %.3g, off scale)", val.get(0)[1]);
            }
            if (config.validation().bands() == 13) {
                double xmax = Math.max(1, epoch);
                series.add(new LossPlot.Series(
                        "published weights (" + PUBLISHED_VALIDATION_LOSS + ")",
                        new double[] {0, xmax},
                        new double[] {PUBLISHED_VALIDATION_LOSS, PUBLISHED_VALIDATION_LOSS},
                        true));
            }
            LossPlot.save(out.resolve(PLOT), title, "epoch", "loss", series, 900, 560, yMax);
        }

        private void println(String line) {
            if (bar != null && bar.isEnabled()) {
                bar.println(line);
            } else if (log != null) {
                log.println(line);
                log.flush();
            }
        }
    }

    private static String fmt(double lr) {
        return String.format(Locale.ROOT, "%.3g", lr);
    }
}
