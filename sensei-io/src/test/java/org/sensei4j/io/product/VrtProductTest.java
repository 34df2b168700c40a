package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.Gdal;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/** GDAL VRTs of simple sources read like multiband GeoTIFFs; everything else is refused in one line. */
class VrtProductTest {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    static final List<String> IDS = List.of("B02", "B03", "B04", "B08");

    @TempDir
    Path dir;

    Path multi;
    final List<Path> singles = new ArrayList<>();

    /** The same 4 bands x 37 x 53 uint16 values (nodata 0 at a few pixels) as one multiband and 4 single files. */
    @BeforeEach
    void fixtures() throws IOException {
        Fixtures.Pixel px = (b, r, c) -> (r * 7 + c * 3) % 29 == 0 ? 0 : 1000 * (b + 1) + 37 * r + c;
        multi = Fixtures.write(dir.resolve("multi.tif"), SampleType.UINT16, Fixtures.grid(20), 0.0, 4, 37, 53, px);
        Files.createDirectories(dir.resolve("bands"));
        for (int i = 0; i < 4; i++) {
            int band = i;
            singles.add(Fixtures.write(
                    dir.resolve("bands").resolve("T32_" + IDS.get(i) + ".tif"),
                    SampleType.UINT16,
                    Fixtures.grid(20),
                    0.0,
                    1,
                    37,
                    53,
                    (b, r, c) -> px.at(band, r, c)));
        }
    }

    private static ProductOptions s2() {
        return ProductOptions.forSensor(S2, IDS).withWarnings(w -> {});
    }

    private static SceneWindow readAll(Path input, ProductOptions o) {
        try (SceneSource s = ProductReaders.open(input, o)) {
            return s.read(s.fullWindow());
        }
    }

    private static void assertSameScene(Path a, Path b, ProductOptions o) {
        try (SceneSource x = ProductReaders.open(a, o);
                SceneSource y = ProductReaders.open(b, o)) {
            assertThat(x.width()).isEqualTo(y.width());
            assertThat(x.height()).isEqualTo(y.height());
            assertThat(x.bandIds()).isEqualTo(y.bandIds());
            assertThat(x.georeference().orElseThrow().sameGrid(y.georeference().orElseThrow(), 0))
                    .as("%s vs %s", x.georeference(), y.georeference())
                    .isTrue();
            assertThat(x.resolutionM()).isEqualTo(y.resolutionM());
            for (PixelWindow w : List.of(x.fullWindow(), new PixelWindow(5, 7, 20, 11))) {
                SceneWindow p = x.read(w);
                SceneWindow q = y.read(w);
                assertThat(p.values().data()).isEqualTo(q.values().data());
                assertThat(p.invalid()).isEqualTo(q.invalid());
            }
        }
    }

    // ---------------------------------------------------------------- GDAL as the oracle

    @Test
    void gdalbuildvrtSeparateReadsPixelForPixelLikeTheMultibandGeoTiff() {
        Gdal.assumeAvailable();
        List<String> cmd = new ArrayList<>(List.of("gdalbuildvrt", "-q", "-separate", "stack.vrt"));
        singles.forEach(p -> cmd.add("bands/" + p.getFileName()));
        Gdal.runIn(dir, cmd.toArray(String[]::new));
        Path vrt = dir.resolve("stack.vrt");
        try (SceneSource s = ProductReaders.open(vrt, s2())) {
            assertThat(((GeoTiffScene) s).kind()).isEqualTo("GDAL VRT");
            assertThat(s.id()).isEqualTo("stack");
            assertThat(s.bandIds()).containsExactlyElementsOf(IDS);
            assertThat(((GeoTiffScene) s).conversions().get(2).nodata()).isEqualTo(0.0);
            assertThat(((GeoTiffScene) s).bandFiles().get(3).file()).isEqualTo(singles.get(3));
        }
        assertSameScene(vrt, multi, s2());
        assertThat(readAll(vrt, s2()).invalid()).contains(SceneWindow.NODATA);
        // GDAL's own rendering of the VRT as a GeoTIFF reads the same too
        Gdal.runIn(dir, "gdal_translate", "-q", "stack.vrt", "from-gdal.tif");
        assertSameScene(vrt, dir.resolve("from-gdal.tif"), s2());
    }

