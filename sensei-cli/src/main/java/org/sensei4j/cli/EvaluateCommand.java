package org.sensei4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sensei4j.file.AtomicFiles;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.train.evaluate.SceneEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei evaluate}: the paper's metrics for a model on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates a model on a labelled scene: OA, BA, precision, recall, F1 (percent) for cloud vs "
                + "everything else, and per class; nodata excluded.",
            "Example: sensei evaluate --model default --image scene.tif --mask mask.tif --sensor sentinel2 "
                    + "--bands B02,B03,B04,B08 --mask-codes on-cloud-n --json result.json"})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "default", paramLabel = "BUNDLE",
            description = "model bundle, or 'default' (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "the scene (any product input)")
    Path image;

    @Mixin
    SensorOptions sensors;

    @Mixin
    ProductInputOptions product = new ProductInputOptions();

    @Option(names = "--mask", required = true, paramLabel = "MASK.tif", description = "reference labels on the image's grid")
    Path mask;

    @Option(names = "--mask-codes", paramLabel = "MAPPING",
            description = "how to read the mask: a known mapping (" + "cloudsen12, fmask, scl, ukis-csmask, on-cloud-n, "
                    + "sparcs, ...) or \"cloud=4;shadow=0;clear=1,2,3;nodata=255\" (default: the model's class "
                    + "numbers, 255 = nodata)")
    String maskCodes;

    @Option(names = "--band-set", defaultValue = "ALL", paramLabel = "SET",
            description = "bands given to the model: ALL, COMMON, RGB, AeroRGB, AeroRGBNIR, RGBNIR, No-RGB or a list "
                    + "of band ids (default: ${DEFAULT-VALUE})")
    String bandSet;

    @Option(names = "--resolution", paramLabel = "M",
            description = "predict at this pixel size (m) and resample the mask back to the image's grid")
    Double resolution;

    @Option(names = "--threshold", paramLabel = "T", description = "cloud when the cloud probability >= T")
    Double threshold;

    @Option(names = "--tile", defaultValue = "512", description = "tile size (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--overlap", defaultValue = "64", description = "tile overlap (default: ${DEFAULT-VALUE})")
    int overlap;

    @Option(names = "--json", paramLabel = "OUT.json", description = "write the metrics as JSON")
    Path json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json != null) {
            Path dir = json.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new SenseiException("cannot write " + json + ": directory " + dir + " does not exist or is not writable");
            }
        }
        MaskingOptions masking;
        try {
            masking = MaskingOptions.defaults().withTile(tile, overlap)
                    .withThreshold(threshold == null ? Double.NaN : threshold);
        } catch (IllegalArgumentException e) {
            throw new SenseiException(e.getMessage());
        }
        try (SceneSource scene = ProductReaders.open(image, product.toOptions(sensors, null, w -> err.println("warning: " + w), null));
                CloudMasker masker = CloudMasker.load(ModelLocator.resolve(model))) {
            ClassScheme modelScheme = masker.model().spec().scheme();
            ClassCodeMapping mapping = maskCodes == null ? null : ClassCodeMapping.of(maskCodes);
            ClassScheme truthScheme = mapping == null ? modelScheme : mapping.scheme();
            byte[] truth = readMask(mapping, modelScheme, scene);
            ClassScheme common = SceneEvaluator.commonScheme(modelScheme, truthScheme);
            DatasetMetrics metrics = new DatasetMetrics(common);
            new SceneEvaluator(masker, new SceneEvaluator.Settings(bandSet,
                    resolution == null ? Double.NaN : resolution, masking))
                    .evaluate(scene.id(), scene, truth, truthScheme, metrics);
            ObjectNode result = metrics.toJson();
            ObjectNode run = result.putObject("run");
            run.put("model", model);
            run.put("image", image.toString());
            run.put("mask", mask.toString());
            run.put("band_set", bandSet);
            if (resolution != null) {
                run.put("resolution_m", resolution);
            }
            out.print(markdown(metrics));
            if (json != null) {
                AtomicFiles.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(result));
                err.println("wrote " + json);
            }
        }
        return 0;
    }

    private byte[] readMask(ClassCodeMapping mapping, ClassScheme modelScheme, SceneSource scene) {
        try (GeoTiffReader r = GeoTiffReader.open(mask)) {
            if (r.info().width() != scene.width() || r.info().height() != scene.height()) {
                throw new SenseiException("mask " + mask + " is " + r.info().width() + "×" + r.info().height()
                        + " but the image is " + scene.width() + "×" + scene.height() + ": give a mask on the image's grid"
                        + " (or read the image with --resolution matching the mask)");
            }
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
