package org.sensei4j.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * Masking a 13-band uint16 DEFLATE GeoTIFF gives the same classes and probabilities, bit for bit, whether the reader
 * decodes a window's strips on one thread or on several ({@code sensei.decode.threads}).
 */
class ParallelDecodeMaskTest {

    static final String PROPERTY = "sensei.decode.threads";

    static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void parallelDecodingGivesTheSameMask() {
        Sensor s2 = SensorRegistry.builtIn().get("sentinel2");
        int bands = 13, height = 150, width = 170;
        Random rnd = new Random(5);
        float[] v = new float[bands * height * width];
        for (int b = 0; b < bands; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double r = 0.3 + 0.25 * Math.sin(x / 9.0 + b) * Math.cos(y / 7.0) + 0.05 * rnd.nextGaussian();
                    v[(b * height + y) * width + x] = (float) Math.max(1, Math.floor(r * 10000));
                }
            }
        }
        Path file = dir.resolve("scene.tif");
        GeoTiffWriter.create(SampleType.UINT16)
                .write(
                        file,
                        new FloatRaster(bands, height, width, v, null),
                        Georeference.of(32632, 300000, 20, 0, 5000000, 0, -20));
        Engine.getInstance().setRandomSeed(9);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        ProductOptions options = ProductOptions.forSensor(s2, List.of());
        MaskResult serial = maskWith(masker, file, options, 1);
        for (int threads : new int[] {2, 4}) {
            MaskResult parallel = maskWith(masker, file, options, threads);
            assertThat(Arrays.equals(parallel.classes(), serial.classes()))
                    .as("classes, %d threads", threads)
                    .isTrue();
            assertThat(Arrays.equals(parallel.probabilities(), serial.probabilities()))
                    .as("probabilities, %d threads", threads)
                    .isTrue();
        }
    }

    private static MaskResult maskWith(CloudMasker masker, Path file, ProductOptions options, int decodeThreads) {
        String old = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, Integer.toString(decodeThreads));
        try (SceneSource scene = ProductReaders.open(file, options)) {
            return masker.mask(scene, MaskingOptions.defaults().withTile(64, 16).withThreads(2));
        } finally {
            if (old == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, old);
            }
        }
    }
}
