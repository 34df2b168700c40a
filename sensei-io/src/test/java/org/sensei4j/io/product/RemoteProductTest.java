package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.remote.RangeServer;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/** Scenes read over HTTP with range requests read like the same local files. */
class RemoteProductTest {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    static final List<String> IDS = List.of("B02", "B03", "B04", "B08");

    @TempDir
    Path dir;

    RangeServer server;
    Path local;
    String url;

    @BeforeEach
    void start() throws IOException {
        server = new RangeServer();
        local = Fixtures.write(
                dir.resolve("scene.tif"),
                SampleType.UINT16,
                Fixtures.grid(10),
                0.0,
                4,
                300,
                400,
                (b, r, c) -> (r * 13 + c * 7) % 31 == 0 ? 0 : 1000 * (b + 1) + 3 * r + c);
        url = server.put("cogs/scene.tif", Files.readAllBytes(local));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ProductOptions s2() {
        return ProductOptions.forSensor(S2, IDS).withWarnings(w -> {});
    }

    private static void assertSame(SceneSource x, SceneSource y) {
        assertThat(x.width()).isEqualTo(y.width());
        assertThat(x.height()).isEqualTo(y.height());
        assertThat(x.bandIds()).isEqualTo(y.bandIds());
        assertThat(x.georeference()).isEqualTo(y.georeference());
        for (PixelWindow w : List.of(x.fullWindow(), new PixelWindow(17, 33, 120, 90))) {
            SceneWindow p = x.read(w);
            SceneWindow q = y.read(w);
            assertThat(p.values().data()).isEqualTo(q.values().data());
            assertThat(p.invalid()).isEqualTo(q.invalid());
        }
    }

    @Test
    void aRemoteGeoTiffReadsLikeTheLocalFile() {
        try (SceneSource r = ProductReaders.open(url, s2());
                SceneSource l = ProductReaders.open(local, s2())) {
            assertThat(((GeoTiffScene) r).kind()).isEqualTo("remote GeoTIFF");
            assertThat(r.id()).isEqualTo("scene");
            assertThat(((GeoTiffScene) r).bandFiles().get(0).location()).isEqualTo(url);
            assertSame(r, l);
        }
    }

    @Test
    void aSmallWindowFetchesOnlyAFewBlocks() throws IOException {
        long size = Files.size(local);
        try (GeoTiffReader r = GeoTiffReader.open(url)) {
            long header = server.bytesServed();
            assertThat(header).isLessThan(size / 5);
            r.read(new PixelWindow(0, 0, 10, 10), 0);
            assertThat(server.bytesServed() - header).isLessThan(size / 5);
        }
    }

    @Test
    void flakyAndRangeIgnoringServersGiveTheSameScene() {
        server.failEvery(3);
        try (SceneSource r = ProductReaders.open(url, s2());
                SceneSource l = ProductReaders.open(local, s2())) {
            assertSame(r, l);
        }
        server.failEvery(0).mode(RangeServer.Mode.IGNORE_RANGE);
        try (SceneSource r = ProductReaders.open(url, s2());
                SceneSource l = ProductReaders.open(local, s2())) {
            assertSame(r, l);
        }
    }

    @Test
    void aMissingRemoteFileIsOneLineNamingTheUrlAndStatus() {
        String missing = server.url("cogs/none.tif");
        assertThatThrownBy(() -> ProductReaders.open(missing, s2()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("cannot read " + missing + ": HTTP 404 (not found): check the URL");
    }

    private static String item(String href) {
        StringBuilder assets = new StringBuilder();
        assets.append("\"image\": {\"href\": \"")
                .append(href)
                .append("\", \"type\": \"image/tiff; application=geotiff\"," + " \"eo:bands\": [");
        double[][] wl = {{0.49, 0.098}, {0.56, 0.045}, {0.665, 0.038}, {0.842, 0.145}};
        for (int i = 0; i < 4; i++) {
            assets.append(i > 0 ? ", " : "")
                    .append("{\"name\": \"")
                    .append(IDS.get(i))
                    .append("\", \"center_wavelength\": ")
                    .append(wl[i][0])
                    .append(", \"full_width_half_max\": ")
                    .append(wl[i][1])
                    .append("}");
        }
        assets.append("]}");
        return "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"ITEM\", \"properties\": {},"
                + " \"geometry\": null, \"links\": [], \"assets\": {" + assets + "}}";
    }

    @Test
    void stacItemsWithRemoteAssetsAndRemoteItemsReadLikeLocalOnes() throws IOException {
        Path localItem = Files.writeString(dir.resolve("local.json"), item("scene.tif"));
        Path remoteAssets = Files.writeString(dir.resolve("remote-assets.json"), item(url));
        String remoteItem = server.put("cogs/item.json", item("scene.tif").getBytes(StandardCharsets.UTF_8));
        ProductOptions o = ProductOptions.defaults().withWarnings(w -> {});
        try (SceneSource l = ProductReaders.open(localItem, o);
                SceneSource a = ProductReaders.open(remoteAssets, o);
                SceneSource b = ProductReaders.open(remoteItem, o)) {
            assertThat(a.bandIds()).containsExactlyElementsOf(IDS);
            assertThat(((GeoTiffScene) b).bandFiles().get(0).location()).isEqualTo(url);
            assertSame(a, l);
            assertSame(b, l);
        }
    }

    @Test
    void rasterBandsScaleOffsetAndNodataOfARemoteAssetApplyAsForALocalFileWithThoseOptions() throws IOException {
        String item = item(url)
                .replace(
                        "\"eo:bands\": [",
                        "\"raster:bands\": [{\"nodata\": 1001, \"scale\": 0.0002,"
                                + " \"offset\": -0.1}, {\"scale\": 0.0002, \"offset\": -0.1}, {\"scale\": 0.0002, "
                                + "\"offset\": -0.1},"
                                + " {\"scale\": 0.0002, \"offset\": -0.1}], \"eo:bands\": [");
        String remoteItem = server.put("cogs/raster.json", item.getBytes(StandardCharsets.UTF_8));
        try (SceneSource r = ProductReaders.open(
                        remoteItem, ProductOptions.defaults().withWarnings(w -> {}));
                SceneSource l =
                        ProductReaders.open(local, s2().withScale(0.0002).withOffset(-0.1))) {
            GeoTiffScene g = (GeoTiffScene) r;
            assertThat(g.conversions().get(0).scale()).isEqualTo(0.0002);
            assertThat(g.conversions().get(0).offset()).isEqualTo(-0.1);
            assertThat(g.conversions().get(0).scaleAssumed()).isFalse();
            assertThat(g.conversions().get(0).nodata()).isEqualTo(1001.0);
            assertThat(g.conversions().get(1).nodata()).isEqualTo(0.0); // no raster nodata: the file's
            SceneWindow p = r.read(r.fullWindow());
            SceneWindow q = l.read(l.fullWindow());
            // band 1's stored value 1001 (row 0, column 1) is nodata in the item only
            assertThat(p.invalid()[1]).isEqualTo(SceneWindow.NODATA);
            assertThat(q.invalid()[1]).isEqualTo(SceneWindow.VALID);
            int plane = r.width() * r.height();
            for (int i = 0; i < plane; i++) {
                if (i != 1) {
                    assertThat(p.invalid()[i]).isEqualTo(q.invalid()[i]);
                    for (int b = 0; b < 4; b++) {
                        assertThat(p.values().data()[b * plane + i])
                                .isEqualTo(q.values().data()[b * plane + i]);
                    }
                }
            }
        }
    }
}
