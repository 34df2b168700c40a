package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.CliFixtures.encode;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.npy.NpyArray;
import org.sensei4j.io.npy.NpyFile;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.sensor.SensorRegistry;

class EncodeCommandTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static float[] input;
    static final int N = 4;
    static final int H = 9;
    static final int W = 11;

    @BeforeAll
    static void makeBundleAndInput() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("sensei-nn"), ClassScheme.CLOUD_CLEAR, 1);
        Random rnd = new Random(4);
        input = new float[N * H * W];
        for (int i = 0; i < input.length; i++) {
            input[i] = rnd.nextFloat() * 0.8f;
        }
        NpyFile.writeFloat32(dir.resolve("in.npy"), new long[] {N, H, W}, input);
    }

    @Test
    void encodesNpyToHwcFeaturesEqualToTheEncoder() throws Exception {
        Path out = dir.resolve("features.npy");
        CliRun r = encode(bundle, dir.resolve("in.npy").toString(), out, CliFixtures.S2);
        assertThat(r.exitCode()).as(r.err()).isZero();
        NpyArray a = NpyFile.read(out);
        assertThat(a.shape()).containsExactly(H, W, 64);
        // reference: the bundle's encoder called directly
        try (NDManager m = NDManager.newBaseManager()) {
            CloudModel model = ModelBundle.load(bundle, m).model();
            float[] d = new float[N * 3];
            var bands = SensorRegistry.builtIn().get("sentinel2").select(List.of("B02", "B03", "B04", "B08"));
            for (int b = 0; b < N; b++) {
                System.arraycopy(bands.get(b).wavelengths().normalised(), 0, d, 3 * b, 3);
            }
            float[] ref = model.sensei()
                    .forward(
                            new ParameterStore(m, false),
                            new NDList(m.create(input, new Shape(1, N, H, W)), m.create(d, new Shape(1, N, 3))),
                            false)
                    .singletonOrThrow()
                    .toFloatArray();
            float[] got = a.toFloats();
            for (int c = 0; c < 64; c++) {
                for (int p = 0; p < H * W; p++) {
                    assertThat(got[p * 64 + c]).isCloseTo(ref[c * H * W + p], Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void encodesGeoTiffKeepingTheGeoreferenceAndNodata() throws Exception {
        Path tif = dir.resolve("in.tif");
        float[] data = input.clone();
        data[0] = -9999f; // nodata in band 1 at pixel (0,0)
        Georeference geo = Georeference.northUp(32632, 500000, 5200000, 20, 20);
        GeoTiffWriter.create(SampleType.FLOAT32).write(tif, new FloatRaster(N, H, W, data, -9999.0), geo);
        Path out = dir.resolve("features.tif");
        CliRun r = encode(
                bundle,
                tif.toString(),
                out,
                "--wavelengths",
                "446:494:542,537.5:560:582.5,645.5:665:684.5,763.5:834:904.5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (GeoTiffReader reader = GeoTiffReader.open(out)) {
            assertThat(reader.info().bandCount()).isEqualTo(64);
            assertThat(reader.info().georeference().sameGrid(geo, 1e-9)).isTrue();
            assertThat(reader.info().georeference().epsg()).hasValue(32632);
            FloatRaster f = reader.readAll();
            assertThat(f.get(5, 0, 0)).isNaN();
            assertThat(f.get(5, 0, 1)).isFinite();
        }
        // self-describing for GDAL: band descriptions and what made the features
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/gdalinfo")),
                "gdalinfo not found (install Debian gdal-bin): skipping the GDAL oracle");
        Process p = new ProcessBuilder("gdalinfo", "-json", out.toString())
                .redirectErrorStream(true)
                .start();
        JsonNode info = new ObjectMapper().readTree(p.getInputStream());
        assertThat(p.waitFor()).isZero();
        assertThat(info.at("/bands/0/description").asText()).isEqualTo("SEnSeI feature 0");
        assertThat(info.at("/bands/63/description").asText()).isEqualTo("SEnSeI feature 63");
        assertThat(info.at("/metadata//SENSEI_CONTENT").asText()).isEqualTo("SEnSeI features");
        assertThat(info.at("/metadata//SENSEI_WEIGHTS").asText())
                .isEqualTo(bundle.getFileName().toString());
        assertThat(info.at("/metadata//SENSEI_INPUT").asText()).isEqualTo("in.tif");
        assertThat(info.at("/metadata//SENSEI_SOFTWARE").asText()).isEqualTo(new ManifestVersion().getVersion()[0]);
        assertThat(info.at("/metadata//SENSEI_SENSOR").asText()).isEqualTo("none (wavelengths given)");
    }

    @Test
    void userMistakesExitWith2AndOneLine() throws Exception {
        Path in = dir.resolve("in.npy");
        CliRun count = encode(bundle, in.toString(), dir.resolve("x.npy"), "--sensor", "sentinel2");
        assertThat(count.exitCode()).isEqualTo(2);
        assertThat(count.err()).contains("has 4 bands but 13 descriptors");
        CliRun sensor = encode(bundle, in.toString(), dir.resolve("x.npy"), "--sensor", "sentinel9");
        assertThat(sensor.exitCode()).isEqualTo(2);
        assertThat(sensor.err()).startsWith("error: unknown sensor 'sentinel9'");
        float[] withNaN = input.clone();
        withNaN[7] = Float.NaN;
        Path nan = dir.resolve("nan.npy");
        NpyFile.writeFloat32(nan, new long[] {N, H, W}, withNaN);
        CliRun nanRun =
                encode(bundle, nan.toString(), dir.resolve("nan-out.npy"), "--sensor", "s2", "--bands", "B2,B3,B4,B8");
        assertThat(nanRun.exitCode()).isEqualTo(2);
        assertThat(nanRun.err()).contains("non-finite value (NaN) at row 0, column 7");
        assertThat(Files.exists(dir.resolve("nan-out.npy"))).isFalse();
        CliRun missing = encode(
                bundle,
                dir.resolve("nope.npy").toString(),
                dir.resolve("y.npy"),
                "--sensor",
                "s2",
                "--bands",
                "B2,B3,B4,B8");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("input not found");
        assertThat(missing.err()).doesNotContain("Exception");
    }

    @Test
    void encodesWithThePublishedKerasWeights() throws Exception {
        Path weights = CliFixtures.publishedWeights("encode with the published weights");
        Path out = dir.resolve("published.npy");
        CliRun r = encode(weights, dir.resolve("in.npy").toString(), out, CliFixtures.S2);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(NpyFile.read(out).shape()).containsExactly(H, W, 64);
    }
}
