package org.sensei4j.floor.loso;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.ModelClassifier;
import org.sensei4j.eval.ThresholdBaseline;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.floor.FloorTrainer;
import org.sensei4j.floor.GradientBoostedPixelClassifier;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.model.bundle.GitCommit;
import org.sensei4j.train.segmentation.SegmentationTrainer;
import org.sensei4j.train.segmentation.SyntheticDataset;
import org.sensei4j.train.segmentation.TrainConfig;
import org.sensei4j.train.segmentation.TrainingData;

/**
 * Leave-one-source-out: for each source of a training config ({@link LosoSource}), trains the config's model
 * ({@link SegmentationTrainer}, output {@code OUTDIR/fold-SOURCE}) and the gradient-boosted floor
 * ({@link FloorTrainer}, {@code OUTDIR/fold-SOURCE/gbdt-floor.zip}) on the config without it ({@link LosoFold}),
 * then tests both and the {@link ThresholdBaseline} on it ({@link HeldOutEvaluator}). Writes
 * {@code OUTDIR/loso.md} and {@code OUTDIR/loso.json} (rewritten after each fold, so a stopped run keeps the folds
 * done) and {@code fold.json} per fold (the fold's config as trained, its training data, its test data).
 */
public final class LeaveOneSourceOut {

    public static final String MARKDOWN = "loso.md";
    public static final String JSON = "loso.json";
    public static final String FOLD_JSON = "fold.json";
    public static final String FLOOR = "gbdt-floor.zip";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TrainConfig config;
    private final Path baseDir;
    private final Path outDir;
    private final LosoOptions options;
    private final List<LosoFold> folds;
    private PrintWriter log;
    private boolean progressBar;

    /**
     * Plans the run and checks everything that can be checked before training: the config's paths, the source
     * names, that every fold keeps training data, that no fold folder holds a run.
     *
     * @param sources the source names to hold out (see {@link LosoSource#of}), or empty for all
     * @throws SenseiException naming the problem and the fix
     */
    public LeaveOneSourceOut(TrainConfig config, Path baseDir, List<String> sources, Path outDir, LosoOptions options) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new SenseiException("output " + outDir + " is a file, not a folder: give a folder (-o DIR)");
        }
        this.folds = LosoFold.plan(config, sources, outDir, options.testScenes());
        config.checkPaths(baseDir);
        this.config = config;
        this.baseDir = baseDir;
        this.outDir = outDir;
        this.options = options;
    }

    /** The folds, in the order they run. */
    public List<LosoFold> folds() {
        return folds;
    }

    /** Where progress lines go (null: nowhere). */
    public LeaveOneSourceOut log(PrintWriter out) {
        this.log = out;
        return this;
    }

    /** Whether training draws a progress bar. */
    public LeaveOneSourceOut progressBar(boolean enabled) {
        this.progressBar = enabled;
        return this;
    }

    /** Runs every fold and gives the table (also written to {@code OUTDIR}). */
    public LosoTable run() throws IOException {
        Files.createDirectories(outDir);
        Consumer<String> say = s -> {
            if (log != null) {
                log.println(s);
                log.flush();
            }
        };
        String commit = GitCommit.current();
        List<LosoRow> rows = new ArrayList<>();
        List<ObjectNode> foldJson = new ArrayList<>();
        LosoTable table = null;
        for (int f = 0; f < folds.size(); f++) {
            LosoFold fold = folds.get(f);
            say.accept("fold " + (f + 1) + "/" + folds.size() + ": holding out "
                    + fold.source().name() + " (" + fold.source().kind() + "), output " + fold.dir());
            SegmentationTrainer trainer = new SegmentationTrainer(fold.config(), baseDir)
                    .progressBar(progressBar)
                    .log(log);
            if (options.maxSteps() != null) {
                trainer.maxSteps(options.maxSteps());
            }
            SegmentationTrainer.Result trained = trainer.run(false);
            if (!Files.exists(trained.bestModel())) {
                throw new SenseiException("fold " + fold.source().name() + " wrote no model (" + trained.bestModel()
                        + "): train longer (--max-steps)");
            }
            GradientBoostedPixelClassifier.Params params = GradientBoostedPixelClassifier.Params.defaults()
                    .withRounds(options.floorRounds())
                    .withThreads(options.floorThreads());
            FloorTrainer.Result floorResult =
                    FloorTrainer.train(fold.config(), baseDir, options.floorPixels(), params, say);
            Dataset test = TrainingData.open(fold.test(), baseDir, fold.testSeed());
            List<String> ids = fold.testIds() != null ? fold.testIds() : test.sceneIds();
            try (GradientBoostedPixelClassifier floor = floorResult.classifier();
                    CloudMasker masker = CloudMasker.load(trained.bestModel())) {
                floor.save(fold.dir().resolve(FLOOR));
                List<HeldOutEvaluator.Named> classifiers = List.of(
                        new HeldOutEvaluator.Named(
                                LosoRow.MODEL, new ModelClassifier(LosoRow.MODEL, masker, MaskingOptions.defaults())),
                        new HeldOutEvaluator.Named(LosoRow.FLOOR, floor),
                        new HeldOutEvaluator.Named(LosoRow.BASELINE, new ThresholdBaseline()));
                rows.addAll(HeldOutEvaluator.evaluate(fold.source(), test, ids, classifiers, options, say));
            }
            ObjectNode fj = foldJson(fold, trained, test, ids);
            write(fold.dir().resolve(FOLD_JSON), MAPPER.writeValueAsString(fj) + "\n");
            foldJson.add(fj);
            table = new LosoTable(
                    config.name(), commit, options.maxSteps(), config.seed(), options.confidence(), rows, foldJson);
            write(outDir.resolve(MARKDOWN), table.toMarkdown());
            write(outDir.resolve(JSON), MAPPER.writeValueAsString(table.toJson()) + "\n");
        }
        return table;
    }

    private ObjectNode foldJson(LosoFold fold, SegmentationTrainer.Result trained, Dataset test, List<String> ids) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("source", fold.source().name());
        o.put("kind", fold.source().kind());
        o.put("output", fold.dir().toString());
        o.put("model", trained.bestModel().toString());
        o.put("floor", fold.dir().resolve(FLOOR).toString());
        o.put("steps", trained.steps());
        ArrayNode data = o.putArray("training_data");
        trained.trainingData().forEach(data::add);
        o.set("config", fold.config().settingsTree());
        ObjectNode t = o.putObject("test");
        t.put(
                "data",
                test instanceof SyntheticDataset
                        ? test.toString()
                        : fold.test().name() + " (" + fold.test().type() + ", "
                                + fold.test().path() + ")");
        t.put("scenes", ids.size());
        if (fold.source().synthetic()) {
            t.put("seed", fold.testSeed());
        }
        return o;
    }

    private static void write(Path file, String text) {
        AtomicFiles.writeCreatingDirectories(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
