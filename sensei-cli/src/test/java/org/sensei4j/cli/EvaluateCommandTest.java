package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.H;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.W;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.labelled;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.truthCloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.cli.CliFixtures.OnCloudNScene;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.SampleType;

class EvaluateCommandTest {

    @TempDir
    static Path dir;

    static OnCloudNScene scene;

    @BeforeAll
    static void setUp() throws Exception {
        scene = OnCloudNScene.write(dir);
    }

    @Test
    void metricsMatchAConfusionMatrixOfTheMaskersOwnPrediction() throws Exception {
        Path out = dir.resolve("eval.json");
        CliRun r = evaluate(scene.mask(), "--json", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("| cloud (vs rest) |");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        // hand confusion from the masker's prediction
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        byte[] pred = CliFixtures.maskS2(scene.bundle(), scene.image()).classes();
        for (int i = 0; i < W * H; i++) {
            if (!labelled(i)) {
                continue;
            }
            boolean truthCloud = truthCloud(i);
            boolean predCloud = pred[i] == 1;
            if (truthCloud && predCloud) {
                tp++;
            } else if (!truthCloud && predCloud) {
                fp++;
            } else if (truthCloud) {
                fn++;
            } else {
                tn++;
            }
        }
        JsonNode cloud = json.get("cloud");
        assertThat(cloud.get("pixels").asLong()).isEqualTo(tp + fp + fn + tn);
        assertThat(cloud.get("oa").asDouble()).isCloseTo(100.0 * (tp + tn) / (tp + fp + fn + tn), Offset.offset(1e-6));
        if (tp + fn > 0 && tn + fp > 0) {
            assertThat(cloud.get("ba").asDouble())
                    .isCloseTo(50.0 * ((double) tp / (tp + fn) + (double) tn / (tn + fp)), Offset.offset(1e-6));
        }
        assertThat(json.at("/run/band_set").asText()).isEqualTo("ALL");
        assertThat(json.has("per_scene")).isTrue();
    }

    @Test
    void bandSetsAndResolutionRunAndBadInputIsRefused() throws Exception {
        CliRun rgb = evaluate(scene.mask(), "--band-set", "RGB", "--resolution", "20");
        assertThat(rgb.exitCode()).as(rgb.err()).isZero();
        CliRun noSwir = evaluate(scene.mask(), "--band-set", "AeroRGB");
        assertThat(noSwir.exitCode()).isEqualTo(2);
        assertThat(noSwir.err()).contains("band set AeroRGB needs [coastal]");
        Path small = dir.resolve("small-mask.tif");
        GeoTiffWriter.create(SampleType.UINT8).write(small, new FloatRaster(1, 10, 10, new float[100], 255.0), null);
        CliRun size = evaluate(small);
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("mask").contains("10×10 but the image is 45×38");
        float[] bad = new float[W * H];
        bad[5] = 7;
        Path badMask = dir.resolve("bad-mask.tif");
        GeoTiffWriter.create(SampleType.UINT8).write(badMask, new FloatRaster(1, H, W, bad, null), null);
        CliRun code = evaluate(badMask);
        assertThat(code.exitCode()).isEqualTo(2);
        assertThat(code.err()).contains("7");
    }

    /** Runs {@code sensei evaluate} of the model on the image (four Sentinel-2 bands) against an On Cloud N mask. */
    private static CliRun evaluate(Path maskFile, String... extra) {
        return CliRun.of(CliFixtures.evaluateArgs(scene.bundle(), scene.image(), maskFile, extra));
    }
}
