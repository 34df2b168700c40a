package org.sensei4j.train.segmentation;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.bundle.GitCommit;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.train.run.AdjustableLearningRate;
import org.sensei4j.train.run.CheckpointValidations;
import org.sensei4j.train.run.Checkpoints;
import org.sensei4j.train.run.CsvLog;
import org.sensei4j.train.run.EpochReport;
import org.sensei4j.train.run.LossPlot;
import org.sensei4j.train.run.ParameterBlob;
import org.sensei4j.train.run.SgdMomentumState;
import org.sensei4j.train.run.TrainerOptions;
import org.sensei4j.train.run.TrainingProgress;
import org.sensei4j.train.run.TrainingSession;
import org.sensei4j.train.sample.Augmenter;
import org.sensei4j.train.sample.BandSubsetter;
import org.sensei4j.train.sample.Batch;
import org.sensei4j.train.sample.SampleStream;
import org.sensei4j.train.sample.Seeds;
import org.sensei4j.train.sample.TrainingSample;

/**
 * Trains a cloud segmentation model ({@link CloudModel}, with or without SEnSeI) as a {@link TrainConfig} says:
 * a DJL {@link Trainer} with momentum SGD (or Adam), one NDManager sub-scope per step, {@link MaskedCrossEntropy}
 * ignoring unlabelled pixels, validation on fixed held-out tiles ({@link Validation}: loss and cloud OA, BA,
 * precision, recall, F1), a reduce-on-plateau learning rate, a checkpoint after every epoch, the best model by
 * validation loss saved as a bundle with provenance.
 *
 * <p>Output directory: {@value #LOG} (one row per epoch), {@value #STEPS} (one row per step), {@value #LOSS_PLOT}
 * and {@value #METRICS_PLOT}, {@value #BEST} and {@value #CHECKPOINTS}/epoch-NNNN.
 *
 * <p>Exact resume: the batch of global step s is drawn by a {@link SampleStream} seeded with
 * {@link Seeds#derive}(seed, s), the engine's generator (dropout) is reseeded from (seed, s) before each step, and
 * a checkpoint holds the parameters (BatchNorm statistics included), the SGD
 * momentum ({@link SgdMomentumState}), the schedule and the counters, so a run killed at any point and resumed
 * repeats the steps after its last checkpoint with the same losses as an uninterrupted run (on the same machine
 * and thread count: PyTorch's CPU kernels sum in an order that depends on the number of threads). Adam's moments
 * are not saved: a resumed Adam run restarts them.
 */
public final class SegmentationTrainer extends TrainerOptions<SegmentationTrainer, SegmentationTrainer.Listener> {

    public static final String LOG = "log.csv";
    public static final String STEPS = "steps.csv";
    public static final String LOSS_PLOT = "loss.png";
    public static final String METRICS_PLOT = "metrics.png";
    public static final String BEST = "best-model.zip";
    public static final String CHECKPOINTS = "checkpoints";
    /** Columns of {@value #LOG}: one row per (possibly partial, when stopped by max steps) epoch. */
    public static final List<String> LOG_COLUMNS = List.of(
            "epoch",
            "step",
            "lr",
            "train_loss",
            "val_loss",
            "val_oa",
            "val_ba",
            "val_precision",
            "val_recall",
            "val_f1",
            "seconds");
    /**
     * Columns of {@value #STEPS}: the batch's loss, the seconds the step took (data, forward, backward, update), of
     * which drawing the batch took {@code data_seconds}, and the run's seconds so far.
     */
    public static final List<String> STEP_COLUMNS =
            List.of("epoch", "step", "loss", "lr", "step_seconds", "data_seconds", "seconds");

    static final String MODEL_PARAMS = "model.params";
    static final String OPTIMIZER_STATE = "optimizer.state";
    /** Key of the per-step engine seed (dropout) in {@link Seeds#derive}, after the step. */
    static final long ENGINE_SEED_KEY = 0xD50;

    private static final String CHECKPOINT_FORMAT = "sensei4j-train-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Called as training goes; an exception thrown here stops the run (as a kill would). */
    public interface Listener {
        default void onStep(StepReport report) {}

        default void onEpoch(EpochReport<Validation> report) {}
    }

    /** One optimizer step: 1-based epoch, global step count after it, the batch's loss, learning rate, seconds. */
    public record StepReport(
            int epoch, long step, long totalSteps, float loss, double learningRate, double stepSeconds) {}

    /** What a run produced. */
    public record Result(
            Path outputDir,
            Path bestModel,
            Path log,
            Path stepLog,
            Path lossPlot,
            Path metricsPlot,
            long steps,
            double seconds,
            int bestEpoch,
            Validation best,
            Validation last,
            double medianStepSeconds,
            boolean momentumRestored,
            List<String> trainingData,
            String initialisation) {}

