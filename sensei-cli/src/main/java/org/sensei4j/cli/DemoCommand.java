package org.sensei4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.SceneEvaluator;
import org.sensei4j.eval.report.HtmlReport;
import org.sensei4j.eval.report.Pictures;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.GeoTiffMaskSink;
import org.sensei4j.inference.MaskMetadata;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskSink;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.MaskingStats;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.synthetic.SyntheticLabelledScenes;
import org.sensei4j.io.synthetic.SyntheticSceneSpec;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.CommonName;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei demo}: the whole pipeline on a synthetic scene, offline, in about a minute. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a synthetic scene as seen by a sensor (default: Landsat 7 ETM+, a sensor the "
                    + "default model was not trained on), masks it with the default model and writes the scene, the "
                    + "truth, the mask (a Cloud Optimized GeoTIFF with colour table and metadata, as sensei mask "
                    + "writes), pictures (PNG) and an HTML report into ./sensei-demo/."
        })
public final class DemoCommand implements Callable<Integer> {

    /** The files the demo writes into --output-dir, in the order it names them. */
    static final List<String> FILES = List.of(
            "scene.tif",
            "truth.tif",
            "mask.tif",
            "quicklook.png",
            "overlay.png",
            "mask.png",
            "evaluation.json",
            "report.html");

    @Option(
            names = "--output-dir",
            defaultValue = "sensei-demo",
            paramLabel = "DIR",
            description = "where to write (default: ${DEFAULT-VALUE})")
    Path outputDir;

    @Option(
            names = "--sensor",
            defaultValue = "landsat7",
            paramLabel = "ID",
            description = "sensor whose bands render the scene (default: ${DEFAULT-VALUE})")
    String sensorId;

    @Option(names = "--size", defaultValue = "768", description = "scene size in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--seed", defaultValue = "7", description = "scene seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ModelOption model;

    @Option(
            names = "--json",
            description =
                    "print a summary (output folder, files, cloud and per-class metrics, sensor, size, seed, model, "
                            + "seconds) as one JSON object on standard output; the numbered lines go to standard error")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (CliProgress bar = CliProgress.start(spec, "demo", 3, " steps")) {
            return run(bar);
        }
    }

