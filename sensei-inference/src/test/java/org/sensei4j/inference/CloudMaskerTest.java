package org.sensei4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.cloud.BandSpec;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.CirrusTest;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.CloudPredictor;
import org.sensei4j.model.cloud.Int8Check;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.cloud.Precision;
import org.sensei4j.model.cloud.SnowTest;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.model.onnx.Int8Weights;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

class CloudMaskerTest {

    static NDManager manager;
    static Sensor s2;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        s2 = SensorRegistry.builtIn().get("sentinel2");
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static Scene scene(int w, int h, List<String> bandIds, long seed, byte[] invalid) {
        List<Band> bands = s2.select(bandIds);
        Random rnd = new Random(seed);
        float[] v = new float[bands.size() * w * h];
        for (int b = 0; b < bands.size(); b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // smooth structure plus noise, so spatial models see something
                    v[(b * h + y) * w + x] = (float)
                            (0.3 + 0.25 * Math.sin(x / 9.0 + b) * Math.cos(y / 7.0) + 0.05 * rnd.nextGaussian());
                }
            }
        }
        return new Scene("test", bands, s2, new FloatRaster(bands.size(), h, w, v, null), invalid, null, 20);
    }

    /** Single-shot probabilities of the whole scene. */
    static float[] singleShot(CloudModel model, Scene s) {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(s.values().data(), new Shape(1, s.bands().size(), s.height(), s.width()));
            ParameterStore ps = new ParameterStore(step, false);
            if (model.isSensorIndependent()) {
                return CloudPredictor.of(model).predict(ps, x, s.descriptors()).toFloatArray();
            }
            return CloudModel.probabilities(
                            model.forward(ps, new NDList(x), false).singletonOrThrow())
                    .toFloatArray();
        }
    }

    @Test
    void perPixelModelTiledEqualsSingleShotForOddSizesAndThreads() {
        Engine.getInstance().setRandomSeed(8);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        Scene s = scene(157, 203, List.of("B02", "B03", "B04", "B08", "B11", "B12"), 3, null);
        float[] whole = singleShot(model, s);
        for (int threads : new int[] {1, 2}) {
            MaskResult r =
                    masker.mask(s, MaskingOptions.defaults().withTile(64, 16).withThreads(threads));
            assertThat(r.stats().tilesPredicted()).isEqualTo(4 * 3);
            float max = 0;
            for (int i = 0; i < whole.length; i++) {
                max = Math.max(max, Math.abs(whole[i] - r.probabilities()[i]));
            }
            assertThat(max).isLessThan(1e-5f);
            // classes are the argmax
            int n = 157 * 203;
            for (int i = 0; i < n; i += 97) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    if (whole[c * n + i] > whole[best * n + i]) {
                        best = c;
                    }
                }
                assertThat(r.classes()[i]).isEqualTo((byte) best);
            }
        }
    }

    @Test
    void deepLabTilesBlendWithoutSeams() {
        Engine.getInstance().setRandomSeed(9);
        List<BandSpec> bands = new ArrayList<>();
        for (Band b : s2.select(List.of("B02", "B03", "B04", "B08"))) {
            bands.add(BandSpec.of(b.id(), b.wavelengths()));
        }
        CloudModel model = CloudModel.create(
                ModelSpec.fixedBands(HeadType.DEEPLAB_V3_PLUS, bands, ClassScheme.CLOUD_CLEAR), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        int w = 171;
        int h = 133;
        Scene s = scene(w, h, List.of("B02", "B03", "B04", "B08"), 5, null);
        float[] whole = singleShot(model, s);
        // 112 px tiles, 32 px overlap: 2 × 2 tiles of 102 × 83 px
        MaskResult tiled = masker.mask(s, MaskingOptions.defaults().withTile(112, 32));
        MaskResult noBlend = masker.mask(s, MaskingOptions.defaults().withTile(112, 0));
        double blended = meanAbs(whole, tiled.probabilities());
        double hard = meanAbs(whole, noBlend.probabilities());
        // a random DeepLab sees different context per tile (image pooling), so tiles differ from the single shot;
        // blending must not make that worse than hard tile edges
        System.out.printf(
                "DLv3 tiled vs single shot: blended %.4f, hard edges %.4f, max jump %.4f vs %.4f%n",
                blended, hard, maxColumnJump(tiled.probabilities(), w, h), maxColumnJump(whole, w, h));
        assertThat(blended).isLessThanOrEqualTo(hard + 1e-6);
        // no seam: the largest jump between neighbouring columns is not larger than in the single shot + margin
        assertThat(maxColumnJump(tiled.probabilities(), w, h)).isLessThan(maxColumnJump(whole, w, h) + 0.05f);
        assertThat(maxColumnJump(tiled.probabilities(), w, h)).isLessThan(maxColumnJump(noBlend.probabilities(), w, h));
    }

    static double meanAbs(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    static float maxColumnJump(float[] p, int w, int h) {
        float max = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 1; x < w; x++) {
                max = Math.max(max, Math.abs(p[y * w + x] - p[y * w + x - 1]));
            }
        }
        return max;
    }

    @Test
    void nodataPropagatesAndAllNodataTilesAreSkipped() {
        CloudModel model = CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLOUD_CLEAR), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        int w = 100;
        int h = 70;
        byte[] invalid = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 50; x++) {
                invalid[y * w + x] = SceneWindow.NODATA; // left half missing
            }
        }
        invalid[69 * w + 99] = SceneWindow.NODATA;
        Scene s = scene(w, h, List.of("B02", "B03", "B04"), 1, invalid);
        MaskResult r = masker.mask(s, MaskingOptions.defaults().withTile(40, 8));
        assertThat(r.stats().tilesSkipped()).isPositive();
        for (int i = 0; i < w * h; i++) {
            if (invalid[i] == SceneWindow.NODATA) {
                assertThat(r.classes()[i] & 0xFF).isEqualTo(ClassScheme.NODATA);
                assertThat(r.probabilities()[i]).isNaN();
            } else {
                assertThat(r.classes()[i] & 0xFF).isLessThan(2);
            }
        }
        assertThat(r.cloudFraction()).isBetween(0.0, 1.0);
    }

    @Test
    void stripsArriveInOrderAndBoundedByTheTile() {
        CloudModel model = CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLOUD_CLEAR), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        Scene s = scene(60, 250, List.of("B02", "B03", "B04"), 2, null);
        int[] next = {0};
        masker.mask(s, MaskingOptions.defaults().withTile(48, 12), (y0, rows, width, c, p, d) -> {
            assertThat(y0).isEqualTo(next[0]);
            assertThat(rows).isBetween(1, 48);
            assertThat(c).hasSize(rows * width);
            next[0] += rows;
        });
        assertThat(next[0]).isEqualTo(250);
    }

    @Test
    void deepLabTilesRunByOnnxRuntimeGiveTheDjlResult() {
        Engine.getInstance().setRandomSeed(6);
        for (ModelSpec spec : new ModelSpec[] {
            ModelSpec.sensei(HeadType.DEEPLAB_V3_PLUS, ClassScheme.CLEAR_CLOUD_SHADOW),
            fixedBandSpec(HeadType.DEEPLAB_V3_PLUS, List.of("B02", "B03", "B04", "B08"))
        }) {
            CloudModel model = CloudModel.create(spec, manager);
            try (NDManager m = manager.newSubManager()) {
                assertThat(CloudPredictor.of(model)
                                .compile(
                                        new ParameterStore(m, false),
                                        model.isSensorIndependent()
                                                ? s2.select(List.of("B02", "B03")).stream()
                                                        .map(Band::wavelengths)
                                                        .toList()
                                                : null,
                                        1))
                        .as("compiled")
                        .isPresent();
            }
            CloudMasker masker = new CloudMasker(model, manager);
            Scene s = scene(70, 57, List.of("B02", "B03", "B04", "B08"), 4, null);
            MaskingOptions options = MaskingOptions.defaults().withTile(48, 8).withThreads(2);
            MaskResult onnx = masker.mask(s, options);
            MaskResult djl;
            System.setProperty("sensei.onnx", "off");
            try {
                djl = masker.mask(s, options);
            } finally {
                System.clearProperty("sensei.onnx");
            }
            float max = 0;
            for (int i = 0; i < djl.probabilities().length; i++) {
                max = Math.max(max, Math.abs(djl.probabilities()[i] - onnx.probabilities()[i]));
            }
            assertThat(max).as(spec.name()).isLessThan(1e-4f);
        }
    }

    @Test
    void anInt8DeepLabMasksTheSceneAndSaysHow() {
        Engine.getInstance().setRandomSeed(8);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.DEEPLAB_V3_PLUS, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        Scene s = scene(70, 57, List.of("B02", "B03", "B04", "B08"), 4, null);
        MaskingOptions options = MaskingOptions.defaults().withTile(48, 8).withThreads(2);
        MaskResult fp32 = masker.mask(s, options.withPrecision(Precision.FP32));
        MaskResult int8 = masker.mask(s, options.withPrecision(Precision.INT8));
        assertThat(fp32.stats().precision()).isEqualTo("fp32");
        // 52 convolutions in the backbone and the ASPP: the first 13 blocks' 38 stay float32
        assertThat(int8.stats().precision())
                .startsWith("int8: 14 convolutions (weights symmetric per output channel, "
                        + Int8Weights.forThisMachine().description() + "; activations uint8 per tensor, ")
                .endsWith("); stem, the first 13 inverted residual blocks (38 convolutions), image pooling and "
                        + "classifier fp32");
        assertThat(int8.classes()).hasSameSizeAs(fp32.classes());
        double diff = 0;
        for (int i = 0; i < fp32.probabilities().length; i++) {
            diff = Math.max(diff, Math.abs(fp32.probabilities()[i] - int8.probabilities()[i]));
        }
        // an untrained network: only that int8 ran and is not fp32 bit for bit, nor wildly off
        assertThat(diff).isGreaterThan(0).isLessThan(0.5);
    }

    /**
     * The default precision, auto: int8 for a DeepLabv3+ whose calibration carries a check that holds on this machine
     * and a scene of at least the smallest size for int8 ({@code -Dsensei.int8.auto-min-pixels}), fp32 otherwise
     * (and for every bundle without a check: the masks are bit-identical to --precision fp32).
     */
    @Test
    void autoPrecisionIsInt8OnlyWhereTheBundlesInt8CheckHoldsHereAndTheSceneIsLargeEnough() {
        Engine.getInstance().setRandomSeed(8);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.DEEPLAB_V3_PLUS, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        Scene s = scene(70, 57, List.of("B02", "B03", "B04", "B08"), 4, null);
        MaskingOptions options = MaskingOptions.defaults().withTile(48, 8).withThreads(2);
        assertThat(options.precision()).isEqualTo(Precision.AUTO);
        Calibration plain =
                new Calibration(Calibration.TEMPERATURE_BIAS, 1.0, 0.0, 0.5, null, null, null, null, null, null, null);
        int bits = Int8Weights.forThisMachine().bits();
        Int8Check holds = new Int8Check(bits, CloudPredictor.INT8_FLOAT_CONVOLUTIONS, 4000, 99.8, 0.02, 0.05);
        Int8Check otherBits = new Int8Check(15 - bits, CloudPredictor.INT8_FLOAT_CONVOLUTIONS, 4000, 99.8, 0.02, 0.05);
        Int8Check below = new Int8Check(bits, CloudPredictor.INT8_FLOAT_CONVOLUTIONS, 4000, 99.4, 0.02, 0.05);
        CloudMasker unchecked = new CloudMasker(model, manager).withCalibration(plain);
        MaskResult fp32 = unchecked.mask(s, options.withPrecision(Precision.FP32));
        String before = System.getProperty(Precision.AUTO_MIN_PIXELS_PROPERTY);
        try {
            System.setProperty(Precision.AUTO_MIN_PIXELS_PROPERTY, Integer.toString(70 * 57));
            MaskResult auto = unchecked.mask(s, options);
            assertThat(auto.stats().precision()).isEqualTo("fp32");
            assertThat(auto.classes()).isEqualTo(fp32.classes());
            assertThat(auto.probabilities()).isEqualTo(fp32.probabilities());
            for (Int8Check fails : List.of(otherBits, below)) {
                assertThat(unchecked
                                .withCalibration(plain.withInt8Check(fails))
                                .mask(s, options)
                                .stats()
                                .precision())
                        .isEqualTo("fp32");
            }
            CloudMasker checked = unchecked.withCalibration(plain.withInt8Check(holds));
            assertThat(checked.mask(s, options).stats().precision()).startsWith("int8: 14 convolutions");
            System.setProperty(Precision.AUTO_MIN_PIXELS_PROPERTY, Integer.toString(70 * 57 + 1));
            assertThat(checked.mask(s, options).stats().precision())
                    .as("a scene too small")
                    .isEqualTo("fp32");
        } finally {
            if (before == null) {
                System.clearProperty(Precision.AUTO_MIN_PIXELS_PROPERTY);
            } else {
                System.setProperty(Precision.AUTO_MIN_PIXELS_PROPERTY, before);
            }
        }
    }

    private static ModelSpec fixedBandSpec(HeadType head, List<String> ids) {
        List<BandSpec> bands = new ArrayList<>();
        for (Band b : s2.select(ids)) {
            bands.add(BandSpec.of(b.id(), b.wavelengths()));
        }
        return ModelSpec.fixedBands(head, bands, ClassScheme.CLOUD_CLEAR);
    }

    @Test
    void aClassesOnlySinkGetsNoProbabilitiesAndTheSameClasses() {
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        byte[] invalid = new byte[70 * 90];
        invalid[5] = SceneWindow.NODATA;
        Scene s = scene(70, 90, List.of("B02", "B03", "B04", "B08"), 3, invalid);
        for (double threshold : new double[] {Double.NaN, 0.3}) {
            MaskingOptions options = MaskingOptions.defaults().withTile(40, 8).withThreshold(threshold);
            MaskResult full = masker.mask(s, options);
            byte[] classes = new byte[70 * 90];
            int[] strips = {0};
            masker.mask(s, options, MaskSink.classesOnly((y0, rows, width, c, p, d) -> {
                assertThat(p).isNull();
                System.arraycopy(c, 0, classes, y0 * width, rows * width);
                strips[0]++;
            }));
            assertThat(strips[0]).isGreaterThan(1);
            assertThat(classes).as("threshold %s", threshold).containsExactly(full.classes());
            assertThat(classes[5] & 0xFF).isEqualTo(ClassScheme.NODATA);
        }
    }

    @Test
    void ensembleAveragesBandSubsetsAndReportsDisagreement() {
        Engine.getInstance().setRandomSeed(4);
        CloudModel model = CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLOUD_CLEAR), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        Scene s = scene(50, 40, List.of("B02", "B03", "B04", "B08", "B11", "B12"), 6, null);
        MaskResult r = masker.mask(s, MaskingOptions.defaults().withEnsemble(5, 42));
        assertThat(r.disagreement()).hasSize(50 * 40);
        for (float d : r.disagreement()) {
            assertThat(d).isBetween(0f, 0.8f);
        }
        MaskResult again = masker.mask(s, MaskingOptions.defaults().withEnsemble(5, 42));
        assertThat(again.probabilities()).containsExactly(r.probabilities());
    }

    @Test
    void fixedBandModelNamesTheMissingBands() {
        List<BandSpec> bands = new ArrayList<>();
        for (Band b : s2.select(List.of("B02", "B03", "B04", "B08"))) {
            bands.add(BandSpec.of(b.id(), b.wavelengths()));
        }
        CloudModel model =
                CloudModel.create(ModelSpec.fixedBands(HeadType.PIXEL_MLP, bands, ClassScheme.CLOUD_CLEAR), manager);
        CloudMasker masker = new CloudMasker(model, manager);
        Scene s = scene(40, 40, List.of("B02", "B03", "B04"), 1, null);
        assertThatThrownBy(() -> masker.mask(s, MaskingOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("missing [B08]");
        CloudModel cloudOnly =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLOUD_CLEAR), manager);
        assertThatThrownBy(() -> new CloudMasker(cloudOnly, manager)
                        .mask(s, MaskingOptions.defaults().withOutputScheme(ClassScheme.CLEAR_CLOUD_SHADOW)))
                .hasMessageContaining("cannot produce the classes 'cloud-shadow'");
    }

    @Test
    void theCalibrationActsInTheDecisionStepOfEveryPathAndAGivenThresholdOverridesIt() {
        Engine.getInstance().setRandomSeed(12);
        List<BandSpec> bands = new ArrayList<>();
        for (Band b : s2.select(List.of("B02", "B03", "B04", "B08"))) {
            bands.add(BandSpec.of(b.id(), b.wavelengths()));
        }
        // a per-pixel SEnSeI model with shadow (3 classes) and a DeepLabv3+ (ONNX Runtime path, blended tiles)
        List<CloudModel> models = List.of(
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager),
                CloudModel.create(
                        ModelSpec.fixedBands(HeadType.DEEPLAB_V3_PLUS, bands, ClassScheme.CLOUD_CLEAR), manager));
        Scene s = scene(83, 61, List.of("B02", "B03", "B04", "B08"), 4, null);
        MaskingOptions options = MaskingOptions.defaults().withTile(48, 12);
        for (CloudModel model : models) {
            ClassScheme scheme = model.spec().scheme();
            int k = scheme.classCount();
            int n = s.width() * s.height();
            CloudMasker plain = new CloudMasker(model, manager);
            assertThat(plain.calibration()).isNull();
            assertThat(plain.threshold(options)).isNaN();
            MaskResult raw = plain.mask(s, options);
            // the threshold at the median calibrated cloud probability
            Calibration probe = new Calibration(
                    Calibration.TEMPERATURE_BIAS, 0.6, -0.4, 0.5, null, null, null, null, null, null, null);
            float[][] cal = new float[n][];
            float[] cloud = new float[n];
            for (int i = 0; i < n; i++) {
                float[] p = new float[k];
                for (int c = 0; c < k; c++) {
                    p[c] = raw.probabilities()[c * n + i];
                }
                probe.apply(p, scheme);
                cal[i] = p;
                for (int c = 0; c < k; c++) {
                    cloud[i] += scheme.isCloud(c) ? p[c] : 0;
                }
            }
            float[] sorted = cloud.clone();
            Arrays.sort(sorted);
            double t = Math.round(sorted[n / 2] * 100) / 100.0;
            Calibration c = new Calibration(
                    Calibration.TEMPERATURE_BIAS, 0.6, -0.4, t, null, null, null, null, null, null, null);
            CloudMasker calibrated = plain.withCalibration(c);
            assertThat(calibrated.threshold(options)).isEqualTo(t);
            assertThat(calibrated.threshold(options.withThreshold(0.7))).isEqualTo(0.7);
            MaskResult got = calibrated.mask(s, options);
            MaskResult given = calibrated.mask(s, options.withThreshold(0.7));
            long cloudAtT = 0;
            for (int i = 0; i < n; i++) {
                for (int cl = 0; cl < k; cl++) {
                    assertThat(got.probabilities()[cl * n + i]).isCloseTo(cal[i][cl], within(1e-6f));
                }
                assertThat(got.classes()[i]).as("pixel %d", i).isEqualTo(decide(cal[i], cloud[i] >= t, scheme));
                assertThat(given.classes()[i]).isEqualTo(decide(cal[i], cloud[i] >= 0.7, scheme));
                cloudAtT += cloud[i] >= t ? 1 : 0;
            }
            assertThat(cloudAtT).isBetween(1L, n - 1L);
            // the raw masker still decides by the most probable class
            assertThat(plain.mask(s, options).classes()).containsExactly(raw.classes());
        }
    }

    /**
     * The median of p(shadow) / (p(shadow) + p(clear)) over the pixels {@code among} accepts, from the clear / cloud
     * / shadow probabilities {@code p} (three planes of {@code n}).
     */
    private static float medianShadowShare(float[] p, int n, IntPredicate among) {
        float[] shares = new float[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (among.test(i)) {
                shares[count++] = p[2 * n + i] / (p[i] + p[2 * n + i]);
            }
        }
        Arrays.sort(shares, 0, count);
        return shares[count / 2];
    }

    /**
     * A calibration's shadow threshold: a pixel not called cloud is shadow where p(shadow) / (p(shadow) + p(clear))
     * reaches it, on a scene with a near-infrared band; with red, green and blue only, the more probable class.
     */
    @Test
    void aShadowThresholdDecidesShadowByItsShareOfTheRestWhereTheSceneHasNearInfrared() {
        Engine.getInstance().setRandomSeed(17);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        ClassScheme scheme = model.spec().scheme();
        CloudMasker plain = new CloudMasker(model, manager);
        MaskingOptions options = MaskingOptions.defaults().withTile(48, 8).withThreads(2);
        Calibration noShadow =
                new Calibration(Calibration.TEMPERATURE_BIAS, 0.8, 0.2, 0.5, null, null, null, null, null, null, null);
        Scene nir = scene(70, 57, List.of("B02", "B03", "B04", "B08"), 4, null);
        int n = nir.width() * nir.height();
        MaskResult byClass = plain.withCalibration(noShadow).mask(nir, options);
        // the threshold at the median share of the pixels not called cloud, so it surely differs from argmax
        float[] pr = byClass.probabilities();
        double t = Math.round(medianShadowShare(pr, n, i -> !scheme.isCloud(byClass.classes()[i])) * 100) / 100.0;
        MaskResult byShare =
                plain.withCalibration(noShadow.withShadowThreshold(t)).mask(nir, options);
        assertThat(byShare.probabilities()).containsExactly(pr);
        long shadowByClass = 0;
        long shadowByShare = 0;
        for (int i = 0; i < n; i++) {
            int want = scheme.isCloud(byClass.classes()[i])
                    ? byClass.classes()[i]
                    : Calibration.isShadow(pr[i], pr[2 * n + i], t) ? 2 : 0;
            assertThat(byShare.classes()[i]).as("pixel %d", i).isEqualTo((byte) want);
            shadowByClass += byClass.classes()[i] == 2 ? 1 : 0;
            shadowByShare += want == 2 ? 1 : 0;
        }
        assertThat(shadowByShare).isNotEqualTo(shadowByClass).isBetween(1L, n - 1L);
        assertThat(plain.withCalibration(noShadow.withShadowThreshold(t)).describeDecision(options))
                .endsWith("; shadow where p(shadow) / (p(shadow) + p(clear)) >= " + t + ")");
        // red, green and blue only: the threshold does not apply
        Scene rgb = scene(70, 57, List.of("B02", "B03", "B04"), 4, null);
        assertThat(plain.withCalibration(noShadow.withShadowThreshold(t))
                        .mask(rgb, options)
                        .classes())
                .containsExactly(
                        plain.withCalibration(noShadow).mask(rgb, options).classes());
    }

    /**
     * Each strip's rows are calibrated, smoothed and decided in chunks on helper threads when masking runs on more
     * than one: every chunk computes its pixels as one thread would, so the mask and probabilities are bit-identical
     * for 1, 2 and 4 threads (with and without smoothing, with nodata).
     */
    @Test
    void stripsDecidedInParallelChunksAreBitIdenticalToOneThread() {
        Engine.getInstance().setRandomSeed(21);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        int w = 71;
        int h = 90;
        byte[] invalid = new byte[w * h];
        for (int i = 0; i < invalid.length; i += 37) {
            invalid[i] = SceneWindow.NODATA;
        }
        Scene s = scene(w, h, List.of("B02", "B03", "B04", "B08"), 7, invalid);
        // the threshold: the median cloud probability of the random model here, so that both classes occur
        MaskResult raw = new CloudMasker(model, manager).mask(s, MaskingOptions.defaults());
        int n = w * h;
        float[] cloud = new float[n];
        for (int i = 0; i < n; i++) {
            cloud[i] = raw.probabilities()[n + i]; // class 1 of clear/cloud/shadow
        }
        float[] sorted = cloud.clone();
        Arrays.sort(sorted); // NaN (nodata) last
        double t = sorted[(n - n / 37) / 2];
        // the shadow threshold: the median shadow share of the pixels not called cloud
        double shadowThreshold = medianShadowShare(raw.probabilities(), n, i -> cloud[i] < t);
        for (int window : new int[] {1, 3}) {
            Calibration cal = new Calibration(
                            Calibration.TEMPERATURE_BIAS, 1.0, 0.0, t, null, null, null, null, null, null, null)
                    .withSmoothing(window)
                    .withShadowThreshold(shadowThreshold);
            CloudMasker masker = new CloudMasker(model, manager).withCalibration(cal);
            MaskResult one =
                    masker.mask(s, MaskingOptions.defaults().withTile(32, 8).withThreads(1));
            for (int threads : new int[] {2, 4}) {
                MaskResult many =
                        masker.mask(s, MaskingOptions.defaults().withTile(32, 8).withThreads(threads));
                assertThat(many.classes())
                        .as("window %d, %d threads", window, threads)
                        .isEqualTo(one.classes());
                assertThat(many.probabilities()).isEqualTo(one.probabilities());
            }
            long shadow = 0;
            for (byte c : one.classes()) {
                shadow += c == 2 ? 1 : 0;
            }
            // a mask with all three classes and nodata, not a trivial one
            assertThat(one.classes()).contains((byte) 0, (byte) 1, (byte) ClassScheme.NODATA);
            assertThat(shadow).isPositive();
        }
    }

    @Test
    void aSmoothingCalibrationAveragesTheCalibratedCloudProbabilityOfValidNeighboursAcrossTileRows() {
        Engine.getInstance().setRandomSeed(13);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        ClassScheme scheme = model.spec().scheme();
        int k = scheme.classCount();
        int w = 53;
        int h = 47;
        int n = w * h;
        byte[] invalid = new byte[n];
        for (int y = 10; y < 20; y++) {
            for (int x = 0; x < 7; x++) {
                invalid[y * w + x] = SceneWindow.NODATA; // a nodata block at the left edge
            }
        }
        invalid[30 * w + 25] = SceneWindow.NODATA;
        invalid[0] = SceneWindow.NODATA;
        Scene s = scene(w, h, List.of("B02", "B03", "B04", "B08"), 5, invalid);
        Calibration cal =
                new Calibration(Calibration.TEMPERATURE_BIAS, 0.6, -0.4, 0.5, null, null, null, null, null, null, null);
        CloudMasker perPixel = new CloudMasker(model, manager).withCalibration(cal);
        MaskResult ref = perPixel.mask(s, MaskingOptions.defaults().withTile(512, 0));
        float[] cloud = new float[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                cloud[i] += scheme.isCloud(c) ? ref.probabilities()[c * n + i] : 0;
            }
        }
        float[] sorted = cloud.clone();
        Arrays.sort(sorted);
        double t = Math.round(sorted[n / 2] * 100) / 100.0;
        for (int window : new int[] {3, 5}) {
            Calibration smooth = new Calibration(
                            Calibration.TEMPERATURE_BIAS, 0.6, -0.4, t, null, null, null, null, null, null, null)
                    .withSmoothing(window);
            assertThat(smooth.smoothingWindow()).isEqualTo(window);
            CloudMasker masker = new CloudMasker(model, manager).withCalibration(smooth);
            assertThat(masker.describeDecision(MaskingOptions.defaults()))
                    .endsWith(", cloud probability averaged over " + window + "x" + window + " pixels)");
            int r = window / 2;
            // the expected result, from the per-pixel calibrated probabilities of one tile
            float[] expected = new float[k * n];
            int cloudPixels = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    if (invalid[i] == SceneWindow.NODATA) {
                        continue;
                    }
                    double sum = 0;
                    int count = 0;
                    for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                        for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                            if (invalid[yy * w + xx] != SceneWindow.NODATA) {
                                sum += cloud[yy * w + xx];
                                count++;
                            }
                        }
                    }
                    float[] p = new float[k];
                    for (int c = 0; c < k; c++) {
                        p[c] = ref.probabilities()[c * n + i];
                    }
                    Calibration.setCloud(p, sum / count, scheme);
                    for (int c = 0; c < k; c++) {
                        expected[c * n + i] = p[c];
                    }
                    cloudPixels += sum / count >= t ? 1 : 0;
                }
            }
            assertThat(cloudPixels).isBetween(n / 10, n - n / 10);
            // tile rows of 16 and 24 rows (overlapping, blended) on 1 and 2 threads, and one tile: the same mask
            for (MaskingOptions o : List.of(
                    MaskingOptions.defaults().withTile(16, 4),
                    MaskingOptions.defaults().withTile(24, 6).withThreads(2),
                    MaskingOptions.defaults().withTile(512, 0))) {
                MaskResult got = masker.mask(s, o);
                for (int i = 0; i < n; i++) {
                    if (invalid[i] == SceneWindow.NODATA) {
                        assertThat(got.classes()[i] & 0xFF).isEqualTo(ClassScheme.NODATA);
                        assertThat(got.probabilities()[i]).isNaN();
                        continue;
                    }
                    float q = 0;
                    float[] p = new float[k];
                    for (int c = 0; c < k; c++) {
                        p[c] = expected[c * n + i];
                        q += scheme.isCloud(c) ? p[c] : 0;
                        assertThat(got.probabilities()[c * n + i])
                                .as("window %d, %s, pixel %d class %d", window, o, i, c)
                                .isCloseTo(p[c], within(2e-4f));
                    }
                    if (Math.abs(q - t) > 1e-4) {
                        assertThat(got.classes()[i]).as("pixel %d", i).isEqualTo(decide(p, q >= t, scheme));
                    }
                }
            }
        }
    }

    @Test
    void theCirrusTestRaisesTheCloudProbabilityAfterSmoothingWhereTheCirrusBandIsBrightButNotOverSnow() {
        Engine.getInstance().setRandomSeed(17);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        ClassScheme scheme = model.spec().scheme();
        int k = scheme.classCount();
        int w = 41;
        int h = 37;
        int n = w * h;
        List<String> ids = List.of("B02", "B03", "B04", "B08", "B10", "B11");
        Scene base = scene(w, h, ids, 9, null);
        float[] v = base.values().data().clone();
        float[] evidence = new float[n];
        int guarded = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean snow = y < 8 && x < 10;
                v[4 * n + i] = snow ? 0.03f : 0.04f * x / (w - 1); // B10: 0 to 0.04 across the scene
                if (snow) { // bright snow: NDSI 0.78, cirrus band 0.03 < 0.1 x green
                    v[n + i] = 0.8f;
                    v[3 * n + i] = 0.7f;
                    v[5 * n + i] = 0.1f;
                }
                // Fmask's snow test, and a cirrus band under a tenth of the green: no evidence
                float c = v[4 * n + i];
                float green = v[n + i];
                float ndsi = (green - v[5 * n + i]) / (green + v[5 * n + i]);
                boolean snowLike = ndsi > 0.15 && v[3 * n + i] > 0.11 && green > 0.1 && c < 0.1 * green;
                assertThat(snowLike).isEqualTo(snowLike || snow);
                evidence[i] = snowLike ? 0f : (float) Math.min(1, Math.max(0, (c - 0.01) / 0.02));
                guarded += snowLike && c > 0.01 ? 1 : 0;
            }
        }
        assertThat(guarded).isGreaterThanOrEqualTo(80); // the 80 snow pixels, and some of the random ones
        Scene s = new Scene("cirrus", base.bands(), s2, new FloatRaster(ids.size(), h, w, v, null), null, null, 20);
        // the same scene without its cirrus band: the test is silent
        List<String> noCirrusIds = List.of("B02", "B03", "B04", "B08", "B11");
        float[] nv = new float[5 * n];
        for (int b = 0, o = 0; b < ids.size(); b++) {
            if (b != 4) {
                System.arraycopy(v, b * n, nv, o++ * n, n);
            }
        }
        Scene noCirrus =
                new Scene("no-cirrus", s2.select(noCirrusIds), s2, new FloatRaster(5, h, w, nv, null), null, null, 20);
        assertThat(CloudMasker.cirrusBands(s.bands())).containsExactly(4, 1, 3, 5);
        assertThat(CloudMasker.cirrusBands(noCirrus.bands())).isNull();
        double t = 0.5;
        for (int window : new int[] {1, 3}) {
            Calibration plain = new Calibration(
                            Calibration.TEMPERATURE_BIAS, 0.6, -0.4, t, null, null, null, null, null, null, null)
                    .withSmoothing(window);
            Calibration cirrus = plain.withCirrusTest(CirrusTest.DEFAULT);
            CloudMasker without = new CloudMasker(model, manager).withCalibration(plain);
            CloudMasker with = new CloudMasker(model, manager).withCalibration(cirrus);
            assertThat(with.describeDecision(MaskingOptions.defaults()))
                    .contains("raised by the 1.38 um cirrus test from 0.01 to 0.03 where the scene has a cirrus band");
            MaskResult ref = without.mask(s, MaskingOptions.defaults().withTile(512, 0));
            assertThat(with.mask(noCirrus, MaskingOptions.defaults().withTile(16, 4))
                            .classes())
                    .containsExactly(
                            without.mask(noCirrus, MaskingOptions.defaults()).classes());
            int raisedToCloud = 0;
            for (MaskingOptions o : List.of(
                    MaskingOptions.defaults().withTile(16, 4),
                    MaskingOptions.defaults().withTile(24, 6).withThreads(2))) {
                MaskResult got = with.mask(s, o);
                for (int i = 0; i < n; i++) {
                    float[] p = new float[k];
                    float q = 0;
                    for (int c = 0; c < k; c++) {
                        p[c] = ref.probabilities()[c * n + i];
                        q += scheme.isCloud(c) ? p[c] : 0;
                    }
                    double fused = 1 - (1 - q) * (1 - evidence[i]);
                    Calibration.setCloud(p, fused, scheme);
                    for (int c = 0; c < k; c++) {
                        assertThat(got.probabilities()[c * n + i])
                                .as("window %d, %s, pixel %d class %d", window, o, i, c)
                                .isCloseTo(p[c], within(2e-4f));
                    }
                    if (Math.abs(fused - t) > 1e-4) {
                        assertThat(got.classes()[i]).as("pixel %d", i).isEqualTo(decide(p, fused >= t, scheme));
                    }
                    raisedToCloud += q < t && fused >= t ? 1 : 0;
                }
            }
            // every pixel whose cirrus band reads 0.02 or more is cloud, snow aside; some were not before
            MaskResult got = with.mask(s, MaskingOptions.defaults());
            for (int i = 0; i < n; i++) {
                if (v[4 * n + i] >= 0.02f && evidence[i] > 0) {
                    assertThat(scheme.isCloud(got.classes()[i]))
                            .as("pixel %d", i)
                            .isTrue();
                }
            }
            assertThat(raisedToCloud).isGreaterThan(20);
        }
    }

    @Test
    void theSnowTestLowersTheCloudProbabilityOfEachPixelBeforeSmoothingAndTheCirrusTestComesAfter() {
        Engine.getInstance().setRandomSeed(19);
        CloudModel model =
                CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), manager);
        ClassScheme scheme = model.spec().scheme();
        int k = scheme.classCount();
        int w = 37;
        int h = 33;
        int n = w * h;
        List<String> ids = List.of("B02", "B03", "B04", "B08", "B10", "B11");
        float[] v = scene(w, h, ids, 21, null).values().data().clone();
        float[] snow = new float[n];
        float[] cirrus = new float[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                v[4 * n + i] = 0.002f; // a dark cirrus band ...
                if (y >= 10 && y < 22) { // ... but a band of snow whose NDSI rises from 0.7 to 0.95 across the scene
                    double ndsi = 0.7 + 0.25 * x / (w - 1);
                    v[n + i] = 0.8f;
                    v[5 * n + i] = (float) (0.8 * (1 - ndsi) / (1 + ndsi));
                    if (x > 30 && y > 17) {
                        v[4 * n + i] = 0.2f; // cirrus over snow, bright enough at 1.38 um
                    }
                }
                float g = v[n + i];
                float sw = v[5 * n + i];
                double nd = (g - sw) / (g + sw);
                snow[i] = g > 0 && sw > 0 ? (float) Math.min(1, Math.max(0, (nd - 0.8) / 0.05)) : 0f;
                cirrus[i] = (float) CirrusTest.DEFAULT.evidence(v[4 * n + i], g, v[3 * n + i], sw);
            }
        }
        Scene s = new Scene("snow", s2.select(ids), s2, new FloatRaster(ids.size(), h, w, v, null), null, null, 20);
        assertThat(CloudMasker.snowBands(s.bands())).containsExactly(1, 5);
        assertThat(CloudMasker.snowBands(s2.select(List.of("B02", "B03", "B04", "B08"))))
                .isNull();
        Calibration probe =
                new Calibration(Calibration.TEMPERATURE_BIAS, 0.6, -0.4, 0.5, null, null, null, null, null, null, null);
        // per pixel, calibrated
        MaskResult ref = new CloudMasker(model, manager).withCalibration(probe).mask(s, MaskingOptions.defaults());
        float[] lowered = new float[n];
        float[] q0 = new float[n];
        List<Float> onSnow = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                q0[i] += scheme.isCloud(c) ? ref.probabilities()[c * n + i] : 0;
            }
            lowered[i] = q0[i] * (1 - snow[i]);
            if (snow[i] == 1) {
                onSnow.add(q0[i]);
            }
        }
        // the threshold at the median cloud probability of the snow: the model alone calls half of it cloud
        onSnow.sort(null);
        double t = Math.round(onSnow.get(onSnow.size() / 2) * 100) / 100.0;
        Calibration plain =
                new Calibration(Calibration.TEMPERATURE_BIAS, 0.6, -0.4, t, null, null, null, null, null, null, null);
        int snowCloudBefore = 0;
        for (int i = 0; i < n; i++) {
            snowCloudBefore += snow[i] == 1 && q0[i] >= t ? 1 : 0;
        }
        assertThat(snowCloudBefore)
                .as("snow pixels the model alone calls cloud")
                .isGreaterThan(0);
        for (int window : new int[] {1, 3}) {
            Calibration both =
                    plain.withSmoothing(window).withSnowTest(SnowTest.DEFAULT).withCirrusTest(CirrusTest.DEFAULT);
            CloudMasker masker = new CloudMasker(model, manager).withCalibration(both);
            assertThat(masker.describeDecision(MaskingOptions.defaults()))
                    .contains(", lowered by the snow test from NDSI 0.8 to 0.85, raised by the 1.38 um cirrus test");
            int r = window / 2;
            for (MaskingOptions o : List.of(
                    MaskingOptions.defaults().withTile(16, 4),
                    MaskingOptions.defaults().withTile(24, 6).withThreads(2))) {
                MaskResult got = masker.mask(s, o);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        double sum = 0;
                        int count = 0;
                        for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                            for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                                sum += lowered[yy * w + xx];
                                count++;
                            }
                        }
                        double q = 1 - (1 - sum / count) * (1 - cirrus[i]);
                        float gotCloud = 0;
                        for (int c = 0; c < k; c++) {
                            gotCloud += scheme.isCloud(c) ? got.probabilities()[c * n + i] : 0;
                        }
                        assertThat(gotCloud)
                                .as("window %d, %s, pixel (%d, %d)", window, o, x, y)
                                .isCloseTo((float) q, within(2e-4f));
                        if (Math.abs(q - t) > 1e-4) {
                            assertThat(scheme.isCloud(got.classes()[i])).isEqualTo(q >= t);
                        }
                        if (window == 1 && snow[i] == 1) {
                            assertThat(scheme.isCloud(got.classes()[i]))
                                    .as("snow is cloud only under bright cirrus, pixel (%d, %d)", x, y)
                                    .isEqualTo(cirrus[i] >= 0.5);
                        }
                    }
                }
            }
        }
    }

    /** The most probable class among the cloud classes (wantCloud) or among the others. */
    static byte decide(float[] p, boolean wantCloud, ClassScheme scheme) {
        int best = -1;
        for (int c = 0; c < p.length; c++) {
            if (scheme.isCloud(c) == wantCloud && (best < 0 || p[c] > p[best])) {
                best = c;
            }
        }
        return (byte) best;
    }
}
