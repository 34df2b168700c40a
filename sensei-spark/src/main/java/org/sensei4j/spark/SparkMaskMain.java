package org.sensei4j.spark;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.GeoTiffMaskSink;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.model.cloud.Precision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit} entry point of {@link SparkMaskJob}:
 * {@code --class org.sensei4j.spark.SparkMaskMain JOB.jar --manifest scenes.csv --output-dir DIR [--model BUNDLE]}.
 * Exit code 0 when every scene was masked or skipped, 1 when some failed (see the results table), 2 for bad
 * arguments or an unreadable manifest. Without a master (no {@code spark-submit}) it runs on {@code local[*]}.
 */
@Command(
        name = "sensei-spark-mask",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Masks the clouds of every scene in a manifest on Spark; writes one mask per scene (a Cloud"
                + " Optimized GeoTIFF by default) and a"
                + " results table (CSV and Parquet) under OUTPUT_DIR/results.")
public final class SparkMaskMain implements Callable<Integer> {

    @Option(
            names = "--manifest",
            required = true,
            paramLabel = "CSV",
            description = "scenes: CSV with header scene_id,input,sensor[,bands][,output] (path or Hadoop URI)")
    String manifest;

    @Option(
            names = "--output-dir",
            required = true,
            paramLabel = "DIR",
            description = "where masks (<scene_id>_mask.tif) and results/ go (path or Hadoop URI)")
    String outputDir;

    @Option(
            names = "--model",
            paramLabel = "BUNDLE",
            defaultValue = ModelLocator.DEFAULT,
            description =
                    "model bundle: 'default' (bundled), a path on every executor, or a URI (default: ${DEFAULT-VALUE})")
    String model;

    @Option(
            names = "--tile",
            paramLabel = "PX",
            defaultValue = "512",
            description = "tile size (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(
            names = "--overlap",
            paramLabel = "PX",
            defaultValue = "64",
            description = "tile overlap (default: ${DEFAULT-VALUE})")
    int overlap;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "tiles predicted in parallel within a task (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--classes",
            paramLabel = "SCHEME",
            description = "output classes (a class scheme id coarser than the model's); default: the model's")
    String classes;

    @Option(
            names = "--format",
            paramLabel = "cog|gtiff",
            defaultValue = "cog",
            description = "mask layout: cog (Cloud Optimized GeoTIFF with overviews) or gtiff (striped, no overviews);"
                    + " both carry a colour table and the SENSEI_* metadata (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--precision",
            paramLabel = "auto|int8|fp32",
            description = "arithmetic of a DeepLabv3+ head: int8 convolutions calibrated on windows of each scene, or "
                    + "fp32; auto: int8 where the bundle passed 'sensei calibrate --int8-check' on a CPU like the "
                    + "executor's and the scene has 16 Mpx or more, else fp32 (default: auto; the per-pixel NN head "
                    + "always runs in fp32)")
    String precision;

    @Option(
            names = "--scenes-per-task",
            paramLabel = "N",
            defaultValue = "1",
            description = "scenes per Spark task (default: ${DEFAULT-VALUE})")
    int scenesPerTask;

    @Override
    public Integer call() {
        MaskingOptions options =
                MaskingOptions.defaults().withTile(tile, overlap).withThreads(threads);
        if (classes != null) {
            options = options.withOutputScheme(ClassScheme.fromId(classes));
        }
        if (precision != null) {
            options = options.withPrecision(Precision.parse(precision));
        }
        SparkMaskJob job = SparkMaskJob.create()
                .scenesPerTask(scenesPerTask)
                .format(GeoTiffMaskSink.Format.parse(format, "--format"));
        SparkSession spark = session();
        SceneManifest scenes = SceneManifest.read(manifest, spark.sparkContext().hadoopConfiguration());
        List<Row> rows = job.run(spark, scenes, outputDir, model, options).collectAsList();
        long ok = rows.stream()
                .filter(r -> r.getString(1).equals(SceneResult.Status.OK.label()))
                .count();
        long skipped = rows.stream()
                .filter(r -> r.getString(1).equals(SceneResult.Status.SKIPPED.label()))
                .count();
        List<Row> failed = rows.stream()
                .filter(r -> r.getString(1).equals(SceneResult.Status.FAILED.label()))
                .toList();
        PrintWriter out = new PrintWriter(System.out, true);
        for (Row r : failed) {
            out.println("failed: " + r.getString(0) + ": " + r.getString(5));
        }
        out.printf(
                "%d scenes: %d masked, %d skipped (output exists), %d failed; results in %s/%s%n",
                rows.size(), ok, skipped, failed.size(), outputDir, SparkMaskJob.RESULTS);
        return failed.isEmpty() ? 0 : 1;
    }

    private static SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("sensei-mask");
        if (!new SparkConf().contains("spark.master")) {
            b = b.master("local[*]");
        }
        return b.getOrCreate();
    }

    /** Parses {@code args} and runs the job on the active (or a new) session; returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SparkMaskMain());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof SenseiException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        int code = run(args);
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        System.exit(code);
    }
}
