package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffWriter.Compression;
import org.sensei4j.io.geotiff.GeoTiffWriter.Interleave;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.GeoKeys;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;

/** Round trips through our writer and reader, checked against gdalinfo where GDAL is installed. */
class GeoTiffWriterTest {

    @TempDir
    Path dir;

    private static FloatRaster random(SampleType type, int bands, int height, int width, Double nodata, long seed) {
        return new FloatRaster(
                bands, height, width, GeoTiffReaderGdalTest.values(type, bands, height, width, seed), nodata);
    }

    private static final Georeference UTM32 = Georeference.northUp(32632, 399960, 5000040, 10, 10);

    @Test
    void roundTripsEveryTypeLayoutAndOddSize() {
        Random rnd = new Random(11);
        int n = 0;
        for (SampleType type : SampleType.values()) {
            for (Interleave interleave : Interleave.values()) {
                for (Compression compression : Compression.values()) {
                    int bands = 1 + rnd.nextInt(4);
                    int height = 1 + rnd.nextInt(90);
                    int width = 1 + rnd.nextInt(90);
                    Double nodata = rnd.nextBoolean() ? null : (type.isUnsigned() ? 0.0 : -1.0);
                    Georeference g = rnd.nextBoolean() ? null : UTM32;
                    FloatRaster r = random(type, bands, height, width, nodata, n);
                    Path p = dir.resolve("rt" + n++ + ".tif");
                    GeoTiffWriter.create(type)
                            .interleave(interleave)
                            .compression(compression)
                            .write(p, r, g);
                    try (GeoTiffReader reader = GeoTiffReader.open(p)) {
                        RasterInfo info = reader.info();
                        String what =
                                type + " " + interleave + " " + compression + " " + bands + "x" + height + "x" + width;
                        assertThat(info.sampleType()).as(what).isEqualTo(type);
                        assertThat(info.bandCount()).as(what).isEqualTo(bands);
                        assertThat(info.width()).isEqualTo(width);
                        assertThat(info.height()).isEqualTo(height);
                        assertThat(info.nodata()).as(what).isEqualTo(nodata);
                        assertThat(info.compression()).isEqualTo(compression.name());
                        assertThat(info.tiled()).isFalse();
                        if (g == null) {
                            assertThat(info.georeference()).isNull();
                        } else {
                            assertThat(info.georeference().sameGrid(g, 0))
                                    .as(what)
                                    .isTrue();
                        }
                        FloatArrays.assertSame(reader.readAll().data(), r.data(), what);
                    }
                }
            }
        }
    }

    @Test
    void keepsRotationPixelIsPointAndRawGeoKeys() {
        FloatRaster r = random(SampleType.FLOAT32, 2, 13, 17, Double.NaN, 1);
        Georeference rotated = Georeference.of(32633, 400000, 10, 2.5, 6000000, 1.5, -10);
        Path p1 = dir.resolve("rot.tif");
        GeoTiffWriter.create(SampleType.FLOAT32).write(p1, r, rotated);
        try (GeoTiffReader reader = GeoTiffReader.open(p1)) {
            assertThat(reader.info().georeference().sameGrid(rotated, 0)).isTrue();
            assertThat(reader.info().nodata()).isNaN();
        }
        Georeference point =
                Georeference.northUp(4326, 10, 50, 0.001, 0.001).withAnchor(Georeference.PixelAnchor.POINT);
        Path p2 = dir.resolve("point.tif");
        GeoTiffWriter.create(SampleType.FLOAT32).write(p2, r, point);
        Georeference back;
        try (GeoTiffReader reader = GeoTiffReader.open(p2)) {
            back = reader.info().georeference();
            assertThat(back.anchor()).isEqualTo(Georeference.PixelAnchor.POINT);
            assertThat(back.transform()).containsExactly(point.transform(), within(1e-12));
            assertThat(back.epsg()).hasValue(4326);
            assertThat(back.isGeographic()).isTrue();
        }
        // raw keys (here: user-defined projected CRS with a citation) are written back unchanged
        GeoKeys custom = new GeoKeys(
                new int[] {1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32767},
                new double[] {6378137.0},
                "my projection|");
        Georeference user = new Georeference(null, UTM32.transform(), null, custom);
        Path p3 = dir.resolve("user.tif");
        GeoTiffWriter.create(SampleType.UINT8).write(p3, random(SampleType.UINT8, 1, 4, 5, null, 2), user);
        try (GeoTiffReader reader = GeoTiffReader.open(p3)) {
            Georeference g = reader.info().georeference();
            assertThat(g.epsg()).isEmpty();
            assertThat(g.geoKeys()).contains(custom);
        }
    }

