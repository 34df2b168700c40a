package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.train.sample.TrainingSample;

/** Training config data sets of {@code type: image}: one labelled GeoTIFF with its mask, sensor and bands. */
class ImageDatasetTest {

    private static final int W = 40;
    private static final int H = 48;

    /** Band b of pixel i: a value that names both, so the test can tell which band landed where. */
    private static float value(int b, int i) {
        return 0.01f * (b + 1) + i * 1e-5f;
    }

    /** Mask codes 7 (clear) and 9 (cloud) in vertical stripes, 200 (nodata) on the first row. */
    private static int code(int i) {
        return i < W ? 200 : (i % W) < 16 ? 7 : 9;
    }

    private static void writeScene(Path dir) throws Exception {
        Files.createDirectories(dir);
        Georeference geo = Georeference.northUp(32633, 500000, 5400000, 10, 10);
        float[] v = new float[3 * W * H];
        float[] m = new float[W * H];
        for (int i = 0; i < W * H; i++) {
            for (int b = 0; b < 3; b++) {
                v[b * W * H + i] = value(b, i);
            }
            m[i] = code(i);
        }
        GeoTiffWriter.create(SampleType.FLOAT32).write(dir.resolve("img.tif"), new FloatRaster(3, H, W, v, null), geo);
        GeoTiffWriter.create(SampleType.UINT8).write(dir.resolve("mask.tif"), new FloatRaster(1, H, W, m, 255.0), geo);
    }

    private static String config(Path dir, String dataset) {
        return TinyTrainConfigs.yaml(dir.resolve("run"), TinyTrainConfigs.SENSEI_NN, 1, 1, "")
                .replace("datasets:\n", "datasets:\n" + dataset);
    }

    @Test
    void aLabelledImageTrainsWithItsSensorsBandsAndTheMappingsScheme(@TempDir Path dir) throws Exception {
        writeScene(dir);
        TrainConfig c = TrainConfig.parse(
                config(
                        dir,
                        "  - type: image\n    name: mine\n    path: img.tif\n"
                                + "    mask: mask.tif\n    mask_codes: \"clear=7;cloud=9;nodata=200\"\n    sensor: "
                                + "landsat8\n"
                                + "    bands: [B4, B3, B2]\n    weight: 0.5\n"),
                "c.yaml",
                false);
        DatasetConfig image = c.datasets().get(0);
        assertThat(image.type()).isEqualTo("image");
        try (TrainingData data = TrainingData.build(c.withDatasets(List.of(image)), dir)) {
            TrainingData.Part p = data.parts().get(0);
            assertThat(p.trainScenes()).containsExactly("mine");
            assertThat(p.bands()).containsExactly("landsat8:B4", "landsat8:B3", "landsat8:B2");
            SplittableRandom r = new SplittableRandom(4);
            for (int k = 0; k < 10; k++) {
                TrainingSample s = data.training().next(r);
                assertThat(s.origin().dataset()).isEqualTo("mine");
                assertThat(s.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
                int x0 = s.origin().window().x();
                int y0 = s.origin().window().y();
                // a band subset of the three, each value from its own band and pixel; labels from the stripes
                for (int row = 0; row < s.size(); row += 7) {
                    for (int col = 0; col < s.size(); col += 5) {
                        int i = (y0 + row) * W + x0 + col;
                        int expected = code(i) == 200 ? ClassScheme.NODATA : code(i) == 7 ? 0 : 1;
                        assertThat(s.label(row, col)).isEqualTo(expected);
                        for (int b = 0; b < s.bandCount(); b++) {
                            int source = List.of("B4", "B3", "B2")
                                    .indexOf(s.bands().get(b).id());
                            assertThat(s.value(b, row, col)).isEqualTo(value(source, i));
                        }
                    }
                }
            }
        }
    }

    @Test
    void anImageDataSetNeedsAMaskAndASensorAndOthersTakeNeither(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TrainConfig.parse(
                        config(dir, "  - type: image\n    path: img.tif\n" + "    sensor: landsat8\n"),
                        "c.yaml",
                        false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("data set image (image) has no mask: add mask: FILE");
        assertThatThrownBy(() -> TrainConfig.parse(
                        config(dir, "  - type: image\n    path: img.tif\n" + "    mask: mask.tif\n"), "c.yaml", false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("data set image (image) has no sensor: add sensor: ID");
        assertThatThrownBy(() -> TrainConfig.parse(
                        config(dir, "  - type: ukis\n    path: x.npz\n" + "    sensor: landsat8\n"), "c.yaml", false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("mask, mask_codes, sensor and bands are for image data sets only");
        writeScene(dir);
        TrainConfig missingMask = TrainConfig.parse(
                config(
                        dir,
                        "  - type: image\n    path: img.tif\n"
                                + "    mask: nothere.tif\n    sensor: landsat8\n    bands: [B4, B3, B2]\n"),
                "c.yaml",
                false);
        assertThatThrownBy(() -> missingMask.checkDataPaths(dir))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(
                        "data set 'image' (image): mask " + dir.resolve("nothere.tif") + " does not exist");
    }
}
