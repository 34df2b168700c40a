package org.sensei4j.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.scene.BandSubsetSource;

/** A floor trained on random band subsets keeps working with fewer bands; one trained on all bands does not. */
class BandSubsetFloorTest {

    static GradientBoostedPixelClassifier train(PixelBandSubset subset) {
        List<Supplier<LabelledScene>> scenes =
                List.of(() -> BoostingFixtures.swirScene("t1", 64, 1), () -> BoostingFixtures.swirScene("t2", 64, 2));
        PixelSample sample = PixelSample.draw(
                List.of(new PixelSample.Group("swir", 1, scenes)), ClassScheme.CLOUD_CLEAR, 4000, 7, subset);
        return GradientBoostedPixelClassifier.train(
                sample, GradientBoostedPixelClassifierTest.FAST, 7, List.of("swir: 2 scenes"));
    }

    static double[] accuracies(GradientBoostedPixelClassifier floor) {
        try (LabelledScene test = BoostingFixtures.swirScene("held-out", 64, 99)) {
            double all = GradientBoostedPixelClassifierTest.accuracy(
                    test.labels(), floor.classify(test.source(), ClassScheme.CLOUD_CLEAR));
            double rgb = GradientBoostedPixelClassifierTest.accuracy(
                    test.labels(),
                    floor.classify(new BandSubsetSource(test.source(), new int[] {0, 1, 2}), ClassScheme.CLOUD_CLEAR));
            double rgbNir = GradientBoostedPixelClassifierTest.accuracy(
                    test.labels(),
                    floor.classify(
                            new BandSubsetSource(test.source(), new int[] {0, 1, 2, 3}), ClassScheme.CLOUD_CLEAR));
            return new double[] {all, rgb, rgbNir};
        }
    }

    /**
     * Held-out pixels of {@link BoostingFixtures#swirScene} (SWIR separates the classes, RGB alone at best about
     * 5/6): trained on all bands the floor sends every RGB-only pixel down the missing-SWIR branch, one class
     * (measured 49.90%); trained on band subsets it learnt the visible bands too (measured 84.18% with RGB,
     * 93.45% with RGB+NIR, 99.95% with all bands; the all-band floor 100%).
     */
    @Test
    void withBandSubsetsRgbOnlyIsClearlyBetterAndAllBandsStayAsGood(@TempDir Path dir) {
        double[] without;
        double[] with;
        try (GradientBoostedPixelClassifier f = train(null)) {
            without = accuracies(f);
        }
        try (GradientBoostedPixelClassifier f = train(new PixelBandSubset(3, 0))) {
            with = accuracies(f);
            f.save(dir.resolve("floor.zip"));
        }
        assertThat(without[0]).isGreaterThan(0.995);
        assertThat(without[1]).isLessThan(0.55);
        assertThat(without[2]).isLessThan(0.55);
        assertThat(with[0]).isGreaterThan(0.995);
        assertThat(with[1]).isGreaterThan(0.82);
        assertThat(with[2]).isGreaterThan(0.91);
        try (GradientBoostedPixelClassifier loaded = GradientBoostedPixelClassifier.load(dir.resolve("floor.zip"))) {
            assertThat(loaded.info().bandSubset()).isEqualTo(new PixelBandSubset(3, 0));
        }
    }
}