    @Test
    void gdalbuildvrtWithAbsolutePathsAndASensorAloneMatchesBandsByFileOrderOrDescription() throws IOException {
        Gdal.assumeAvailable();
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        List<String> cmd = new ArrayList<>(List.of(
                "gdalbuildvrt", "-q", "-separate", other.resolve("abs.vrt").toString()));
        singles.forEach(p -> cmd.add(p.toString()));
        Gdal.runIn(dir, cmd.toArray(String[]::new));
        Path vrt = other.resolve("abs.vrt");
        assertThat(Files.readString(vrt)).contains("relativeToVRT=\"0\"");
        assertSameScene(vrt, multi, s2());
        // only --sensor: the VRT has 4 bands, sentinel2 13, and no descriptions say which
        assertThatThrownBy(() -> ProductReaders.open(vrt, ProductOptions.forSensor(S2, List.of())))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith(vrt + " has 4 bands but sensor sentinel2 has 13");
        // with descriptions naming the bands, the sensor alone is enough
        Files.writeString(
                vrt,
                Files.readString(vrt)
                        .replaceFirst("(<VRTRasterBand[^>]*band=\"(\\d)\"[^>]*>)", "$1<Description>B02</Description>"));
        String described = Files.readString(vrt);
        for (int i = 2; i <= 4; i++) {
            described = described.replaceFirst(
                    "(<VRTRasterBand[^>]*band=\"" + i + "\"[^>]*>)",
                    "$1<Description>" + IDS.get(i - 1) + "</Description>");
        }
        Files.writeString(vrt, described);
        try (SceneSource s =
                ProductReaders.open(vrt, ProductOptions.forSensor(S2, List.of()).withWarnings(w -> {}))) {
            assertThat(s.bandIds()).containsExactlyElementsOf(IDS);
        }
    }

    // ---------------------------------------------------------------- hand-written VRTs

    private static String band(int n, String type, String inner) {
        return "  <VRTRasterBand dataType=\"" + type + "\" band=\"" + n + "\">\n" + inner + "  </VRTRasterBand>\n";
    }

    private static String simple(String file, boolean relative, int sourceBand) {
        return "    <SimpleSource>\n      <SourceFilename relativeToVRT=\"" + (relative ? 1 : 0) + "\">" + file
                + "</SourceFilename>\n      <SourceBand>" + sourceBand + "</SourceBand>\n"
                + "      <SrcRect xOff=\"0\" yOff=\"0\" xSize=\"53\" ySize=\"37\"/>\n"
                + "      <DstRect xOff=\"0\" yOff=\"0\" xSize=\"53\" ySize=\"37\"/>\n    </SimpleSource>\n";
    }

    private Path vrt(String name, String bands) throws IOException {
        return vrt(name, "", bands);
    }

    private Path vrt(String name, String attributes, String bands) throws IOException {
        String xml = "<VRTDataset rasterXSize=\"53\" rasterYSize=\"37\"" + attributes + ">\n"
                + "  <SRS dataAxisToSRSAxisMapping=\"1,2\">PROJCS[\"WGS 84 / UTM zone 32N\",GEOGCS[\"WGS 84\","
                + "AUTHORITY[\"EPSG\",\"4326\"]],AUTHORITY[\"EPSG\",\"32632\"]]</SRS>\n"
                + "  <GeoTransform> 3.0e+05, 2.0e+01, 0.0, 5.0e+06, 0.0, -2.0e+01</GeoTransform>\n" + bands
                + "</VRTDataset>\n";
        return Files.writeString(dir.resolve(name), xml);
    }

    @Test
    void handWrittenBandSubsetOfAMultibandFileWithIdentityComplexSourceAndDescriptions() throws IOException {
        // bands 4 and 2 of the multiband file, the second through an identity ComplexSource, absolute path
        Path v = vrt(
                "subset.vrt",
                band(
                                1,
                                "UInt16",
                                "    <Description>nir</Description>\n    <NoDataValue>0</NoDataValue>\n"
                                        + simple(multi.toString(), false, 4))
                        + band(
                                2,
                                "UInt16",
                                "    <Description>B03</Description>\n    <NoDataValue>0</NoDataValue>\n"
                                        + "    <ComplexSource>\n      <SourceFilename "
                                        + "relativeToVRT=\"1\">multi.tif</SourceFilename>\n"
                                        + "      <SourceBand>2</SourceBand>\n      <ScaleOffset>0</ScaleOffset>\n"
                                        + "      <ScaleRatio>1</ScaleRatio>\n      <NODATA>0</NODATA>\n    "
                                        + "</ComplexSource>\n"));
        ProductOptions sensorOnly = ProductOptions.forSensor(S2, List.of()).withWarnings(w -> {});
        ProductOptions selected =
                ProductOptions.forSensor(S2, List.of("B08", "B03")).withWarnings(w -> {});
        try (SceneSource s = ProductReaders.open(v, sensorOnly);
                SceneSource m = ProductReaders.open(multi, s2())) {
            assertThat(s.bandIds()).containsExactly("B08", "B03"); // "nir" is sentinel2's B08 by common name
            SceneWindow a = s.read(s.fullWindow());
            SceneWindow b = m.read(m.fullWindow());
            int plane = 53 * 37;
            float[] expected = new float[2 * plane];
            System.arraycopy(b.values().data(), 3 * plane, expected, 0, plane);
            System.arraycopy(b.values().data(), plane, expected, plane, plane);
            assertThat(a.values().data()).isEqualTo(expected);
            assertThat(a.invalid()).isEqualTo(b.invalid());
        }
        try (SceneSource s = ProductReaders.open(v, selected)) {
            assertThat(s.bandIds()).containsExactly("B08", "B03");
        }
    }

