package org.sensei4j.spark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** Synthetic scenes, a small untrained model and one shared local Spark session for the tests. */
final class TestData {

    private static SparkSession spark;
    private static Path bundle;

    private TestData() {}

    /** local[2] bound to loopback, no UI, 2 shuffle partitions; stopped by Spark's shutdown hook. */
    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("sensei-spark-test")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return spark;
    }

    /** An untrained SEnSeI + per-pixel NN bundle (cloud / clear), written once per JVM. */
    static synchronized Path bundle() {
        if (bundle == null) {
            try {
                Path dir = Files.createTempDirectory("sensei-spark-model");
                dir.toFile().deleteOnExit();
                Path zip = dir.resolve("nn.zip");
                Engine.getInstance().setRandomSeed(17); // masks part of the Sentinel-2 test scenes as cloud
                try (NDManager m = NDManager.newBaseManager()) {
                    ModelBundle.save(
                            CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLOUD_CLEAR), m),
                            Provenance.untrained("sensei-spark test model"),
                            zip);
                }
                zip.toFile().deleteOnExit();
                bundle = zip;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }

    static Georeference utm(int zone, double x0, double y0, double pixel) {
        return Georeference.northUp(32600 + zone, x0, y0, pixel, pixel);
    }

    /** Reflectance 0–1 with smooth bright blobs ("clouds") over a darker textured ground. */
    static float[] reflectance(int bands, int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[bands * w * h];
        double cx = rnd.nextDouble() * w;
        double cy = rnd.nextDouble() * h;
        double r = (0.2 + 0.3 * rnd.nextDouble()) * Math.min(w, h);
        for (int b = 0; b < bands; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double ground = 0.08 + 0.04 * b + 0.05 * Math.sin(x / 5.0 + b) * Math.cos(y / 4.0);
                    double d = Math.hypot(x - cx, y - cy);
                    double cloud = d < r ? 0.75 * (1 - d / r) : 0;
                    v[(b * h + y) * w + x] = (float) Math.min(1, ground + cloud + 0.01 * rnd.nextGaussian());
                }
            }
        }
        return v;
    }

    /** A Sentinel-2 like 4-band (B02, B03, B04, B08) UInt16 GeoTIFF, reflectance × 10000. */
    static Path sentinel2(Path file, int w, int h, long seed, Georeference g) {
        float[] v = reflectance(4, w, h, seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(Math.max(0, v[i]) * 10000);
        }
        GeoTiffWriter.create(SampleType.UINT16).write(file, new FloatRaster(4, h, w, v, null), g);
        return file;
    }

    /** A folder of single-band Sentinel-2 files T00XXX_B02.tif ... (UInt16, reflectance × 10000). */
    static Path sentinel2Folder(Path dir, int w, int h, long seed, Georeference g) throws IOException {
        Files.createDirectories(dir);
        float[] v = reflectance(4, w, h, seed);
        String[] ids = {"B02", "B03", "B04", "B08"};
        for (int b = 0; b < 4; b++) {
            float[] band = new float[w * h];
            for (int i = 0; i < band.length; i++) {
                band[i] = Math.round(Math.max(0, v[b * w * h + i]) * 10000);
            }
            GeoTiffWriter.create(SampleType.UINT16)
                    .write(dir.resolve("T32TQM_" + ids[b] + ".tif"), new FloatRaster(1, h, w, band, null), g);
        }
        return dir;
    }

    /** A Landsat-8 like 7-band (B1..B7) Float32 reflectance GeoTIFF. */
    static Path landsat8(Path file, int w, int h, long seed, Georeference g) {
        GeoTiffWriter.create(SampleType.FLOAT32)
                .write(file, new FloatRaster(7, h, w, reflectance(7, w, h, seed), null), g);
        return file;
    }

    /** A ".tif" of random bytes. */
    static Path corrupt(Path file, long seed) throws IOException {
        byte[] b = new byte[4096];
        new Random(seed).nextBytes(b);
        Files.write(file, b);
        return file;
    }
}
