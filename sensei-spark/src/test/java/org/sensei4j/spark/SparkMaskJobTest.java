package org.sensei4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.GeoTiffMaskSink;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.geotiff.Gdal;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.SensorRegistry;

class SparkMaskJobTest {

    @TempDir
    Path tmp;

    @Test
    void masksEveryReadableSceneRecordsFailuresAndARerunRewritesNothing() throws IOException {
        SparkSession spark = TestData.spark();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Path elsewhere = tmp.resolve("elsewhere");
        Georeference g1 = TestData.utm(32, 600000, 5100000, 10);
        Georeference g2 = TestData.utm(33, 300000, 4900000, 20);
        Georeference g3 = TestData.utm(18, 500000, 4400000, 30);
        Map<String, Path> inputs = new HashMap<>();
        inputs.put("s2_a", TestData.sentinel2(in.resolve("s2_a.tif"), 64, 64, 1, g1));
        inputs.put("s2_b", TestData.sentinel2(in.resolve("s2_b.tif"), 64, 48, 2, g2));
        inputs.put("s2_dir", TestData.sentinel2Folder(in.resolve("S2_FOLDER"), 64, 64, 3, g1));
        inputs.put("l8_a", TestData.landsat8(in.resolve("l8_a.tif"), 64, 64, 4, g3));
        inputs.put("l8_b", TestData.landsat8(in.resolve("l8_b.tif"), 48, 64, 5, g3));
        TestData.corrupt(in.resolve("broken.tif"), 6);
        // a task killed in an earlier run left a hidden temporary file: the job must remove it
        Files.createDirectories(out);
        Path stale = Files.write(out.resolve(".s2_a_mask.tif.123456.part"), new byte[] {1, 2, 3});
        String l8bOut = "file://" + elsewhere + "/l8_b.tif";
        String csv = "scene_id,input,sensor,bands,output\n"
                + "s2_a," + in.resolve("s2_a.tif") + ",sentinel2,B02;B03;B04;B08,\n"
                + "s2_b," + in.resolve("s2_b.tif") + ",sentinel2,\"B02; B03; B04; B08\",\n"
                // a folder given as a file:// URI: copied through the Hadoop FileSystem API
                + "s2_dir," + in.resolve("S2_FOLDER").toUri() + ",sentinel2,B02;B03;B04;B08,\n"
                + "l8_a," + in.resolve("l8_a.tif") + ",landsat8,B1;B2;B3;B4;B5;B6;B7,\n"
                // URI in, URI out: published by temporary name + rename on the target file system
                + "l8_b," + in.resolve("l8_b.tif").toUri() + ",l8,B1;B2;B3;B4;B5;B6;B7," + l8bOut + "\n"
                + "broken," + in.resolve("broken.tif") + ",sentinel2,B02;B03;B04;B08,\n"
                + "three_bands," + in.resolve("s2_a.tif") + ",sentinel2,B02;B03;B04,\n";
        Path manifestFile = Files.writeString(tmp.resolve("scenes.csv"), csv);
        SceneManifest manifest =
                SceneManifest.read(manifestFile.toString(), spark.sparkContext().hadoopConfiguration());
        String model = TestData.bundle().toString();
        MaskingOptions options = MaskingOptions.defaults().withTile(48, 8);

        List<Row> first = SparkMaskJob.create()
                .run(spark, manifest, out.toString(), model, options)
                .collectAsList();

        assertThat(first)
                .extracting(r -> r.getString(0))
                .containsExactly("s2_a", "s2_b", "s2_dir", "l8_a", "l8_b", "broken", "three_bands");
        assertThat(first)
                .extracting(r -> r.getString(1))
                .containsExactly("ok", "ok", "ok", "ok", "ok", "failed", "failed");
        Map<String, Row> byId = first.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
        assertThat(byId.get("broken").getString(5)).contains("broken.tif").contains("cannot read TIFF");
        assertThat(byId.get("three_bands").getString(5))
                .contains("has 4 bands but 3 were selected (--sensor sentinel2 --bands B02,B03,B04)");
        assertThat(byId.get("broken").isNullAt(2)).isTrue();
        assertThat(byId.get("l8_b").getString(4)).isEqualTo(l8bOut);
        assertThat(byId.get("s2_a").getString(4)).isEqualTo(out + "/s2_a_mask.tif");
        assertThat(first).allSatisfy(r -> assertThat(r.getDouble(3)).isGreaterThanOrEqualTo(0));
        assertThat(first.stream().map(r -> r.getString(6)).distinct()).hasSize(1);

        // five masks: same grid and georeference as their input, classes of the model (cloud, clear)
        for (String id : List.of("s2_a", "s2_b", "s2_dir", "l8_a", "l8_b")) {
            Path mask = id.equals("l8_b") ? elsewhere.resolve("l8_b.tif") : out.resolve(id + "_mask.tif");
            Path input = inputs.get(id);
            Path gridOf = Files.isDirectory(input) ? input.resolve("T32TQM_B02.tif") : input;
            RasterInfo ref;
            try (GeoTiffReader r = GeoTiffReader.open(gridOf)) {
                ref = r.info();
            }
            try (GeoTiffReader r = GeoTiffReader.open(mask)) {
                RasterInfo info = r.info();
                assertThat(info.width()).as(id).isEqualTo(ref.width());
                assertThat(info.height()).as(id).isEqualTo(ref.height());
                assertThat(info.bandCount()).isEqualTo(1);
                assertThat(info.sampleType()).isEqualTo(SampleType.UINT8);
                assertThat(info.nodata()).isEqualTo(255.0);
                assertThat(info.georeference()).as(id).isEqualTo(ref.georeference());
                float[] classes = r.readBand(0);
                long cloud = 0;
                for (float c : classes) {
                    assertThat(c).isIn(0f, 1f);
                    cloud += ClassScheme.CLOUD_CLEAR.isCloud((int) c) ? 1 : 0;
                }
                assertThat(byId.get(id).getDouble(2)).as(id).isEqualTo((double) cloud / classes.length);
            }
        }
        // the job's cloud fraction is the masker's, scene for scene
        try (CloudMasker masker = CloudMasker.load(TestData.bundle());
                SceneSource s = ProductReaders.open(
                        in.resolve("s2_a.tif"),
                        ProductOptions.forSensor(
                                SensorRegistry.builtIn().get("sentinel2"), List.of("B02", "B03", "B04", "B08")))) {
            double fraction = masker.mask(s, options).cloudFraction();
            assertThat(fraction).isBetween(0.05, 0.95);
            assertThat(byId.get("s2_a").getDouble(2)).isEqualTo(fraction);
        }
        // nothing else in the output folders: no mask of failed scenes, no temporary files, stale one removed
        assertThat(stale).doesNotExist();
        // each mask with its GDAL sidecar (class names), published after it also to a Hadoop URI
        List<String> written = List.of(
                "l8_a_mask.tif",
                "l8_a_mask.tif.aux.xml",
                "results",
                "s2_a_mask.tif",
                "s2_a_mask.tif.aux.xml",
                "s2_b_mask.tif",
                "s2_b_mask.tif.aux.xml",
                "s2_dir_mask.tif",
                "s2_dir_mask.tif.aux.xml");
        assertThat(names(out)).isEqualTo(written);
        assertThat(names(elsewhere)).containsExactly("l8_b.tif", "l8_b.tif.aux.xml");
        // results as Parquet and CSV
        Dataset<Row> parquet =
                spark.read().parquet(out.resolve("results/parquet").toString());
        assertThat(parquet.columns())
                .containsExactly("scene_id", "status", "cloud_fraction", "seconds", "output", "error", "run_id");
        assertThat(parquet.filter("status = 'ok'").count()).isEqualTo(5);
        assertThat(parquet.filter("status = 'failed'").count()).isEqualTo(2);
        Dataset<Row> csvResults = spark.read()
                .option("header", "true")
                .csv(out.resolve("results/csv").toString());
        assertThat(csvResults.filter("scene_id = 'three_bands'").first().getString(5))
                .isEqualTo(byId.get("three_bands").getString(5));

        // rerun: existing masks are skipped and not touched; failures are tried again
        Map<String, FileTime> mtimes = new HashMap<>();
        for (String id : List.of("s2_a", "s2_b", "s2_dir", "l8_a")) {
            mtimes.put(id, Files.getLastModifiedTime(out.resolve(id + "_mask.tif")));
        }
        mtimes.put("l8_b", Files.getLastModifiedTime(elsewhere.resolve("l8_b.tif")));
        List<Row> second = SparkMaskJob.create()
                .scenesPerTask(3)
                .run(spark, manifest, out.toString(), model, options)
                .collectAsList();
        assertThat(second)
                .extracting(r -> r.getString(1))
                .containsExactly("skipped", "skipped", "skipped", "skipped", "skipped", "failed", "failed");
        assertThat(second.subList(0, 5))
                .allSatisfy(r -> assertThat(r.isNullAt(2)).isTrue());
        for (String id : List.of("s2_a", "s2_b", "s2_dir", "l8_a")) {
            assertThat(Files.getLastModifiedTime(out.resolve(id + "_mask.tif")))
                    .as(id)
                    .isEqualTo(mtimes.get(id));
        }
        assertThat(Files.getLastModifiedTime(elsewhere.resolve("l8_b.tif"))).isEqualTo(mtimes.get("l8_b"));
        assertThat(names(out)).as("the second run's output folder").isEqualTo(written);
        Dataset<Row> all = spark.read().parquet(out.resolve("results/parquet").toString());
        assertThat(all.count()).isEqualTo(14);
        assertThat(all.select("run_id").distinct().count()).isEqualTo(2);
        // one model load in this JVM for every task of both runs (the bundle is shared by all tests here)
        assertThat(MaskerLoader.loadCount()).isEqualTo(1);
    }

