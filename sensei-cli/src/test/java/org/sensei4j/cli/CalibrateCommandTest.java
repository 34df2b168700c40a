package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.H;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.W;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.labelled;
import static org.sensei4j.cli.CliFixtures.OnCloudNScene.truthCloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.cli.CliFixtures.OnCloudNScene;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.metrics.Reliability;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.CloudPredictor;
import org.sensei4j.model.cloud.Int8Check;
import org.sensei4j.model.cloud.Precision;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.model.onnx.Int8Weights;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

class CalibrateCommandTest {

    @TempDir
    static Path dir;

    static OnCloudNScene scene;
    static final String[] BANDS = {"--sensor", "sentinel2", "--bands", "B02,B03,B04,B08"};
    /** The uncalibrated model's cloud probability per pixel. */
    static float[] raw;

    @BeforeAll
    static void setUp() throws Exception {
        scene = OnCloudNScene.write(dir);
        float[] p = CliFixtures.maskS2(scene.bundle(), scene.image()).probabilities();
        raw = Arrays.copyOfRange(p, W * H, 2 * W * H); // class 1 = cloud
    }

    /** Cloud pixels of a mask written by sensei mask --classes cloud. */
    static long cloudPixels(Path tif) {
        try (GeoTiffReader r = GeoTiffReader.open(tif)) {
            float[] c = r.readBand(0);
            long n = 0;
            for (float x : c) {
                n += x == 1 ? 1 : 0;
            }
            return n;
        }
    }

