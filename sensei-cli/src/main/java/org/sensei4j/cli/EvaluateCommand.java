package org.sensei4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.train.boosting.GradientBoostedPixelClassifier;
import org.sensei4j.train.evaluate.DatasetEvaluation;
import org.sensei4j.train.evaluate.DatasetEvaluator;
import org.sensei4j.train.evaluate.DatasetReaders;
import org.sensei4j.train.evaluate.ModelClassifier;
import org.sensei4j.train.evaluate.ThresholdBaseline;
import org.sensei4j.train.report.EvaluationTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei evaluate}: the paper's metrics for models on a labelled scene or a labelled data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates models on a labelled scene (--image, --mask) or a labelled data set (--dataset): "
                + "OA, BA, precision, recall, F1 (percent) for cloud vs everything else, pixel-summed over all scenes "
                + "as in the SEnSeI paper, per class, per scene, with bootstrap intervals over scenes and per-category "
                + "tables when the data set tags its scenes; nodata excluded.",
            "--model and --band-set may be repeated: every (model, band set) is evaluated in one pass and shown side "
                    + "by side; --baseline adds an untrained threshold test and --floor FILE the gradient-boosted "
                    + "per-pixel floor (sensei floor train) as reference rows.",
            "Examples:",
            "  sensei evaluate --model default --image scene.tif --mask mask.tif --sensor sentinel2 "
                    + "--bands B02,B03,B04,B08 --mask-codes on-cloud-n --json result.json",
            "  sensei evaluate --model a.zip --model b.zip --band-set ALL --band-set RGB --baseline "
                    + "--dataset catalogue:/data/s2cmc --splits splits/ --split test --json eval.json "
                    + "--markdown eval.md --pictures pictures/"})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "BUNDLE",
            description = "model bundle, or 'default'; repeat to compare models (default: default)")
    List<String> models;

    @Option(names = "--image", paramLabel = "IMG", description = "one scene (any product input); needs --mask")
    Path image;

    @Option(names = "--dataset", paramLabel = "TYPE:PATH",
            description = "a labelled data set, TYPE one of: catalogue, sparcs, biome, l7-irish, cloudperu2, 38-cloud, "
                    + "cloudsen12, eo4ai, ukis, on-cloud-n (e.g. on-cloud-n:/data/chips)")
    String dataset;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = "all",
            description = "with --dataset: the scenes of this split (train, valid, test) or all (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--splits", paramLabel = "DIR",
            description = "with --dataset: folder of split lists (train.csv, valid.csv, test.csv; one scene id per line)")
    Path splits;

    @Option(names = "--limit", paramLabel = "N", description = "with --dataset: only the first N scenes")
    Integer limit;

    @Mixin
    SensorOptions sensors;

    @Mixin
    ProductInputOptions product = new ProductInputOptions();

    @Option(names = "--mask", paramLabel = "MASK.tif", description = "with --image: reference labels on the image's grid")
    Path mask;

    @Option(names = "--mask-codes", paramLabel = "MAPPING",
            description = "how to read the mask: a known mapping (" + "cloudsen12, fmask, scl, ukis-csmask, on-cloud-n, "
                    + "sparcs, ...) or \"cloud=4;shadow=0;clear=1,2,3;nodata=255\" (default: the model's class "
                    + "numbers, 255 = nodata)")
    String maskCodes;

    @Option(names = "--band-set", paramLabel = "SET",
            description = "bands given to the models: ALL, COMMON, RGB, AeroRGB, AeroRGBNIR, RGBNIR, No-RGB or a list "
                    + "of band ids; repeat to compare band sets (default: ALL)")
    List<String> bandSets;

    @Option(names = "--baseline",
            description = "add the threshold baseline (brightness, whiteness, haze, snow, vegetation and cirrus tests on "
                    + "all the scene's bands; no training) as a reference row")
    boolean baseline;

    @Option(names = "--floor", paramLabel = "FILE",
            description = "add the gradient-boosted per-pixel floor written by 'sensei floor train' as a row, given "
                    + "every band set (missing bands are missing features)")
    Path floor;

    @Option(names = "--resolution", paramLabel = "M",
            description = "predict at this pixel size (m) and resample the mask back to the image's grid")
    Double resolution;

    @Option(names = "--threshold", paramLabel = "T", description = "cloud when the cloud probability >= T")
    Double threshold;

    @Option(names = "--tile", defaultValue = "512", description = "tile size (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--overlap", defaultValue = "64", description = "tile overlap (default: ${DEFAULT-VALUE})")
    int overlap;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "bootstrap resamples over scenes for confidence intervals (with 2 or more scenes), 0 for none "
                    + "(default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", description = "bootstrap seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "confidence level of the intervals (default: ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--min-category-scenes", paramLabel = "N", defaultValue = "30",
            description = "omit scene categories with fewer scenes, as the paper does (default: ${DEFAULT-VALUE})")
    int minCategoryScenes;

    @Option(names = "--json", paramLabel = "OUT.json", description = "write the metrics as JSON")
    Path json;

    @Option(names = "--markdown", paramLabel = "OUT.md", description = "write the tables as Markdown")
    Path markdownFile;

    @Option(names = "--pictures", paramLabel = "DIR",
            description = "write per scene an RGB quicklook and an error overlay per model and band set (PNG)")
    Path pictures;

    @Option(names = "--picture-size", paramLabel = "PX", defaultValue = "1024",
            description = "longest side of a picture; larger scenes are decimated (default: ${DEFAULT-VALUE})")
    int pictureSize;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((image == null) == (dataset == null)) {
            throw new SenseiException("give either --image IMG --mask MASK (one scene) or --dataset TYPE:PATH (a data "
                    + "set), not " + (image == null ? "neither" : "both"));
        }
        if (image != null && mask == null) {
            throw new SenseiException("--image needs --mask MASK.tif: the reference labels on the image's grid");
        }
        if (dataset != null && (mask != null || maskCodes != null)) {
            throw new SenseiException("--mask and --mask-codes are for --image; a data set's reader knows its masks: "
                    + "leave them out");
        }
        if (threshold != null && !(threshold > 0 && threshold < 1)) {
            throw new SenseiException("--threshold must be a number between 0 and 1 (exclusive), got " + threshold);
        }
        OutputGuard guard = new OutputGuard().product(image).input(mask).input(floor).inputs(sensors.sensorFiles())
                .input(product.bandMap);
        if (models != null) {
            models.stream().filter(m -> !m.equals(ModelLocator.DEFAULT)).forEach(m -> guard.input(Path.of(m)));
        }
        if (dataset != null && dataset.contains(":")) {
            guard.input(Path.of(dataset.substring(dataset.indexOf(':') + 1)));
        }
        guard.output("--json", json).output("--markdown", markdownFile).check();
        MaskingOptions masking;
        DatasetEvaluator.Options options;
        try {
            masking = MaskingOptions.defaults().withTile(tile, overlap)
                    .withThreshold(threshold == null ? Double.NaN : threshold);
            options = DatasetEvaluator.Options.defaults()
                    .withResolution(resolution == null ? Double.NaN : resolution)
                    .withBootstrap(bootstrap, seed, confidence)
                    .withMinCategoryScenes(minCategoryScenes)
                    .withPictures(pictures, pictureSize);
        } catch (IllegalArgumentException e) {
            throw new SenseiException(e.getMessage());
        }
        List<String> modelArgs = models == null || models.isEmpty() ? List.of(ModelLocator.DEFAULT) : models;
        List<String> sets = bandSets == null || bandSets.isEmpty() ? List.of("ALL") : bandSets;
        List<CloudMasker> maskers = new ArrayList<>();
        GradientBoostedPixelClassifier floorClassifier = floor == null ? null
                : GradientBoostedPixelClassifier.load(floor);
        try {
            List<DatasetEvaluator.Candidate> candidates = new ArrayList<>();
            List<String> labels = modelLabels(modelArgs);
            for (int m = 0; m < modelArgs.size(); m++) {
                CloudMasker masker = CloudMasker.load(ModelLocator.resolve(modelArgs.get(m)));
                maskers.add(masker);
                ModelClassifier classifier = new ModelClassifier(labels.get(m), masker, masking);
                for (String set : sets) {
                    candidates.add(new DatasetEvaluator.Candidate(labels.get(m), set, classifier));
                }
            }
            if (floorClassifier != null) {
                for (String set : sets) {
                    candidates.add(new DatasetEvaluator.Candidate(GradientBoostedPixelClassifier.NAME, set,
                            floorClassifier));
                }
            }
            if (baseline) {
                candidates.add(new DatasetEvaluator.Candidate(ThresholdBaseline.NAME, "ALL", new ThresholdBaseline()));
            }
            DatasetEvaluator evaluator = new DatasetEvaluator(candidates, options);
            DatasetEvaluation evaluation;
            ObjectNode result;
            Path base = json == null ? null : json.toAbsolutePath().getParent();
            if (image != null) {
                ClassScheme modelScheme = maskers.get(0).model().spec().scheme();
                SceneSource scene = MaskCommand.checked(ProductReaders.open(image,
                        product.toOptions(sensors, null, w -> err.println("warning: " + w), null)), err);
                LabelledScene labelled;
                try {
                    ClassCodeMapping mapping = maskCodes == null ? null : ClassCodeMapping.of(maskCodes);
                    ClassScheme truthScheme = mapping == null ? modelScheme : mapping.scheme();
                    byte[] truth = readMask(mapping, modelScheme, scene);
                    labelled = new LabelledScene("scene", scene, truthScheme, truth, Map.of());
                } catch (RuntimeException e) {
                    scene.close();
                    throw e;
                }
                // the evaluator opens the one scene and closes it when done
                evaluation = evaluator.evaluate(new OneScene(labelled), List.of(scene.id()), null);
                result = evaluation.toJson(base);
                ObjectNode run = (ObjectNode) result.get("run");
                run.put("image", image.toString());
                run.put("mask", mask.toString());
            } else {
                Dataset data = DatasetReaders.open(dataset);
                List<String> ids = sceneIds(data, err);
                err.printf(Locale.ROOT, "evaluating %d scene(s) of %s with %d model/band-set combination(s)%n",
                        ids.size(), data.name(), candidates.size());
                evaluation = evaluator.evaluate(data, ids, (i, n, id, cloud, seconds) -> {
                    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] %s", i + 1, n, id));
                    for (int c = 0; c < cloud.size(); c++) {
                        sb.append(String.format(Locale.ROOT, "  %s OA %s", candidates.get(c).label(),
                                fmt(cloud.get(c).overallAccuracy())));
                    }
                    err.println(sb.append(String.format(Locale.ROOT, "  (%.1f s)", seconds)));
                });
                result = evaluation.toJson(base);
                ObjectNode run = (ObjectNode) result.get("run");
                run.put("dataset_type", dataset.substring(0, dataset.indexOf(':')));
                run.put("dataset_path", dataset.substring(dataset.indexOf(':') + 1));
                run.put("split", split);
            }
            boolean manyScenes = evaluation.sceneIds().size() > 20;
            out.print(EvaluationTables.markdown(result, !manyScenes));
            if (manyScenes) {
                out.println("(per-scene table: see --markdown or --json)");
            }
            out.flush();
            if (markdownFile != null) {
                String md = "# sensei evaluate\n\n" + EvaluationTables.markdown(result, true);
                AtomicFiles.writeCreatingDirectories(markdownFile, md.getBytes(StandardCharsets.UTF_8));
                err.println("wrote " + markdownFile);
            }
            if (json != null) {
                AtomicFiles.writeCreatingDirectories(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(result));
                err.println("wrote " + json);
            }
            if (pictures != null) {
                err.println("wrote pictures to " + pictures);
            }
        } finally {
            maskers.forEach(CloudMasker::close);
            if (floorClassifier != null) {
                floorClassifier.close();
            }
        }
        return 0;
    }

    /** Table names of the models: 'default', or the bundle's file name without extension; repeated names numbered. */
    static List<String> modelLabels(List<String> modelArgs) {
        List<String> labels = new ArrayList<>();
        for (String m : modelArgs) {
            String name = ModelLocator.DEFAULT.equals(m) ? m : Path.of(m).getFileName().toString();
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
        if (split == null || split.equalsIgnoreCase("all")) {
            if (splits != null) {
                throw new SenseiException("--splits needs --split train, valid or test: say which split to evaluate");
            }
            ids = data.sceneIds();
        } else {
            Split s = Split.fromName(split).orElseThrow(() -> new SenseiException("unknown split '" + split
                    + "': use train, valid, test or all"));
            SplitAssignment assignment = splits != null ? SplitAssignment.read(splits) : data.splits();
            if (assignment.isEmpty()) {
                throw new SenseiException("data set " + data.name() + " has no split of its own: give --splits DIR "
                        + "(train.csv, valid.csv, test.csv with one scene id per line) or --split all");
            }
            Set<String> have = new HashSet<>(data.sceneIds());
            ids = data.sceneIds().stream().filter(id -> assignment.split(id).orElse(null) == s).toList();
            long absent = assignment.sceneIds(s).stream().filter(id -> !have.contains(id)).count();
            if (absent > 0) {
                err.println("warning: " + absent + " scene(s) of split " + s.id() + " are not in " + data.name()
                        + " (not downloaded?); evaluating the " + ids.size() + " present");
            }
            if (ids.isEmpty()) {
                throw new SenseiException("no scene of " + data.name() + " is in split " + s.id() + ": check --splits "
                        + "and the data set path");
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

    private static void requireWritableParent(Path file) {
        if (file != null) {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new SenseiException("cannot write " + file + ": directory " + dir + " does not exist or is not "
                        + "writable");
            }
        }
    }

    /** A data set of one labelled scene (the --image/--mask mode). */
    private record OneScene(LabelledScene scene) implements Dataset {

        @Override
        public String name() {
            return scene.sceneId();
        }

        @Override
        public List<String> sceneIds() {
            return List.of(scene.sceneId());
        }

        @Override
        public ClassScheme scheme() {
            return scene.scheme();
        }

        @Override
        public SplitAssignment splits() {
            return SplitAssignment.none();
        }

        @Override
        public LabelledScene open(String sceneId) {
            return scene;
        }
    }

    private byte[] readMask(ClassCodeMapping mapping, ClassScheme modelScheme, SceneSource scene) {
        try (GeoTiffReader r = GeoTiffReader.open(mask)) {
            if (r.info().width() != scene.width() || r.info().height() != scene.height()) {
                throw new SenseiException("mask " + mask + " is " + r.info().width() + "×" + r.info().height()
                        + " but the image is " + scene.width() + "×" + scene.height() + ": give a mask on the image's grid"
                        + " (or read the image with --resolution matching the mask)");
            }
            checkSameGrid(r.info().georeference(), scene.georeference(), scene.width(), scene.height());
            float[] v = r.readBand(0);
            int[] codes = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                codes[i] = Float.isNaN(v[i]) ? ClassScheme.NODATA : Math.round(v[i]);
            }
            if (mapping != null) {
                return mapping.decode(codes, mapping.scheme());
            }
            byte[] out = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                int c = codes[i];
                if (c != ClassScheme.NODATA && (c < 0 || c >= modelScheme.classCount())) {
                    throw new SenseiException("mask value " + c + " at row " + (i / scene.width()) + " is not a class of "
                            + "the model's scheme " + modelScheme.id() + " " + modelScheme.classNames()
                            + ": give --mask-codes to say what the mask's values mean");
                }
                out[i] = (byte) c;
            }
            return out;
        }
    }

    /**
     * Refuses a mask whose georeference does not put its pixels on the image's: when both are georeferenced, the
     * CRS must be the same and every pixel corner within half a pixel.
     */
    private void checkSameGrid(org.sensei4j.raster.Georeference m, org.sensei4j.raster.Georeference g, int width,
            int height) {
        if (m == null || g == null) {
            return;
        }
        if (m.epsg().isPresent() && g.epsg().isPresent() && m.epsg().getAsInt() != g.epsg().getAsInt()) {
            throw new SenseiException("mask " + mask + " is in EPSG:" + m.epsg().getAsInt() + " but the image " + image
                    + " is in EPSG:" + g.epsg().getAsInt() + ": reproject the mask onto the image's grid (gdalwarp)");
        }
        double[] t = g.transform();
        double det = t[1] * t[5] - t[2] * t[4];
        double worst = 0;
        double worstCrs = 0;
        for (int[] corner : new int[][] {{0, 0}, {width, 0}, {0, height}, {width, height}}) {
            double[] a = m.pixelToCrs(corner[0], corner[1]);
            double[] b = g.pixelToCrs(corner[0], corner[1]);
            double dx = a[0] - b[0];
            double dy = a[1] - b[1];
            // the offset in the image's pixels (inverse of its 2x2 transform)
            double dc = (t[5] * dx - t[2] * dy) / det;
            double dr = (-t[4] * dx + t[1] * dy) / det;
            worst = Math.max(worst, Math.max(Math.abs(dc), Math.abs(dr)));
            worstCrs = Math.max(worstCrs, Math.hypot(dx, dy));
        }
        if (!(worst <= 0.5)) {
            throw new SenseiException(String.format(Locale.ROOT, "mask %s is not on the image's grid: its pixels are"
                    + " up to %.6g CRS units (%.1f pixels) away from the image's %s: give a mask aligned with the"
                    + " image (gdalwarp onto its grid)", mask, worstCrs, worst, image));
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
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d |%n", name, fmt(b.overallAccuracy()),
                fmt(b.balancedAccuracy()), fmt(b.precision()), fmt(b.recall()), fmt(b.f1()), b.total()));
    }

    private static String fmt(org.sensei4j.metrics.Metric m) {
        return m.isDefined() ? String.format(Locale.ROOT, "%.2f", m.value()) : "undefined";
    }
}