    @Test
    void masksAreCloudOptimizedGeoTiffsWithTheMetadataOfSenseiMaskByDefault() throws Exception {
        Gdal.assumeCogValidator();
        SparkSession spark = TestData.spark();
        Path in = Files.createDirectories(tmp.resolve("in"));
        // wider than a COG tile: one overview
        TestData.sentinel2(in.resolve("big.tif"), 600, 530, 8, TestData.utm(32, 600000, 5100000, 10));
        Path cogOut = tmp.resolve("cog");
        Path gtiffOut = tmp.resolve("gtiff");
        SceneManifest manifest = SceneManifest.read(
                Files.writeString(
                                tmp.resolve("m.csv"),
                                "scene_id,input,sensor,bands\nbig," + in.resolve("big.tif")
                                        + ",sentinel2,B02;B03;B04;B08\n")
                        .toString(),
                spark.sparkContext().hadoopConfiguration());
        String model = TestData.bundle().toString();
        MaskingOptions options = MaskingOptions.defaults().withTile(256, 0);
        Row cogRow = SparkMaskJob.create()
                .run(spark, manifest, cogOut.toString(), model, options)
                .first();
        Row gtiffRow = SparkMaskJob.create()
                .format(GeoTiffMaskSink.Format.GTIFF)
                .run(spark, manifest, gtiffOut.toString(), model, options)
                .first();
        assertThat(cogRow.getString(1)).as(cogRow.getString(5)).isEqualTo("ok");
        assertThat(gtiffRow.getString(1)).as(gtiffRow.getString(5)).isEqualTo("ok");
        assertThat(gtiffRow.getDouble(2)).isEqualTo(cogRow.getDouble(2));

        Path cog = cogOut.resolve("big_mask.tif");
        assertThat(Gdal.validateCog(cog)).contains("is a valid cloud optimized GeoTIFF");
        JsonNode info = Gdal.info(cog);
        assertThat(info.at("/metadata/IMAGE_STRUCTURE/LAYOUT").asText()).isEqualTo("COG");
        JsonNode md = info.at("/metadata/");
        assertThat(md.get("SENSEI_MODEL").asText()).isEqualTo(model);
        assertThat(md.get("SENSEI_MODEL_NAME").asText()).isNotEmpty();
        assertThat(md.get("SENSEI_MODEL_VERSION").asText()).isNotEmpty();
        assertThat(md.get("SENSEI_THRESHOLD").asText()).isEqualTo("none (most probable class)");
        assertThat(md.get("SENSEI_DECISION").asText()).startsWith("most probable class");
        assertThat(md.get("SENSEI_SENSOR").asText()).isEqualTo("sentinel2");
        assertThat(md.get("SENSEI_BANDS").asText()).isEqualTo("B02,B03,B04,B08");
        assertThat(md.get("SENSEI_INPUT").asText()).isEqualTo("big.tif");
        assertThat(md.get("SENSEI_SOFTWARE").asText()).startsWith("sensei4j");
        assertThat(md.get("SENSEI_DATE").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(md.get("SENSEI_CONTENT").asText()).isEqualTo("classes");
        assertThat(md.get("CLASSES").asText()).isEqualTo("0:clear,1:cloud,255:nodata");
        assertThat(md.get("OVERVIEW_RESAMPLING").asText()).isEqualTo("MODE");
        JsonNode band = info.at("/bands/0");
        assertThat(band.get("block").toString()).isEqualTo("[512,512]");
        assertThat(band.get("overviews")).hasSize(1);
        assertThat(band.get("colorInterpretation").asText()).isEqualTo("Palette");
        assertThat(band.get("description").asText()).isEqualTo("class (cloud)");
        assertThat(band.get("categories").toString()).isEqualTo("[\"clear\",\"cloud\"]");

        // --format gtiff: striped, no overviews, the same pixels and description
        Path gtiff = gtiffOut.resolve("big_mask.tif");
        JsonNode gi = Gdal.info(gtiff);
        assertThat(gi.at("/bands/0/block/1").asInt()).isLessThan(512);
        assertThat(gi.at("/bands/0/overviews").isMissingNode()
                        || gi.at("/bands/0/overviews").isEmpty())
                .isTrue();
        assertThat(gi.at("/metadata//SENSEI_BANDS").asText()).isEqualTo("B02,B03,B04,B08");
        try (GeoTiffReader a = GeoTiffReader.open(cog);
                GeoTiffReader b = GeoTiffReader.open(gtiff)) {
            assertThat(a.readBand(0)).containsExactly(b.readBand(0));
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)).stream()
                    .toList();
        }
    }
}
