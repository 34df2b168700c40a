package org.sensei4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.GeoTiffMaskSink;
import org.sensei4j.inference.MaskCounts;
import org.sensei4j.inference.MaskMetadata;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.geotiff.GdalMetadata;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * Masks one scene on an executor: skips it when its output exists, otherwise copies a remote input to local disk,
 * opens it with {@link ProductReaders}, masks it with the JVM's shared {@link CloudMasker} and streams the mask into
 * a one-band UInt8 Cloud Optimized GeoTIFF by default ({@link GeoTiffMaskSink}: classes of the output scheme, nodata
 * {@value ClassScheme#NODATA}, the input's georeference, colour table, the SENSEI_* metadata items of
 * {@code sensei mask}, class names in the {@code .aux.xml} sidecar) that becomes visible only by its final rename
 * (see {@link HadoopFiles}; the sidecar is published after the image). Never throws: a failure becomes a
 * {@link SceneResult} with status {@code failed} and the reason.
 */
public final class SceneMaskTask implements Serializable {

    private static final long serialVersionUID = 1L;

    private static volatile SensorRegistry sensors;

    private final String outputDir;
    private final MaskerLoader loader;
    private final MaskingOptions options;
    private final HadoopConf conf;
    private final boolean fractionOfExisting;
    private final GeoTiffMaskSink.Format format;

    /** Rows of an existing mask read at a time to count its classes. */
    private static final int READ_ROWS = 512;

    /**
     * @param outputDir          directory (path or URI) of outputs the manifest does not place
     * @param fractionOfExisting when a scene is skipped, read its existing mask to report its cloud fraction
     *                           (costs a read and the model's class scheme); otherwise it is null
     */
    public SceneMaskTask(
            String outputDir,
            MaskerLoader loader,
            MaskingOptions options,
            HadoopConf conf,
            boolean fractionOfExisting) {
        this(outputDir, loader, options, conf, fractionOfExisting, GeoTiffMaskSink.Format.COG);
    }

    /**
     * @param format the masks' layout: a Cloud Optimized GeoTIFF ({@link GeoTiffMaskSink.Format#COG}) or a striped
     *               GeoTIFF
     */
    public SceneMaskTask(
            String outputDir,
            MaskerLoader loader,
            MaskingOptions options,
            HadoopConf conf,
            boolean fractionOfExisting,
            GeoTiffMaskSink.Format format) {
        this.format = Objects.requireNonNull(format, "format");
        this.outputDir = outputDir;
        this.loader = loader;
        this.options = options;
        this.conf = conf;
        this.fractionOfExisting = fractionOfExisting;
    }

    /** Masks {@code scene}; never throws. */
    public SceneResult mask(SceneEntry scene) {
        long t0 = System.nanoTime();
        if (scene.output() == null && outputDir == null) {
            return new SceneResult(
                    scene.sceneId(),
                    SceneResult.Status.FAILED,
                    null,
                    0,
                    null,
                    "scene " + scene.sceneId() + " has no output and no output directory was given: give one of them");
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
                return new SceneResult(
                        scene.sceneId(), SceneResult.Status.SKIPPED, fraction, seconds(t0), target, null);
            }
            work = Files.createTempDirectory("sensei-spark-");
            Sensor sensor = sensors().get(scene.sensor());
            ProductOptions po = ProductOptions.forSensor(sensor, scene.bands());
            double fraction;
            // http(s) inputs are read in place with range requests (only the bytes the windows need); other
            // Hadoop file systems are copied to the task's work folder first
            try (SceneSource source = ProductReaders.isRemote(scene.input())
                    ? ProductReaders.open(scene.input(), po)
                    : ProductReaders.open(HadoopFiles.localize(scene.input(), work.resolve("input"), conf.get()), po)) {
                CloudMasker masker = loader.masker();
                boolean local = HadoopFiles.isLocal(target);
                Path file = local ? Path.of(target).toAbsolutePath() : work.resolve(HadoopFiles.fileName(target));
                Files.createDirectories(file.getParent());
                GdalMetadata run = MaskMetadata.describe(
                        masker,
                        options,
                        loader.model(),
                        loader.modelVersion(),
                        source,
                        ProductReaders.isRemote(scene.input()) ? scene.input() : HadoopFiles.fileName(scene.input()),
                        MaskMetadata.software(SceneMaskTask.class));
                // streamed strip by strip into the mask file (a hidden temporary renamed at commit, then its
                // sidecar): the task holds one strip per overview level, not the scene
                try (GeoTiffMaskSink sink = GeoTiffMaskSink.to(file, source)
                        .format(format)
                        .classes(outputScheme(masker), masker.model().spec().scheme())
                        .metadata(run)
                        .open()) {
                    masker.mask(source, options, sink);
                    sink.commit();
                    fraction = sink.counts().cloudFraction();
                }
                if (!local) {
                    HadoopFiles.publish(file, target, conf.get());
                    Path aux = GeoTiffMaskSink.sidecar(file);
                    if (Files.isRegularFile(aux)) {
                        HadoopFiles.publish(aux, target + ".aux.xml", conf.get());
                    }
                }
            }
            return new SceneResult(scene.sceneId(), SceneResult.Status.OK, fraction, seconds(t0), target, null);
        } catch (Exception | LinkageError e) {
            return new SceneResult(scene.sceneId(), SceneResult.Status.FAILED, null, seconds(t0), target, describe(e));
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    private ClassScheme outputScheme(CloudMasker masker) {
        return options.outputScheme() != null
                ? options.outputScheme()
                : masker.model().spec().scheme();
    }

    /** The cloud fraction of an existing mask, counted strip by strip (never the whole band in memory). */
    private Double existingFraction(String target, Path work) throws IOException {
        Path local = HadoopFiles.isLocal(target)
                ? Path.of(target)
                : HadoopFiles.localize(target, work.resolve("existing"), conf.get());
        MaskCounts counts = new MaskCounts(outputScheme(loader.masker()));
        try (GeoTiffReader r = GeoTiffReader.open(local)) {
            int w = r.info().width();
            int h = r.info().height();
            for (int y = 0; y < h; y += READ_ROWS) {
                float[] v = r.read(new PixelWindow(0, y, w, Math.min(READ_ROWS, h - y)), 0)
                        .data();
                byte[] classes = new byte[v.length];
                for (int i = 0; i < v.length; i++) {
                    classes[i] = (byte) (int) v[i];
                }
                counts.add(classes, 0, classes.length);
            }
        }
        return counts.cloudFraction();
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