    @Test
    void gdalinfoAgreesWithWhatWeWrote() {
        Gdal.assumeAvailable();
        record Case(SampleType type, Interleave interleave, int bands, Double nodata, Georeference g) {}
        List<Case> cases = List.of(
                new Case(SampleType.FLOAT32, Interleave.PIXEL, 3, Double.NaN, UTM32),
                new Case(SampleType.UINT16, Interleave.BAND, 4, 0.0, UTM32),
                new Case(
                        SampleType.UINT8,
                        Interleave.PIXEL,
                        1,
                        255.0,
                        Georeference.northUp(4326, 8.5, 47.25, 0.0001, 0.0001)),
                new Case(
                        SampleType.INT16,
                        Interleave.BAND,
                        2,
                        -32768.0,
                        Georeference.of(32633, 400000, 10, 2.5, 6000000, 1.5, -10)),
                new Case(SampleType.FLOAT32, Interleave.BAND, 2, -9999.5, null),
                new Case(
                        SampleType.UINT16,
                        Interleave.PIXEL,
                        2,
                        null,
                        Georeference.northUp(32618, 600000, 4500000, 30, 30)
                                .withAnchor(Georeference.PixelAnchor.POINT)));
        int i = 0;
        for (Case c : cases) {
            FloatRaster r = random(c.type(), c.bands(), 37, 53, c.nodata(), i);
            Path p = dir.resolve("oracle" + i++ + ".tif");
            GeoTiffWriter.create(c.type()).interleave(c.interleave()).write(p, r, c.g());
            String what = c.toString();
            JsonNode info = Gdal.info(p);
            Gdal.assertRaster(info, what, 53, 37, c.bands(), c.type(), c.nodata());
            assertThat(info.path("metadata")
                            .path("IMAGE_STRUCTURE")
                            .path("COMPRESSION")
                            .asText())
                    .isEqualTo("DEFLATE");
            assertThat(info.path("metadata")
                            .path("IMAGE_STRUCTURE")
                            .path("INTERLEAVE")
                            .asText())
                    .as(what)
                    .isEqualTo(c.bands() == 1 ? "BAND" : c.interleave().name());
            Gdal.assertGeoreference(info, what, c.g());
            // and GDAL reads the same pixel values
            try {
                float[] viaGdal = Gdal.readThroughGdal(p, dir);
                FloatArrays.assertSame(viaGdal, r.data(), what + " read by GDAL");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("out.tif");
        GeoTiffWriter w = GeoTiffWriter.create(SampleType.UINT8);
        w.write(p, random(SampleType.UINT8, 1, 5, 5, null, 1), null);
        FloatRaster second = random(SampleType.UINT8, 2, 6, 7, null, 2);
        w.write(p, second, UTM32);
        try (GeoTiffReader r = GeoTiffReader.open(p)) {
            assertThat(r.info().bandCount()).isEqualTo(2);
            FloatArrays.assertSame(r.readAll().data(), second.data(), "replaced file");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("out.tif");
        }
    }

    @Test
    void valuesThatDoNotFitAreRefusedAndNothingIsWritten() throws IOException {
        Path p = dir.resolve("bad.tif");
        FloatRaster tooBig = new FloatRaster(1, 1, 3, new float[] {1, 256, 3}, null);
        assertThatThrownBy(() -> GeoTiffWriter.create(SampleType.UINT8).write(p, tooBig, null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("band 0 row 0 column 1 is 256.0, outside the Byte range 0..255");
        FloatRaster nan = new FloatRaster(1, 1, 2, new float[] {1, Float.NaN}, null);
        assertThatThrownBy(() -> GeoTiffWriter.create(SampleType.UINT16).write(p, nan, null))
                .hasMessageContaining("NaN")
                .hasMessageContaining("nodata");
        assertThatThrownBy(() -> GeoTiffWriter.create(SampleType.UINT16).write(p, nan.withNodata(-1.0), null))
                .hasMessageContaining("nodata value -1.0 does not fit UInt16");
        assertThat(p).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        // NaN becomes the nodata value; fractions round to nearest (ties to even)
        FloatRaster ok = new FloatRaster(1, 1, 4, new float[] {Float.NaN, 2.5f, 3.5f, 7.4f}, 65535.0);
        GeoTiffWriter.create(SampleType.UINT16).write(p, ok, null);
        try (GeoTiffReader r = GeoTiffReader.open(p)) {
            assertThat(r.readBand(0)).containsExactly(65535, 2, 4, 7);
        }
    }

    @Test
    void unwritableOrMissingDirectoryIsNamed() throws IOException {
        FloatRaster r = random(SampleType.UINT8, 1, 2, 2, null, 3);
        TargetChecks.assertUnwritableOrMissingDirectoryIsNamed(
                dir, target -> GeoTiffWriter.create(SampleType.UINT8).write(target, r, null));
    }
}