    static String[] mask(Path model, Path out, String... more) {
        List<String> a = new ArrayList<>(
                List.of("mask", scene.image().toString(), "-o", out.toString(), "--model", model.toString()));
        a.addAll(List.of(BANDS));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** sensei evaluate of the fixture image against its mask (On Cloud N codes), writing {@code json}. */
    static String[] evaluate(Path model, Path json, String... more) {
        return CliFixtures.args(
                CliFixtures.evaluateArgs(model, scene.image(), scene.mask(), more), "--json", json.toString());
    }

    /** sensei calibrate of {@code model} into {@code out} on the fixture image with {@code labels} (On Cloud N). */
    static String[] calibrate(Path model, Path out, Path labels, String... more) {
        List<String> a = new ArrayList<>(List.of(
                "calibrate",
                "--model",
                model.toString(),
                "-o",
                out.toString(),
                "--image",
                scene.image().toString(),
                "--mask",
                labels.toString(),
                "--mask-codes",
                "on-cloud-n"));
        a.addAll(List.of(more));
        a.addAll(List.of(BANDS));
        return a.toArray(String[]::new);
    }

    @Test
    void maskAndEvaluateUseTheStoredThresholdUnlessThresholdIsGiven() throws Exception {
        // a threshold at the median calibrated probability, so the decision surely differs from argmax and 0.5
        Calibration map =
                new Calibration(Calibration.TEMPERATURE_BIAS, 2.0, 0.3, 0.5, null, null, null, null, null, null, null);
        float[] cal = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            cal[i] = (float) map.cloud(raw[i]);
        }
        float[] sorted = cal.clone();
        Arrays.sort(sorted);
        double t = Math.round(sorted[sorted.length / 2] * 100) / 100.0;
        Calibration c =
                new Calibration(Calibration.TEMPERATURE_BIAS, 2.0, 0.3, t, "test", null, null, null, null, null, null);
        Path calibrated = dir.resolve("calibrated.zip");
        ModelBundle.saveCalibrated(scene.bundle(), c, calibrated);
        long atStored = 0;
        long atHalf = 0;
        long argmax = 0;
        long tp = 0;
        long tn = 0;
        for (int i = 0; i < raw.length; i++) {
            atStored += cal[i] >= t ? 1 : 0;
            atHalf += cal[i] >= 0.5 ? 1 : 0;
            argmax += raw[i] > 1 - raw[i] ? 1 : 0;
            if (labelled(i)) {
                tp += cal[i] >= t && truthCloud(i) ? 1 : 0;
                tn += cal[i] < t && !truthCloud(i) ? 1 : 0;
            }
        }
        assertThat(atStored).isNotEqualTo(atHalf).isNotEqualTo(argmax);

        Path out = dir.resolve("m1.tif");
        CliRun stored = CliRun.of(mask(calibrated, out));
        assertThat(stored.exitCode()).as(stored.err()).isZero();
        assertThat(stored.err()).contains("decision: cloud threshold " + t + " (calibrated, from the bundle");
        assertThat(cloudPixels(out)).isEqualTo(atStored);
        CliRun given = CliRun.of(mask(calibrated, out, "--threshold", "0.5"));
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.err()).contains("decision: cloud threshold 0.5 (--threshold)");
        assertThat(cloudPixels(out)).isEqualTo(atHalf);
        CliRun old = CliRun.of(mask(scene.bundle(), out));
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.err()).contains("decision: most probable class");
        assertThat(cloudPixels(out)).isEqualTo(argmax);

        Path json = dir.resolve("eval.json");
        CliRun ev = CliRun.of(evaluate(calibrated, json));
        assertThat(ev.exitCode()).as(ev.err()).isZero();
        assertThat(ev.err()).contains("decision: cloud threshold " + t);
        JsonNode e = new ObjectMapper().readTree(json.toFile());
        assertThat(e.at("/run/cloud_threshold").asDouble()).isEqualTo(t);
        assertThat(e.at("/cloud/tp").asLong()).isEqualTo(tp);
        assertThat(e.at("/cloud/tn").asLong()).isEqualTo(tn);
        // the reliability diagram is of the calibrated probability the decision used
        Reliability r = new Reliability();
        for (int i = 0; i < raw.length; i++) {
            if (labelled(i)) {
                r.add(cal[i], truthCloud(i));
            }
        }
        assertThat(e.at("/reliability/ece").asDouble()).isCloseTo(r.ece(), within(1e-6));
        assertThat(e.at("/reliability/pixels").asLong()).isEqualTo(r.pixels());
        CliRun given2 = CliRun.of(evaluate(calibrated, json, "--threshold", "0.5"));
        assertThat(given2.exitCode()).as(given2.err()).isZero();
        long tpHalf = 0;
        for (int i = 0; i < raw.length; i++) {
            tpHalf += labelled(i) && truthCloud(i) && cal[i] >= 0.5 ? 1 : 0;
        }
        assertThat(new ObjectMapper().readTree(json.toFile()).at("/cloud/tp").asLong())
                .isEqualTo(tpHalf);

        Path html = dir.resolve("report.html");
        CliRun rep = CliRun.of("report", json.toString(), "-o", html.toString());
        assertThat(rep.exitCode()).as(rep.err()).isZero();
        assertThat(rep.err()).contains("1 reliability diagram(s)");
        assertThat(Files.readString(html))
                .contains("Reliability of the cloud probability")
                .contains("Reliability diagram")
                .contains("data:image/png;base64,");
    }

    /**
     * For a model with a shadow class, calibrate fits the shadow threshold on the pool's shadow labels: labels that
     * call shadow exactly where shadow's share of clear + shadow reaches a value on the grid give back that value.
     * Labels without a shadow class (On Cloud N) leave it out, and so does --no-shadow-threshold.
     */
    @Test
    void aModelWithShadowGetsTheShadowThresholdItsShadowLabelsCallFor() throws Exception {
        Path model = CliFixtures.untrainedBundle(dir.resolve("shadow-model.zip"), ClassScheme.CLEAR_CLOUD_SHADOW, 23);
        float[] p = CliFixtures.maskS2(model, scene.image()).probabilities();
        int n = W * H;
        float[] shares = new float[n];
        for (int i = 0; i < n; i++) {
            shares[i] = p[2 * n + i] / (p[i] + p[2 * n + i]);
        }
        float[] sorted = shares.clone();
        Arrays.sort(sorted);
        double cut = Math.round(sorted[n / 2] * 100) / 100.0;
        // codes 0 shadow, 3 clear (no cloud labels: the pool is clear sky for the cloud fit)
        Path labels = CliFixtures.labels(dir.resolve("shadow-labels.tif"), W, H, CliFixtures.GRID_10M, i -> {
            boolean shadow = Calibration.isShadow(p[i], p[2 * n + i], cut);
            return labelled(i) ? (shadow ? 0 : 3) : 255;
        });
        List<String> common = List.of(
                "calibrate",
                "--model",
                model.toString(),
                "--image",
                scene.image().toString(),
                "--mask",
                labels.toString(),
                "--mask-codes",
                "shadow=0;clear=3;nodata=255",
                "--sensor",
                "sentinel2",
                "--bands",
                "B02,B03,B04,B08");
        Path out = dir.resolve("shadow-calibrated.zip");
        CliRun fitted = CliRun.of(CliFixtures.args(common.toArray(String[]::new), "-o", out.toString()));
        assertThat(fitted.exitCode()).as(fitted.err()).isZero();
        // by hand: shadow F1 per threshold of 0.05..0.95 over the labelled pixels the fitted cloud decision leaves
        // (the pool's only source); the highest threshold within 0.01 of the best
        MaskResult fit = CliFixtures.maskS2(out, scene.image());
        double[] f1 = new double[96];
        double best = 0;
        for (int j = 5; j <= 95; j++) {
            long tp = 0;
            long fp = 0;
            long shadowLabels = 0;
            for (int i = 0; i < n; i++) {
                if (!labelled(i)) {
                    continue;
                }
                boolean truth = Calibration.isShadow(p[i], p[2 * n + i], cut);
                shadowLabels += truth ? 1 : 0;
                boolean called = fit.classes()[i] != 1
                        && Calibration.isShadow(fit.probabilities()[i], fit.probabilities()[2 * n + i], j / 100.0);
                tp += called && truth ? 1 : 0;
                fp += called && !truth ? 1 : 0;
            }
            f1[j] = 2.0 * tp / (tp + fp + shadowLabels);
            best = Math.max(best, f1[j]);
        }
        int want = 95;
        while (f1[want] < best - 0.01) {
            want--;
        }
        double expected = want / 100.0;
        assertThat(expected).isBetween(cut, cut + 0.1);
        assertThat(fitted.out())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "shadow threshold %.2f: a pixel not called cloud is shadow where p(shadow) / (p(shadow) + "
                                + "p(clear)) >= %.2f; mean shadow F1 over 1 source(s) with shadow labels %.2f",
                        expected,
                        expected,
                        100 * f1[want]));
        try (CloudMasker masker = CloudMasker.load(out)) {
            assertThat(masker.calibration().shadowThreshold()).isEqualTo(expected);
        }
        CliRun json = CliRun.of(CliFixtures.args(
                common.toArray(String[]::new), "-o", dir.resolve("shadow-2.zip").toString(), "--json"));
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.get("shadow_threshold").asDouble()).isEqualTo(expected);
        assertThat(j.get("shadow_f1").asDouble())
                .isGreaterThan(j.get("shadow_f1_most_probable").asDouble());

        CliRun none = CliRun.of(CliFixtures.args(
                common.toArray(String[]::new), "-o", dir.resolve("shadow-3.zip").toString(), "--no-shadow-threshold"));
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).doesNotContain("shadow");
        try (CloudMasker m = CloudMasker.load(dir.resolve("shadow-3.zip"))) {
            assertThat(m.calibration().shadowThreshold()).isNull();
        }
        CliRun noLabels = CliRun.of(calibrate(model, dir.resolve("shadow-4.zip"), scene.mask()));
        assertThat(noLabels.exitCode()).as(noLabels.err()).isZero();
        assertThat(noLabels.out())
                .contains("shadow: the more probable of shadow and clear (no source of the pool has shadow labels)");
        try (CloudMasker m = CloudMasker.load(dir.resolve("shadow-4.zip"))) {
            assertThat(m.calibration().shadowThreshold()).isNull();
        }
    }

    /**
     * --int8-check masks the pool in fp32 and int8 with the new calibration and stores how they compare; a per-pixel
     * model is refused before any masking. The stored numbers are those of the two masks computed here.
     */
    @Test
    void int8CheckStoresHowADeepLabsInt8MasksCompareAndRefusesAPerPixelHead() throws Exception {
        Path refused = dir.resolve("i8-nn.zip");
        CliRun nn = CliRun.of(calibrate(scene.bundle(), refused, scene.mask(), "--int8-check"));
        assertThat(nn.exitCode()).isEqualTo(2);
        assertThat(nn.err())
                .startsWith("error: --int8-check compares int8 with fp32 masks of a DeepLabv3+ head, and model '")
                .contains("' has a nn head, which always runs in fp32: leave out --int8-check");
        assertThat(nn.err().lines()).hasSize(1);
        assertThat(Files.exists(refused)).isFalse();

        Path deepLab = CliFixtures.untrainedBundle(
                dir.resolve("dl.zip"), ClassScheme.CLOUD_CLEAR, 21, "test", HeadType.DEEPLAB_V3_PLUS);
        // labels the untrained network ranks: cloud where its fp32 cloud probability is above the median
        MaskingOptions options = MaskingOptions.defaults();
        float[] p = CliFixtures.maskS2(deepLab, scene.image(), options.withPrecision(Precision.FP32))
                .probabilities();
        float[] cloudP = Arrays.copyOfRange(p, W * H, 2 * W * H);
        float[] sorted = cloudP.clone();
        Arrays.sort(sorted);
        float median = sorted[sorted.length / 2];
        IntPredicate truthCloud = i -> cloudP[i] > median;
        Path ranked = CliFixtures.labels(
                dir.resolve("dl-ranked.tif"),
                W,
                H,
                CliFixtures.GRID_10M,
                i -> labelled(i) ? (truthCloud.test(i) ? 1 : 0) : 255);
        Path out = dir.resolve("dl-int8.zip");
        CliRun r = CliRun.of(calibrate(deepLab, out, ranked, "--int8-check", "--json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("int8 check: every scene masked in fp32 and int8");
        JsonNode check = new ObjectMapper().readTree(r.out()).get("int8_check");
        Int8Check c;
        try (CloudMasker calibrated = CloudMasker.load(out)) {
            c = calibrated.calibration().int8Check();
        }
        assertThat(c).isNotNull();
        assertThat(check.get("pixels").asLong()).isEqualTo(c.pixels()).isEqualTo((long) W * H);
        assertThat(c.weightBits()).isEqualTo(Int8Weights.forThisMachine().bits());
        assertThat(c.floatConvolutions()).isEqualTo(CloudPredictor.INT8_FLOAT_CONVOLUTIONS);
        MaskResult fp32 = CliFixtures.maskS2(out, scene.image(), options.withPrecision(Precision.FP32));
        MaskResult int8 = CliFixtures.maskS2(out, scene.image(), options.withPrecision(Precision.INT8));
        assertThat(int8.stats().precision()).startsWith("int8");
        long same = 0;
        long correctFp32 = 0;
        long correctInt8 = 0;
        long labelled = 0;
        for (int i = 0; i < W * H; i++) {
            same += fp32.classes()[i] == int8.classes()[i] ? 1 : 0;
            if (labelled(i)) {
                labelled++;
                int truth = truthCloud.test(i) ? 1 : 0;
                correctFp32 += fp32.classes()[i] == truth ? 1 : 0;
                correctInt8 += int8.classes()[i] == truth ? 1 : 0;
            }
        }
        assertThat(c.agreementPercent()).isCloseTo(100.0 * same / (W * H), within(1e-9));
        assertThat(c.oaDifference()).isCloseTo(100.0 * (correctInt8 - correctFp32) / labelled, within(1e-9));
        assertThat(check.get("agreement_percent").asDouble()).isEqualTo(c.agreementPercent());
        // sensei mask (precision auto) says why it ran fp32: a 45 x 38 px scene is far below 16 Mpx
        CliRun m = CliRun.of(mask(out, dir.resolve("dl-int8.tif")));
        assertThat(m.exitCode()).as(m.err()).isZero();
        assertThat(m.err())
                .contains(
                        c.meetsTheBar()
                                ? "precision: fp32 (auto: the scene has 0.0 Mpx, int8 pays for its start-up from "
                                        + "16.0 Mpx"
                                : "precision: fp32 (auto: the bundle's int8 check is below the bar: ");
        CliRun unchecked = CliRun.of(mask(deepLab, dir.resolve("dl.tif")));
        assertThat(unchecked.err())
                .contains("precision: fp32 (auto: the bundle has no int8 check (sensei calibrate --int8-check))");
        CliRun forced = CliRun.of(mask(deepLab, dir.resolve("dl8.tif"), "--precision", "int8"));
        assertThat(forced.err()).contains("precision: int8: 14 convolutions");
    }

    @Test
    void calibrateWritesANewBundleThatDescribeShowsAndNeverOverwritesTheInput() throws Exception {
        byte[] before = Files.readAllBytes(scene.bundle());
        // the untrained model does not rank the fixture's labels (cloud = top half): calibrating on them is refused
        CliRun reversed = CliRun.of(calibrate(scene.bundle(), dir.resolve("x.zip"), scene.mask()));
        assertThat(reversed.exitCode()).isEqualTo(2);
        assertThat(reversed.err()).contains("error: the fitted map reverses the ranking");
        // labels the model ranks: cloud where its probability is above the median (with some noise)
        float[] sorted = raw.clone();
        Arrays.sort(sorted);
        float median = sorted[sorted.length / 2];
        Random rnd = new Random(5);
        float[] labels = new float[W * H];
        long labelledPixels = 0;
        long cloud = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean isCloud = (raw[i] >= median) != (rnd.nextDouble() < 0.1);
            labels[i] = labelled(i) ? (isCloud ? 1 : 0) : 255;
            labelledPixels += labelled(i) ? 1 : 0;
            cloud += labelled(i) && isCloud ? 1 : 0;
        }
        Path ranked = dir.resolve("ranked.tif");
        GeoTiffWriter.create(SampleType.UINT8)
                .write(
                        ranked,
                        new FloatRaster(1, H, W, labels, 255.0),
                        Georeference.northUp(32633, 400000, 6000000, 10, 10));
        Path out = dir.resolve("fitted.zip");
        CliRun r = CliRun.of(calibrate(scene.bundle(), out, ranked));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("temperature").contains("| img.tif |");
        CliRun d = CliRun.of("models", "describe", out.toString());
        assertThat(d.exitCode()).as(d.err()).isZero();
        JsonNode c = new ObjectMapper().readTree(d.out()).at("/model/spec/calibration");
        assertThat(c.get("method").asText()).isEqualTo(Calibration.TEMPERATURE_BIAS);
        assertThat(c.get("cloud_threshold").asDouble()).isBetween(0.01, 0.99);
        assertThat(c.at("/pool/0/name").asText()).isEqualTo("img.tif");
        assertThat(c.at("/pool/0/pixels").asLong()).isEqualTo(labelledPixels);
        assertThat(c.at("/pool/0/cloud_pixels").asLong()).isEqualTo(cloud);
        assertThat(c.has("ece_before")).isTrue();
        assertThat(c.has("smoothing")).isFalse();
        assertThat(Files.readAllBytes(scene.bundle())).isEqualTo(before);
        CliRun m = CliRun.of(mask(out, dir.resolve("m2.tif")));
        assertThat(m.err())
                .contains("decision: cloud threshold "
                        + c.get("cloud_threshold").asDouble() + " (calibrated, from the bundle")
                .doesNotContain("averaged");
        // --smoothing 3: the same fit (same sample seed), with the window stored and named in the decision
        Path smoothed = dir.resolve("smoothed.zip");
        CliRun s3 = CliRun.of(calibrate(scene.bundle(), smoothed, ranked, "--json", "--smoothing", "3"));
        assertThat(s3.exitCode()).as(s3.err()).isZero();
        assertThat(new ObjectMapper().readTree(s3.out()).get("smoothing").asInt())
                .isEqualTo(3);
        JsonNode c3 = new ObjectMapper()
                .readTree(CliRun.of("models", "describe", smoothed.toString()).out())
                .at("/model/spec/calibration");
        assertThat(c3.get("smoothing").asInt()).isEqualTo(3);
        assertThat(c3.get("cloud_threshold").asDouble())
                .isEqualTo(c.get("cloud_threshold").asDouble());
        assertThat(c3.get("temperature").asDouble())
                .isEqualTo(c.get("temperature").asDouble());
        CliRun m3 = CliRun.of(mask(smoothed, dir.resolve("m3.tif")));
        assertThat(m3.exitCode()).as(m3.err()).isZero();
        assertThat(m3.err()).contains(", cloud probability averaged over 3x3 pixels)");
        // mask --smoothing 3 on the unsmoothed calibration gives the same mask; --smoothing 1 turns it off again
        CliRun given3 = CliRun.of(mask(out, dir.resolve("g3.tif"), "--smoothing", "3"));
        assertThat(given3.exitCode()).as(given3.err()).isZero();
        assertThat(given3.err()).contains(", cloud probability averaged over 3x3 pixels)");
        try (GeoTiffReader a = GeoTiffReader.open(dir.resolve("m3.tif"));
                GeoTiffReader b = GeoTiffReader.open(dir.resolve("g3.tif"));
                GeoTiffReader plain = GeoTiffReader.open(dir.resolve("m2.tif"))) {
            assertThat(b.readBand(0)).containsExactly(a.readBand(0));
            assertThat(plain.readBand(0)).isNotEqualTo(a.readBand(0));
        }
        CliRun off = CliRun.of(mask(smoothed, dir.resolve("off.tif"), "--smoothing", "1"));
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.err()).doesNotContain("averaged");
        try (GeoTiffReader a = GeoTiffReader.open(dir.resolve("off.tif"));
                GeoTiffReader plain = GeoTiffReader.open(dir.resolve("m2.tif"))) {
            assertThat(a.readBand(0)).containsExactly(plain.readBand(0));
        }
        CliRun uncalibrated = CliRun.of(mask(scene.bundle(), dir.resolve("u.tif"), "--smoothing", "3"));
        assertThat(uncalibrated.exitCode()).isEqualTo(2);
        assertThat(uncalibrated.err())
                .startsWith("error: --smoothing needs a calibrated bundle")
                .contains("sensei calibrate --smoothing 3");
        assertThat(Files.exists(dir.resolve("u.tif"))).isFalse();
        CliRun evenMask = CliRun.of(mask(out, dir.resolve("e.tif"), "--smoothing", "2"));
        assertThat(evenMask.exitCode()).isEqualTo(2);
        assertThat(evenMask.err()).startsWith("error: --smoothing must be an odd window side from 1 to 15 pixels");
        CliRun even = CliRun.of(calibrate(scene.bundle(), smoothed, ranked, "--smoothing", "4"));
        assertThat(even.exitCode()).isEqualTo(2);
        assertThat(even.err())
                .isEqualTo("error: --smoothing must be an odd window side from 1 to 15 pixels, got 4 (3 averages each "
                        + "pixel with its 8 neighbours)" + System.lineSeparator());

        // --cirrus-test and --snow-test: stored with the same fit, named in the decision; mask --no-cirrus-test and
        // --no-snow-test leave them out
        Path cirrus = dir.resolve("cirrus.zip");
        CliRun ct = CliRun.of(calibrate(
                scene.bundle(), cirrus, ranked, "--json", "--cirrus-test", "0.01,0.03", "--snow-test", "0.8,0.85"));
        assertThat(ct.exitCode()).as(ct.err()).isZero();
        JsonNode ctJson = new ObjectMapper().readTree(ct.out());
        assertThat(ctJson.get("cirrus_test").toString()).isEqualTo("[0.01,0.03]");
        assertThat(ctJson.get("snow_test").toString()).isEqualTo("[0.8,0.85]");
        JsonNode cc = new ObjectMapper()
                .readTree(CliRun.of("models", "describe", cirrus.toString()).out())
                .at("/model/spec/calibration");
        assertThat(cc.at("/cirrus_test/low").asDouble()).isEqualTo(0.01);
        assertThat(cc.at("/cirrus_test/high").asDouble()).isEqualTo(0.03);
        assertThat(cc.at("/snow_test/low").asDouble()).isEqualTo(0.8);
        assertThat(cc.at("/snow_test/high").asDouble()).isEqualTo(0.85);
        assertThat(cc.get("cloud_threshold").asDouble())
                .isEqualTo(c.get("cloud_threshold").asDouble());
        CliRun mc = CliRun.of(mask(cirrus, dir.resolve("mc.tif")));
        assertThat(mc.exitCode()).as(mc.err()).isZero();
        assertThat(mc.err())
                .contains(", lowered by the snow test from NDSI 0.8 to 0.85, raised by the 1.38 um cirrus test from "
                        + "0.01 to 0.03 where the scene has a cirrus band)");
        CliRun off2 = CliRun.of(mask(cirrus, dir.resolve("mc-off.tif"), "--no-cirrus-test"));
        assertThat(off2.exitCode()).as(off2.err()).isZero();
        assertThat(off2.err()).doesNotContain("cirrus test").contains("snow test");
        CliRun off3 = CliRun.of(mask(cirrus, dir.resolve("mc-off3.tif"), "--no-snow-test", "--no-cirrus-test"));
        assertThat(off3.exitCode()).as(off3.err()).isZero();
        assertThat(off3.err()).doesNotContain("cirrus test").doesNotContain("snow test");
        for (String[] bad : new String[][] {
            {"--cirrus-test", "0.03,0.01", "cirrus_test needs 0 <= low < high <= 1"},
            {
                "--cirrus-test",
                "0.01",
                "--cirrus-test takes two reflectances LOW,HIGH (e.g. --cirrus-test 0.01,0.03), " + "got 1 value(s)"
            },
            {"--snow-test", "0.9,0.8", "snow_test needs -1 <= low < high <= 1 (NDSI)"},
            {
                "--snow-test",
                "0.8,0.85,0.9",
                "--snow-test takes two NDSI values LOW,HIGH (e.g. --snow-test 0.8,0.85), " + "got 3 value(s)"
            }
        }) {
            CliRun b = CliRun.of(calibrate(scene.bundle(), dir.resolve("y.zip"), ranked, bad[0], bad[1]));
            assertThat(b.exitCode()).isEqualTo(2);
            assertThat(b.err()).startsWith("error: " + bad[2]);
            assertThat(b.err().lines()).hasSize(1);
            assertThat(Files.exists(dir.resolve("y.zip"))).isFalse();
        }

        CliRun same = CliRun.of(calibrate(scene.bundle(), scene.bundle(), scene.mask()));
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).startsWith("error:").contains("is the input bundle");
        assertThat(Files.readAllBytes(scene.bundle())).isEqualTo(before);
        CliRun none = CliRun.of(
                "calibrate",
                "--model",
                scene.bundle().toString(),
                "-o",
                dir.resolve("x.zip").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("error:").contains("no validation data");
        CliRun badMethod =
                CliRun.of(calibrate(scene.bundle(), dir.resolve("x.zip"), scene.mask(), "--method", "isotonic"));
        assertThat(badMethod.exitCode()).isEqualTo(2);
        assertThat(badMethod.err()).startsWith("error:").contains("--method");
        assertThat(Files.exists(dir.resolve("x.zip"))).isFalse();
    }
}
