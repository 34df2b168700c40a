package org.sensei4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.GeoTiffMaskSink;
import org.sensei4j.inference.MaskCounts;
import org.sensei4j.inference.MaskMetadata;
import org.sensei4j.inference.MaskSink;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.MaskingStats;
import org.sensei4j.io.geotiff.GdalMetadata;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.io.product.ValueRanges;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.Int8Check;
import org.sensei4j.model.cloud.Precision;
import org.sensei4j.model.head.DeepLabV3Plus;
import org.sensei4j.scene.SceneSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sensei mask}: the everyday job, a cloud mask for a scene. */
@Command(
        name = "mask",
        mixinStandardHelpOptions = true,
        description = {
            "Masks clouds (and shadows) in a scene and writes a GeoTIFF on the scene's grid.",
            "INPUT: " + ProductReaders.SUPPORTED + ".",
            "Output: uint8 classes (nodata 255) with a colour table, or with --probabilities one band per class "
                    + "(uint8 0-100, nodata 255; or float32 0-1, nodata NaN). A Cloud Optimized GeoTIFF by default "
                    + "(512x512 tiles, DEFLATE with predictor, overviews: mode of classes, average of "
                    + "probabilities); --format gtiff writes a striped GeoTIFF. Both carry GDAL metadata (model, "
                    + "decision, sensor, bands, software, date; band descriptions); class names go to the GDAL "
                    + "sidecar OUT.tif.aux.xml. Written tile by tile, to a temporary file renamed at the end.",
            "DeepLabv3+ models run on ONNX Runtime (set SENSEI_ONNX=off to run them through DJL's PyTorch engine)."
        })