    /** The demo, with a bar over its three steps (scene, mask, files) on a terminal. */
    private Integer run(CliProgress bar) throws Exception {
        PrintWriter out =
                json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (size < 64 || size > 4096) {
            throw new SenseiException("--size must be between 64 and 4096, got " + size);
        }
        // the sensor and the model first: a wrong one fails before any rendering or output folder
        Sensor sensor = SensorRegistry.defaultRegistry().get(sensorId);
        Path bundle = model.resolve();
        JsonNode provenance = ModelBundle.readMetadata(bundle).get(ModelBundle.PROVENANCE_JSON);
        long start = System.nanoTime();
        bar.stage("rendering the scene");
        Files.createDirectories(outputDir);
        List<Band> bands = SyntheticLabelledScenes.multispectralBands(sensor);
        Georeference geo = Georeference.northUp(32633, 500000, 5400000, 30, 30);
        SyntheticSceneSpec sceneSpec =
                SyntheticSceneSpec.defaults(size, size, seed).withPixelSizeM(30);
        LabelledScene labelled =
                SyntheticLabelledScenes.render(sceneSpec, sensor, bands, geo, ClassScheme.CLEAR_CLOUD_SHADOW);
        Scene scene = Scene.load(labelled.source());
        bar.printf(out, "1. synthetic %s scene, %d×%d px, bands %s%n", sensor.name(), size, size, scene.bandIds());
        Path sceneTif = outputDir.resolve("scene.tif");
        GeoTiffWriter.create(SampleType.FLOAT32).write(sceneTif, scene.values(), geo);
        Path truthTif = outputDir.resolve("truth.tif");
        writeClasses(truthTif, labelled.labels(), size, geo);
        bar.stepTo(1);
        bar.stage("masking");

        try (CloudMasker masker = CloudMasker.load(bundle)) {
            bar.printf(
                    out,
                    "2. model %s (%s; trained on %s)%n",
                    masker.model().spec().name(),
                    masker.model().isSensorIndependent() ? "sensor independent" : "fixed bands",
                    provenance.path("training_data").isEmpty()
                            ? "nothing: untrained"
                            : provenance.path("training_data").toString());
            MaskingOptions options = MaskingOptions.defaults();
            ClassScheme scheme = masker.model().spec().scheme();
            byte[] classes = new byte[size * size];
            MaskingStats stats;
            // the mask file streams from the masker through the library's sink (a COG, as sensei mask writes);
            // the demo also keeps the classes for its metrics and pictures
            try (GeoTiffMaskSink file = GeoTiffMaskSink.to(outputDir.resolve("mask.tif"), size, size, geo)
                    .classes(scheme, scheme)
                    .metadata(MaskMetadata.describe(
                            masker,
                            options,
                            model.bundle,
                            MaskMetadata.modelVersion(bundle),
                            scene,
                            "scene.tif",
                            ManifestVersion.software(spec)))
                    .open()) {
                stats = masker.mask(scene, options, MaskSink.classesOnly((y0, rows, width, c, p, d) -> {
                    System.arraycopy(c, 0, classes, y0 * width, rows * width);
                    file.strip(y0, rows, width, c, p, d);
                }));
                file.commit();
            }
            MaskResult result = new MaskResult(size, size, scheme, scheme, classes, null, null, geo, stats);
            bar.stepTo(2);
            bar.stage("writing files");
            ClassScheme common = SceneEvaluator.commonScheme(result.scheme(), ClassScheme.CLEAR_CLOUD_SHADOW);
            DatasetMetrics metrics = new DatasetMetrics(common);
            byte[] truth = ClassScheme.CLEAR_CLOUD_SHADOW.convert(labelled.labels(), common);
            byte[] predicted = result.scheme().convert(result.classes(), common);
            metrics.add(scene.id(), truth, predicted, ClassScheme.NODATA);
            ObjectNode json = metrics.toJson();
            json.putObject("run")
                    .put("sensor", sensor.id())
                    .put("size", size)
                    .put("seed", seed)
                    .put("model", model.bundle);
            Path jsonFile = outputDir.resolve("evaluation.json");
            AtomicFiles.write(
                    jsonFile,
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(json));

            BufferedImage quick = quicklook(scene);
            Pictures.writePng(quick, outputDir.resolve("quicklook.png"));
            Pictures.writePng(Pictures.overlay(quick, truth, predicted, common), outputDir.resolve("overlay.png"));
            Pictures.writePng(
                    Pictures.classes(result.classes(), size, size, result.scheme()), outputDir.resolve("mask.png"));
            Path report = outputDir.resolve("report.html");
            new HtmlReport("sensei demo: " + sensor.name() + " synthetic scene")
                    .note("Model " + masker.model().spec().name() + "; scene " + size + "×" + size + " px, seed " + seed
                            + "; masked in "
                            + String.format(
                                    Locale.ROOT, "%.1f s", result.stats().wallSeconds()) + ".")
                    .add(new HtmlReport.Section(
                            "Cloud mask vs truth",
                            json,
                            List.of(
                                    Map.entry("RGB quicklook", "quicklook.png"),
                                    Map.entry("errors: blue correct, red missed, yellow false cloud", "overlay.png"),
                                    Map.entry("predicted classes", "mask.png"))))
                    .write(report);
            bar.close();
            out.println("3. metrics (percent, cloud vs not cloud):");
            out.print(EvaluateCommand.markdown(metrics));
            out.printf(
                    Locale.ROOT,
                    "4. files in %s: " + String.join(", ", FILES) + " (open %s)%n",
                    outputDir.toAbsolutePath(),
                    report.toAbsolutePath());
            out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
            if (this.json) {
                ObjectNode summary = new ObjectMapper().createObjectNode();
                summary.put("output_dir", outputDir.toAbsolutePath().toString());
                summary.put("report", report.toAbsolutePath().toString());
                FILES.forEach(summary.putArray("files")::add);
                summary.put("sensor", sensor.id())
                        .put("size", size)
                        .put("seed", seed)
                        .put("model", model.bundle);
                summary.put("bands", String.join(",", scene.bandIds()));
                summary.set("cloud", json.get("cloud"));
                summary.set("classes", json.get("classes"));
                summary.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.println(summary);
                stdout.flush();
            }
        }
        return 0;
    }

    private static void writeClasses(Path file, byte[] classes, int size, Georeference geo) {
        float[] v = new float[classes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = classes[i] & 0xFF;
        }
        GeoTiffWriter.create(SampleType.UINT8)
                .write(file, new FloatRaster(1, size, size, v, (double) ClassScheme.NODATA), geo);
    }

    static BufferedImage quicklook(Scene scene) {
        int r = find(scene, CommonName.RED);
        int g = find(scene, CommonName.GREEN);
        int b = find(scene, CommonName.BLUE);
        FloatRaster v = scene.values();
        if (r < 0 || g < 0 || b < 0) {
            return Pictures.grey(v.band(0), scene.width(), scene.height());
        }
        return Pictures.quicklook(v.band(r), v.band(g), v.band(b), scene.width(), scene.height());
    }

    private static int find(Scene scene, CommonName name) {
        for (int i = 0; i < scene.bands().size(); i++) {
            if (scene.bands().get(i).commonName() == name) {
                return i;
            }
        }
        return -1;
    }
}
