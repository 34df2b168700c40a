package org.sensei4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;

class CloudMaskTransformerTest {

    @TempDir
    Path tmp;

    static final StructType SCENES = new StructType()
            .add("scene_id", DataTypes.StringType)
            .add("input", DataTypes.StringType)
            .add("sensor", DataTypes.StringType)
            .add("bands", DataTypes.StringType)
            .add("acquired", DataTypes.StringType);

    @Test
    void addsCloudFractionAndMaskPathColumnsAndReEvaluationGivesTheSameValues() throws IOException {
        SparkSession spark = TestData.spark();
        Path in = Files.createDirectories(tmp.resolve("in"));
        TestData.sentinel2(in.resolve("a.tif"), 40, 40, 21, TestData.utm(32, 600000, 5100000, 10));
        TestData.landsat8(in.resolve("b.tif"), 40, 32, 22, TestData.utm(32, 600000, 5100000, 30));
        TestData.corrupt(in.resolve("c.tif"), 23);
        Dataset<Row> scenes = spark.createDataFrame(
                List.of(
                        RowFactory.create(
                                "a", in.resolve("a.tif").toString(), "sentinel2", "B02;B03;B04;B08", "2024-05-01"),
                        RowFactory.create(
                                "b", in.resolve("b.tif").toString(), "landsat8", "B1;B2;B3;B4;B5;B6;B7", "2024-05-02"),
                        RowFactory.create(
                                "c", in.resolve("c.tif").toString(), "sentinel2", "B02;B03;B04;B08", "2024-05-03")),
                SCENES);
        Path out = tmp.resolve("masks");
        CloudMaskTransformer t = new CloudMaskTransformer()
                .setOutputDir(out.toString())
                .setModel(TestData.bundle().toString())
                .setTile(32, 4);

        Dataset<Row> masked = t.transform(scenes);

        assertThat(masked.columns())
                .containsExactly(
                        "scene_id",
                        "input",
                        "sensor",
                        "bands",
                        "acquired",
                        "cloud_fraction",
                        "mask_path",
                        "mask_status",
                        "mask_error");
        Map<String, Row> first = byId(masked.collectAsList());
        assertThat(first.get("a").getString(4)).isEqualTo("2024-05-01");
        for (String id : List.of("a", "b")) {
            Row r = first.get(id);
            assertThat(r.getString(7)).isEqualTo("ok");
            Path mask = Path.of(r.getString(6));
            assertThat(mask).isEqualTo(out.resolve(id + "_mask.tif"));
            try (GeoTiffReader reader = GeoTiffReader.open(mask)) {
                float[] classes = reader.readBand(0);
                long valid = 0;
                long cloud = 0;
                for (float c : classes) { // counted by hand: the cloud class of CLOUD_CLEAR
                    if (c != ClassScheme.NODATA) {
                        valid++;
                        cloud += ClassScheme.CLOUD_CLEAR.isCloud((int) c) ? 1 : 0;
                    }
                }
                assertThat(r.getDouble(5)).isEqualTo((double) cloud / valid);
            }
        }
        assertThat(first.get("a").getDouble(5)).isBetween(0.05, 0.95);
        assertThat(first.get("c").getString(7)).isEqualTo("failed");
        assertThat(first.get("c").isNullAt(5)).isTrue();
        assertThat(first.get("c").isNullAt(6)).isTrue();
        assertThat(first.get("c").getString(8)).contains("c.tif: not a TIFF file");

        // evaluated again, the masks exist: nothing is masked again and the fractions are read back
        Map<String, Row> again = byId(masked.collectAsList());
        assertThat(again.get("a").getString(7)).isEqualTo("skipped");
        assertThat(again.get("a").getDouble(5)).isEqualTo(first.get("a").getDouble(5));
        assertThat(again.get("b").getDouble(5)).isEqualTo(first.get("b").getDouble(5));
    }

    @Test
    void schemaErrorsNameTheColumn() {
        CloudMaskTransformer t = new CloudMaskTransformer().setOutputDir("/tmp/x");
        StructType noSensor =
                new StructType().add("scene_id", DataTypes.StringType).add("input", DataTypes.StringType);
        assertThatThrownBy(() -> t.transformSchema(noSensor))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no column 'sensor'");
        StructType badBands = SCENES.add("x", DataTypes.IntegerType).add("output", DataTypes.IntegerType);
        assertThatThrownBy(() -> t.transformSchema(badBands)).hasMessage("column 'output' is int: it must be string");
        StructType arrayBands = new StructType()
                .add("scene_id", DataTypes.StringType)
                .add("input", DataTypes.StringType)
                .add("sensor", DataTypes.StringType)
                .add("bands", DataTypes.createArrayType(DataTypes.StringType));
        assertThat(t.transformSchema(arrayBands).fieldNames())
                .containsExactly(
                        "scene_id",
                        "input",
                        "sensor",
                        "bands",
                        "cloud_fraction",
                        "mask_path",
                        "mask_status",
                        "mask_error");
        assertThatThrownBy(() -> t.transformSchema(arrayBands.add("cloud_fraction", DataTypes.DoubleType)))
                .hasMessageContaining("already has a column 'cloud_fraction'");
        CloudMaskTransformer copy = t.copy(new ParamMap());
        assertThat(copy.uid()).isEqualTo(t.uid());
        assertThat(copy.getOrDefault(copy.outputDir())).isEqualTo("/tmp/x");
        assertThat(copy.getOrDefault(copy.tile())).isEqualTo(512);
    }

    static Map<String, Row> byId(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    }
}
