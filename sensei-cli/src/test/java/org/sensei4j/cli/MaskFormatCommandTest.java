package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * {@code sensei mask --format cog|gtiff}: the COG passes GDAL's validator, has the same pixels as the striped
 * GeoTIFF, mode overviews of the classes, and both describe themselves to gdalinfo (colours, class names,
 * metadata). GDAL is the oracle: these tests skip without gdal-bin and python3-gdal (CI installs both).
 */
class MaskFormatCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path image;
    static final int W = 600;
    static final int H = 530;
    static final Georeference GEO = Georeference.northUp(32632, 300000, 5000000, 20, 20);
    static String python;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model"), ClassScheme.CLEAR_CLOUD_SHADOW, 5);
        Random rnd = new Random(1);
        float[] v = new float[4 * W * H];
        for (int b = 0; b < 4; b++) {
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    double bright = Math.sin(r / 40.0) * Math.cos(c / 55.0) > 0.3 ? 6000 : 900;
                    v[(b * H + r) * W + c] = c < 3 ? 0 : (float) (bright + rnd.nextInt(800) + 300 * b);
                }
            }
        }
        image = dir.resolve("scene.tif");
        GeoTiffWriter.create(SampleType.UINT16).write(image, new FloatRaster(4, H, W, v, 0.0), GEO);
        python = validatorPython();
    }

    static String validatorPython() {
        for (String p : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process proc = new ProcessBuilder(
                                p, "-c", "import osgeo_utils.samples.validate_cloud_optimized_geotiff")
                        .redirectErrorStream(true)
                        .start();
                proc.getInputStream().readAllBytes();
                if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
                    return p;
                }
            } catch (IOException | InterruptedException e) {
                // next
            }
        }
        return null;
    }

    private static void assumeGdal() {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/gdalinfo")),
                "gdalinfo not found (install Debian gdal-bin): skipping the GDAL oracle");
        Assumptions.assumeTrue(
                python != null, "GDAL's COG validator not found (install Debian python3-gdal): skipping the COG check");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
        return out;
    }

    private static JsonNode info(Path f) throws Exception {
        return new ObjectMapper().readTree(run("gdalinfo", "-json", f.toString()));
    }

    private static float[] read(Path f, Integer overview) throws Exception {
        Path raw = Files.createTempFile(dir, "read", ".raw");
        List<String> cmd = new ArrayList<>(
                List.of("gdal_translate", "-q", "-of", "ENVI", "-ot", "Float32", "-co", "INTERLEAVE=BSQ"));
        if (overview != null) {
            cmd.addAll(List.of("-ovr", overview.toString()));
        }
        cmd.addAll(List.of(f.toString(), raw.toString()));
        run(cmd.toArray(String[]::new));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static String validate(Path f) throws Exception {
        return run(
                python, "-m", "osgeo_utils.samples.validate_cloud_optimized_geotiff", "--full-check=yes", f.toString());
    }

    @Test
    void classMaskIsACogByDefaultWithTheGtiffsPixelsModeOverviewsAndItsDescription() throws Exception {
        assumeGdal();
        Path cog = dir.resolve("mask.tif");
        Path gtiff = dir.resolve("mask-gtiff.tif");
        String[] common = {"--tile", "128", "--overlap", "0", "--threshold", "0.4"};
        CliRun a = CliFixtures.mask(image.toString(), bundle, cog, common);
        assertThat(a.exitCode()).as(a.err()).isZero();
        CliRun b = CliFixtures.mask(
                image.toString(), bundle, gtiff, CliFixtures.args(new String[] {"--format", "gtiff"}, common));
        assertThat(b.exitCode()).as(b.err()).isZero();

        assertThat(validate(cog)).contains("is a valid cloud optimized GeoTIFF");
        JsonNode ci = info(cog);
        JsonNode band = ci.at("/bands/0");
        assertThat(band.get("block").toString()).isEqualTo("[512,512]");
        assertThat(band.get("overviews")).hasSize(1);
        assertThat(band.at("/overviews/0/size").toString()).isEqualTo("[300,265]");
        assertThat(ci.at("/metadata/IMAGE_STRUCTURE/LAYOUT").asText()).isEqualTo("COG");
        assertThat(ci.at("/metadata/IMAGE_STRUCTURE/COMPRESSION").asText()).isEqualTo("DEFLATE");
        assertThat(run("gdalinfo", cog.toString())).contains("PREDICTOR=2");
        JsonNode gi = info(gtiff);
        assertThat(gi.at("/bands/0/block/1").asInt()).isLessThan(512); // strips
        assertThat(gi.at("/bands/0/overviews").isMissingNode()
                        || gi.at("/bands/0/overviews").isEmpty())
                .isTrue();

        for (JsonNode i : List.of(ci, gi)) {
            JsonNode b1 = i.at("/bands/0");
            assertThat(b1.get("colorInterpretation").asText()).isEqualTo("Palette");
            assertThat(b1.get("categories").toString()).isEqualTo("[\"clear\",\"cloud\",\"shadow\"]");
            assertThat(b1.get("description").asText()).isEqualTo("class (cloud-shadow)");
            JsonNode ct = b1.at("/colorTable/entries");
            ClassScheme s = ClassScheme.CLEAR_CLOUD_SHADOW;
            for (int c = 0; c < 3; c++) {
                int rgb = s.colour(c);
                assertThat(ct.get(c).toString())
                        .isEqualTo("[" + (rgb >> 16 & 255) + "," + (rgb >> 8 & 255) + "," + (rgb & 255) + ",255]");
            }
            assertThat(ct.get(255).toString()).isEqualTo("[0,0,0,0]");
            JsonNode md = i.at("/metadata/");
            assertThat(md.get("SENSEI_MODEL").asText()).isEqualTo(bundle.toString());
            assertThat(md.get("SENSEI_MODEL_VERSION").asText()).contains("commit");
            assertThat(md.get("SENSEI_THRESHOLD").asText()).isEqualTo("0.4");
            assertThat(md.get("SENSEI_DECISION").asText()).contains("0.4");
            assertThat(md.get("SENSEI_BANDS").asText()).isEqualTo("B02,B03,B04,B08");
            assertThat(md.get("SENSEI_SENSOR").asText()).startsWith("sentinel2");
            assertThat(md.get("SENSEI_SOFTWARE").asText()).isEqualTo(new ManifestVersion().getVersion()[0]);
            assertThat(md.get("SENSEI_DATE").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(md.get("SENSEI_CONTENT").asText()).isEqualTo("classes");
            assertThat(md.get("CLASSES").asText()).isEqualTo("0:clear,1:cloud,2:shadow,255:nodata");
        }
        assertThat(dir.resolve("mask.tif.aux.xml")).exists();
        assertThat(dir.resolve("mask-gtiff.tif.aux.xml")).exists();

        float[] full = read(cog, null);
        assertThat(full).isEqualTo(read(gtiff, null));
        boolean[] seen = new boolean[256];
        for (float v : full) {
            seen[(int) v] = true;
        }
        assertThat(seen[255]).as("the nodata columns").isTrue();
        // the overview: mode of each 2x2 block (nodata ignored; ties to the first in reading order)
        float[] ovr = read(cog, 0);
        int ow = 300;
        int oh = 265;
        assertThat(ovr).hasSize(ow * oh);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int[] v = {
                    (int) full[2 * y * W + 2 * x],
                    (int) full[2 * y * W + 2 * x + 1],
                    (int) full[(2 * y + 1) * W + 2 * x],
                    (int) full[(2 * y + 1) * W + 2 * x + 1]
                };
                int best = 255;
                int bestCount = 0;
                for (int i = 0; i < 4; i++) {
                    if (v[i] == 255) {
                        continue;
                    }
                    int n = 0;
                    for (int j = 0; j < 4; j++) {
                        n += v[j] == v[i] ? 1 : 0;
                    }
                    if (n > bestCount) {
                        best = v[i];
                        bestCount = n;
                    }
                }
                assertThat((int) ovr[y * ow + x])
                        .as("overview pixel (%d, %d) of %s", x, y, Arrays.toString(v))
                        .isEqualTo(best);
            }
        }
    }

    @Test
    void probabilitiesAndUncertaintyAreCogsWithAverageOverviewsAndBandDescriptions() throws Exception {
        assumeGdal();
        Path out = dir.resolve("probs.tif");
        Path unc = dir.resolve("unc.tif");
        Files.writeString(dir.resolve("probs.tif.aux.xml"), "<PAMDataset>stale</PAMDataset>");
        CliRun r = CliFixtures.mask(
                image.toString(),
                bundle,
                out,
                "--probabilities",
                "float",
                "--ensemble",
                "2",
                "--uncertainty",
                unc.toString(),
                "--tile",
                "128",
                "--overlap",
                "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("probs.tif.aux.xml"))
                .as("the stale sidecar of the replaced file")
                .doesNotExist();
        assertThat(validate(out)).contains("is a valid cloud optimized GeoTIFF");
        assertThat(validate(unc)).contains("is a valid cloud optimized GeoTIFF");
        JsonNode pi = info(out);
        assertThat(pi.get("bands")).hasSize(3);
        assertThat(pi.at("/bands/0/type").asText()).isEqualTo("Float32");
        assertThat(pi.at("/bands/1/description").asText()).isEqualTo("probability of cloud");
        assertThat(pi.at("/bands/0/overviews/0/size").toString()).isEqualTo("[300,265]");
        assertThat(pi.at("/metadata//SENSEI_CONTENT").asText()).isEqualTo("probabilities");
        assertThat(pi.at("/metadata//SENSEI_ENSEMBLE").asText()).isEqualTo("2 band subsets, seed 1");
        assertThat(pi.at("/metadata//OVERVIEW_RESAMPLING").asText()).isEqualTo("AVERAGE");
        assertThat(run("gdalinfo", out.toString())).contains("PREDICTOR=3");
        // the overview of band 2: mean of the valid 2x2 pixels
        float[] full = read(out, null);
        float[] ovr = read(out, 0);
        int plane = W * H;
        for (int y = 0; y < 265; y += 7) {
            for (int x = 0; x < 300; x += 5) {
                double s = 0;
                int n = 0;
                for (int[] d : new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}) {
                    float v = full[plane + (2 * y + d[0]) * W + 2 * x + d[1]];
                    if (!Float.isNaN(v)) {
                        s += v;
                        n++;
                    }
                }
                float got = ovr[300 * 265 + y * 300 + x];
                if (n == 0) {
                    assertThat(got)
                            .as("overview (%d, %d): no valid pixel", x, y)
                            .isNaN();
                } else {
                    assertThat(got).as("overview (%d, %d)", x, y).isEqualTo((float) (s / n));
                }
            }
        }
        JsonNode ui = info(unc);
        assertThat(ui.at("/bands/0/description").asText()).isEqualTo("ensemble disagreement (percent)");
        assertThat(ui.at("/metadata//SENSEI_CONTENT").asText()).isEqualTo("uncertainty (percent)");
        assertThat(ui.at("/bands/0/colorTable").isMissingNode()).isTrue();
    }

    @Test
    void aBadFormatIsOneErrorLine() {
        CliRun r = CliRun.of(
                "mask",
                image.toString(),
                "--sensor",
                "sentinel2",
                "--model",
                bundle.toString(),
                "-o",
                dir.resolve("x.tif").toString(),
                "--format",
                "png");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --format takes 'cog' or 'gtiff', got 'png'");
        assertThat(dir.resolve("x.tif")).doesNotExist();
    }
}
