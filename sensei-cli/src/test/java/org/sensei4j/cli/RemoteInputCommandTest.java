package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.CliFixtures.S2;
import static org.sensei4j.cli.CliFixtures.args;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.remote.RangeServer;
import org.sensei4j.raster.Georeference;

/**
 * {@code sensei info URL}, {@code sensei mask URL}, {@code sensei evaluate --image URL --mask URL},
 * {@code sensei calibrate --image URL --mask URL} and {@code sensei encode --input URL} against a local HTTP server
 * with range requests: the same results as for the local files.
 */
class RemoteInputCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path big;
    static Path small;
    static Path smallMask;
    static RangeServer server;
    static final Georeference GEO = CliFixtures.GRID_20M;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model"), ClassScheme.CLEAR_CLOUD_SHADOW, 5);
        big = CliFixtures.uint16Scene(dir.resolve("big.tif"), 1000, 1000, 1000);
        small = CliFixtures.uint16Scene(dir.resolve("small.tif"), 150, 101, 150);
        server = new RangeServer();
        server.put("scenes/big.tif", Files.readAllBytes(big));
        server.put("scenes/small.tif", Files.readAllBytes(small));
        // clear, cloud, shadow in bands; 255 on the nodata first row
        smallMask =
                CliFixtures.labels(dir.resolve("small-mask.tif"), 150, 101, GEO, i -> i < 150 ? 255 : (i / 150) % 3);
        server.put("labels/small-mask.tif", Files.readAllBytes(smallMask));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.failEvery(0).mode(RangeServer.Mode.RANGE).reset();
    }

    @Test
    void infoOnAUrlReadsOnlyTheHeaders() throws Exception {
        String url = server.url("scenes/big.tif");
        CliRun r = CliRun.of("info", url, "--sensor", "sentinel2", "--bands", "B02,B03,B04,B08");
        assertThat(r.exitCode()).as(r.err()).isZero();
        long size = Files.size(big);
        double share = (double) server.bytesServed() / size;
        System.out.printf(
                Locale.ROOT,
                "sensei info over HTTP: %d of %d bytes served (%.2f %%) in %d requests%n",
                server.bytesServed(),
                size,
                100 * share,
                server.requests());
        assertThat(share).isLessThan(0.03);
        assertThat(r.out())
                .contains("input       " + url)
                .contains("reader      remote GeoTIFF")
                .contains("statistics  skipped for a remote input (only its headers were read; give --stats to read"
                        + " every pixel)")
                .contains("size        1000 x 1000 pixels, 4 bands")
                .contains("CRS         EPSG:32632");
        CliRun j = CliRun.of("info", url, "--sensor", "sentinel2", "--bands", "B02,B03,B04,B08", "--json");
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.path("statistics").asBoolean()).isFalse();
        assertThat(n.at("/bands/0/file").asText()).isEqualTo(url);
    }

    @Test
    void infoWithStatsOnAUrlEqualsInfoOnTheLocalFile() throws Exception {
        String url = server.url("scenes/small.tif");
        CliRun r = CliRun.of("info", url, "--sensor", "sentinel2", "--bands", "B02,B03,B04,B08", "--json", "--stats");
        CliRun l = CliRun.of("info", small.toString(), "--sensor", "sentinel2", "--bands", "B02,B03,B04,B08", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(r.out());
        JsonNode b = new ObjectMapper().readTree(l.out());
        for (String f : new String[] {"width", "height", "transform", "nodata_pixels", "pixels"}) {
            assertThat(a.path(f)).isEqualTo(b.path(f));
        }
        for (int i = 0; i < 4; i++) {
            for (String f : new String[] {"min", "max", "mean", "valid_pixels"}) {
                assertThat(a.at("/bands/" + i + "/" + f)).isEqualTo(b.at("/bands/" + i + "/" + f));
            }
        }
    }

    @Test
    void maskOfAUrlOnAFlakyServerEqualsMaskOfTheLocalFile() {
        server.failEvery(3);
        Path a = dir.resolve("mask-remote.tif");
        Path b = dir.resolve("mask-local.tif");
        CliRun r = CliFixtures.mask(server.url("scenes/small.tif"), bundle, a, "--tile", "64", "--overlap", "16");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(server.requests()).isGreaterThanOrEqualTo(3);
        CliRun s = CliFixtures.mask(small.toString(), bundle, b, "--tile", "64", "--overlap", "16");
        assertThat(s.exitCode()).as(s.err()).isZero();
        CliFixtures.assertSameMask(a, b, GEO);
    }

    @Test
    void evaluateWithAnImageUrlAndAMaskUrlEqualsEvaluateWithTheLocalFiles() throws Exception {
        String[] common = args(S2, "--model", bundle.toString(), "--tile", "64", "--overlap", "16", "--json");
        CliRun r = CliRun.of(args(
                new String[] {
                    "evaluate", "--image", server.url("scenes/small.tif"), "--mask", server.url("labels/small-mask.tif")
                },
                common));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(server.requests()).isPositive();
        CliRun l = CliRun.of(
                args(new String[] {"evaluate", "--image", small.toString(), "--mask", smallMask.toString()}, common));
        assertThat(l.exitCode()).as(l.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(r.out());
        JsonNode b = new ObjectMapper().readTree(l.out());
        assertThat(a.at("/run/image").asText()).isEqualTo(server.url("scenes/small.tif"));
        assertThat(a.at("/run/mask").asText()).isEqualTo(server.url("labels/small-mask.tif"));
        assertThat(a.at("/cloud/pixels").asLong()).isEqualTo(150 * 100); // the nodata row left out
        ObjectNode ea = ((ObjectNode) a).deepCopy();
        ObjectNode eb = ((ObjectNode) b).deepCopy();
        ea.remove("run"); // the inputs' names and the seconds differ
        eb.remove("run");
        assertThat(ea).isEqualTo(eb);
        assertThat(a.at("/run/model")).isEqualTo(b.at("/run/model"));
    }

    @Test
    void calibrateWithAnImageUrlAndAMaskUrlFitsWhatTheLocalFilesFit() throws Exception {
        Path a = dir.resolve("calibrated-remote.zip");
        Path b = dir.resolve("calibrated-local.zip");
        String[] common =
                args(S2, "--model", bundle.toString(), "--tile", "64", "--overlap", "16", "--json", "--sample", "1000");
        CliRun r = CliRun.of(args(
                new String[] {
                    "calibrate",
                    "-o",
                    a.toString(),
                    "--image",
                    server.url("scenes/small.tif"),
                    "--mask",
                    server.url("labels/small-mask.tif")
                },
                common));
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRun l = CliRun.of(args(
                new String[] {
                    "calibrate", "-o", b.toString(), "--image", small.toString(), "--mask", smallMask.toString()
                },
                common));
        assertThat(l.exitCode()).as(l.err()).isZero();
        JsonNode x = new ObjectMapper().readTree(r.out());
        JsonNode y = new ObjectMapper().readTree(l.out());
        assertThat(x.at("/sources/0/source").asText()).isEqualTo("small.tif");
        assertThat(x.at("/sources/0/pixels").asLong()).isEqualTo(150 * 100);
        for (String f :
                new String[] {"method", "temperature", "bias", "cloud_threshold", "ece_before", "ece_after", "sources"
                }) {
            assertThat(x.get(f)).as(f).isEqualTo(y.get(f));
        }
        assertThat(a).exists();
    }

    @Test
    void encodeOfAUrlEqualsEncodeOfTheLocalFile() throws Exception {
        Path a = dir.resolve("features-remote.npy");
        Path b = dir.resolve("features-local.npy");
        CliRun r = CliFixtures.encode(bundle, server.url("scenes/small.tif"), a, args(S2, "--json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRun l = CliFixtures.encode(bundle, small.toString(), b, S2);
        assertThat(l.exitCode()).as(l.err()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("input").asText()).isEqualTo(server.url("scenes/small.tif"));
        assertThat(j.get("width").asInt()).isEqualTo(150);
        assertThat(j.get("height").asInt()).isEqualTo(101);
        assertThat(j.get("features").asInt()).isEqualTo(64);
        // GeoTIFF features of a URL: georeferenced as the scene, the URL named as the input
        Path t = dir.resolve("features-remote.tif");
        CliRun g = CliFixtures.encode(bundle, server.url("scenes/small.tif"), t, S2);
        assertThat(g.exitCode()).as(g.err()).isZero();
        try (GeoTiffReader x = GeoTiffReader.open(t)) {
            assertThat(x.info().bandCount()).isEqualTo(64);
            assertThat(x.info().georeference().sameGrid(GEO, 1e-9)).isTrue();
        }
    }

    @Test
    void aNpyUrlAndAMissingMaskUrlAreOneErrorLineAndExitCode2() {
        server.put("arrays/in.npy", new byte[] {1, 2, 3});
        String npy = server.url("arrays/in.npy");
        CliRun e = CliFixtures.encode(bundle, npy, dir.resolve("f.npy"), S2);
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.err().lines().toList())
                .containsExactly("error: input " + npy + " is a .npy array behind a URL,"
                        + " which is read only from a local file: download it (e.g. curl -O URL) and give its path, "
                        + "or give a"
                        + " GeoTIFF's URL");
        String missing = server.url("labels/none.tif");
        CliRun v = CliRun.of(args(
                new String[] {"evaluate"},
                args(S2, "--model", bundle.toString(), "--image", server.url("scenes/small.tif"), "--mask", missing)));
        assertThat(v.exitCode()).isEqualTo(2);
        assertThat(v.err().lines().filter(x -> x.startsWith("error:")).toList())
                .containsExactly("error: cannot read " + missing + ": HTTP 404 (not found): check the URL");
    }

    @Test
    void a404IsOneErrorLineAndExitCode2() {
        String missing = server.url("scenes/none.tif");
        CliRun r = CliRun.of("info", missing, "--sensor", "sentinel2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList())
                .containsExactly("error: cannot read " + missing + ": HTTP 404 (not found): check the URL");
        Path out = dir.resolve("none.tif");
        CliRun m =
                CliRun.of("mask", missing, "--sensor", "sentinel2", "--model", bundle.toString(), "-o", out.toString());
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err()).contains("error: cannot read " + missing + ": HTTP 404 (not found): check the URL");
        assertThat(out).doesNotExist();
    }
}
