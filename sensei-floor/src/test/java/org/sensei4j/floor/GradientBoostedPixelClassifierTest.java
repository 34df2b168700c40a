package org.sensei4j.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.scene.BandSubsetSource;

class GradientBoostedPixelClassifierTest {

    static final GradientBoostedPixelClassifier.Params FAST =
            GradientBoostedPixelClassifier.Params.defaults().withRounds(30);
    static GradientBoostedPixelClassifier floor;

    @BeforeAll
    static void train() {
        List<Supplier<LabelledScene>> scenes =
                List.of(() -> BoostingFixtures.scene("t1", 64, 1), () -> BoostingFixtures.scene("t2", 64, 2));
        PixelSample sample = PixelSample.draw(
                List.of(new PixelSample.Group("hand-made", 1, scenes)), ClassScheme.CLOUD_CLEAR, 4000, 7);
        floor = GradientBoostedPixelClassifier.train(sample, FAST, 7, List.of("hand-made: 2 scenes"));
    }

    @AfterAll
    static void close() {
        floor.close();
    }

    /** Boosting one round at a time (for the progress bar of 'sensei floor train') grows XGBoost.train's trees. */
    @Test
    void boostingRoundByRoundGrowsTheTreesOfXGBoostTrain() throws Exception {
        Random r = new Random(3);
        int n = 3000;
        float[] x = new float[n * 4];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 4; f++) {
                x[i * 4 + f] = r.nextFloat();
            }
            y[i] = x[i * 4] + 0.3f * x[i * 4 + 1] + 0.2f * r.nextFloat() > 0.8f ? 1 : 0;
        }
        DMatrix d = new DMatrix(x, n, 4, Float.NaN);
        d.setLabel(y);
        Map<String, Object> p = Map.of(
                "objective",
                "binary:logistic",
                "max_depth",
                4,
                "eta",
                0.3,
                "subsample",
                0.8,
                "colsample_bytree",
                0.8,
                "tree_method",
                "hist",
                "nthread",
                1,
                "seed",
                5,
                "verbosity",
                0);
        Booster a = XGBoost.train(d, new HashMap<>(p), 25, new HashMap<>(), null, null);
        List<Integer> rounds = new ArrayList<>();
        Booster b = GradientBoostedPixelClassifier.boost(d, new HashMap<>(p), 25, rounds::add);
        try {
            assertThat(rounds).hasSize(25).startsWith(1, 2).endsWith(25);
            assertThat(b.toByteArray("ubj")).isEqualTo(a.toByteArray("ubj"));
            assertThat(b.predict(d)).isDeepEqualTo(a.predict(d));
        } finally {
            a.dispose();
            b.dispose();
            d.dispose();
        }
    }

    static double accuracy(byte[] truth, byte[] predicted) {
        long right = 0;
        long n = 0;
        for (int i = 0; i < truth.length; i++) {
            if ((truth[i] & 0xff) != ClassScheme.NODATA) {
                n++;
                right += truth[i] == predicted[i] ? 1 : 0;
            }
        }
        return (double) right / n;
    }

    @Test
    void learnsBrightCloudAbove97PercentOnHeldOutPixelsAndKeepsNodata() {
        try (LabelledScene test = BoostingFixtures.scene("held-out", 64, 99)) {
            byte[] p = floor.classify(test.source(), ClassScheme.CLOUD_CLEAR);
            assertThat(accuracy(test.labels(), p)).isGreaterThan(0.97);
            for (int i = 64 * 63; i < 64 * 64; i++) {
                assertThat(p[i] & 0xff).isEqualTo(ClassScheme.NODATA);
            }
            assertThat(floor.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
            assertThat(floor.info().trainingPixels()).isEqualTo(Map.of("hand-made", 4000));
        }
    }

    @Test
    void withOnlyRgbTheMissingSlotsAreMissingValuesAndItStillWorks() {
        try (LabelledScene test = BoostingFixtures.scene("rgb", 64, 98)) {
            var rgb = new BandSubsetSource(test.source(), new int[] {0, 1, 2});
            byte[] p = floor.classify(rgb, ClassScheme.CLOUD_CLEAR);
            assertThat(accuracy(test.labels(), p)).isGreaterThan(0.9);
        }
    }

    @Test
    void saveThenLoadPredictsIdentically(@TempDir Path dir) {
        Path file = dir.resolve("sub/floor.zip");
        floor.save(file);
        assertThat(dir.resolve("sub"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("floor.zip"));
        try (GradientBoostedPixelClassifier loaded = GradientBoostedPixelClassifier.load(file);
                LabelledScene test = BoostingFixtures.scene("x", 48, 5)) {
            assertThat(loaded.classify(test.source(), ClassScheme.CLOUD_CLEAR))
                    .isEqualTo(floor.classify(test.source(), ClassScheme.CLOUD_CLEAR));
            assertThat(loaded.info().params()).isEqualTo(FAST);
            assertThat(loaded.info().seed()).isEqualTo(7);
            assertThat(loaded.info().trainingData()).containsExactly("hand-made: 2 scenes");
            assertThat(loaded.info().features()).isEqualTo(PixelFeatures.NAMES);
            assertThat(loaded.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
        }
    }

    @Test
    void aMissingFileIsNamedWithTheFix(@TempDir Path dir) {
        Path file = dir.resolve("nope.zip");
        assertThatThrownBy(() -> GradientBoostedPixelClassifier.load(file))
                .isInstanceOf(SenseiException.class)
                .hasMessage("gbdt floor file " + file + " does not exist: give the path of a file written by 'sensei "
                        + "floor train' (default runs/<name>/gbdt-floor.zip)");
    }

    @Test
    void corruptFilesGiveAClearMessage(@TempDir Path dir) throws IOException {
        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "this is not a zip");
        assertThatThrownBy(() -> GradientBoostedPixelClassifier.load(garbage))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith(
                        "gbdt floor file " + garbage + " is damaged or not a gbdt floor: it lacks " + "floor.json")
                .hasMessageEndingWith("train it again with 'sensei floor train'");
        Path badBooster = dir.resolve("bad-booster.zip");
        Path good = dir.resolve("good.zip");
        floor.save(good);
        byte[] json;
        try (var zip = new ZipFile(good.toFile())) {
            json = zip.getInputStream(zip.getEntry("floor.json")).readAllBytes();
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(badBooster))) {
            zip.putNextEntry(new ZipEntry("floor.json"));
            zip.write(json);
            zip.putNextEntry(new ZipEntry("booster.ubj"));
            zip.write(new byte[] {1, 2, 3, 4, 5});
        }
        assertThatThrownBy(() -> GradientBoostedPixelClassifier.load(badBooster))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is damaged or not a gbdt floor: its booster cannot be loaded");
        Path otherFormat = dir.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(otherFormat))) {
            zip.putNextEntry(new ZipEntry("floor.json"));
            zip.write("{\"format\": \"something-else\"}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("booster.ubj"));
            zip.write(new byte[] {1});
        }
        assertThatThrownBy(() -> GradientBoostedPixelClassifier.load(otherFormat))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("its format is 'something-else', not 'sensei4j-gbdt-floor/1'");
    }

    @Test
    void refusesAFinerOutputSchemeAndAClassWithoutPixels() {
        try (LabelledScene test = BoostingFixtures.scene("x", 16, 5)) {
            assertThatThrownBy(() -> floor.classify(test.source(), ClassScheme.CLEAR_CLOUD_SHADOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be converted");
        }
        PixelSample oneClass =
                new PixelSample(new float[PixelFeatures.COUNT * 2], new byte[2], ClassScheme.CLOUD_CLEAR, Map.of());
        assertThatThrownBy(() -> GradientBoostedPixelClassifier.train(oneClass, FAST, 1, List.of()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("the training pixels have no 'cloud' pixel");
    }
}
