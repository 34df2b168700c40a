package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.SampleType;

class EvaluateCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path image;
    static Path mask;
    static final int W = 45;
    static final int H = 38;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model.zip"), ClassScheme.CLOUD_CLEAR, 21);
        image = CliFixtures.reflectanceImage(dir.resolve("img.tif"), W, H);
        mask = CliFixtures.onCloudNMask(dir.resolve("mask.tif"), W, H); // 0 clear, 1 cloud, 255 missing
    }

    @Test
    void metricsMatchAConfusionMatrixOfTheMaskersOwnPrediction() throws Exception {
        Path out = dir.resolve("eval.json");
        CliRun r = evaluate(mask, "--json", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("| cloud (vs rest) |");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        // hand confusion from the masker's prediction
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        byte[] pred = CliFixtures.maskS2(bundle, image).classes();
        for (int i = 0; i < W * H; i++) {
            if (i % 17 == 0) {
                continue;
            }
            boolean truthCloud = i / W < H / 2;
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
        CliRun rgb = evaluate(mask, "--band-set", "RGB", "--resolution", "20");
        assertThat(rgb.exitCode()).as(rgb.err()).isZero();
        CliRun noSwir = evaluate(mask, "--band-set", "AeroRGB");
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
        return CliRun.of(CliFixtures.evaluateArgs(bundle, image, maskFile, extra));
    }
}