    private final TrainConfig config;
    private final Path baseDir;
    private long maxSteps = Long.MAX_VALUE;

    /**
     * @param baseDir the directory relative paths of the config are resolved against (the working directory of
     *                {@code sensei train})
     */
    public SegmentationTrainer(TrainConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    /** Stops after this many global steps (validating and checkpointing there); resume continues from it. */
    public SegmentationTrainer maxSteps(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("max steps must be >= 1, got " + steps);
        }
        this.maxSteps = steps;
        return this;
    }

    /** The output directory of the run. */
    public Path outputDir() {
        return config.outputDir(baseDir);
    }

    /**
     * Runs (or with {@code resume}, continues) the training.
     *
     * @throws SenseiException before any training for missing paths, unreadable data, an output directory that
     *     already holds a run (without resume), nothing to resume, or a config that changed since the checkpoint
     */
    public Result run(boolean resume) throws IOException {
        config.checkPaths(baseDir);
        Path out = outputDir();
        Checkpoints checkpoints = new Checkpoints(out.resolve(CHECKPOINTS), config.keepCheckpoints());
        Optional<Checkpoints.Saved> saved = checkpoints.latest();
        if (!resume && (saved.isPresent() || Files.exists(out.resolve(LOG)))) {
            throw new SenseiException("output " + out + " already holds a run"
                    + saved.map(s -> " (checkpoint at step "
                                    + s.state().path("step").asLong() + ")")
                            .orElse("")
                    + ": resume it (--resume) or choose another output_dir");
        }
        if (resume) {
            checkpoints.resumable(
                    saved,
                    out,
                    CHECKPOINT_FORMAT,
                    "a segmentation training checkpoint: choose another output_dir",
                    config::differencesFrom,
                    "epochs, output_dir and keep_checkpoints");
        }
        try (TrainingData data = TrainingData.build(config, baseDir)) {
            Files.createDirectories(out);
            String commit = GitCommit.current();
            try (Model model = Model.newInstance(config.name());
                    Session session = new Session(out, checkpoints, commit, model, data)) {
                return session.run(saved.orElse(null));
            }
        }
    }

    private Optimizer optimizer(AdjustableLearningRate rate) {
        OptimiserConfig o = config.optimiser();
        if (o.isSgd()) {
            return Optimizer.sgd()
                    .setLearningRateTracker(rate)
                    .optMomentum(o.momentum().floatValue())
                    .optWeightDecays(o.weightDecay().floatValue())
                    .build();
        }
        return Optimizer.adam()
                .optLearningRateTracker(rate)
                .optBeta1(o.beta1().floatValue())
                .optBeta2(o.beta2().floatValue())
                .optEpsilon(o.epsilon().floatValue())
                .optWeightDecays(o.weightDecay().floatValue())
                .build();
    }

    /** The bands a model is fed: fixed (fixed-band models, or SEnSeI with fixed_bands) or random subsets. */
    static BandSubsetter bandSubsetter(TrainConfig config) {
        return config.fixedBands() != null
                ? BandSubsetter.fixed(config.fixedBands())
                : BandSubsetter.random(config.bandSubset());
    }

    /** The training batch of global step {@code step} (0-based): a function of the seed and the step only. */
    static Batch batch(TrainConfig config, TrainingData data, BandSubsetter bands, Augmenter augmenter, long step) {
        return new SampleStream(
                        data.training(),
                        bands,
                        augmenter,
                        config.scheme(),
                        config.batchSize(),
                        Seeds.derive(config.seed(), step))
                .next();
    }

    /** The state of one run of the loop; closing it closes its trainer. */
    private final class Session extends TrainingSession implements AutoCloseable {
        private final CloudModel net;
        private final String initialisation;
        private final AdjustableLearningRate rate;
        private final Optimizer optimizer;
        private final Trainer trainer;
        private final NDManager modelManager;
        private final TrainingData data;
        private final BandSubsetter bands;
        private final Augmenter augmenter;
        private final List<TrainingSample> validationSamples;

        private double epochLossSum;
        private double bestScore = Double.POSITIVE_INFINITY;
        private Validation bestValidation;
        private Validation lastValidation;
        private boolean momentumRestored = true;
        private final List<Double> stepSeconds = new ArrayList<>();
        private TrainingProgress bar = TrainingProgress.disabled();

