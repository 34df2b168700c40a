package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.SensorRegistry;

/** Models, images and command lines the command tests share. */
final class CliFixtures {

    /** The grid of {@link #reflectanceImage} and {@link #onCloudNMask}: EPSG:32633, 10 m pixels. */
    static final Georeference GRID_10M = Georeference.northUp(32633, 400000, 6000000, 10, 10);

    /** The grid of {@link #uint16Scene}: EPSG:32632, 20 m pixels. */
    static final Georeference GRID_20M = Georeference.northUp(32632, 300000, 5000000, 20, 20);

    /** The four 10 m Sentinel-2 bands the command tests read: {@code --sensor sentinel2 --bands B02,B03,B04,B08}. */
    static final String[] S2 = {"--sensor", "sentinel2", "--bands", "B02,B03,B04,B08"};

    private CliFixtures() {}

    /** {@code head} followed by {@code tail}. */
    static String[] args(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    /**
     * The arguments of {@code sensei mask INPUT --sensor sentinel2 --bands B02,B03,B04,B08 --model MODEL -o OUT}
     * followed by {@code extra}.
     */
    static String[] maskArgs(String input, Path model, Path out, String... extra) {
        return args(
                args(new String[] {"mask", input}, S2),
                args(new String[] {"--model", model.toString(), "-o", out.toString()}, extra));
    }

    /**
     * The arguments of {@code sensei evaluate --model MODEL --image IMAGE --sensor sentinel2 --bands
     * B02,B03,B04,B08 --mask MASK --mask-codes on-cloud-n} followed by {@code extra}.
     */
    static String[] evaluateArgs(Path model, Path image, Path mask, String... extra) {
        return args(
                args(new String[] {"evaluate", "--model", model.toString(), "--image", image.toString()}, S2),
                args(new String[] {"--mask", mask.toString(), "--mask-codes", "on-cloud-n"}, extra));
    }

    /**
     * The arguments of {@code sensei encode --weights WEIGHTS OPTIONS --input INPUT --output OUTPUT}, the sensor and
     * bands among {@code options}.
     */
    static String[] encodeArgs(Path weights, String input, Path output, String... options) {
        return args(
                args(new String[] {"encode", "--weights", weights.toString()}, options),
                "--input",
                input,
                "--output",
                output.toString());
    }

    /** Runs {@link #encodeArgs}. */
    static CliRun encode(Path weights, String input, Path output, String... options) {
        return CliRun.of(encodeArgs(weights, input, output, options));
    }

    /**
     * The published SEnSeI v1 Keras weights under ../shared/conformance (beside the repository, or beside the
     * {@code sensei.root} system property); assumed present: without them the test is skipped, {@code what} said.
     */
    static Path publishedWeights(String what) {
        Path weights = Path.of(System.getProperty("sensei.root", ".."))
                .toAbsolutePath()
                .resolve("../shared/conformance/sensei-v1/sensei-epoch043-loss0.198.hdf5")
                .normalize();
        Assumptions.assumeTrue(Files.exists(weights), "../shared absent: skipping " + what);
        return weights;
    }

    /** Runs {@link #maskArgs}. */
    static CliRun mask(String input, Path model, Path out, String... extra) {
        return CliRun.of(maskArgs(input, model, out, extra));
    }

    /** Asserts that the masks {@code a} and {@code b} hold the same classes and that {@code a} lies on {@code grid}. */
    static void assertSameMask(Path a, Path b, Georeference grid) {
        try (GeoTiffReader x = GeoTiffReader.open(a);
                GeoTiffReader y = GeoTiffReader.open(b)) {
            assertThat(x.info().georeference().sameGrid(grid, 1e-9)).isTrue();
            assertThat(x.readBand(0)).isEqualTo(y.readBand(0));
        }
    }

    /**
     * The mask {@code bundle} predicts for {@code image} (the four bands of {@link #S2}) with the default options:
     * the reference the command tests check a command's output against.
     */
    static MaskResult maskS2(Path bundle, Path image) throws IOException {
        return maskS2(bundle, image, MaskingOptions.defaults());
    }

    /** {@link #maskS2(Path, Path)} with {@code options}. */
    static MaskResult maskS2(Path bundle, Path image, MaskingOptions options) throws IOException {
        try (SceneSource scene = ProductReaders.open(
                        image,
                        ProductOptions.defaults()
                                .withSelection(SensorRegistry.builtIn()
                                        .get("sentinel2")
                                        .selection(List.of("B02", "B03", "B04", "B08"))));
                CloudMasker masker = CloudMasker.load(bundle)) {
            return masker.mask(scene, options);
        }
    }

    /**
     * Writes a 4-band UInt16 image of random digital numbers (500–5499, drawn with {@code seed}) of
     * {@code width × height} on {@link #GRID_20M}, its first row nodata (0) in every band.
     */
    static Path uint16Scene(Path file, int width, int height, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[4 * width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % (width * height) < width ? 0 : 500 + rnd.nextInt(5000);
        }
        GeoTiffWriter.create(SampleType.UINT16).write(file, new FloatRaster(4, height, width, v, 0.0), GRID_20M);
        return file;
    }

    /**
     * Saves an untrained SEnSeI + per-pixel network ({@code sensei-nn}) of {@code scheme} to {@code file} (a folder,
     * or a .zip), its weights drawn with the engine's random seed set to {@code seed}.
     *
     * @return {@code file}
     */
    static Path untrainedBundle(Path file, ClassScheme scheme, int seed) throws IOException {
        return untrainedBundle(file, scheme, seed, "test");
    }

    /** {@link #untrainedBundle(Path, ClassScheme, int)} with {@code notes} as its provenance's notes. */
    static Path untrainedBundle(Path file, ClassScheme scheme, int seed, String notes) throws IOException {
        return untrainedBundle(file, scheme, seed, notes, HeadType.PIXEL_MLP);
    }

    /** {@link #untrainedBundle(Path, ClassScheme, int, String)} with a SEnSeI encoder and {@code head}. */
    static Path untrainedBundle(Path file, ClassScheme scheme, int seed, String notes, HeadType head)
            throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            ModelBundle.save(CloudModel.create(ModelSpec.sensei(head, scheme), m), Provenance.untrained(notes), file);
        }
        return file;
    }

    /**
     * Writes a 4-band Float32 image of random reflectance (0–1, seed 2) of {@code width × height} on
     * {@link #GRID_10M}.
     */
    static Path reflectanceImage(Path file, int width, int height) {
        return reflectanceImage(file, width, height, 2, 0f, 1f);
    }

    /**
     * Writes a 4-band Float32 image of {@code width × height} on {@link #GRID_10M}: random reflectance
     * {@code low + span × U(0, 1)}, drawn with {@code seed} (float reflectance: no scaling warning).
     */
    static Path reflectanceImage(Path file, int width, int height, long seed, float low, float span) {
        Random rnd = new Random(seed);
        float[] v = new float[4 * width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = low + span * rnd.nextFloat();
        }
        GeoTiffWriter.create(SampleType.FLOAT32).write(file, new FloatRaster(4, height, width, v, null), GRID_10M);
        return file;
    }

    /**
     * The labelled scene that the evaluate and calibrate tests score: an untrained cloud/clear bundle (seed 21), a
     * {@link #W} × {@link #H} {@link #reflectanceImage(Path, int, int) reflectance image} and its mask in On Cloud N
     * codes (0 clear, 1 cloud, 255 missing) on {@link #GRID_10M}: the top half (rows below {@code H / 2}) cloud, the
     * rest clear, every 17th pixel missing.
     */
    record OnCloudNScene(Path bundle, Path image, Path mask) {
        static final int W = 45;
        static final int H = 38;

        /** Writes the bundle, the image and the mask into {@code dir}. */
        static OnCloudNScene write(Path dir) throws IOException {
            return new OnCloudNScene(
                    untrainedBundle(dir.resolve("model.zip"), ClassScheme.CLOUD_CLEAR, 21),
                    reflectanceImage(dir.resolve("img.tif"), W, H),
                    labels(dir.resolve("mask.tif"), W, H, GRID_10M, i -> labelled(i) ? (truthCloud(i) ? 1 : 0) : 255));
        }

        /** False for the pixels the mask leaves missing. */
        static boolean labelled(int i) {
            return i % 17 != 0;
        }

        /** True for the pixels the mask calls cloud. */
        static boolean truthCloud(int i) {
            return i / W < H / 2;
        }
    }

    /**
     * Writes a Byte label image (nodata 255) of {@code width × height} on {@code grid}, pixel {@code i} (in row-major
     * order) holding {@code codeOf(i)}.
     */
    static Path labels(Path file, int width, int height, Georeference grid, IntUnaryOperator codeOf) {
        float[] codes = new float[width * height];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = codeOf.applyAsInt(i);
        }
        GeoTiffWriter.create(SampleType.UINT8).write(file, new FloatRaster(1, height, width, codes, 255.0), grid);
        return file;
    }

    /**
     * A tiny SEnSeI pretraining config (blocks 8 wide, batches of 8, seed 2, validation on 13 bands) named
     * {@code name}, writing to {@code outputDir}.
     */
    static String tinyPretrainYaml(String name, Path outputDir, int stepsPerEpoch, int epochs, int validationSamples) {
        return """
                name: %s
                seed: 2
                output_dir: %s
                batch_size: 8
                steps_per_epoch: %d
                epochs: %d
                validation: {samples: %d, bands: 13, seed: 1}
                encoder:
                  descriptor_block: {layers: [8], output: 8, skips: true}
                  permuted_descriptor_block: {layers: [8], output: 8, skips: false}
                  combined_descriptor_block: {layers: [8], output: 8, skips: true}
                  band_offset: 0.5
                  groups: 2
                  epsilon: 0.001
                  leaky_alpha: 0.01
                recovery:
                  candidate_descriptor_block: {layers: [8], output: 8, skips: true}
                  real_descriptor_block: {layers: [8], output: 8, skips: false}
                  candidate_prediction_block: {layers: [8], output: 8, skips: false}
                  band_estimation_block: {layers: [8], output: 8, skips: false}
                """.formatted(name, outputDir, stepsPerEpoch, epochs, validationSamples);
    }
}
