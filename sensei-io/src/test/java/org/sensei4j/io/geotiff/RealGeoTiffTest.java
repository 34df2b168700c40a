package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.io.testdata.SharedData;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;

/** Real satellite GeoTIFFs from ../shared/data/real (skipped when absent). */
class RealGeoTiffTest {

    @TempDir
    Path scratch;

    private static Path real() {
        return SharedData.require("data/real", "real GeoTIFF files");
    }

    @Test
    void onCloudNChipB02() {
        Path f = real().resolve("on-cloud-n/chip_id_1/B02.tif");
        Assumptions.assumeTrue(Files.exists(f), f + " absent");
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            RasterInfo info = r.info();
            assertThat(info.width()).isEqualTo(512);
            assertThat(info.height()).isEqualTo(512);
            assertThat(info.bandCount()).isEqualTo(1);
            assertThat(info.sampleType()).isEqualTo(SampleType.UINT16);
            assertThat(info.nodata()).isEqualTo(0.0);
            assertThat(info.compression()).isEqualTo("NONE");
            assertThat(info.georeference().epsg()).hasValue(32736);
            assertThat(info.georeference().transform()).containsExactly(446235, 10, 0, 9705660, 0, -10);
            float[] band = r.readBand(0);
            // values from gdallocationinfo -valonly B02.tif COLUMN ROW
            assertThat(band[200 * 512 + 100]).isEqualTo(1142f);
            assertThat(band[0]).isEqualTo(749f);
            assertThat(r.read(new PixelWindow(100, 200, 1, 1)).data()).containsExactly(1142f);
        }
    }

    @Test
    void rioCloudmaskLandsatToa() {
        Path dir = real().resolve("rio-cloudmask");
        Path b2 = dir.resolve("LC80130312015295LGN00_B2_toa.tif");
        Assumptions.assumeTrue(Files.exists(b2), b2 + " absent");
        try (GeoTiffReader r = GeoTiffReader.open(b2)) {
            assertThat(r.info().width()).isEqualTo(508);
            assertThat(r.info().height()).isEqualTo(458);
            assertThat(r.info().sampleType()).isEqualTo(SampleType.FLOAT32);
            assertThat(r.info().compression()).isEqualTo("DEFLATE");
            assertThat(r.info().georeference().epsg()).hasValue(32618);
            assertThat(r.info().georeference().transform()).containsExactly(696345, 120, 0, 4563375, 0, -120);
            assertThat(r.read(new PixelWindow(254, 229, 1, 1)).data()[0]).isCloseTo(0.116883516311646f, within(1e-7f));
        }
        try (GeoTiffReader r = GeoTiffReader.open(dir.resolve("LC80130312015295LGN00_B10_toa.tif"))) {
            FloatRaster all = r.readAll();
            assertThat(all.get(0, 0, 0)).isCloseTo(4.16854858398438f, within(1e-5f));
            assertThat(all.get(0, 229, 254)).isCloseTo(13.9573059082031f, within(1e-5f));
        }
    }

    @Test
    void sen2rTwelveBandPixelInterleaved() {
        Path f = real().resolve("sen2r/S2A1C_20170703_022_Barbellino_TOA_10.tif");
        Assumptions.assumeTrue(Files.exists(f), f + " absent");
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            assertThat(r.info().bandCount()).isEqualTo(12);
            assertThat(r.info().width()).isEqualTo(24);
            assertThat(r.info().height()).isEqualTo(42);
            assertThat(r.info().nodata()).isEqualTo(65535.0);
            FloatRaster px = r.read(new PixelWindow(5, 7, 1, 1));
            // gdallocationinfo -valonly FILE 5 7
            assertThat(px.data()).containsExactly(1465, 1393, 1322, 1295, 1440, 2010, 2109, 1980, 1409, 21, 1787, 1193);
        }
    }

    @Test
    void rewritingARealFileKeepsItsGeoreference() throws IOException {
        Path f = real().resolve("sen2r/S2A1C_20170703_022_Barbellino_TOA_10.tif");
        Assumptions.assumeTrue(Files.exists(f), f + " absent");
        Path out = scratch.resolve("rewritten.tif");
        RasterInfo original;
        FloatRaster pixels;
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            original = r.info();
            pixels = r.readAll();
        }
        assertThat(original.georeference().geoKeys()).isPresent();
        GeoTiffWriter.create(SampleType.UINT16)
                .interleave(GeoTiffWriter.Interleave.BAND)
                .write(out, pixels, original.georeference());
        try (GeoTiffReader r = GeoTiffReader.open(out)) {
            assertThat(r.info().georeference()).isEqualTo(original.georeference());
            assertThat(r.info().nodata()).isEqualTo(65535.0);
            FloatArrays.assertSame(r.readAll().data(), pixels.data(), "rewritten sen2r");
        }
        if (Gdal.available()) {
            JsonNode before = Gdal.info(f);
            JsonNode after = Gdal.info(out);
            assertThat(after.path("coordinateSystem").path("wkt").asText())
                    .isEqualTo(before.path("coordinateSystem").path("wkt").asText());
            assertThat(Gdal.geoTransform(after)).containsExactly(Gdal.geoTransform(before));
        }
    }

    /** Every real GeoTIFF: metadata as gdalinfo reports it and every value as GDAL reads it. */
    @Test
    void everyRealFileAgreesWithGdal() throws IOException {
        Path real = real();
        Gdal.assumeAvailable();
        List<Path> files;
        try (Stream<Path> s = Files.walk(real)) {
            files = s.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        Set<Path> valuesChecked = new HashSet<>();
        for (Path f : files) {
            JsonNode g = Gdal.info(f);
            try (GeoTiffReader r = GeoTiffReader.open(f)) {
                RasterInfo info = r.info();
                String what = f.toString();
                assertThat(info.width())
                        .as(what)
                        .isEqualTo(g.path("size").get(0).asInt());
                assertThat(info.height())
                        .as(what)
                        .isEqualTo(g.path("size").get(1).asInt());
                assertThat(info.bandCount()).as(what).isEqualTo(g.path("bands").size());
                assertThat(info.sampleType().gdalName())
                        .as(what)
                        .isEqualTo(g.path("bands").get(0).path("type").asText());
                assertThat(info.compression())
                        .as(what)
                        .isEqualTo(g.path("metadata")
                                .path("IMAGE_STRUCTURE")
                                .path("COMPRESSION")
                                .asText("NONE"));
                assertThat(info.georeference().epsg()).as(what).hasValue(Gdal.epsg(g));
                assertThat(info.georeference().transform())
                        .as(what)
                        .containsExactly(Gdal.geoTransform(g), within(1e-9));
                JsonNode nd = g.path("bands").get(0).path("noDataValue");
                if (nd.isMissingNode()) {
                    assertThat(info.nodata()).as(what).isNull();
                } else {
                    assertThat(info.nodata().floatValue()).as(what).isEqualTo((float) nd.asDouble());
                }
                // values through GDAL for one file per folder (each folder has one producer and layout)
                if (valuesChecked.add(f.getParent())) {
                    FloatArrays.assertSame(r.readAll().data(), Gdal.readThroughGdal(f, scratch), what);
                }
            }
        }
    }
}