        /** Builds the model into {@code model} and a trainer for it. */
        Session(Path out, Checkpoints checkpoints, String commit, Model model, TrainingData data) {
            super(out, checkpoints, commit);
            this.data = data;
            modelManager = model.getNDManager();
            SegmentationModels.Built built = SegmentationModels.build(config, baseDir, modelManager);
            net = built.model();
            initialisation = built.initialisation();
            model.setBlock(net);
            rate = new AdjustableLearningRate(config.optimiser().learningRate().floatValue());
            optimizer = optimizer(rate);
            trainer = model.newTrainer(new DefaultTrainingConfig(new MaskedCrossEntropy()).optOptimizer(optimizer));
            bands = bandSubsetter(config);
            augmenter = new Augmenter(config.augmentation());
            validationSamples = TrainingData.modelBands(data.validation(), bands);
        }

        @Override
        public void close() {
            trainer.close();
        }

        private int epochOf(long globalStep) {
            return (int) (globalStep / config.stepsPerEpoch());
        }

        Result run(Checkpoints.Saved saved) throws IOException {
            CsvLog epochs;
            CsvLog steps;
            if (saved == null) {
                startSchedule(config.lrSchedule(), config.optimiser().learningRate());
                epochs = CsvLog.create(out.resolve(LOG), LOG_COLUMNS);
                steps = CsvLog.create(out.resolve(STEPS), STEP_COLUMNS);
                CloudModel.ParameterCounts counts = net.parameterCounts();
                println(String.format(
                        Locale.ROOT,
                        "training %s: %s head%s, %,d parameters (SEnSeI %,d), scheme %s, "
                                + "%d epochs x %d steps of %d x %d px; %s; %d validation tiles; output %s",
                        config.name(),
                        config.head(),
                        config.sensei()
                                ? " + SEnSeI"
                                : " on " + config.fixedBands().size() + " bands",
                        counts.total(),
                        counts.sensei(),
                        config.classScheme(),
                        config.epochs(),
                        config.stepsPerEpoch(),
                        config.batchSize(),
                        config.cropSize(),
                        initialisation,
                        validationSamples.size(),
                        out));
                for (String line : data.describe()) {
                    println("  data: " + line);
                }
            } else {
                restore(saved);
                epochs = CsvLog.resume(out.resolve(LOG), LOG_COLUMNS, row -> Long.parseLong(row.get("step")) <= step);
                steps = CsvLog.resume(out.resolve(STEPS), STEP_COLUMNS, row -> Long.parseLong(row.get("step")) <= step);
                println(String.format(
                        Locale.ROOT,
                        "resuming %s at step %d (epoch %d, lr %s)%s",
                        config.name(),
                        step,
                        epochOf(step) + 1,
                        fmt(schedule.learningRate()),
                        momentumRestored ? "" : ": the optimiser's state restarts (only SGD momentum is saved)"));
            }
            clock.start();
            long total = (long) config.epochs() * config.stepsPerEpoch();
            long stop = Math.min(total, maxSteps);
            long firstStep = step;
            try (epochs;
                    steps;
                    TrainingProgress b = progressBar && TrainingProgress.isTerminal()
                            ? TrainingProgress.start(System.err, config.name(), stop, step, Duration.ofMillis((long)
                                    (clock.secondsBefore() * 1000)))
                            : TrainingProgress.disabled()) {
                bar = b;
                while (step < stop) {
                    trainStep(steps, total);
                    boolean epochEnd = step % config.stepsPerEpoch() == 0;
                    if (epochEnd || step == stop) {
                        endOfEpoch(epochs, epochEnd);
                    }
                }
            } finally {
                bar = TrainingProgress.disabled();
            }
            if (step == firstStep && lastValidation == null && !validationSamples.isEmpty()) {
                lastValidation = Validation.run(
                        net, trainer.getManager(), validationSamples, config.batchSize(), config.scheme());
            }
            plot();
            return new Result(
                    out,
                    out.resolve(BEST),
                    out.resolve(LOG),
                    out.resolve(STEPS),
                    out.resolve(LOSS_PLOT),
                    out.resolve(METRICS_PLOT),
                    step,
                    clock.seconds(),
                    bestEpoch,
                    bestValidation,
                    lastValidation,
                    median(stepSeconds),
                    momentumRestored,
                    data.describe(),
                    initialisation);
        }

