package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;

/** Reads files that GDAL wrote from known values, in every layout the reader claims to support. */
class GeoTiffReaderGdalTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needGdal() {
        Gdal.assumeAvailable();
    }

    /** Smooth-ish values with noise, in range for {@code type}; band-major. */
    static float[] values(SampleType type, int bands, int height, int width, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[bands * height * width];
        for (int b = 0; b < bands; b++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    double x = 0.5 + 0.4 * Math.sin((r + 3 * b) / 11.0) * Math.cos(c / 7.0) + 0.1 * rnd.nextDouble();
                    v[(b * height + r) * width + c] = switch (type) {
                        case UINT8 -> (float) Math.floor(x * 255);
                        case INT8 -> (float) Math.floor(x * 255) - 128;
                        case UINT16 -> (float) Math.floor(x * 65535);
                        case INT16 -> (float) Math.floor(x * 65535) - 32768;
                        case UINT32, INT32 -> (float) Math.floor(x * 1e6) - (type == SampleType.INT32 ? 500000 : 0);
                        case FLOAT32, FLOAT64 -> (float) (x * 3 - 1);
                    };
                }
            }
        }
        return v;
    }

    private static final String UTM = "-a_srs EPSG:32632 -a_ullr 500000 5000000 503000 4997430";

    /** Writes the layout's values through GDAL; returns them with the file. */
    private Written write(TiffLayout layout) throws IOException {
        float[] v = layout.values();
        return new Written(layout, layout.write(dir, v), v);
    }

    private record Written(TiffLayout layout, Path tif, float[] values) {}

    private void assertMatchesGdal(Written w, RasterInfo info) {
        TiffLayout l = w.layout();
        assertMatchesGdal(w.tif(), info, l.type(), l.bands(), l.height(), l.width());
    }

    private void assertMatchesGdal(Path tif, RasterInfo info, SampleType type, int bands, int height, int width) {
        JsonNode g = Gdal.info(tif);
        assertThat(info.width()).isEqualTo(g.path("size").get(0).asInt()).isEqualTo(width);
        assertThat(info.height()).isEqualTo(g.path("size").get(1).asInt()).isEqualTo(height);
        assertThat(info.bandCount()).isEqualTo(g.path("bands").size()).isEqualTo(bands);
        assertThat(info.sampleType().gdalName())
                .isEqualTo(g.path("bands").get(0).path("type").asText());
        assertThat(info.sampleType()).isEqualTo(type);
        JsonNode block = g.path("bands").get(0).path("block");
        assertThat(info.blockWidth()).isEqualTo(block.get(0).asInt());
        assertThat(info.blockHeight()).isEqualTo(block.get(1).asInt());
        double[] gt = Gdal.geoTransform(g);
        if (gt == null) {
            assertThat(info.georeference()).isNull();
        } else {
            assertThat(info.georeference().transform()).containsExactly(gt, within(1e-9));
            int epsg = Gdal.epsg(g);
            if (epsg != 0) {
                assertThat(info.georeference().epsg()).hasValue(epsg);
            }
        }
        Gdal.assertNodata(g.path("bands").get(0), info.nodata(), tif.toString());
        String compression =
                g.path("metadata").path("IMAGE_STRUCTURE").path("COMPRESSION").asText("NONE");
        assertThat(info.compression()).isEqualTo(compression);
    }

    private void assertReadsExactly(Written w) {
        assertReadsExactly(
                w.tif(), w.layout().bands(), w.layout().height(), w.layout().width(), w.values());
    }

    /** Reads everything, then random windows and band subsets, against the known values. */
    private void assertReadsExactly(Path tif, int bands, int height, int width, float[] expected) {
        FloatRaster all;
        try (GeoTiffReader r = GeoTiffReader.open(tif)) {
            all = r.readAll();
            FloatArrays.assertSame(all.data(), expected, tif + " all bands");
            FloatRaster truth = new FloatRaster(bands, height, width, expected, null);
            Random rnd = new Random(42);
            for (int i = 0; i < 25; i++) {
                int w = 1 + rnd.nextInt(width);
                int h = 1 + rnd.nextInt(height);
                PixelWindow win = new PixelWindow(rnd.nextInt(width - w + 1), rnd.nextInt(height - h + 1), w, h);
                int[] order = bands == 1 ? new int[] {0} : new int[] {bands - 1, 0};
                FloatRaster got = r.read(win, order);
                FloatArrays.assertSame(
                        got.data(), truth.crop(win).selectBands(order).data(), tif + " " + win);
            }
            for (int b = 0; b < bands; b++) {
                FloatArrays.assertSame(r.readBand(b), truth.band(b), tif + " band " + b);
            }
        }
    }

    @Test
    void tiledDeflatePredictor2Uint16PixelInterleaved() throws IOException {
        Written w = write(new TiffLayout(
                "tiled_deflate_p2_u16",
                SampleType.UINT16,
                3,
                257,
                300,
                1,
                UTM + " -a_nodata 0 -co TILED=YES -co BLOCKXSIZE=64 -co BLOCKYSIZE=48 -co COMPRESS=DEFLATE"
                        + " -co PREDICTOR=2 -co INTERLEAVE=PIXEL"));
        try (GeoTiffReader r = GeoTiffReader.open(w.tif())) {
            RasterInfo info = r.info();
            assertThat(info.tiled()).isTrue();
            assertThat(info.nodata()).isEqualTo(0.0);
            assertThat(info.georeference().epsg()).hasValue(32632);
            assertThat(info.georeference().transform()).containsExactly(500000, 10, 0, 5000000, 0, -10);
            assertThat(info.georeference().anchor()).isEqualTo(Georeference.PixelAnchor.AREA);
            assertMatchesGdal(w, info);
        }
        assertReadsExactly(w);
    }

    @Test
    void lzwStripsInt16BandInterleavedWithShortLastStrip() throws IOException {
        Written w = write(new TiffLayout(
                "lzw_strip_i16",
                SampleType.INT16,
                2,
                101,
                77,
                2,
                UTM + " -a_nodata -32768 -co COMPRESS=LZW -co PREDICTOR=2 -co BLOCKYSIZE=7 -co INTERLEAVE=BAND"));
        try (GeoTiffReader r = GeoTiffReader.open(w.tif())) {
            assertThat(r.info().tiled()).isFalse();
            assertThat(r.info().blockHeight()).isEqualTo(7);
            assertThat(r.info().compression()).isEqualTo("LZW");
            assertThat(r.info().nodata()).isEqualTo(-32768.0);
            assertMatchesGdal(w, r.info());
        }
        assertReadsExactly(w);
    }

    static List<TiffLayout> bigEndianLayouts() {
        String big = UTM + " -co ENDIANNESS=BIG ";
        String tiles16 = " -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16";
        return List.of(
                new TiffLayout(
                        "big_endian_UINT16",
                        SampleType.UINT16,
                        3,
                        45,
                        61,
                        5,
                        big + "-co COMPRESS=DEFLATE -co INTERLEAVE=PIXEL"),
                new TiffLayout(
                        "big_endian_INT16",
                        SampleType.INT16,
                        3,
                        45,
                        61,
                        5,
                        big + "-co COMPRESS=DEFLATE -co INTERLEAVE=PIXEL"),
                new TiffLayout(
                        "big_endian", SampleType.UINT16, 2, 33, 40, 8, big + "-co COMPRESS=DEFLATE -co PREDICTOR=2"),
                new TiffLayout(
                        "big_endian_u8", SampleType.UINT8, 3, 33, 40, 10, big + "-co COMPRESS=LZW -co PREDICTOR=2"),
                // (no predictor 3 here: GDAL 3.6 cannot read back its own big-endian files with it)
                new TiffLayout(
                        "big_endian_f64",
                        SampleType.FLOAT64,
                        2,
                        33,
                        40,
                        11,
                        big + "-co COMPRESS=DEFLATE -co INTERLEAVE=BAND"),
                new TiffLayout(
                        "big_endian_i16",
                        SampleType.INT16,
                        2,
                        33,
                        40,
                        12,
                        big + "-co COMPRESS=LZW -co PREDICTOR=2 -co INTERLEAVE=BAND" + tiles16),
                new TiffLayout("big_endian_f32", SampleType.FLOAT32, 1, 33, 40, 9, big + "-co COMPRESS=LZW" + tiles16));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bigEndianLayouts")
    void bigEndianFilesRead(TiffLayout layout) throws IOException {
        Written w = write(layout);
        byte[] head = Files.readAllBytes(w.tif());
        assertThat(new String(head, 0, 2, StandardCharsets.US_ASCII))
                .as("byte order mark")
                .isEqualTo("MM");
        try (GeoTiffReader r = GeoTiffReader.open(w.tif())) {
            assertMatchesGdal(w, r.info());
        }
        assertReadsExactly(w);
    }

    @Test
    void float32FloatingPointPredictorWithNanNodata() throws IOException {
        TiffLayout l = new TiffLayout(
                "f32_p3",
                SampleType.FLOAT32,
                2,
                70,
                90,
                3,
                UTM + " -a_nodata nan -co COMPRESS=DEFLATE -co PREDICTOR=3 -co TILED=YES -co BLOCKXSIZE=32"
                        + " -co BLOCKYSIZE=32");
        float[] v = l.values();
        v[5] = Float.NaN;
        v[v.length - 1] = Float.NaN;
        Written w = new Written(l, l.write(dir, v), v);
        try (GeoTiffReader r = GeoTiffReader.open(w.tif())) {
            assertThat(r.info().nodata()).isNaN();
            assertMatchesGdal(w, r.info());
            FloatRaster all = r.readAll();
            assertThat(all.isNodata(all.data()[5])).isTrue();
        }
        assertReadsExactly(w);
    }

    @Test
    void cloudOptimisedGeoTiffReadsTheFullResolutionImage() throws IOException {
        Written w = write(new TiffLayout(
                "cog",
                SampleType.UINT16,
                1,
                700,
                650,
                4,
                UTM + " -of COG -co COMPRESS=DEFLATE -co BLOCKSIZE=256 -co PREDICTOR=YES -co OVERVIEWS=AUTO"
                        + " -co OVERVIEW_RESAMPLING=AVERAGE"));
        JsonNode g = Gdal.info(w.tif());
        assertThat(g.path("bands").get(0).path("overviews").size())
                .as("fixture has overviews")
                .isPositive();
        try (GeoTiffReader r = GeoTiffReader.open(w.tif())) {
            assertThat(r.info().tiled()).isTrue();
            assertThat(r.info().blockWidth()).isEqualTo(256);
            assertMatchesGdal(w, r.info());
        }
        assertReadsExactly(w);
    }

    static List<TiffLayout> geographicLayouts() {
        String[] options = {
            "-co COMPRESS=PACKBITS",
            "-co COMPRESS=DEFLATE -co PREDICTOR=2 -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16"
                    + " -co INTERLEAVE=BAND",
            "-co COMPRESS=LZW -co PREDICTOR=2",
            "",
            "-co COMPRESS=DEFLATE -co PREDICTOR=3",
            "-co COMPRESS=LZW -co INTERLEAVE=BAND -co TILED=YES -co BLOCKXSIZE=32 -co BLOCKYSIZE=16"
        };
        SampleType[] types = {
            SampleType.UINT8,
            SampleType.UINT8,
            SampleType.INT32,
            SampleType.UINT32,
            SampleType.FLOAT64,
            SampleType.FLOAT32
        };
        List<TiffLayout> layouts = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String wgs84 = "-a_srs EPSG:4326 -a_ullr 10 50 10.61 49.55 " + options[i];
            layouts.add(new TiffLayout("case" + i, types[i], 2, 45, 61, 10 + i, wgs84));
        }
        return layouts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geographicLayouts")
    void otherTypesAndCompressions(TiffLayout layout) throws IOException {
        Written w = write(layout);
        try (GeoTiffReader r = GeoTiffReader.open(w.tif())) {
            assertMatchesGdal(w, r.info());
            assertThat(r.info().georeference().epsg()).hasValue(4326);
            assertThat(r.info().georeference().isGeographic()).isTrue();
        }
        assertReadsExactly(w);
    }

    @Test
    void plainTiffHasNoGeoreference() throws IOException {
        Written w = write(new TiffLayout("plain", SampleType.UINT8, 1, 9, 13, 5, ""));
        try (GeoTiffReader r = GeoTiffReader.open(w.tif())) {
            assertThat(r.info().georeference()).isNull();
            assertThat(r.info().nodata()).isNull();
            assertThat(r.info().compression()).isEqualTo("NONE");
            assertMatchesGdal(w, r.info());
        }
        assertReadsExactly(w);
    }

    @Test
    void pixelIsPointOriginMatchesGdal() throws IOException {
        Path tif = write(new TiffLayout("point", SampleType.UINT16, 1, 10, 12, 6, UTM + " -mo AREA_OR_POINT=Point"))
                .tif();
        try (GeoTiffReader r = GeoTiffReader.open(tif)) {
            Georeference g = r.info().georeference();
            assertThat(g.anchor()).isEqualTo(Georeference.PixelAnchor.POINT);
            assertThat(g.transform()).containsExactly(Gdal.geoTransform(Gdal.info(tif)), within(1e-9));
        }
    }

    @Test
    void rotatedTransformFromModelTransformationTag() throws IOException {
        Path raw =
                Gdal.writeEnvi(dir, "rot_src", SampleType.FLOAT32, 1, 10, 20, values(SampleType.FLOAT32, 1, 10, 20, 7));
        Path vrt = dir.resolve("rot.vrt");
        Files.writeString(vrt, """
                <VRTDataset rasterXSize="20" rasterYSize="10">
                  <SRS>EPSG:32633</SRS>
                  <GeoTransform>400000, 10, 2.5, 6000000, 1.5, -10</GeoTransform>
                  <VRTRasterBand dataType="Float32" band="1">
                    <SimpleSource><SourceFilename relativeToVRT="1">%s</SourceFilename>\
                    <SourceBand>1</SourceBand></SimpleSource>
                  </VRTRasterBand>
                </VRTDataset>
                """.formatted(raw.getFileName()));
        Path tif = dir.resolve("rot.tif");
        Gdal.run("gdal_translate", "-q", vrt.toString(), tif.toString());
        try (GeoTiffReader r = GeoTiffReader.open(tif)) {
            Georeference g = r.info().georeference();
            assertThat(g.transform()).containsExactly(400000, 10, 2.5, 6000000, 1.5, -10);
            assertThat(g.epsg()).hasValue(32633);
            assertThat(g.isNorthUp()).isFalse();
            assertMatchesGdal(tif, r.info(), SampleType.FLOAT32, 1, 10, 20);
        }
    }

    @Test
    void windowReadsOnlyTheTilesItNeeds() throws IOException {
        int height = 1024, width = 1024;
        float[] v = new float[height * width];
        Random rnd = new Random(13);
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(65536); // noise: does not compress, so every tile is ~128 KiB
        }
        String options = UTM + " -co TILED=YES -co BLOCKXSIZE=256 -co BLOCKYSIZE=256 -co COMPRESS=DEFLATE";
        Path tif = new TiffLayout("noise", SampleType.UINT16, 1, height, width, 0, options).write(dir, v);
        long fileSize = Files.size(tif);
        FloatRaster truth = new FloatRaster(1, height, width, v, null);
        try (GeoTiffReader r = GeoTiffReader.open(tif)) {
            long afterOpen = r.bytesRead();
            assertThat(afterOpen)
                    .as("opening reads the header and directory only")
                    .isLessThan(70_000);
            PixelWindow inOneTile = new PixelWindow(300, 520, 200, 100);
            FloatArrays.assertSame(
                    r.read(inOneTile).data(), truth.crop(inOneTile).data(), "one tile");
            long oneTile = r.bytesRead() - afterOpen;
            assertThat(oneTile).isBetween(fileSize / 16 - 4096, fileSize / 16 + 70_000);
            PixelWindow fourTiles = new PixelWindow(200, 200, 100, 100);
            FloatArrays.assertSame(
                    r.read(fourTiles).data(), truth.crop(fourTiles).data(), "four tiles");
            assertThat(r.bytesRead() - afterOpen - oneTile)
                    .isBetween(4 * (fileSize / 16) - 16384, 4 * (fileSize / 16) + 70_000);
        }
    }
}