    @Test
    void withoutNoDataValueTheVrtBandHasNoNodataAsInGdal() throws IOException {
        Path v = vrt(
                "nonodata.vrt",
                band(1, "UInt16", simple("multi.tif", true, 1))
                        + band(2, "UInt16", simple("multi.tif", true, 2))
                        + band(3, "UInt16", simple("multi.tif", true, 3)));
        try (SceneSource s = ProductReaders.open(
                v, ProductOptions.forSensor(S2, List.of("B02", "B03", "B04")).withWarnings(w -> {}))) {
            assertThat(((GeoTiffScene) s).conversions().get(0).nodata()).isNull();
            assertThat(s.read(s.fullWindow()).invalid()).containsOnly(SceneWindow.VALID);
        }
    }

    private void assertRefused(Path v, String message) {
        assertThatThrownBy(() -> ProductReaders.open(v, s2()))
                .isInstanceOf(SenseiException.class)
                .hasMessage(message);
    }

    private String four(String first) {
        return first
                + band(2, "UInt16", simple("multi.tif", true, 2))
                + band(3, "UInt16", simple("multi.tif", true, 3))
                + band(4, "UInt16", simple("multi.tif", true, 4));
    }

    @Test
    void unsupportedFeaturesAreRefusedInOneLineNamingTheFeatureAndTheFix() throws IOException {
        assertRefused(
                vrt("warped.vrt", " subClass=\"VRTWarpedDataset\"", ""),
                "VRT " + dir.resolve("warped.vrt")
                        + " is a warped VRT (VRTWarpedDataset), which is not supported: write the warped result to a "
                        + "GeoTIFF"
                        + " (gdalwarp -of GTiff) and give that");
        Path derived = vrt(
                "derived.vrt",
                "  <VRTRasterBand dataType=\"Float32\" band=\"1\" subClass=\"VRTDerivedRasterBand\">"
                        + "<PixelFunctionType>sum</PixelFunctionType>" + simple("multi.tif", true, 1)
                        + "</VRTRasterBand>\n");
        assertRefused(
                derived,
                "VRT " + derived + ": band 1 is a derived band (VRTDerivedRasterBand, a pixel"
                        + " function), which is not supported: compute it into a GeoTIFF (gdal_translate -of GTiff) "
                        + "and give that");
        Path kernel = vrt(
                "kernel.vrt",
                four(band(
                        1,
                        "UInt16",
                        "<KernelFilteredSource><SourceFilename relativeToVRT=\"1\">"
                                + "multi.tif</SourceFilename><SourceBand>1</SourceBand><Kernel><Size>3</Size></Kernel>"
                                + "</KernelFilteredSource>")));
        assertRefused(
                kernel,
                "VRT " + kernel + ": band 1 is filtered by a kernel (KernelFilteredSource), which is not"
                        + " supported: filter it into a GeoTIFF (gdal_translate -of GTiff) and give that");
        Path scaled = vrt(
                "scaled.vrt",
                four(band(
                        1,
                        "UInt16",
                        "<ComplexSource><SourceFilename relativeToVRT=\"1\">"
                                + "multi.tif</SourceFilename><SourceBand>1</SourceBand><ScaleOffset>0</ScaleOffset>"
                                + "<ScaleRatio>0.5</ScaleRatio></ComplexSource>")));
        assertRefused(
                scaled,
                "VRT " + scaled + ": band 1 is scaled by its source (ScaleOffset 0, ScaleRatio 0.5),"
                        + " which is not supported: leave the scaling out of the VRT and give it with "
                        + "--scale/--offset, or scale"
                        + " it into a GeoTIFF (gdal_translate -of GTiff)");
        Path lut = vrt(
                "lut.vrt",
                four(band(
                        1,
                        "UInt16",
                        "<ComplexSource><SourceFilename relativeToVRT=\"1\">"
                                + "multi.tif</SourceFilename><LUT>0:0,1:10</LUT></ComplexSource>")));
        assertRefused(
                lut,
                "VRT " + lut + ": band 1 is scaled by its source (<LUT>), which is not supported: scale it"
                        + " into a GeoTIFF (gdal_translate -of GTiff) and give that, or give the scale with "
                        + "--scale/--offset");
        Path resampled = vrt(
                "resampled.vrt",
                four(band(
                        1,
                        "UInt16",
                        simple("multi.tif", true, 1)
                                .replace(
                                        "<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"53\" ySize=\"37\"/>",
                                        "<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"26\" ySize=\"18\"/>"))));
        assertRefused(
                resampled,
                "VRT " + resampled + ": band 1 takes a part of the grid or resamples (SrcRect 0,0"
                        + " 26x18, the grid is 53x37), which is not supported: give sources on the VRT's grid, whole"
                        + " (gdalbuildvrt -separate of files on one grid), or resample them into a GeoTIFF with "
                        + "gdalwarp");
        Path mosaic =
                vrt("mosaic.vrt", four(band(1, "UInt16", simple("multi.tif", true, 1) + simple("multi.tif", true, 1))));
        assertRefused(
                mosaic,
                "VRT " + mosaic + ": band 1 has 2 sources (a mosaic), which is not supported: mosaic the"
                        + " files into a GeoTIFF (gdalwarp or gdal_merge.py) and give that, or give one source per "
                        + "band");
        Files.copy(kernel, dir.resolve("inner.vrt"));
        Path nested = vrt("nested.vrt", four(band(1, "UInt16", simple("inner.vrt", true, 1))));
        assertRefused(
                nested,
                "VRT " + nested + ": band 1 reads another VRT (inner.vrt), a nested VRT, which is"
                        + " not supported: build one VRT straight from the GeoTIFFs (gdalbuildvrt -separate"
                        + " B02.tif B03.tif ... out.vrt)");
        Path converted = vrt("converted.vrt", four(band(1, "Float32", simple("multi.tif", true, 1))));
        assertRefused(
                converted,
                "VRT " + converted + ": band 1 (multi.tif) is Float32 in the VRT but UInt16 in the"
                        + " file (a type conversion), which is not supported: build the VRT without -ot, or convert "
                        + "the file"
                        + " (gdal_translate -ot Float32)");
    }

