package org.sensei4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.DatasetReaders;
import org.sensei4j.eval.Int8Parity;
import org.sensei4j.eval.ModelClassifier;
import org.sensei4j.eval.SceneEvaluator;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.metrics.Reliability;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.CirrusTest;
import org.sensei4j.model.cloud.Precision;
import org.sensei4j.model.cloud.SnowTest;
import org.sensei4j.model.head.DeepLabV3Plus;
import org.sensei4j.scene.BandSubsetSource;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.train.calibrate.CalibrationFitter;
import org.sensei4j.train.calibrate.CalibrationPool;
import org.sensei4j.train.calibrate.ShadowThresholdFit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei calibrate}: fits a temperature and a cloud threshold on labelled validation data into a new bundle. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Calibrates a model's cloud probability on labelled validation data and writes a new bundle "
                    + "with the calibration (temperature, cloud threshold, the pool it was fitted on, ECE "
                    + "before/after) "
                    + "in model.json: 'sensei mask' and 'sensei evaluate' then use its threshold unless --threshold is "
                    + "given. The input bundle is never changed.",
            "Map: T (and b) minimise the negative log-likelihood of the cloud-vs-rest labels under "
                    + "sigmoid(logit(p) / T + b), averaged over sources, on a sample of each source. Threshold: of "
                    + "0.01..0.99, the one maximising the mean over sources of balanced accuracy on the calibrated "
                    + "probabilities. Each --dataset and each --image group is one source (per band set); use data "
                    + "that is not held out for evaluation.",
            "Example:",
            "  sensei calibrate --model default -o calibrated.zip --dataset on-cloud-n:/data/chips "
                    + "--image top.tif --mask top_mask.tif --mask-codes ukis-csmask --sensor sentinel2 "
                    + "--bands B02,B03,B04,B08,B11,B12"
        })
