package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.MaskBadInputTest.refused;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * {@code sensei info} and {@code sensei sensors} against careless and hostile files (issue 16): STAC items with
 * incomplete or clashing band metadata, odd hrefs, binary and aliased sensor files; each refusal one
 * {@code error:} line naming the file, asset or band, exit 2.
 */
class InfoAndSensorsBadInputTest {

    @TempDir
    static Path dir;

    private static String band(String name, String common, Double centreUm) {
        return "{\"name\": \"" + name + "\", \"common_name\": \"" + common + "\""
                + (centreUm == null ? "" : ", \"center_wavelength\": " + centreUm + ", \"full_width_half_max\": 0.04")
                + "}";
    }

    /** A STAC asset: its key, its file and its {@code eo:bands} (JSON objects, as {@link #band} writes them). */
    private record Asset(String key, String href, String bands) {}

    private static final Asset BLUE = new Asset("B02", "b1.tif", band("B02", "blue", 0.49));
    private static final Asset GREEN = new Asset("B03", "b2.tif", band("B03", "green", 0.56));

    private static Path item(String name, Asset... assets) throws Exception {
        StringBuilder a = new StringBuilder();
        for (Asset asset : assets) {
            if (a.length() > 0) {
                a.append(",\n");
            }
            a.append("\"")
                    .append(asset.key())
                    .append("\": {\"href\": \"")
                    .append(asset.href())
                    .append("\", \"type\": \"image/tiff; application=geotiff\", \"eo:bands\": [")
                    .append(asset.bands())
                    .append("]}");
        }
        Path p = dir.resolve(name);
        Files.writeString(
                p,
                "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"" + name + "\",\n"
                        + "\"properties\": {\"platform\": \"testsat\"},\n\"assets\": {" + a + "}}");
        return p;
    }

    @Test
    void stacBandsThatCannotBeDescribedAreRefusedUnlessMapped() throws Exception {
        Random rnd = new Random(5);
        for (String b : new String[] {"b1", "b2", "b3", "b4"}) {
            float[] v = new float[64];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1000 + rnd.nextInt(2000);
            }
            GeoTiffWriter.create(SampleType.UINT16)
                    .write(
                            dir.resolve(b + ".tif"),
                            new FloatRaster(1, 8, 8, v, 0.0),
                            Georeference.northUp(32632, 300000, 5000000, 10, 10));
        }
        Path noCentre = item("no-centre.json", BLUE, GREEN, new Asset("B08", "b4.tif", band("B08", "nir", null)));
        refused(
                "STAC item 'no-centre.json', asset 'B08', band 'B08' is a spectral band (common_name 'nir') without"
                        + " center_wavelength",
                "info",
                noCentre.toString());
        CliRun mapped = CliRun.of("info", noCentre.toString(), "--sensor", "sentinel2", "--bands", "B02,B03,B08");
        assertThat(mapped.exitCode()).as(mapped.err()).isZero();

        Path duplicate = item("duplicate.json", BLUE, GREEN, new Asset("B04", "b3.tif", band("B02", "red", 0.665)));
        refused(
                "asset 'B04', band 'B02' has center_wavelength 0.665 µm, but another band of that name has 0.49 µm",
                "info",
                duplicate.toString());

        Path authority = item(
                "authority.json",
                new Asset("B02", "file://server/data/b1.tif", BLUE.bands()),
                GREEN,
                new Asset("B04", "b3.tif", band("B04", "red", 0.665)));
        refused(
                "asset 'B02' has href file://server/data/b1.tif, which is not a local file URI",
                "info",
                authority.toString());
    }

    @Test
    void binaryAliasedAndSpecialSensorFilesAreRefused() throws Exception {
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, (byte) 0x80, (byte) 0xC3});
        refused(
                "sensor file '" + binary + "' is not UTF-8 text (a binary file?)",
                "sensors",
                "--sensor-file",
                binary.toString());
        Path aliased = dir.resolve("aliased.yaml");
        Files.writeString(
                aliased,
                "id: mysat\nname: &n0 My Sat\nbands:\n"
                        + "  - {id: G, min_nm: 520, centre_nm: 560, max_nm: 600, source: *n0}\n");
        refused(
                "YAML alias *n0 at line 4: aliases (&name, *name) are not supported",
                "sensors",
                "--sensor-file",
                aliased.toString());
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        refused("sensor file " + folder + " is a directory", "sensors", "--sensor-file", folder.toString());
    }
}
