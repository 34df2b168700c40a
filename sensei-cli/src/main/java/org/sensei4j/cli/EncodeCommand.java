package org.sensei4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.UserPaths;
import org.sensei4j.io.geotiff.GdalMetadata;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.StreamingGeoTiffWriter;
import org.sensei4j.io.npy.NpyArray;
import org.sensei4j.io.npy.NpyFile;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.FeatureExtractor;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;
import org.sensei4j.sensor.BandSelection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensei encode}: SEnSeI's feature map for an image, to bolt SEnSeI onto other models. */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Writes SEnSeI's 64-channel feature map for an image.",
            "IN: a .npy float32 array (N,H,W) of reflectances, or a multiband GeoTIFF (integer GeoTIFFs are scaled "
                    + "by --scale). OUT: .npy (H,W,64) float32 or a 64-band float32 GeoTIFF (by extension; "
                    + "GeoTIFF keeps the input's georeference; input nodata pixels become NaN, and GDAL metadata "
                    + "names the weights, sensor, bands, software and date, with a description per band)."
        })
public final class EncodeCommand implements Callable<Integer> {

    @Mixin
    SenseiWeightsOption weights;

    @Mixin
    SensorOptions bands;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "IN",
            description =
                    ".npy (N,H,W) or GeoTIFF, or an http(s):// URL of a GeoTIFF/COG (read with HTTP range requests)")
    String input;

    @Option(names = "--output", required = true, paramLabel = "OUT", description = ".npy or .tif")
    Path output;

    @Option(
            names = "--scale",
            paramLabel = "S|auto",
            defaultValue = "auto",
            description = "multiply input values by S; auto: 1/10000 for 16-bit integer GeoTIFFs, 1/255 for 8-bit, "
                    + "1 otherwise (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(
            names = "--json",
            description = "print a summary (output, input, size, bands, sensor, weights, features, seconds) as one "
                    + "JSON object on standard output")
    boolean json;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Input values with their grid. */
    private record Input(List<float[]> bands, int height, int width, Georeference georeference, boolean[] nodata) {}

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String outName = output.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean npyOut = outName.endsWith(".npy");
        boolean tifOut = outName.endsWith(".tif") || outName.endsWith(".tiff");
        if (!npyOut && !tifOut) {
            throw new SenseiException("output " + output + " must end in .npy or .tif");
        }
        boolean remote = ProductReaders.isRemote(input);
        if (!remote) {
            UserPaths.requireRegularFile(Path.of(input), "input");
        }
        new OutputGuard()
                .inputLocation(input)
                .input(weights.path)
                .inputs(bands.sensorFiles())
                .output("--output", output)
                .check();
        BandSelection selection = bands.resolve();
        Input in = read(err);
        if (in.bands().size() != selection.bandIds().size()) {
            throw new SenseiException(input + " has " + in.bands().size() + " bands but "
                    + selection.bandIds().size()
                    + " descriptors were given (" + String.join(",", selection.bandIds()) + "): give one band or "
                    + "wavelength per image band, in the image's order");
        }
        float[] features;
        int channels;
        long start;
        try (NDManager manager = NDManager.newBaseManager()) {
            KerasSenseiImporter.Imported model = weights.load(manager, false);
            start = System.nanoTime();
            channels = model.encoder().config().featureChannels();
            try (CliProgress bar = CliProgress.start(spec, "encode", in.height(), " rows")) {
                features = new FeatureExtractor(model.encoder(), manager)
                        .extract(in.bands(), selection.descriptors(), in.height(), in.width(), bar::stepTo);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int pixels = in.height() * in.width();
        if (in.nodata() != null) {
            for (int p = 0; p < pixels; p++) {
                if (in.nodata()[p]) {
                    for (int c = 0; c < channels; c++) {
                        features[c * pixels + p] = Float.NaN;
                    }
                }
            }
        }
        if (npyOut) {
            float[] hwc = new float[features.length];
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < pixels; p++) {
                    hwc[p * channels + c] = features[c * pixels + p];
                }
            }
            NpyFile.writeFloat32(output, new long[] {in.height(), in.width(), channels}, hwc);
        } else {
            List<String> descriptions = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                descriptions.add("SEnSeI feature " + c);
            }
            GdalMetadata md = GdalMetadata.NONE
                    .with("SENSEI_CONTENT", "SEnSeI features")
                    .with("SENSEI_WEIGHTS", String.valueOf(weights.path.getFileName()))
                    .with("SENSEI_SENSOR", selection.sensor().map(s -> s.id()).orElse("none (wavelengths given)"))
                    .with("SENSEI_BANDS", String.join(",", selection.bandIds()))
                    .with(
                            "SENSEI_INPUT",
                            remote ? input : String.valueOf(Path.of(input).getFileName()))
                    .with("SENSEI_SOFTWARE", ManifestVersion.software(spec))
                    .with(
                            "SENSEI_DATE",
                            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                    .withBandDescriptions(descriptions);
            try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(
                    output, in.width(), in.height(), channels, SampleType.FLOAT32, in.georeference(), (double)
                            Float.NaN)) {
                w.metadata(md);
                w.writeRows(in.height(), features);
                w.commit();
            }
        }
        err.printf(
                Locale.ROOT,
                "encoded %d bands, %d×%d px into %d features in %.2f s (%.0f ms per megapixel, model loading "
                        + "excluded): %s%n",
                in.bands().size(),
                in.width(),
                in.height(),
                channels,
                seconds,
                seconds * 1e3 / (pixels / 1e6),
                output);
        if (json) {
            ObjectNode summary = new ObjectMapper().createObjectNode();
            summary.put("output", output.toString());
            summary.put("input", input);
            summary.put("width", in.width());
            summary.put("height", in.height());
            summary.put("sensor", selection.sensor().map(s -> s.id()).orElse(null));
            selection.bandIds().forEach(summary.putArray("bands")::add);
            summary.put("weights", weights.path.toString());
            summary.put("features", channels);
            summary.put("format", npyOut ? "npy" : "geotiff");
            summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary.toString());
            out.flush();
        }
        return 0;
    }

    private Input read(PrintWriter err) {
        boolean remote = ProductReaders.isRemote(input);
        if (!remote && !Files.isRegularFile(Path.of(input))) {
            throw new SenseiException("input not found: " + input + ": check the path");
        }
        String name = ByteSource.fileName(input).toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy") && remote) {
            throw new SenseiException("input " + input + " is a .npy array behind a URL, which is read only from a "
                    + "local file: download it (e.g. curl -O URL) and give its path, or give a GeoTIFF's URL");
        }
        if (name.endsWith(".npy")) {
            NpyArray a = NpyFile.read(Path.of(input));
            long[] s = a.shape();
            if (s.length != 3) {
                throw new SenseiException(
                        input + " has shape " + Arrays.toString(s) + ": give a (bands, height, width) array");
            }
            int n = (int) s[0];
            int h = (int) s[1];
            int w = (int) s[2];
            float[] all = a.toFloats();
            float factor = factor(a.dtype().isFloatingPoint() ? SampleType.FLOAT32 : SampleType.UINT16, err);
            List<float[]> out = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                float[] band = Arrays.copyOfRange(all, b * h * w, (b + 1) * h * w);
                scale(band, factor);
                out.add(band);
            }
            return new Input(out, h, w, null, null);
        }
        // a URL is a GeoTIFF/COG whatever its name (as for sensei mask); the reader checks the TIFF signature
        if (remote || name.endsWith(".tif") || name.endsWith(".tiff")) {
            try (GeoTiffReader reader = GeoTiffReader.open(input)) {
                RasterInfo info = reader.info();
                FloatRaster r = reader.readAll();
                float factor = factor(info.sampleType(), err);
                int pixels = r.planeSize();
                boolean[] nodata = new boolean[pixels];
                List<float[]> out = new ArrayList<>();
                for (int b = 0; b < r.bands(); b++) {
                    float[] band = r.band(b);
                    for (int p = 0; p < pixels; p++) {
                        if (r.isNodata(band[p])) {
                            nodata[p] = true;
                        }
                    }
                    out.add(band);
                }
                for (float[] band : out) {
                    for (int p = 0; p < pixels; p++) {
                        if (nodata[p]) {
                            band[p] = 0f;
                        }
                    }
                    scale(band, factor);
                }
                if (info.georeference() == null) {
                    err.println("warning: " + input + " has no georeference; the output will have none");
                }
                return new Input(out, r.height(), r.width(), info.georeference(), nodata);
            }
        }
        throw new SenseiException("input " + input + " must be a .npy array (N,H,W) or a GeoTIFF (.tif)");
    }

    private float factor(SampleType type, PrintWriter err) {
        if (!"auto".equalsIgnoreCase(scale)) {
            try {
                return Float.parseFloat(scale);
            } catch (NumberFormatException e) {
                throw new SenseiException("--scale must be a number or 'auto', got '" + scale + "'");
            }
        }
        if (type.isFloatingPoint()) {
            return 1f;
        }
        float f = type.bytes() == 1 ? 1f / 255f : 1e-4f;
        err.printf(
                Locale.ROOT,
                "warning: %s holds %s integers: scaling by %s to reflectance (set --scale to " + "override)%n",
                input,
                type.gdalName(),
                type.bytes() == 1 ? "1/255" : "1/10000");
        return f;
    }

    private static void scale(float[] band, float factor) {
        if (factor != 1f) {
            for (int i = 0; i < band.length; i++) {
                band[i] *= factor;
            }
        }
    }
}