public final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT.zip",
            required = true,
            description = "the calibrated bundle to write (a .zip or a directory); must not be the input")
    Path output;

    @Option(
            names = "--dataset",
            paramLabel = "TYPE:PATH",
            description = "a labelled data set (as for sensei evaluate: ukis, on-cloud-n, catalogue, ...), all its "
                    + "scenes one source; repeatable")
    List<String> datasets;

    /** One labelled image, a source of its own. */
    static final class ImageSource {
        @Option(
                names = "--image",
                paramLabel = "IMG",
                required = true,
                description = "a labelled image (any product input, or an http(s):// URL of a GeoTIFF/COG or STAC "
                        + "item); starts a group with --mask, --mask-codes, "
                        + "--sensor, --bands or --wavelengths; repeatable")
        String image;

        @Option(
                names = "--mask",
                paramLabel = "MASK.tif",
                required = true,
                description = "the image's reference labels on its grid (a path or an http(s):// URL)")
        String mask;

        @Option(
                names = "--mask-codes",
                paramLabel = "MAPPING",
                description = "how to read the mask (as for sensei evaluate; default: the model's class numbers)")
        String maskCodes;

        @Option(names = "--sensor", paramLabel = "ID", description = "the image's sensor")
        String sensor;

        @Option(names = "--bands", paramLabel = "ID[,ID...]", split = ",", description = "the image's bands in order")
        List<String> bands;

        @Option(
                names = "--wavelengths",
                paramLabel = "MIN:CENTRE:MAX[,...]",
                split = ",",
                description = "instead of --sensor: each band's wavelengths in nm")
        List<String> wavelengths;

        SensorOptions sensorOptions() {
            SensorOptions s = new SensorOptions();
            s.sensor = sensor;
            s.bands = bands;
            s.wavelengths = wavelengths;
            return s;
        }
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ImageSource> images;

    @Mixin
    ProductInputOptions product = new ProductInputOptions();

    @Option(
            names = "--band-set",
            paramLabel = "SET",
            description = "bands given to the model: ALL, RGB, RGBNIR, ... (as for sensei evaluate); repeat to pool "
                    + "several, each (source, band set) weighing as one source (default: ALL)")
    List<String> bandSets;

    @Option(
            names = "--method",
            paramLabel = "temperature|temperature-bias",
            defaultValue = "temperature-bias",
            converter = Method.Converter.class,
            completionCandidates = Method.Names.class,
            description = "the map of the cloud log-odds z: temperature (sigmoid(z / T)) or temperature-bias "
                    + "(sigmoid(z / T + b), Platt scaling; also corrects a bias towards clear) (default: "
                    + "${DEFAULT-VALUE})")
    Method method;

    /** The maps of the cloud log-odds that --method offers. */
    enum Method {
        TEMPERATURE(Calibration.TEMPERATURE),
        TEMPERATURE_BIAS(Calibration.TEMPERATURE_BIAS);

        final String id;

        Method(String id) {
            this.id = id;
        }

        /** Reads {@code temperature} or {@code temperature-bias}, case-insensitively. */
        static final class Converter implements CommandLine.ITypeConverter<Method> {
            @Override
            public Method convert(String value) {
                for (Method m : values()) {
                    if (m.id.equalsIgnoreCase(value.trim())) {
                        return m;
                    }
                }
                throw new CommandLine.TypeConversionException(
                        "expected one of " + new Names() + " but was '" + value + "'");
            }
        }

        /** The names, for the help and shell completion. */
        static final class Names extends ArrayList<String> {
            private static final long serialVersionUID = 1L;

            Names() {
                for (Method m : values()) {
                    add(m.id);
                }
            }
        }
    }

    @Option(
            names = "--max-clear-sky-false-cloud",
            paramLabel = "SHARE",
            defaultValue = "0.02",
            description = "the threshold may call at most this share of a clear-sky source (one without cloud pixels, "
                    + "e.g. a clear scene with an all-clear mask) cloud (default: ${DEFAULT-VALUE})")
    double maxClearSkyFalseCloud;

    @Option(
            names = "--smoothing",
            paramLabel = "N",
            defaultValue = "1",
            description = "average the calibrated cloud probability over the valid pixels of an N x N window around "
                    + "each pixel before the decision (odd, 1 to 15; 1: none). The threshold is fitted on the "
                    + "per-pixel probabilities (default: ${DEFAULT-VALUE})")
    int smoothing;

    @Option(
            names = "--cirrus-test",
            paramLabel = "LOW,HIGH",
            split = ",",
            description = "store the 1.38 um cirrus test in the bundle: in scenes with a cirrus band (Sentinel-2 B10, "
                    + "Landsat 8/9 B9, MODIS B26) a pixel whose cirrus band TOA reflectance is above LOW gets "
                    + "evidence rising to 1 at HIGH, which raises the calibrated cloud probability q to "
                    + "1 - (1 - q)(1 - evidence); silent where the pixel looks like snow. The bundled models use "
                    + "0.01,0.03 (default: none)")
    double[] cirrusTest;

    @Option(
            names = "--snow-test",
            paramLabel = "LOW,HIGH",
            split = ",",
            description = "store the snow test in the bundle: in scenes with green and SWIR 1.6 um bands a pixel whose "
                    + "NDSI = (green - SWIR1) / (green + SWIR1) is above LOW gets snow evidence rising to 1 at HIGH, "
                    + "which lowers the calibrated cloud probability q to q (1 - evidence) before any smoothing. "
                    + "Fmask excludes NDSI >= 0.8 from cloud; the bundled model uses 0.8,0.85 (default: none)")
    double[] snowTest;

    @Option(
            names = "--no-shadow-threshold",
            description = "for a model with a shadow class: do not fit the shadow threshold (by default the share "
                    + "p(shadow) / (p(shadow) + p(clear)) from which a pixel not called cloud is shadow is fitted: "
                    + "the highest threshold whose mean shadow F1 over the sources with shadow labels is within 1 "
                    + "point of the best); shadow then stays the more probable of the two")
    boolean noShadowThreshold;

    @Option(
            names = "--int8-check",
            description = "also mask every scene of the pool in fp32 and in int8 with the new calibration (DeepLabv3+ "
                    + "models on ONNX Runtime) and store how they compare (pixels with the same class, OA "
                    + "difference) in the bundle: where they meet the bar (>= 99.5%% the same class, OA within 0.2 "
                    + "points), 'sensei mask --precision auto' (the default) runs the bundle in int8 on CPUs with "
                    + "the same int8 weight range and on scenes of 16 Mpx or more")
    boolean int8Check;

    @Option(
            names = "--curve",
            paramLabel = "OUT.csv",
            description = "write, per candidate threshold, the mean balanced accuracy and per source the balanced "
                    + "accuracy and the share of not-cloud pixels called cloud (calibrated probabilities)")
    Path curve;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "200000",
            description = "pixels per source for the temperature fit (default: ${DEFAULT-VALUE})")
    int sample;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the pixel sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    TilingOptions tiling = new TilingOptions();

    @Option(
            names = "--json",
            description =
                    "print the calibration (method, temperature, bias, cloud threshold, ECE before and after) and "
                            + "the per-source table as one JSON object on standard output instead of the table")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The {@code --cirrus-test} option as a test, or null when not given. */
    private CirrusTest cirrusTest() {
        double[] r = ramp(cirrusTest, "--cirrus-test", "reflectances", "0.01,0.03");
        return r == null ? null : new CirrusTest(r[0], r[1]);
    }

    /** The {@code --snow-test} option as a test, or null when not given. */
    private SnowTest snowTest() {
        double[] r = ramp(snowTest, "--snow-test", "NDSI values", "0.8,0.85");
        return r == null ? null : new SnowTest(r[0], r[1]);
    }

    /** A LOW,HIGH option's two values, or null when not given; refused with an example when not two. */
    private static double[] ramp(double[] values, String option, String what, String example) {
        if (values != null && values.length != 2) {
            throw new SenseiException(option + " takes two " + what + " LOW,HIGH (e.g. " + option + " " + example
                    + "), got " + values.length + " value(s)");
        }
        return values;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> dataSpecs = datasets == null ? List.of() : datasets;
        List<ImageSource> imageSources = images == null ? List.of() : images;
        if (dataSpecs.isEmpty() && imageSources.isEmpty()) {
            throw new SenseiException(
                    "no validation data: give --dataset TYPE:PATH or --image IMG --mask MASK " + "(repeatable)");
        }
        if (!(maxClearSkyFalseCloud >= 0 && maxClearSkyFalseCloud <= 1)) {
            throw new SenseiException(
                    "--max-clear-sky-false-cloud must be a share between 0 and 1, got " + maxClearSkyFalseCloud);
        }
        Calibration.requireSmoothingWindow(smoothing, "--smoothing");
        CirrusTest cirrus = cirrusTest();
        SnowTest snow = snowTest();
        if (sample < 100) {
            throw new SenseiException("--sample must be >= 100 pixels per source, got " + sample);
        }
        Path input = model.resolve();
        if (ModelBundle.isSameFile(input, output)) {
            throw new SenseiException("the output " + output + " is the input bundle: give another -o path (the input "
                    + "is never overwritten)");
        }
        EvaluateCommand.requireWritableParent(output);
        EvaluateCommand.requireWritableParent(curve);
        for (ImageSource s : imageSources) {
            for (String location : List.of(s.image, s.mask)) {
                Path p = OutputGuard.local(location);
                if (p != null && !Files.exists(p)) {
                    throw new SenseiException("file not found: " + p + ": check the --image/--mask path");
                }
            }
        }
        List<Dataset> data = new ArrayList<>();
        for (String d : dataSpecs) {
            data.add(DatasetReaders.open(d));
        }
        List<String> sets = bandSets == null || bandSets.isEmpty() ? List.of("ALL") : bandSets;
        MaskingOptions masking = tiling.masking();
        CalibrationPool pool = new CalibrationPool();
        Calibration c;
        ShadowThresholdFit shadowFit = null;
        try (CloudMasker loaded = CloudMasker.load(input)) {
            if (loaded.calibration() != null) {
                err.println("note: " + input + " is calibrated already (temperature "
                        + loaded.calibration().temperature() + "); fitting anew on its raw probabilities");
            }
            if (int8Check && !(loaded.model().head() instanceof DeepLabV3Plus)) {
                throw new SenseiException("--int8-check compares int8 with fp32 masks of a DeepLabv3+ head, and model '"
                        + loaded.model().spec().name() + "' has a "
                        + loaded.model().spec().head().type().id()
                        + " head, which always runs in fp32: leave out --int8-check");
            }
            CloudMasker raw = loaded.withCalibration(null);
            ClassScheme modelScheme = raw.model().spec().scheme();
            List<SceneEvaluator> evaluators = new ArrayList<>();
            for (String set : sets) {
                evaluators.add(new SceneEvaluator(
                        new ModelClassifier(raw.model().spec().name(), raw, masking),
                        new SceneEvaluator.Settings(set, Double.NaN, masking)));
            }
            long scenes = imageSources.size()
                    + data.stream().mapToLong(d -> d.sceneIds().size()).sum();
            try (CliProgress bar = CliProgress.start(spec, "calibrate", scenes, " scenes")) {
                for (Dataset d : data) {
                    List<CalibrationPool.Source> sources = sources(pool, d.name(), sets);
                    for (String id : d.sceneIds()) {
                        try (LabelledScene scene = d.open(id)) {
                            predict(evaluators, sources, id, scene);
                        }
                        bar.println(err, "  " + d.name() + " " + id + " done");
                        bar.stepBy(1);
                    }
                }
                for (ImageSource s : imageSources) {
                    List<CalibrationPool.Source> sources = sources(pool, ByteSource.fileName(s.image), sets);
                    try (LabelledScene scene = LabelledImages.open(
                            s.image,
                            s.mask,
                            s.maskCodes,
                            modelScheme,
                            s.sensorOptions(),
                            product,
                            w -> bar.println(err, "warning: " + w))) {
                        predict(evaluators, sources, scene.source().id(), scene);
                    }
                    bar.println(err, "  " + s.image + " done");
                    bar.stepBy(1);
                }
            }
            c = CalibrationFitter.fit(pool, method.id, sample, seed, maxClearSkyFalseCloud)
                    .withSmoothing(smoothing)
                    .withCirrusTest(cirrus)
                    .withSnowTest(snow);
            if (!noShadowThreshold && modelScheme.indexOf(ClassKind.SHADOW) >= 0) {
                shadowFit = shadowFit(loaded.withCalibration(c), data, imageSources, sets, modelScheme, masking);
                OptionalDouble t = shadowFit.threshold();
                if (t.isPresent()) {
                    c = c.withShadowThreshold(t.getAsDouble());
                }
            }
            if (int8Check) {
                Int8Parity parity =
                        int8Parity(loaded.withCalibration(c), data, imageSources, modelScheme, masking, err);
                c = c.withInt8Check(parity.check());
                err.print(parity.report());
            }
        }
        ModelBundle.saveCalibrated(input, c, output);
        List<CalibrationFitter.Curve> rawCurves = CalibrationFitter.curves(pool, null);
        List<CalibrationFitter.Curve> curves = CalibrationFitter.curves(pool, c);
        int j = (int) Math.round(c.cloudThreshold() * CalibrationFitter.GRID);
        ObjectNode summary = new ObjectMapper().createObjectNode();
        summary.put("output", output.toString());
        summary.put("model", model.bundle);
        summary.put("method", c.method());
        summary.put("temperature", c.temperature());
        summary.put("bias", c.bias());
        summary.put("cloud_threshold", c.cloudThreshold());
        summary.put("ece_before", c.eceBefore());
        summary.put("ece_after", c.eceAfter());
        summary.put("smoothing", c.smoothingWindow());
        if (cirrus != null) {
            summary.putArray("cirrus_test").add(cirrus.low()).add(cirrus.high());
        }
        if (snow != null) {
            summary.putArray("snow_test").add(snow.low()).add(snow.high());
        }
        if (c.int8Check() != null) {
            summary.set("int8_check", new ObjectMapper().valueToTree(c.int8Check()));
        }
        if (c.shadowThreshold() != null) {
            summary.put("shadow_threshold", c.shadowThreshold());
            summary.put("shadow_f1_most_probable", 100 * shadowFit.meanF1(ShadowThresholdFit.GRID / 2));
            summary.put("shadow_f1", 100 * shadowFit.meanF1(stepOf(c.shadowThreshold())));
        }
        ArrayNode rows = summary.putArray("sources");
        if (!json) {
            out.printf(
                    Locale.ROOT,
                    "%s: temperature %.4f, bias %.4f, cloud threshold %.2f%s; expected calibration "
                            + "error (mean over sources) %.4f -> %.4f%n",
                    c.method(),
                    c.temperature(),
                    c.bias(),
                    c.cloudThreshold(),
                    (c.smoothingWindow() > 1
                                    ? ", cloud probability averaged over " + smoothing + "x" + smoothing + " pixels"
                                    : "")
                            + (cirrus == null
                                    ? ""
                                    : ", cirrus test " + cirrus.low() + " to " + cirrus.high()
                                            + " (not in the fit: the pool's scenes may lack a cirrus band)")
                            + (snow == null
                                    ? ""
                                    : ", snow test NDSI " + snow.low() + " to " + snow.high() + " (not in the fit)"),
                    c.eceBefore(),
                    c.eceAfter());
            if (shadowFit != null) {
                out.println(shadowWords(shadowFit, c.shadowThreshold()));
                if (Boolean.getBoolean("sensei.calibrate.shadow-curves")) {
                    for (ShadowThresholdFit.Source src : shadowFit.sources()) {
                        StringBuilder line = new StringBuilder(src.name() + ":");
                        for (int q = 5; q <= 95; q += 5) {
                            line.append(String.format(
                                    Locale.ROOT,
                                    " %d:%.1f/%.1f/%.1f",
                                    q,
                                    100 * src.f1(q),
                                    100 * src.precision(q),
                                    100 * src.recall(q)));
                        }
                        out.println(line);
                    }
                }
            }
            if (c.int8Check() != null) {
                out.println("int8 check: " + c.int8Check().describe()
                        + (c.int8Check().holdsHere()
                                ? "; 'sensei mask' runs this bundle in int8 by default on scenes of "
                                        + Precision.autoInt8MinPixels() / 1_000_000 + " Mpx or more"
                                : "; 'sensei mask' runs this bundle in fp32 by default"));
            }
            out.println("| source | pixels | cloud % | ECE raw | ECE calibrated | BA raw at 0.5 | BA calibrated at "
                    + c.cloudThreshold() + " | not-cloud called cloud %, raw at 0.5 -> calibrated |");
            out.println("|---|---|---|---|---|---|---|---|");
        }
        for (int s = 0; s < curves.size(); s++) {
            CalibrationFitter.Curve cv = curves.get(s);
            CalibrationFitter.Curve raw = rawCurves.get(s);
            CalibrationPool.Source src = pool.sources().stream()
                    .filter(x -> x.name().equals(cv.source()))
                    .findFirst()
                    .orElseThrow();
            Reliability before = CalibrationFitter.reliability(src, null);
            Reliability after = CalibrationFitter.reliability(src, c);
            long pixels = cv.clouds() + cv.rest();
            double cloudPercent = 100.0 * cv.clouds() / pixels;
            double baRaw = 100 * raw.balancedAccuracy(CalibrationFitter.GRID / 2);
            double baCalibrated = 100 * cv.balancedAccuracy(j);
            double falseRaw = 100 * raw.falseCloud(CalibrationFitter.GRID / 2);
            double falseCalibrated = 100 * cv.falseCloud(j);
            if (json) {
                rows.addObject()
                        .put("source", cv.source())
                        .put("pixels", pixels)
                        .put("cloud_percent", cloudPercent)
                        .put("ece_raw", before.ece())
                        .put("ece_calibrated", after.ece())
                        .put("ba_raw_at_0.5", baRaw)
                        .put("ba_calibrated", baCalibrated)
                        .put("false_cloud_percent_raw_at_0.5", falseRaw)
                        .put("false_cloud_percent_calibrated", falseCalibrated);
            } else {
                out.printf(
                        Locale.ROOT,
                        "| %s | %d | %.2f | %.4f | %.4f | %.2f | %.2f | %.2f -> %.2f |%n",
                        cv.source(),
                        pixels,
                        cloudPercent,
                        before.ece(),
                        after.ece(),
                        baRaw,
                        baCalibrated,
                        falseRaw,
                        falseCalibrated);
            }
        }
        if (json) {
            out.println(summary);
        }
        if (curve != null) {
            StringBuilder sb = new StringBuilder("threshold,mean_ba");
            for (CalibrationFitter.Curve cv : curves) {
                String n = cv.source().replace("\"", "'");
                sb.append(",\"ba ")
                        .append(n)
                        .append("\",\"false_cloud ")
                        .append(n)
                        .append('"');
            }
            sb.append('\n');
            double[] score = CalibrationFitter.thresholdScores(curves);
            for (int t = 1; t < CalibrationFitter.GRID; t++) {
                sb.append(String.format(Locale.ROOT, "%.2f,%.6f", (double) t / CalibrationFitter.GRID, score[t]));
                for (CalibrationFitter.Curve cv : curves) {
                    sb.append(String.format(Locale.ROOT, ",%.6f,%.6f", cv.balancedAccuracy(t), cv.falseCloud(t)));
                }
                sb.append('\n');
            }
            AtomicFiles.writeCreatingDirectories(curve, sb.toString().getBytes(StandardCharsets.UTF_8));
            err.println("wrote " + curve);
        }
        out.flush();
        err.println("wrote " + output);
        return 0;
    }

    /** Every scene of the pool masked in fp32 and int8 by {@code masker} (its calibration's decision). */
    private Int8Parity int8Parity(
            CloudMasker masker,
            List<Dataset> data,
            List<ImageSource> imageSources,
            ClassScheme modelScheme,
            MaskingOptions masking,
            PrintWriter err)
            throws IOException {
        Int8Parity parity = new Int8Parity();
        for (Dataset d : data) {
            parity.add(masker, d, masking);
        }
        for (ImageSource s : imageSources) {
            try (LabelledScene scene = LabelledImages.open(
                    s.image, s.mask, s.maskCodes, modelScheme, s.sensorOptions(), product, w -> {})) {
                parity.add(masker, ByteSource.fileName(s.image), scene, masking);
            }
        }
        err.println("int8 check: every scene masked in fp32 and int8");
        return parity;
    }

    /**
     * The shadow counts of the pool: every scene whose labels have a shadow class, masked with {@code masker} (the
     * fitted calibration) through each band set.
     */
    private ShadowThresholdFit shadowFit(
            CloudMasker masker,
            List<Dataset> data,
            List<ImageSource> imageSources,
            List<String> sets,
            ClassScheme modelScheme,
            MaskingOptions masking)
            throws IOException {
        ShadowThresholdFit fit = new ShadowThresholdFit();
        for (Dataset d : data) {
            List<ShadowThresholdFit.Source> sources = shadowSources(fit, d.name(), sets);
            for (String id : d.sceneIds()) {
                try (LabelledScene scene = d.open(id)) {
                    addShadow(masker, sources, sets, scene, modelScheme, masking);
                }
            }
        }
        for (ImageSource s : imageSources) {
            List<ShadowThresholdFit.Source> sources = shadowSources(fit, ByteSource.fileName(s.image), sets);
            try (LabelledScene scene = LabelledImages.open(
                    s.image, s.mask, s.maskCodes, modelScheme, s.sensorOptions(), product, w -> {})) {
                addShadow(masker, sources, sets, scene, modelScheme, masking);
            }
        }
        return fit;
    }

    private static List<ShadowThresholdFit.Source> shadowSources(
            ShadowThresholdFit fit, String name, List<String> sets) {
        return sets.stream().map(set -> fit.source(sourceName(name, set, sets))).toList();
    }

    /** A pool source's name: the data set or image, with the band set unless all bands are the only one. */
    private static String sourceName(String name, String set, List<String> sets) {
        return sets.size() == 1 && set.equalsIgnoreCase("ALL") ? name : name + " [" + set + "]";
    }

    private static void addShadow(
            CloudMasker masker,
            List<ShadowThresholdFit.Source> sources,
            List<String> sets,
            LabelledScene scene,
            ClassScheme modelScheme,
            MaskingOptions masking) {
        if (scene.scheme().indexOf(ClassKind.SHADOW) < 0) {
            return; // labels without a shadow class (e.g. cloud / not cloud) say nothing about shadow
        }
        int shadow = modelScheme.indexOf(ClassKind.SHADOW);
        int clear = modelScheme.indexOf(ClassKind.CLEAR);
        byte[] labels = scene.labels(modelScheme);
        for (int b = 0; b < sets.size(); b++) {
            SceneSource source = BandSubsetSource.ofBandSet(scene.source(), sets.get(b));
            if (!Calibration.shadowThresholdApplies(source.bands())) {
                continue; // the threshold does not apply without a near-infrared band: nothing to fit there
            }
            MaskResult r = masker.mask(source, masking.withOutputScheme(modelScheme));
            int n = labels.length;
            for (int i = 0; i < n; i++) {
                int t = labels[i] & 0xFF;
                int called = r.classes()[i] & 0xFF;
                if (t == ClassScheme.NODATA || called == ClassScheme.NODATA) {
                    continue;
                }
                sources.get(b)
                        .add(
                                modelScheme.isCloud(called),
                                r.probabilities()[clear * n + i],
                                r.probabilities()[shadow * n + i],
                                t == shadow);
            }
        }
    }

    private static int stepOf(double threshold) {
        return (int) Math.round(threshold * ShadowThresholdFit.GRID);
    }

    /** The shadow decision in one line, with the mean shadow F1 over the sources with shadow labels. */
    private static String shadowWords(ShadowThresholdFit fit, Double threshold) {
        long labelled = fit.sources().stream().filter(s -> s.shadowPixels() > 0).count();
        if (threshold == null) {
            return "shadow: the more probable of shadow and clear (no source of the pool has shadow labels)";
        }
        return String.format(
                Locale.ROOT,
                "shadow threshold %.2f: a pixel not called cloud is shadow where p(shadow) / (p(shadow) + p(clear)) "
                        + ">= %.2f; mean shadow F1 over %d source(s) with shadow labels %.2f (the more probable "
                        + "class: %.2f)",
                threshold,
                threshold,
                labelled,
                100 * fit.meanF1(stepOf(threshold)),
                100 * fit.meanF1(ShadowThresholdFit.GRID / 2));
    }

    private static List<CalibrationPool.Source> sources(CalibrationPool pool, String name, List<String> sets) {
        return sets.stream()
                .map(set -> pool.source(sourceName(name, set, sets)))
                .toList();
    }

    private static void predict(
            List<SceneEvaluator> evaluators, List<CalibrationPool.Source> sources, String id, LabelledScene scene) {
        for (int b = 0; b < evaluators.size(); b++) {
            sources.get(b).add(evaluators.get(b).predict(id, scene.source(), scene.labels(), scene.scheme()));
        }
    }
}