        private void trainStep(CsvLog steps, long total) throws IOException {
            int epoch = epochOf(step) + 1;
            float lr = (float) schedule.learningRate();
            rate.set(lr);
            long t0 = System.nanoTime();
            Batch batch = batch(config, data, bands, augmenter, step);
            // the engine's generator (dropout) restarts from a seed of its own per step, so a resumed run draws
            // the same dropout masks as an uninterrupted one
            Engine.getInstance().setRandomSeed((int) Seeds.derive(config.seed(), step, ENGINE_SEED_KEY));
            double dataSeconds = (System.nanoTime() - t0) / 1e9;
            float loss;
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList inputs = BatchTensors.inputs(scope, batch, config.sensei());
                NDArray labels = BatchTensors.labels(scope, batch);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(inputs).singletonOrThrow();
                    NDArray l = MaskedCrossEntropy.loss(logits, labels, config.lossWeights());
                    collector.backward(l);
                    loss = l.getFloat();
                }
                if (!Float.isFinite(loss)) {
                    throw new SenseiException("training diverged: loss " + loss + " at step " + (step + 1)
                            + ": lower optimiser.learning_rate");
                }
                trainer.step();
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            stepSeconds.add(dt);
            step++;
            epochLossSum += loss;
            steps.append(
                    epoch,
                    step,
                    loss,
                    lr,
                    String.format(Locale.ROOT, "%.4f", dt),
                    String.format(Locale.ROOT, "%.4f", dataSeconds),
                    clock.secondsCell());
            long inEpoch = (step - 1) % config.stepsPerEpoch() + 1;
            bar.update(step, epoch, config.epochs(), epochLossSum / inEpoch, lr);
            StepReport r = new StepReport(epoch, step, total, loss, lr, dt);
            for (Listener listener : listeners) {
                listener.onStep(r);
            }
        }

        /** Validation, schedule (complete epochs only), best model, checkpoint, plots, reports. */
        private void endOfEpoch(CsvLog epochs, boolean complete) throws IOException {
            int epoch = complete ? epochOf(step) : epochOf(step) + 1;
            long inEpoch = complete ? config.stepsPerEpoch() : step % config.stepsPerEpoch();
            double trainLoss = epochLossSum / inEpoch;
            double lr = schedule.learningRate();
            boolean validate = !validationSamples.isEmpty()
                    && (!complete || epoch % config.validation().everyEpochs() == 0 || epoch == config.epochs());
            Validation v = validate
                    ? Validation.run(net, trainer.getManager(), validationSamples, config.batchSize(), config.scheme())
                    : null;
            if (v != null) {
                lastValidation = v;
            }
            epochs.append(
                    epoch,
                    step,
                    (float) lr,
                    trainLoss,
                    v == null ? null : v.loss(),
                    v == null ? null : v.oa(),
                    v == null ? null : v.ba(),
                    v == null ? null : v.precision(),
                    v == null ? null : v.recall(),
                    v == null ? null : v.f1(),
                    clock.secondsCell());
            double score = validationSamples.isEmpty() ? trainLoss : v != null ? v.loss() : Double.NaN;
            boolean best = score < bestScore;
            if (best) {
                bestScore = score;
                bestEpoch = epoch;
                bestValidation = v;
                ModelBundle.save(net, provenance(v, trainLoss, epoch), out.resolve(BEST));
            }
            if (complete) {
                double monitored = "val_loss".equals(config.lrSchedule().monitor()) && v != null ? v.loss() : trainLoss;
                schedule.update(monitored);
                epochLossSum = 0;
            }
            saveCheckpoint(epoch);
            plot();
            EpochReport<Validation> r = new EpochReport<>(
                    epoch, config.epochs(), step, trainLoss, v, schedule.learningRate(), best, clock.seconds());
            String val = v == null ? "" : v.format(", val loss %.4f, cloud OA %.2f BA %.2f P %.2f R %.2f F1 %.2f");
            println(String.format(
                    Locale.ROOT,
                    "epoch %d/%d%s: train loss %.4f%s, next lr %s, %.0f s%s",
                    epoch,
                    config.epochs(),
                    complete ? "" : " (stopped at step " + step + ")",
                    trainLoss,
                    val,
                    fmt(schedule.learningRate()),
                    clock.seconds(),
                    best ? " (best)" : ""));
            for (Listener listener : listeners) {
                listener.onEpoch(r);
            }
        }

        private Provenance provenance(Validation v, double trainLoss, int epoch) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            if (v != null) {
                metrics.putAll(v.toMap());
            }
            metrics.put("train_loss", trainLoss);
            metrics.put("epoch", epoch);
            metrics.put("step", step);
            List<String> bandList = new ArrayList<>();
            if (config.fixedBands() != null) {
                bandList.addAll(config.fixedBands());
            } else {
                LinkedHashSet<String> seen = new LinkedHashSet<>();
                data.parts().forEach(p -> seen.addAll(p.bands()));
                bandList.addAll(seen);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> cfg = config.verbatim() != null
                    ? config.verbatim()
                    : JSON.convertValue(config.settingsTree(), LinkedHashMap.class);
            return new Provenance(
                    data.describe(),
                    bandList,
                    config.seed(),
                    commit,
                    metrics,
                    OffsetDateTime.now().withNano(0).toString(),
                    cfg,
                    "trained with sensei4j (sensei train) as '"
                            + config.name() + "': " + initialisation + "; best validation at epoch " + epoch + " (step "
                            + step + ") of " + config.epochs() + " x " + config.stepsPerEpoch() + " steps of "
                            + config.batchSize() + " x " + config.cropSize() + " px");
        }

