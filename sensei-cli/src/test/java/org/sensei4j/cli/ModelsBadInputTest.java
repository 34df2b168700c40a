package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.MaskBadInputTest.refused;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * Hostile and broken model bundles and architectures (issue 16): sizes are bounded from the description and the
 * zip before anything is allocated; every refusal is one {@code error:} line, exit 2.
 */
class ModelsBadInputTest {

    @TempDir
    static Path dir;

    static Path good;

    @BeforeAll
    static void setUp() throws Exception {
        good = CliFixtures.untrainedBundle(dir.resolve("good"), ClassScheme.CLOUD_CLEAR, 1);
    }

    private static Path copyOfGood(String name) throws Exception {
        Path d = Files.createDirectory(dir.resolve(name));
        for (String e : new String[] {ModelBundle.MODEL_JSON, ModelBundle.PROVENANCE_JSON, ModelBundle.WEIGHTS}) {
            Files.copy(good.resolve(e), d.resolve(e));
        }
        return d;
    }

    private static Path withHead(String name, String field, long value) throws Exception {
        Path d = copyOfGood(name);
        ObjectMapper json = new ObjectMapper();
        ObjectNode model =
                (ObjectNode) json.readTree(d.resolve(ModelBundle.MODEL_JSON).toFile());
        ((ObjectNode) model.at("/spec/head")).put(field, value);
        json.writeValue(d.resolve(ModelBundle.MODEL_JSON).toFile(), model);
        return d;
    }

    @Test
    void hostileArchitecturesAreRefusedBeforeAllocating() throws Exception {
        Path hidden = withHead("hidden", "hidden", 2_000_000_000L);
        Path scene = dir.resolve("scene.tif");
        GeoTiffWriter.create(SampleType.UINT16)
                .write(
                        scene,
                        new FloatRaster(4, 8, 8, new float[4 * 64], null),
                        Georeference.northUp(32632, 300000, 5000000, 20, 20));
        Path classes = withHead("classes", "classes", 100_000);
        Object[][] cases = {
            {new String[] {"models", "describe", hidden.toString()}, "\"hidden\" is 2000000000, more than the 16384"},
            {
                CliFixtures.maskArgs(scene.toString(), hidden, dir.resolve("m.tif"), "--scale", "0.0001"),
                "\"hidden\" is 2000000000, more than the 16384"
            },
            {new String[] {"models", "describe", classes.toString()}, "more than the 254 a uint8 mask holds"},
            {
                new String[] {"models", "describe", "deeplabv3plus", "--in-channels", "2000000000"},
                "--in-channels must be 1..1024 for a fixed-band deeplabv3plus, got 2000000000"
            },
            {new String[] {"models", "describe", "nn", "--in-channels", "0"}, "--in-channels must be 1..1024"},
        };
        for (Object[] c : cases) {
            refused((String) c[1], (String[]) c[0]);
        }
    }

    @Test
    void aBundleWithAHugeWeightsEntryIsRefusedWithoutRunningOutOfMemory() throws Exception {
        Path zip = dir.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream os = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry(ModelBundle.MODEL_JSON));
            z.write(Files.readAllBytes(good.resolve(ModelBundle.MODEL_JSON)));
            z.closeEntry();
            z.putNextEntry(new ZipEntry(ModelBundle.WEIGHTS));
            for (int i = 0; i < 100; i++) {
                z.write(zeros); // 100 MB inflated, ~100 KB in the zip
            }
            z.closeEntry();
        }
        assertThat(Files.size(zip)).isLessThan(1 << 20);
        refused("weights.params is more than 96777216 bytes inflated", "models", "describe", zip.toString());
    }

    @Test
    void brokenBundlesNameTheProblem() throws Exception {
        Path linked = copyOfGood("linked");
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET token\n");
        Files.delete(linked.resolve(ModelBundle.MODEL_JSON));
        Files.createSymbolicLink(linked.resolve(ModelBundle.MODEL_JSON), secret);
        CliRun r = refused("model.json is a symbolic link", "models", "describe", linked.toString());
        assertThat(r.err()).doesNotContain("TOPSECRET");

        Path zip = CliFixtures.untrainedBundle(dir.resolve("good.zip"), ClassScheme.CLOUD_CLEAR, 1);
        byte[] all = Files.readAllBytes(zip);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(all, all.length * 2 / 3));
        refused("is corrupt or incompatible", "models", "describe", truncated.toString());
        Path notZip = dir.resolve("text.zip");
        Files.writeString(notZip, "hello");
        refused("it has no model.json", "models", "describe", notZip.toString());
    }
}