    @Test
    void sourcesOnAnotherGridAreRefused() throws IOException {
        Fixtures.write(dir.resolve("coarse.tif"), SampleType.UINT16, Fixtures.grid(40), 0.0, 1, 37, 53, (b, r, c) -> 5);
        Path v = vrt("grids.vrt", four(band(1, "UInt16", simple("coarse.tif", true, 1))));
        assertRefused(
                v,
                "VRT " + v + ": band 1 (coarse.tif) has GeoTransform 300000,40,0,5000000,0,-40 but the VRT"
                        + " has 300000,20,0,5000000,0,-20 (sources on different grids), which is not supported: give "
                        + "sources on"
                        + " one grid, or resample them onto one with gdalwarp -tr/-te first");
        Fixtures.write(dir.resolve("small.tif"), SampleType.UINT16, Fixtures.grid(20), 0.0, 1, 30, 53, (b, r, c) -> 5);
        Path w = vrt(
                "sizes.vrt",
                four(band(
                        1,
                        "UInt16",
                        simple("small.tif", true, 1)
                                .replace("<SrcRect xOff=\"0\" yOff=\"0\" xSize=\"53\" ySize=\"37\"/>", ""))));
        assertRefused(
                w,
                "VRT " + w + ": band 1 (small.tif) is 53x30 pixels but the VRT's grid is 53x37 (sources on"
                        + " different grids), which is not supported: give sources on one grid, or resample them onto "
                        + "one with"
                        + " gdalwarp -tr/-te first");
    }

    @Test
    void doctypesAndExternalEntitiesAreNeverResolved() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "multi.tif");
        Path v = dir.resolve("xxe.vrt");
        Files.writeString(
                v,
                "<?xml version=\"1.0\"?>\n<!DOCTYPE VRTDataset [<!ENTITY f SYSTEM \"" + secret.toUri()
                        + "\">]>\n<VRTDataset rasterXSize=\"53\" rasterYSize=\"37\">"
                        + band(
                                1,
                                "UInt16",
                                "<SimpleSource><SourceFilename relativeToVRT=\"1\">&f;</SourceFilename></SimpleSource>")
                        + "</VRTDataset>");
        assertThatThrownBy(() -> ProductReaders.open(v, s2()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("VRT " + v + " is not well-formed XML (line 2: ")
                .hasMessageEndingWith("): rebuild it with gdalbuildvrt (documents with a DOCTYPE are refused)")
                .message()
                .doesNotContain("\n");
    }

    @Test
    void aMissingSourceNamesThePathAndTheFix() throws IOException {
        Path v = vrt("missing.vrt", four(band(1, "UInt16", simple("gone.tif", true, 1))));
        assertRefused(
                v,
                v + ": the source of band 1 (gone.tif) does not exist at " + dir.resolve("gone.tif")
                        + ": put the file there or fix <SourceFilename> (relativeToVRT=\"1\" paths are relative to "
                        + "the VRT)");
    }
}