        private void saveCheckpoint(int epoch) throws IOException {
            ObjectNode s =
                    checkpointState(CHECKPOINT_FORMAT, c -> c.put("step", step).put("epoch_loss_sum", epochLossSum));
            CheckpointValidations.write(s, bestEpoch, bestScore, bestValidation, lastValidation);
            s.put("optimizer", config.optimiser().type());
            s.set("settings", config.settingsTree());
            writeCheckpoint(epoch, s, net, MODEL_PARAMS, optimizer, OPTIMIZER_STATE);
        }

        private void restore(Checkpoints.Saved saved) throws IOException {
            JsonNode s = saved.state();
            step = s.path("step").asLong();
            epochLossSum = s.path("epoch_loss_sum").asDouble();
            resume(s, config.lrSchedule());
            bestScore = CheckpointValidations.bestScore(s);
            bestValidation = CheckpointValidations.best(s, Validation.class);
            lastValidation = CheckpointValidations.last(s, Validation.class);
            ParameterBlob.load(net, modelManager, saved.blob(MODEL_PARAMS));
            if (optimizer instanceof Sgd sgd) {
                int restored = SgdMomentumState.restore(sgd, net, saved.blob(OPTIMIZER_STATE), trainer.getManager());
                momentumRestored =
                        restored > 0 || step == 0 || config.optimiser().momentum() == 0;
            } else {
                momentumRestored = false;
            }
        }

        private void plot() throws IOException {
            List<Map<String, String>> rows = CsvLog.read(out.resolve(LOG));
            List<double[]> train = new ArrayList<>();
            Map<String, List<double[]>> val = new LinkedHashMap<>();
            for (String k : List.of("val_loss", "val_oa", "val_ba", "val_precision", "val_recall", "val_f1")) {
                val.put(k, new ArrayList<>());
            }
            for (Map<String, String> row : rows) {
                double x = Double.parseDouble(row.get("step")) / config.stepsPerEpoch();
                train.add(new double[] {x, Double.parseDouble(row.get("train_loss"))});
                for (Map.Entry<String, List<double[]>> e : val.entrySet()) {
                    String cell = row.get(e.getKey());
                    if (cell != null && !cell.isEmpty() && !cell.equals("NaN")) {
                        e.getValue().add(new double[] {x, Double.parseDouble(cell)});
                    }
                }
            }
            LossPlot.save(
                    out.resolve(LOSS_PLOT),
                    "Training " + config.name() + ": loss",
                    "epoch",
                    "masked cross-entropy",
                    List.of(
                            LossPlot.Series.of("training (epoch mean)", train),
                            LossPlot.Series.of("validation", val.get("val_loss"))),
                    900,
                    560,
                    lossCap(train));
            List<LossPlot.Series> m = new ArrayList<>();
            for (String k : List.of("val_oa", "val_ba", "val_precision", "val_recall", "val_f1")) {
                m.add(LossPlot.Series.of(
                        switch (k) {
                            case "val_precision" -> "P";
                            case "val_recall" -> "R";
                            default -> k.substring(4).toUpperCase(Locale.ROOT);
                        },
                        val.get(k)));
            }
            LossPlot.save(
                    out.resolve(METRICS_PLOT),
                    "Training " + config.name() + ": validation cloud metrics",
                    "epoch",
                    "percent",
                    m,
                    900,
                    560,
                    100.0);
        }

        /**
         * A y-axis cap of 1.5 × the largest training loss, so an untrained model's validation loss does not squash the
         * curves.
         */
        private Double lossCap(List<double[]> train) {
            double max = train.stream().mapToDouble(p -> p[1]).max().orElse(Double.NaN);
            return Double.isFinite(max) && max > 0 ? 1.5 * max : null;
        }

        private void println(String line) {
            if (log != null) {
                if (bar.isEnabled()) {
                    bar.println(line);
                } else {
                    log.println(line);
                    log.flush();
                }
            }
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double lr) {
        return String.format(Locale.ROOT, "%.3g", lr);
    }
}
