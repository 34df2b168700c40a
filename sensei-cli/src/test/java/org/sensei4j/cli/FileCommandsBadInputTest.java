package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.MaskBadInputTest.refused;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.npy.NpyFile;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * {@code sensei encode}, {@code report} and {@code evaluate} against careless and hostile input (issue 16): no
 * output may overwrite an input, crafted headers and misaligned labels are refused with one {@code error:} line.
 */
class FileCommandsBadInputTest {

    @TempDir
    static Path dir;

    static Path npy;
    static Path json;
    static Path bundle;
    static Path scene;
    static final int W = 24;
    static final int H = 16;
    static final Georeference GEO = Georeference.northUp(32632, 300000, 5000000, 20, 20);

    @BeforeAll
    static void setUp() throws Exception {
        npy = dir.resolve("in.npy");
        NpyFile.writeFloat32(npy, new long[] {3, 4, 5}, new float[60]);
        json = dir.resolve("in.json");
        Files.writeString(json, "{}");
        bundle = CliFixtures.untrainedBundle(dir.resolve("model"), ClassScheme.CLOUD_CLEAR, 1);
        Random rnd = new Random(3);
        float[] v = new float[4 * W * H];
        for (int i = 0; i < v.length; i++) {
            v[i] = 500 + rnd.nextInt(5000);
        }
        scene = dir.resolve("scene.tif");
        GeoTiffWriter.create(SampleType.UINT16).write(scene, new FloatRaster(4, H, W, v, 0.0), GEO);
    }

    private static String[] encode(String in, Path out) {
        return CliFixtures.encodeArgs(
                dir.resolve("weights.hdf5"), in, out, "--sensor", "sentinel2", "--bands", "B02,B03,B04");
    }

    /** Writes an all-clear label of the scene's size on {@code grid}. */
    private static Path label(String name, Georeference grid) {
        return CliFixtures.labels(dir.resolve(name), W, H, grid, i -> 0);
    }

    @Test
    void encodeRefusesToOverwriteItsInputAndCraftedHeaders() throws Exception {
        byte[] before = Files.readAllBytes(npy);
        refused("is the input", encode(npy.toString(), npy));
        assertThat(Files.readAllBytes(npy)).isEqualTo(before);

        Path huge = dir.resolve("huge.npy");
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 4294967296, 4294967296), }";
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
                .putShort((short) h.length())
                .put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        Files.write(huge, b.array());
        refused("has more elements than a 64-bit count holds", encode(huge.toString(), dir.resolve("o.npy")));
        assertThat(Files.exists(dir.resolve("o.npy"))).isFalse();
    }

    @Test
    void reportRefusesToOverwriteItsInput() throws Exception {
        refused("is the input", "report", json.toString(), "-o", json.toString());
        Files.writeString(dir.resolve("log.csv"), "epoch,train_loss\n1,0.5\n");
        refused(
                "is the input",
                "report",
                json.toString(),
                "-o",
                dir.resolve("log.csv").toString(),
                "--training-log",
                dir.resolve("log.csv").toString());
        assertThat(Files.readString(json)).isEqualTo("{}");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo absent: cannot make a FIFO");
        Path fifo = dir.resolve("fifo.json");
        assertThat(new ProcessBuilder("/usr/bin/mkfifo", fifo.toString())
                        .start()
                        .waitFor())
                .isZero();
        refused(
                "evaluation JSON " + fifo + " is not a regular file",
                "report",
                fifo.toString(),
                "-o",
                dir.resolve("r.html").toString());
    }

    @Test
    void evaluateRefusesAShiftedLabelAndOutputsOverItsInputs() throws Exception {
        Path label = label("label.tif", Georeference.northUp(32632, 400000, 5000000, 20, 20));
        String[] base = CliFixtures.args(
                new String[] {
                    "evaluate", "--model", bundle.toString(), "--image", scene.toString(), "--mask", label.toString()
                },
                CliFixtures.args(CliFixtures.S2, "--scale", "0.0001")); // base[6]: the mask
        refused("is not on the image's grid: its pixels are up to 100000 CRS units (5000.0 pixels) away", base);
        Path otherCrs = label("label-crs.tif", Georeference.northUp(32633, 300000, 5000000, 20, 20));
        base[6] = otherCrs.toString();
        refused("is in EPSG:32633 but the image", base);
        Path aligned = label("label-ok.tif", Georeference.northUp(32632, 300000 + 9, 5000000 - 9, 20, 20));
        base[6] = aligned.toString();
        CliRun ok = CliRun.of(base);
        assertThat(ok.exitCode()).as("within half a pixel: " + ok.err()).isZero();

        String[] overImage = Arrays.copyOf(base, base.length + 2);
        overImage[base.length] = "--json";
        overImage[base.length + 1] = aligned.toString();
        refused("(--json) is the input", overImage);
    }
}
