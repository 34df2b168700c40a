package org.sensei4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * Masks one scene on an executor: skips it when its output exists, otherwise copies a remote input to local disk,
 * opens it with {@link ProductReaders}, masks it with the JVM's shared {@link CloudMasker} and writes a one-band
 * UInt8 GeoTIFF (classes of the output scheme, nodata {@value ClassScheme#NODATA}, the input's georeference) that
 * becomes visible only by its final rename (see {@link HadoopFiles}). Never throws: a failure becomes a
 * {@link SceneResult} with status {@code failed} and the reason.
 */
public final class SceneMaskTask implements Serializable {

    private static final long serialVersionUID = 1L;

    private static volatile SensorRegistry sensors;

    private final String outputDir;
    private final MaskerLoader loader;
    private final MaskSettings settings;
    private final HadoopConf conf;
    private final boolean fractionOfExisting;

    /**
     * @param outputDir          directory (path or URI) of outputs the manifest does not place
     * @param fractionOfExisting when a scene is skipped, read its existing mask to report its cloud fraction
     *                           (costs a read and the model's class scheme); otherwise it is null
     */
    public SceneMaskTask(String outputDir, MaskerLoader loader, MaskSettings settings, HadoopConf conf,
            boolean fractionOfExisting) {
        this.outputDir = outputDir;
        this.loader = loader;
        this.settings = settings;
        this.conf = conf;
        this.fractionOfExisting = fractionOfExisting;
    }

    /** Masks {@code scene}; never throws. */
    public SceneResult mask(SceneEntry scene) {
        long t0 = System.nanoTime();
        if (scene.output() == null && outputDir == null) {
            return new SceneResult(scene.sceneId(), SceneResult.Status.FAILED, null, 0, null, "scene "
                    + scene.sceneId() + " has no output and no output directory was given: give one of them");
        }
        String target = scene.resolvedOutput(outputDir);
        Path work = null;
        try {
            if (HadoopFiles.exists(target, conf.get())) {
                Double fraction = null;
                if (fractionOfExisting) {
                    work = Files.createTempDirectory("sensei-spark-");
                    fraction = existingFraction(target, work);
                }
                return new SceneResult(scene.sceneId(), SceneResult.Status.SKIPPED, fraction, seconds(t0), target,
                        null);
            }
            work = Files.createTempDirectory("sensei-spark-");
            Sensor sensor = sensors().get(scene.sensor());
            ProductOptions po = ProductOptions.forSensor(sensor, scene.bands());
            MaskingOptions options = settings.toOptions();
            double fraction;
            // http(s) inputs are read in place with range requests (only the bytes the windows need); other
            // Hadoop file systems are copied to the task's work folder first
            try (SceneSource source = ProductReaders.isRemote(scene.input())
                    ? ProductReaders.open(scene.input(), po)
                    : ProductReaders.open(HadoopFiles.localize(scene.input(), work.resolve("input"), conf.get()), po)) {
                CloudMasker masker = loader.masker();
                ClassScheme scheme = outputScheme(masker);
                MaskCollector collector = new MaskCollector(source.width(), source.height(), scheme);
                masker.mask(source, options, collector);
                fraction = collector.cloudFraction();
                GeoTiffWriter writer = GeoTiffWriter.create(SampleType.UINT8);
                if (HadoopFiles.isLocal(target)) {
                    Path out = Path.of(target).toAbsolutePath();
                    Files.createDirectories(out.getParent());
                    writer.write(out, collector.raster(source.height()), source.georeference());
                } else {
                    Path local = work.resolve(HadoopFiles.fileName(target));
                    writer.write(local, collector.raster(source.height()), source.georeference());
                    HadoopFiles.publish(local, target, conf.get());
                }
            }
            return new SceneResult(scene.sceneId(), SceneResult.Status.OK, fraction, seconds(t0), target, null);
        } catch (Exception | LinkageError e) {
            return new SceneResult(scene.sceneId(), SceneResult.Status.FAILED, null, seconds(t0), target,
                    describe(e));
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    private ClassScheme outputScheme(CloudMasker masker) {
        return settings.outputScheme() != null ? settings.outputScheme() : masker.model().spec().scheme();
    }

    private Double existingFraction(String target, Path work) throws IOException {
        Path local = HadoopFiles.isLocal(target) ? Path.of(target)
                : HadoopFiles.localize(target, work.resolve("existing"), conf.get());
        try (GeoTiffReader r = GeoTiffReader.open(local)) {
            return MaskCollector.cloudFraction(r.readBand(0), outputScheme(loader.masker()));
        }
    }

    private static SensorRegistry sensors() {
        SensorRegistry s = sensors;
        if (s == null) {
            s = SensorRegistry.defaultRegistry();
            sensors = s;
        }
        return s;
    }

    /** A one-line reason: the message of our own errors, the exception type and message of others. */
    static String describe(Throwable e) {
        String msg = e.getMessage();
        String text;
        if (e instanceof SenseiException || e instanceof IllegalArgumentException) {
            text = msg;
        } else {
            text = e.getClass().getName() + (msg == null ? "" : ": " + msg);
        }
        if (text == null || text.isBlank()) {
            text = e.getClass().getName();
        }
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }
}