public final class MaskCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "INPUT",
            description = "the scene: a path, or an http(s):// URL of a GeoTIFF/COG"
                    + " or STAC item (read with HTTP range requests)")
    String input;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT.tif",
            description = "the mask GeoTIFF")
    Path output;

    @Option(
            names = "--format",
            defaultValue = "cog",
            paramLabel = "cog|gtiff",
            description = "layout of OUT.tif and --uncertainty: cog (Cloud Optimized GeoTIFF with overviews) or gtiff "
                    + "(striped, no overviews) (default: ${DEFAULT-VALUE})")
    String format;

    @Mixin
    ModelOption model;

    @Mixin
    SensorOptions sensors;

    @Mixin
    ProductInputOptions product = new ProductInputOptions();

    @Option(
            names = "--resolution",
            paramLabel = "M",
            description = "pixel size of the grid to read and write on, in CRS units (default: the finest band's)")
    Double resolution;

    @Option(
            names = "--classes",
            paramLabel = "SCHEME",
            description = "classes to write: cloud, cloud-shadow or full (default: the model's)")
    String classes;

    @Option(
            names = "--probabilities",
            arity = "0..1",
            fallbackValue = "percent",
            paramLabel = "percent|float",
            description = "write per-class probabilities instead of classes: uint8 percent (default) or float32")
    ProbabilityFormat probabilities;

    /** How --probabilities writes them. */
    enum ProbabilityFormat {
        PERCENT,
        FLOAT
    }

    @Mixin
    ThresholdOption threshold;

    @Option(
            names = "--smoothing",
            paramLabel = "N",
            description = "average the calibrated cloud probability over the valid pixels of an N x N window around "
                    + "each pixel before the decision (odd, 1 to 15; 1: none; default: the bundle's calibration). "
                    + "Needs a calibrated bundle (sensei calibrate)")
    Integer smoothing;

    @Option(
            names = "--no-cirrus-test",
            description = "leave out the bundle's 1.38 um cirrus test (which raises the cloud probability where a "
                    + "cirrus band such as Sentinel-2 B10 or Landsat 8 B9 shows high ice cloud): the model decides "
                    + "alone, e.g. over high mountains where the band sees the ground")
    boolean noCirrusTest;

    @Option(
            names = "--no-snow-test",
            description = "leave out the bundle's snow test (which lowers the cloud probability where NDSI says snow, "
                    + "from green and SWIR 1.6 um bands): the model decides alone")
    boolean noSnowTest;

    @Option(names = "--tile", defaultValue = "512", description = "tile size in pixels (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(
            names = "--overlap",
            defaultValue = "64",
            description =
                    "tile overlap in pixels, blended (default: ${DEFAULT-VALUE}; per-pixel models such as NN need "
                            + "none and use 0)")
    int overlap;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "tiles predicted in parallel (default: the number of cores, at most 2)")
    Integer threads;

    @Option(
            names = "--ensemble",
            defaultValue = "1",
            paramLabel = "K",
            description = "average K random band subsets (SEnSeI models; default: ${DEFAULT-VALUE})")
    int ensemble;

    @Option(
            names = "--precision",
            paramLabel = "auto|int8|fp32",
            description = "arithmetic of a DeepLabv3+ head (ONNX Runtime): int8 convolutions calibrated on windows of "
                    + "the scene, or fp32; auto: int8 where the bundle passed 'sensei calibrate --int8-check' on a "
                    + "CPU like this one and the scene has 16 Mpx or more, else fp32 (default: auto; the per-pixel "
                    + "NN head always runs in fp32)")
    String precision;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the ensemble's band subsets")
    long seed;

    @Option(
            names = "--uncertainty",
            paramLabel = "FILE.tif",
            description = "with --ensemble: also write the per-pixel disagreement (uint8 0-100, nodata 255)")
    Path uncertainty;

    @Option(
            names = "--json",
            description = "print a summary (output, class fractions, sensor, bands, decision, model, seconds) as one "
                    + "JSON object on standard output")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The bundle loaded (the bundled model unpacked to a file for 'default'). */
    private Path resolvedModel;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        checkTiffName(output);
        if (uncertainty != null) {
            checkTiffName(uncertainty);
            if (ensemble < 2) {
                throw new SenseiException("--uncertainty needs --ensemble K with K >= 2");
            }
        }
        threshold.check();
        if (smoothing != null) {
            Calibration.requireSmoothingWindow(smoothing, "--smoothing");
        }
        GeoTiffMaskSink.Format layout = GeoTiffMaskSink.Format.parse(format, "--format");
        new OutputGuard()
                .product(ProductReaders.isRemote(input) ? null : Path.of(input))
                .input(product.bandMap)
                .inputs(sensors.sensorFiles())
                .input(model.inputFile())
                .output("-o", output)
                .output("--uncertainty", uncertainty)
                .output("-o (its GDAL sidecar)", GeoTiffMaskSink.sidecar(output))
                .output(
                        "--uncertainty (its GDAL sidecar)",
                        uncertainty == null ? null : GeoTiffMaskSink.sidecar(uncertainty))
                .check();
        Precision arithmetic = precision == null ? null : Precision.parse(precision);
        boolean floatProbabilities = probabilities == ProbabilityFormat.FLOAT;
        MaskingOptions options;
        try {
            options = new MaskingOptions(
                    tile,
                    overlap,
                    threads != null ? threads : Math.min(2, Runtime.getRuntime().availableProcessors()),
                    classes == null ? null : ClassScheme.fromId(classes),
                    threshold.orNaN(),
                    ensemble,
                    seed,
                    3,
                    arithmetic);
        } catch (IllegalArgumentException e) {
            throw new SenseiException(e.getMessage());
        }
        long start = System.nanoTime();
        try (SceneSource scene = checked(
                        ProductReaders.open(
                                input, product.toOptions(sensors, null, w -> err.println("warning: " + w), resolution)),
                        err);
                CloudMasker loaded = CloudMasker.load(resolvedModel = model.resolve())) {
            CloudMasker masker = withDecisionOptions(loaded);
            int w = scene.width();
            int h = scene.height();
            MaskingStats stats;
            MaskCounts counts;
            GeoTiffMaskSink.Content content = probabilities == null
                    ? GeoTiffMaskSink.Content.CLASSES
                    : floatProbabilities
                            ? GeoTiffMaskSink.Content.PROBABILITIES_FLOAT
                            : GeoTiffMaskSink.Content.PROBABILITIES_PERCENT;
            GdalMetadata run = MaskMetadata.describe(
                    masker,
                    options,
                    model.bundle,
                    MaskMetadata.modelVersion(resolvedModel),
                    scene,
                    ProductReaders.isRemote(input)
                            ? input
                            : String.valueOf(Path.of(input).getFileName()),
                    ManifestVersion.software(spec));
            try (GeoTiffMaskSink sink = GeoTiffMaskSink.to(output, scene)
                    .format(layout)
                    .content(content)
                    .classes(
                            outputScheme(masker, options), masker.model().spec().scheme())
                    .uncertainty(uncertainty)
                    .metadata(run)
                    .open()) {
                stats = maskWithProgress(masker, scene, options, sink);
                counts = sink.counts();
                if (counts.valid() == 0) {
                    // closing without a commit deletes the temporary files: no output
                    throw new SenseiException(input + " has no valid pixel (every pixel is nodata or NaN in some band):"
                            + " nothing to mask; check the file, --nodata and the band selection");
                }
                sink.commit();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double mpx = (double) w * h / 1e6;
            err.printf(
                    Locale.ROOT,
                    "masked %s (%d×%d px, %d bands) with %s in %.1f s (%.2f s per megapixel)%n",
                    scene.id(),
                    w,
                    h,
                    scene.bands().size(),
                    masker.model().spec().name(),
                    wall,
                    wall / mpx);
            err.printf(
                    Locale.ROOT,
                    "  cloud: %.1f%% of %d valid pixels; tiles: %d predicted, %d skipped (no data)%n",
                    100.0 * counts.cloudFraction(),
                    counts.valid(),
                    stats.tilesPredicted(),
                    stats.tilesSkipped());
            err.println("  decision: " + masker.describeDecision(options));
            err.println("  precision: " + stats.precision() + precisionNote(arithmetic, stats, masker, scene));
            if (json) {
                PrintWriter out = spec.commandLine().getOut();
                out.println(MaskSummary.json(output, counts, scene, masker, options, model.bundle, wall, stats));
                out.flush();
            }
            double busy = stats.readSeconds() + stats.predictSeconds() + stats.blendSeconds();
            err.printf(
                    Locale.ROOT,
                    "  time: read %.0f%%, predict %.0f%%, blend %.0f%% of %.1f s in tiles; %s%n",
                    100 * stats.readSeconds() / busy,
                    100 * stats.predictSeconds() / busy,
                    100 * stats.blendSeconds() / busy,
                    busy,
                    output);
        }
        return 0;
    }

    /**
     * Why the head ran in fp32 where int8 could have been meant: --precision int8 on a head without an ONNX Runtime
     * path, or auto (the default) on a DeepLabv3+ whose bundle has no int8 check that holds here; "" otherwise.
     */
    private static String precisionNote(Precision asked, MaskingStats stats, CloudMasker masker, SceneSource scene) {
        if (!stats.precision().equals("fp32")) {
            return "";
        }
        if (asked == Precision.INT8) {
            return " (--precision int8 applies to DeepLabv3+ heads run by ONNX Runtime only)";
        }
        if ((asked == null || asked == Precision.AUTO) && masker.model().head() instanceof DeepLabV3Plus) {
            Int8Check check =
                    masker.calibration() == null ? null : masker.calibration().int8Check();
            return " (" + Precision.explainAuto(check, (long) scene.width() * scene.height()) + ")";
        }
        return "";
    }

    /** The masker with --smoothing applied and the tests --no-cirrus-test and --no-snow-test name left out. */
    private CloudMasker withDecisionOptions(CloudMasker loaded) {
        if (noCirrusTest && loaded.calibration() != null) {
            loaded = loaded.withCalibration(loaded.calibration().withCirrusTest(null));
        }
        if (noSnowTest && loaded.calibration() != null) {
            loaded = loaded.withCalibration(loaded.calibration().withSnowTest(null));
        }
        if (smoothing == null) {
            return loaded;
        }
        if (loaded.calibration() == null) {
            throw new SenseiException("--smoothing needs a calibrated bundle (it smooths the calibrated cloud "
                    + "probability before the bundle's threshold), and " + model.bundle
                    + " has no calibration: calibrate "
                    + "it with 'sensei calibrate --smoothing " + smoothing + "', or leave out --smoothing");
        }
        return loaded.withCalibration(loaded.calibration().withSmoothing(smoothing));
    }

    /** The classes written: --classes, else the model's. */
    private static ClassScheme outputScheme(CloudMasker masker, MaskingOptions options) {
        return options.outputScheme() == null ? masker.model().spec().scheme() : options.outputScheme();
    }

    /** Masks with a progress bar over the scene's rows (on a terminal, without --quiet). */
    private MaskingStats maskWithProgress(
            CloudMasker masker, SceneSource scene, MaskingOptions options, MaskSink sink) {
        try (CliProgress bar = CliProgress.start(spec, "mask", scene.height(), " rows")) {
            MaskSink counted = new MaskSink() {
                @Override
                public void strip(int y0, int rows, int width, byte[] cls, float[] p, float[] d) {
                    sink.strip(y0, rows, width, cls, p, d);
                    bar.stepBy(rows);
                }

                @Override
                public boolean wantsProbabilities() {
                    return sink.wantsProbabilities();
                }
            };
            return masker.mask(scene, options, counted);
        }
    }

    /** The scene, after a check of its values on a sample ({@link ValueRanges}); closed when refused. */
    static SceneSource checked(SceneSource scene, PrintWriter err) {
        try {
            ValueRanges.check(scene, w -> err.println("warning: " + w));
            return scene;
        } catch (RuntimeException e) {
            scene.close();
            throw e;
        }
    }

    private static void checkTiffName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".tif") && !name.endsWith(".tiff")) {
            throw new SenseiException("output " + file + " must be a GeoTIFF (.tif)");
        }
    }
}
