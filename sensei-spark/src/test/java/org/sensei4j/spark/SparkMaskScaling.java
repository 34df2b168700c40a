package org.sensei4j.spark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;

/**
 * Scaling measurement (not a test): scenes per minute of {@link SparkMaskJob} on {@code local[N]} for each N given.
 * Each master first masks 2 warm-up scenes (engine start, model load), then the timed scenes into a fresh folder.
 *
 * <p>Arguments: {@code WORK_DIR [SCENES=12] [SIZE=256] [HEAD=deeplabv3plus] [MASTERS=local[1],local[2]]}.
 * Set OMP_NUM_THREADS in the environment (PyTorch's threads per task).
 */
public final class SparkMaskScaling {

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        int scenes = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        String head = args.length > 3 ? args[3] : "deeplabv3plus";
        String[] masters = (args.length > 4 ? args[4] : "local[1],local[2]").split(",");
        Files.createDirectories(work);
        Path model = work.resolve(head + ".zip");
        if (!Files.exists(model)) {
            Engine.getInstance().setRandomSeed(17);
            try (NDManager m = NDManager.newBaseManager()) {
                ModelBundle.save(
                        CloudModel.create(
                                ModelSpec.sensei(HeadType.fromId(head).orElseThrow(), ClassScheme.CLOUD_CLEAR), m),
                        Provenance.untrained("scaling benchmark"),
                        model);
            }
        }
        Path in = Files.createDirectories(work.resolve("in"));
        List<SceneEntry> timed = new ArrayList<>();
        List<SceneEntry> warm = new ArrayList<>();
        for (int i = 0; i < scenes + 2; i++) {
            Path f = in.resolve("s" + i + "_" + size + ".tif");
            if (!Files.exists(f)) {
                TestData.sentinel2(f, size, size, i, TestData.utm(32, 600000 + i * 10000, 5100000, 10));
            }
            SceneEntry e =
                    new SceneEntry("s" + i, f.toString(), "sentinel2", List.of("B02", "B03", "B04", "B08"), null);
            (i < 2 ? warm : timed).add(e);
        }
        MaskingOptions options = MaskingOptions.defaults();
        System.out.printf(
                Locale.ROOT,
                "%d scenes of %dx%d (4 bands), SEnSeI + %s, tile %d, OMP_NUM_THREADS=%s, %d CPUs%n",
                scenes,
                size,
                size,
                head,
                options.tile(),
                System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        for (String master : masters) {
            SparkSession spark = SparkSession.builder()
                    .master(master)
                    .appName("sensei-scaling")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            String tag = master.replaceAll("[^0-9a-z]", "");
            Path out = work.resolve("out-" + tag + "-" + System.nanoTime());
            SparkMaskJob.create().run(spark, SceneManifest.of(warm), out + "-warm", model.toString(), options);
            long t0 = System.nanoTime();
            List<Row> rows = SparkMaskJob.create()
                    .run(spark, SceneManifest.of(timed), out.toString(), model.toString(), options)
                    .collectAsList();
            double s = (System.nanoTime() - t0) / 1e9;
            long ok = rows.stream().filter(r -> r.getString(1).equals("ok")).count();
            double perScene =
                    rows.stream().mapToDouble(r -> r.getDouble(3)).average().orElse(Double.NaN);
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d ok in %.1f s = %.1f scenes/min (mean %.2f s per scene in a task)%n",
                    master,
                    ok,
                    s,
                    ok / s * 60,
                    perScene);
            spark.stop();
        }
    }
}
