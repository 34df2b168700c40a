package org.sensei4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.remote.RangeServer;

/** Failures of one scene become results with a reason; nothing is thrown and nothing is written. */
class SceneMaskTaskTest {

    @TempDir
    Path tmp;

    SceneMaskTask task(String outputDir, String model) {
        HadoopConf conf = new HadoopConf(new Configuration());
        return new SceneMaskTask(outputDir, new MaskerLoader(model, conf), MaskingOptions.defaults(), conf, false);
    }

    @Test
    void eachFailureIsRecordedWithItsReason() throws IOException {
        Path a = TestData.sentinel2(tmp.resolve("a.tif"), 33, 33, 41, TestData.utm(32, 600000, 5100000, 10));
        String out = tmp.resolve("out").toString();
        List<String> bands = List.of("B02", "B03", "B04", "B08");

        SceneResult noOutput = task(null, "x.zip").mask(new SceneEntry("a", a.toString(), "sentinel2", bands, null));
        assertThat(noOutput.status()).isEqualTo(SceneResult.Status.FAILED);
        assertThat(noOutput.error())
                .isEqualTo("scene a has no output and no output directory was given: give one of" + " them");

        SceneResult sensor = task(out, "x.zip").mask(new SceneEntry("a", a.toString(), "sentinel9", bands, null));
        assertThat(sensor.error()).startsWith("unknown sensor 'sentinel9' (did you mean 'sentinel2'?)");
        assertThat(sensor.output()).isEqualTo(out + "/a_mask.tif");

        SceneResult band = task(out, "x.zip")
                .mask(new SceneEntry("a", a.toString(), "sentinel2", List.of("B02", "B03", "B04", "B99"), null));
        assertThat(band.error()).startsWith("sensor 'sentinel2' has no band 'B99'");

        SceneResult missing =
                task(out, "x.zip").mask(new SceneEntry("m", tmp.resolve("m.tif").toString(), "sentinel2", bands, null));
        assertThat(missing.error()).isEqualTo("file not found: " + tmp.resolve("m.tif"));

        SceneResult remote = task(out, "x.zip")
                .mask(new SceneEntry("r", tmp.resolve("r.tif").toUri().toString(), "sentinel2", bands, null));
        assertThat(remote.error())
                .isEqualTo(
                        "java.io.FileNotFoundException: " + tmp.resolve("r.tif").toUri() + " does not exist");

        SceneResult model = task(out, tmp.resolve("none.zip").toString())
                .mask(new SceneEntry("a", a.toString(), "sentinel2", bands, null));
        assertThat(model.error()).startsWith("model not found: " + tmp.resolve("none.zip"));

        for (SceneResult r : List.of(noOutput, sensor, band, missing, remote, model)) {
            assertThat(r.status()).isEqualTo(SceneResult.Status.FAILED);
            assertThat(r.cloudFraction()).isNull();
        }
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void anHttpInputIsReadInPlaceWithRangeRequestsAndMasksAsTheLocalFile() throws IOException {
        Path a = TestData.sentinel2(tmp.resolve("a.tif"), 70, 50, 43, TestData.utm(32, 600000, 5100000, 10));
        List<String> bands = List.of("B02", "B03", "B04", "B08");
        String model = TestData.bundle().toString();
        SceneResult local = task(tmp.resolve("local").toString(), model)
                .mask(new SceneEntry("a", a.toString(), "sentinel2", bands, null));
        assertThat(local.status()).as(local.error()).isEqualTo(SceneResult.Status.OK);
        try (RangeServer server = new RangeServer()) {
            String url = server.put("a.tif", Files.readAllBytes(a));
            server.failEvery(3); // every third request answers 503: retried with back-off
            SceneResult remote = task(tmp.resolve("remote").toString(), model)
                    .mask(new SceneEntry("a", url, "sentinel2", bands, null));
            assertThat(remote.status()).as(remote.error()).isEqualTo(SceneResult.Status.OK);
            assertThat(remote.cloudFraction()).isEqualTo(local.cloudFraction());
            assertThat(server.requests()).isGreaterThan(1);
            assertThat(server.bytesServed()).isLessThanOrEqualTo(2 * Files.size(a));
            try (GeoTiffReader l = GeoTiffReader.open(Path.of(local.output()));
                    GeoTiffReader r = GeoTiffReader.open(Path.of(remote.output()))) {
                assertThat(r.readBand(0)).isEqualTo(l.readBand(0));
            }
            SceneResult missing = task(tmp.resolve("remote").toString(), model)
                    .mask(new SceneEntry("m", server.url("missing.tif"), "sentinel2", bands, null));
            assertThat(missing.status()).isEqualTo(SceneResult.Status.FAILED);
            assertThat(missing.error()).contains("HTTP 404");
        }
    }
}
