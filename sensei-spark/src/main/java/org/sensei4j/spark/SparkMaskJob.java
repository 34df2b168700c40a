package org.sensei4j.spark;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.GeoTiffMaskSink;
import org.sensei4j.inference.MaskingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Masks the scenes of a {@link SceneManifest} on a Spark cluster: one mask per scene (a Cloud Optimized GeoTIFF
 * with the metadata of {@code sensei mask} by default, see {@link GeoTiffMaskSink}), and a results table.
 *
 * <p>Scenes are spread over tasks ({@link #scenesPerTask} scenes each, one by default, so a slow scene holds up
 * nothing else); every executor JVM loads the model once ({@link MaskerLoader}) and masks its scenes with
 * {@link SceneMaskTask}. The job is idempotent: a scene whose output exists is skipped, and an output only exists
 * once complete (written under a hidden temporary name, then renamed; stale temporary files of killed tasks are
 * removed before the tasks start). A scene that fails (unreadable file, bands that do not match, ...) is recorded
 * with its reason and does not stop the others.
 *
 * <p>The results ({@link SceneResult#SCHEMA} plus {@value #RUN_ID}) are appended, one part file per run, to
 * {@code <output-dir>/results/csv} (with a header) and {@code <output-dir>/results/parquet}.
 */
public final class SparkMaskJob {

    private static final Logger LOG = LoggerFactory.getLogger(SparkMaskJob.class);

    /** Column naming the run (UTC time and a random suffix) in the results table. */
    public static final String RUN_ID = "run_id";
    /** Results directory below the output directory. */
    public static final String RESULTS = "results";

    private final int scenesPerTask;
    private final GeoTiffMaskSink.Format format;

    private SparkMaskJob(int scenesPerTask, GeoTiffMaskSink.Format format) {
        if (scenesPerTask < 1) {
            throw new IllegalArgumentException("--scenes-per-task must be >= 1, got " + scenesPerTask);
        }
        this.scenesPerTask = scenesPerTask;
        this.format = Objects.requireNonNull(format, "format");
    }

    /** A job with one scene per task that writes Cloud Optimized GeoTIFFs. */
    public static SparkMaskJob create() {
        return new SparkMaskJob(1, GeoTiffMaskSink.Format.COG);
    }

    /** A job that groups {@code n} scenes per task (fewer, larger tasks for many small scenes). */
    public SparkMaskJob scenesPerTask(int n) {
        return new SparkMaskJob(n, format);
    }

    /** A job that writes masks in this layout (COG by default, or striped GeoTIFF). */
    public SparkMaskJob format(GeoTiffMaskSink.Format f) {
        return new SparkMaskJob(scenesPerTask, f);
    }

    /**
     * Masks every scene of {@code manifest}; see the class comment.
     *
     * @param outputDir directory (local path or Hadoop URI) for masks without an explicit output and for results
     * @param model     {@code default}, a model bundle path present on every executor, or a bundle URI
     * @return this run's results, one row per scene in manifest order (a local table: reading it masks nothing)
     */
    public Dataset<Row> run(
            SparkSession spark, SceneManifest manifest, String outputDir, String model, MaskingOptions options) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(options, "options");
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        String dir = outputDir.endsWith("/") ? outputDir.substring(0, outputDir.length() - 1) : outputDir;
        List<String> targets =
                manifest.entries().stream().map(e -> e.resolvedOutput(dir)).toList();
        try {
            int removed = HadoopFiles.removeStaleParts(targets, conf.get());
            if (removed > 0) {
                LOG.warn("removed {} temporary file(s) left by killed tasks", removed);
            }
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot list the output directories: " + e.getMessage() + ": check that " + outputDir
                            + " is reachable and writable",
                    e);
        }
        List<SceneResult> results = mask(spark, manifest.entries(), dir, model, options, conf);
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC))
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Row> rows = new ArrayList<>(results.size());
        for (SceneResult r : results) {
            rows.add(r.toRow());
        }
        Dataset<Row> table = spark.createDataFrame(rows, SceneResult.SCHEMA).withColumn(RUN_ID, functions.lit(runId));
        String resultsDir = dir + "/" + RESULTS;
        table.coalesce(1).write().mode(SaveMode.Append).option("header", "true").csv(resultsDir + "/csv");
        table.coalesce(1).write().mode(SaveMode.Append).parquet(resultsDir + "/parquet");
        return table;
    }

    private List<SceneResult> mask(
            SparkSession spark,
            List<SceneEntry> scenes,
            String outputDir,
            String model,
            MaskingOptions options,
            HadoopConf conf) {
        if (scenes.isEmpty()) {
            return List.of();
        }
        SceneMaskTask task = new SceneMaskTask(outputDir, new MaskerLoader(model, conf), options, conf, false, format);
        int partitions = (scenes.size() + scenesPerTask - 1) / scenesPerTask;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spark.sparkContext().setJobDescription("sensei: mask " + scenes.size() + " scenes");
        try {
            return jsc.parallelize(new ArrayList<>(scenes), partitions)
                    .mapPartitions(new MaskPartition(task))
                    .collect();
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    /** Masks the scenes of one partition in order. */
    private record MaskPartition(SceneMaskTask task) implements FlatMapFunction<Iterator<SceneEntry>, SceneResult> {

        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<SceneResult> call(Iterator<SceneEntry> scenes) {
            List<SceneResult> out = new ArrayList<>();
            while (scenes.hasNext()) {
                out.add(task.mask(scenes.next()));
            }
            return out.iterator();
        }
    }
}
