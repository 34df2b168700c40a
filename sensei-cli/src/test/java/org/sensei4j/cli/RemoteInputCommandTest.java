package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.remote.RangeServer;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** {@code sensei info URL} and {@code sensei mask URL} against a local HTTP server with range requests. */
class RemoteInputCommandTest {

    @TempDir
    static Path dir;
    static Path bundle;
    static Path big;
    static Path small;
    static RangeServer server;
    static final Georeference GEO = Georeference.northUp(32632, 300000, 5000000, 20, 20);

    @BeforeAll
    static void setUp() throws Exception {
        bundle = dir.resolve("model");
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            ModelBundle.save(CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), m),
                    Provenance.untrained("test"), bundle);
        }
        big = write("big.tif", 1000, 1000);
        small = write("small.tif", 150, 101);
        server = new RangeServer();
        server.put("scenes/big.tif", Files.readAllBytes(big));
        server.put("scenes/small.tif", Files.readAllBytes(small));
    }

    private static Path write(String name, int w, int h) {
        Random rnd = new Random(w);
        float[] v = new float[4 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % (w * h) < w ? 0 : 500 + rnd.nextInt(5000);
        }
        Path p = dir.resolve(name);
        GeoTiffWriter.create(SampleType.UINT16).write(p, new FloatRaster(4, h, w, v, 0.0), GEO);
        return p;
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
        System.out.printf(Locale.ROOT, "sensei info over HTTP: %d of %d bytes served (%.2f %%) in %d requests%n",
                server.bytesServed(), size, 100 * share, server.requests());
        assertThat(share).isLessThan(0.03);
        assertThat(r.out()).contains("input       " + url).contains("reader      remote GeoTIFF")
                .contains("statistics  skipped for a remote input (only its headers were read; give --stats to read"
                        + " every pixel)")
                .contains("size        1000 x 1000 pixels, 4 bands").contains("CRS         EPSG:32632");
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
        CliRun r = CliRun.of("mask", server.url("scenes/small.tif"), "--sensor", "sentinel2", "--bands",
                "B02,B03,B04,B08", "--model", bundle.toString(), "-o", a.toString(), "--tile", "64", "--overlap", "16");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(server.requests()).isGreaterThanOrEqualTo(3);
        CliRun s = CliRun.of("mask", small.toString(), "--sensor", "sentinel2", "--bands", "B02,B03,B04,B08",
                "--model", bundle.toString(), "-o", b.toString(), "--tile", "64", "--overlap", "16");
        assertThat(s.exitCode()).as(s.err()).isZero();
        try (GeoTiffReader x = GeoTiffReader.open(a); GeoTiffReader y = GeoTiffReader.open(b)) {
            assertThat(x.info().georeference().sameGrid(GEO, 1e-9)).isTrue();
            assertThat(x.readBand(0)).isEqualTo(y.readBand(0));
        }
    }

    @Test
    void a404IsOneErrorLineAndExitCode2() {
        String missing = server.url("scenes/none.tif");
        CliRun r = CliRun.of("info", missing, "--sensor", "sentinel2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("error: cannot read " + missing
                + ": HTTP 404 (not found): check the URL");
        Path out = dir.resolve("none.tif");
        CliRun m = CliRun.of("mask", missing, "--sensor", "sentinel2", "--model", bundle.toString(), "-o", out.toString());
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err()).contains("error: cannot read " + missing + ": HTTP 404 (not found): check the URL");
        assertThat(out).doesNotExist();
    }
}
