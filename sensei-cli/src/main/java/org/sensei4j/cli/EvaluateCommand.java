package org.sensei4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.DatasetEvaluation;
import org.sensei4j.eval.DatasetEvaluator;
import org.sensei4j.eval.DatasetReaders;
import org.sensei4j.eval.ModelClassifier;
import org.sensei4j.eval.ThresholdBaseline;
import org.sensei4j.eval.report.EvaluationTables;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.floor.GradientBoostedPixelClassifier;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.metrics.Metric;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei evaluate}: the paper's metrics for models on a labelled scene or a labelled data set. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Evaluates models on a labelled scene (--image, --mask) or a labelled data set (--dataset): "
                    + "OA, BA, precision, recall, F1 (percent) for cloud vs everything else, pixel-summed over all "
                    + "scenes "
                    + "as in the SEnSeI paper, per class, per scene, with bootstrap intervals over scenes and "
                    + "per-category "
                    + "tables when the data set tags its scenes; nodata excluded.",
            "--model and --band-set may be repeated: every (model, band set) is evaluated in one pass and shown side "
                    + "by side; --baseline adds an untrained threshold test and --floor FILE the gradient-boosted "
                    + "per-pixel floor (sensei floor train) as reference rows.",
            "Examples:",
            "  sensei evaluate --model default --image scene.tif --mask mask.tif --sensor sentinel2 "
                    + "--bands B02,B03,B04,B08 --mask-codes on-cloud-n --json result.json",
            "  sensei evaluate --model a.zip --model b.zip --band-set ALL --band-set RGB --baseline "
                    + "--dataset catalogue:/data/s2cmc --splits splits/ --split test --json eval.json "
                    + "--markdown eval.md --pictures pictures/"
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "BUNDLE",
            description = "model bundle, or 'default'; repeat to compare models (default: default)")
    List<String> models;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source = new Source();

    /** What to evaluate on: one labelled scene or a data set (exactly one; picocli checks). */
    static final class Source {
        @Option(
                names = "--image",
                paramLabel = "IMG",
                description = "one scene (any product input, or an http(s):// URL "
                        + "of a GeoTIFF/COG or STAC item, read with HTTP range requests); needs --mask")
        String image;

        @Option(
                names = "--dataset",
                paramLabel = "TYPE:PATH",
                description = "a labelled data set, TYPE one of: catalogue, sparcs, biome, l7-irish, cloudperu2, "
                        + "38-cloud, cloudsen12, eo4ai, ukis, on-cloud-n (e.g. on-cloud-n:/data/chips)")
        String dataset;
    }

    @Option(
            names = "--split",
            paramLabel = "NAME",
            defaultValue = SplitConverter.ALL,
            converter = SplitConverter.class,
            completionCandidates = SplitConverter.Names.class,
            description = "with --dataset: the scenes of this split, one of ${COMPLETION-CANDIDATES} (default: "
                    + "${DEFAULT-VALUE})")
    Split split;

    /** Reads a {@link Split} by {@link Split#fromName name}, case-insensitively; {@code all} is null: every scene. */
    static final class SplitConverter implements CommandLine.ITypeConverter<Split> {
        static final String ALL = "all";

        @Override
        public Split convert(String value) {
            if (value.trim().equalsIgnoreCase(ALL)) {
                return null;
            }
            return Split.fromName(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown split '" + value + "': use "
                            + String.join(", ", new Names().subList(0, Split.values().length)) + " or " + ALL));
        }

        /** The split ids and {@code all}, for the help and shell completion. */
        static final class Names extends ArrayList<String> {
            private static final long serialVersionUID = 1L;

            Names() {
                for (Split s : Split.values()) {
                    add(s.id());
                }
                add(ALL);
            }
        }
    }

    @Option(
            names = "--splits",
            paramLabel = "DIR",
            description =
                    "with --dataset: folder of split lists (train.csv, valid.csv, test.csv; one scene id per line)")
    Path splits;

    @Option(names = "--limit", paramLabel = "N", description = "with --dataset: only the first N scenes")
    Integer limit;

    @Mixin
    SensorOptions sensors;

    @Mixin
    ProductInputOptions product = new ProductInputOptions();

    @Option(
            names = "--mask",
            paramLabel = "MASK.tif",
            description = "with --image: reference labels on the image's grid (a path or an http(s):// URL)")
    String mask;

    @Option(
            names = "--mask-codes",
            paramLabel = "MAPPING",
            description =
                    "how to read the mask: a known mapping (" + "cloudsen12, fmask, scl, ukis-csmask, on-cloud-n, "
                            + "sparcs, ...) or \"cloud=4;shadow=0;clear=1,2,3;nodata=255\" (default: the model's class "
                            + "numbers, 255 = nodata)")
    String maskCodes;

    @Option(
            names = "--band-set",
            paramLabel = "SET",
            description = "bands given to the models: ALL, COMMON, RGB, AeroRGB, AeroRGBNIR, RGBNIR, No-RGB or a list "
                    + "of band ids; repeat to compare band sets (default: ALL)")
    List<String> bandSets;

    @Option(
            names = "--baseline",
            description =
                    "add the threshold baseline (brightness, whiteness, haze, snow, vegetation and cirrus tests on "
                            + "all the scene's bands; no training) as a reference row")
    boolean baseline;

    @Option(
            names = "--floor",
            paramLabel = "FILE",
            description = "add the gradient-boosted per-pixel floor written by 'sensei floor train' as a row, given "
                    + "every band set (missing bands are missing features)")
    Path floor;

    @Option(
            names = "--resolution",
            paramLabel = "M",
            description = "predict at this pixel size (m) and resample the mask back to the image's grid")
    Double resolution;

    @Mixin
    ThresholdOption threshold;

    @Mixin
    TilingOptions tiling = new TilingOptions();

    @Option(
            names = "--bootstrap",
            paramLabel = "N",
            defaultValue = "1000",
            description =
                    "bootstrap resamples over scenes for confidence intervals (with 2 or more scenes), 0 for none "
                            + "(default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--confidence",
            defaultValue = "0.95",
            paramLabel = "LEVEL",
            description = "confidence level of the intervals (default: ${DEFAULT-VALUE})")
    double confidence;

    @Option(
            names = "--min-category-scenes",
            paramLabel = "N",
            defaultValue = "30",
            description = "omit scene categories with fewer scenes, as the paper does (default: ${DEFAULT-VALUE})")
    int minCategoryScenes;

    @Option(
            names = "--json",
            paramLabel = "OUT.json",
            arity = "0..1",
            fallbackValue = STDOUT,
            description = "write the metrics as JSON to OUT.json; without a file (or '-'): print them as one JSON "
                    + "object on standard output instead of the tables")
    Path json;

    /** {@code --json} without a file. */
    static final String STDOUT = "-";

    @Option(names = "--markdown", paramLabel = "OUT.md", description = "write the tables as Markdown")
    Path markdownFile;

    @Option(
            names = "--pictures",
            paramLabel = "DIR",
            description = "write per scene an RGB quicklook and an error overlay per model and band set (PNG)")
    Path pictures;

    @Option(
            names = "--picture-size",
            paramLabel = "PX",
            defaultValue = "1024",
            description = "longest side of a picture; larger scenes are decimated (default: ${DEFAULT-VALUE})")
    int pictureSize;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        image = source.image;
        dataset = source.dataset;
        checkOptions();
        guardFiles();
        MaskingOptions masking;
        DatasetEvaluator.Options options;
        try {
            masking = tiling.masking().withThreshold(threshold.orNaN());
            options = DatasetEvaluator.Options.defaults()
                    .withResolution(resolution == null ? Double.NaN : resolution)
                    .withBootstrap(bootstrap, seed, confidence)
                    .withMinCategoryScenes(minCategoryScenes)
                    .withPictures(pictures, pictureSize);
        } catch (IllegalArgumentException e) {
            throw new SenseiException(e.getMessage(), e);
        }
        List<CloudMasker> maskers = new ArrayList<>();
        GradientBoostedPixelClassifier floorClassifier =
                floor == null ? null : GradientBoostedPixelClassifier.load(floor);
        try {
            // printed once the data opened: a refused input stays one error line
            List<String> decisions = new ArrayList<>();
            List<DatasetEvaluator.Candidate> candidates = candidates(masking, maskers, floorClassifier, decisions);
            DatasetEvaluator evaluator = new DatasetEvaluator(candidates, options);
            Evaluated result = image != null
                    ? evaluateImage(evaluator, maskers.get(0), decisions)
                    : evaluateDataset(evaluator, candidates, decisions);
            writeResults(result);
        } finally {
            maskers.forEach(CloudMasker::close);
            if (floorClassifier != null) {
                floorClassifier.close();
            }
        }
        return 0;
    }

    private String image;
    private String dataset;

    /** An evaluation and its JSON (with the run's inputs). */
    private record Evaluated(DatasetEvaluation evaluation, ObjectNode json) {}

    /** The checks of option combinations that picocli does not make. */
    private void checkOptions() {
        if (image != null && mask == null) {
            throw new SenseiException("--image needs --mask MASK.tif: the reference labels on the image's grid");
        }
        if (dataset != null && (mask != null || maskCodes != null)) {
            throw new SenseiException("--mask and --mask-codes are for --image; a data set's reader knows its masks: "
                    + "leave them out");
        }
        threshold.check();
    }

    /** Refuses outputs that would overwrite an input or each other ({@link OutputGuard}). */
    private void guardFiles() {
        OutputGuard guard = new OutputGuard()
                .productLocation(image)
                .inputLocation(mask)
                .input(floor)
                .inputs(sensors.sensorFiles())
                .input(product.bandMap);
        if (models != null) {
            models.stream().filter(m -> !m.equals(ModelLocator.DEFAULT)).forEach(m -> guard.input(Path.of(m)));
        }
        if (dataset != null && dataset.contains(":")) {
            guard.input(Path.of(dataset.substring(dataset.indexOf(':') + 1)));
        }
        guard.output("--json", jsonFile()).output("--markdown", markdownFile).check();
    }

    /** The --json file, or null for none or standard output. */
    private Path jsonFile() {
        return json == null || json.toString().equals(STDOUT) ? null : json;
    }

    /**
     * Loads the models into {@code maskers} and returns every (model or reference, band set) to evaluate;
     * {@code decisions} receives each model's decision line.
     */
    private List<DatasetEvaluator.Candidate> candidates(
            MaskingOptions masking,
            List<CloudMasker> maskers,
            GradientBoostedPixelClassifier floorClassifier,
            List<String> decisions) {
        List<String> modelArgs = models == null || models.isEmpty() ? List.of(ModelLocator.DEFAULT) : models;
        List<String> sets = bandSets == null || bandSets.isEmpty() ? List.of("ALL") : bandSets;
        List<DatasetEvaluator.Candidate> candidates = new ArrayList<>();
        List<String> labels = modelLabels(modelArgs);
        for (int m = 0; m < modelArgs.size(); m++) {
            CloudMasker masker = CloudMasker.load(ModelLocator.resolve(modelArgs.get(m)));
            maskers.add(masker);
            ModelClassifier classifier = new ModelClassifier(labels.get(m), masker, masking);
            decisions.add("model " + labels.get(m) + ": decision: " + classifier.decision());
            for (String set : sets) {
                candidates.add(new DatasetEvaluator.Candidate(labels.get(m), set, classifier));
            }
        }
        if (floorClassifier != null) {
            for (String set : sets) {
                candidates.add(
                        new DatasetEvaluator.Candidate(GradientBoostedPixelClassifier.NAME, set, floorClassifier));
            }
        }
        if (baseline) {
            candidates.add(new DatasetEvaluator.Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline()));
        }
        return candidates;
    }

    /** Where picture paths in the JSON are relative to: the --json file's folder (null: absolute). */
    private Path jsonBase() {
        Path file = jsonFile();
        return file == null ? null : file.toAbsolutePath().getParent();
    }

    /** Evaluates on --image and --mask. */
    private Evaluated evaluateImage(DatasetEvaluator evaluator, CloudMasker first, List<String> decisions)
            throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ClassScheme modelScheme = first.model().spec().scheme();
        LabelledScene labelled = LabelledImages.open(
                image, mask, maskCodes, modelScheme, sensors, product, w -> err.println("warning: " + w));
        decisions.forEach(err::println);
        // the evaluator opens the one scene and closes it when done
        String id = labelled.source().id();
        DatasetEvaluation evaluation;
        try (CliProgress bar = CliProgress.start(spec, "evaluate", 1, " scene")) {
            evaluation = evaluator.evaluate(
                    LabelledImages.oneScene(labelled, id),
                    List.of(id),
                    (i, n, scene, cloud, seconds) -> bar.stepTo(i + 1));
        }
        ObjectNode result = evaluation.toJson(jsonBase());
        ObjectNode run = (ObjectNode) result.get("run");
        run.put("image", image);
        run.put("mask", mask);
        return new Evaluated(evaluation, result);
    }

    /** Evaluates on the scenes of --dataset (--split, --splits, --limit), a line per scene and a progress bar. */
    private Evaluated evaluateDataset(
            DatasetEvaluator evaluator, List<DatasetEvaluator.Candidate> candidates, List<String> decisions)
            throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Dataset data = DatasetReaders.open(dataset);
        List<String> ids = sceneIds(data, err);
        decisions.forEach(err::println);
        err.printf(
                Locale.ROOT,
                "evaluating %d scene(s) of %s with %d model/band-set combination(s)%n",
                ids.size(),
                data.name(),
                candidates.size());
        DatasetEvaluation evaluation;
        try (CliProgress bar = CliProgress.start(spec, "evaluate", ids.size(), " scenes")) {
            evaluation = evaluator.evaluate(data, ids, (i, n, id, cloud, seconds) -> {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] %s", i + 1, n, id));
                for (int c = 0; c < cloud.size(); c++) {
                    sb.append(String.format(
                            Locale.ROOT,
                            "  %s OA %s",
                            candidates.get(c).label(),
                            fmt(cloud.get(c).overallAccuracy())));
                }
                bar.println(
                        err,
                        sb.append(String.format(Locale.ROOT, "  (%.1f s)", seconds))
                                .toString());
                bar.stepTo(i + 1);
            });
        }
        ObjectNode result = evaluation.toJson(jsonBase());
        ObjectNode run = (ObjectNode) result.get("run");
        run.put("dataset_type", dataset.substring(0, dataset.indexOf(':')));
        run.put("dataset_path", dataset.substring(dataset.indexOf(':') + 1));
        run.put("split", split == null ? SplitConverter.ALL : split.id());
        return new Evaluated(evaluation, result);
    }

    /** The tables (or with --json and no file, the JSON) on standard output; the --markdown and --json files. */
    private void writeResults(Evaluated evaluated) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode result = evaluated.json();
        ObjectMapper mapper = new ObjectMapper();
        if (json != null && jsonFile() == null) {
            out.println(mapper.writeValueAsString(result));
        } else {
            boolean manyScenes = evaluated.evaluation().sceneIds().size() > 20;
            out.print(EvaluationTables.markdown(result, !manyScenes));
            if (manyScenes) {
                out.println("(per-scene table: see --markdown or --json)");
            }
        }
        out.flush();
        if (markdownFile != null) {
            String md = "# sensei evaluate\n\n" + EvaluationTables.markdown(result, true);
            AtomicFiles.writeCreatingDirectories(markdownFile, md.getBytes(StandardCharsets.UTF_8));
            err.println("wrote " + markdownFile);
        }
        if (jsonFile() != null) {
            AtomicFiles.writeCreatingDirectories(
                    json, mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(result));
            err.println("wrote " + json);
        }
        if (pictures != null) {
            err.println("wrote pictures to " + pictures);
        }
    }

    /** Table names of the models: 'default', or the bundle's file name without extension; repeated names numbered. */
    static List<String> modelLabels(List<String> modelArgs) {
        List<String> labels = new ArrayList<>();
        for (String m : modelArgs) {
            String name = ModelLocator.DEFAULT.equals(m)
                    ? m
                    : Path.of(m).getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                name = name.substring(0, name.length() - 4);
            }
            String label = name;
            for (int n = 2; labels.contains(label); n++) {
                label = name + "#" + n;
            }
            labels.add(label);
        }
        return labels;
    }

    private List<String> sceneIds(Dataset data, PrintWriter err) {
        List<String> ids;
        if (split == null) {
            if (splits != null) {
                throw new SenseiException("--splits needs --split train, valid or test: say which split to evaluate");
            }
            ids = data.sceneIds();
        } else {
            SplitAssignment assignment = splits != null ? SplitAssignment.read(splits) : data.splits();
            if (assignment.isEmpty()) {
                throw new SenseiException("data set " + data.name() + " has no split of its own: give --splits DIR "
                        + "(train.csv, valid.csv, test.csv with one scene id per line) or --split all");
            }
            Set<String> have = new HashSet<>(data.sceneIds());
            ids = data.sceneIds().stream()
                    .filter(id -> assignment.split(id).orElse(null) == split)
                    .toList();
            long absent = assignment.sceneIds(split).stream()
                    .filter(id -> !have.contains(id))
                    .count();
            if (absent > 0) {
                err.println("warning: " + absent + " scene(s) of split " + split.id() + " are not in " + data.name()
                        + " (not downloaded?); evaluating the " + ids.size() + " present");
            }
            if (ids.isEmpty()) {
                throw new SenseiException("no scene of " + data.name() + " is in split " + split.id()
                        + ": check --splits " + "and the data set path");
            }
        }
        if (limit != null) {
            if (limit < 1) {
                throw new SenseiException("--limit must be >= 1, got " + limit);
            }
            ids = ids.subList(0, Math.min(limit, ids.size()));
        }
        return ids;
    }

    /** Refuses a file whose directory does not exist or is not writable (null: nothing to check). */
    static void requireWritableParent(Path file) {
        if (file != null) {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new SenseiException(
                        "cannot write " + file + ": directory " + dir + " does not exist or is not " + "writable");
            }
        }
    }

    static String markdown(DatasetMetrics m) {
        StringBuilder sb = new StringBuilder();
        sb.append("| class | OA | BA | precision | recall | F1 | pixels |\n|---|---|---|---|---|---|---|\n");
        row(sb, "cloud (vs rest)", m.cloud());
        for (int c = 0; c < m.scheme().classCount(); c++) {
            row(sb, m.scheme().className(c), m.total().binary(c));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, BinaryConfusion b) {
        sb.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %d |%n",
                name,
                fmt(b.overallAccuracy()),
                fmt(b.balancedAccuracy()),
                fmt(b.precision()),
                fmt(b.recall()),
                fmt(b.f1()),
                b.total()));
    }

    private static String fmt(Metric m) {
        return m.isDefined() ? String.format(Locale.ROOT, "%.2f", m.value()) : "undefined";
    }
}
