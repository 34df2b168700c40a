package org.sensei4j.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;

class PixelSampleTest {

    static List<PixelSample.Group> groups() {
        List<Supplier<LabelledScene>> a = List.of(() -> BoostingFixtures.scene("a1", 32, 1));
        List<Supplier<LabelledScene>> b =
                List.of(() -> BoostingFixtures.scene("b1", 32, 2), () -> BoostingFixtures.scene("b2", 32, 3));
        return List.of(new PixelSample.Group("a", 1, a), new PixelSample.Group("b", 3, b));
    }

    @Test
    void sharesFollowTheWeightsAndClassesAreBalanced() {
        PixelSample s = PixelSample.draw(groups(), ClassScheme.CLOUD_CLEAR, 800, 11);
        // 800 · 1/4 / 2 = 100 per class from a, 800 · 3/4 / 2 = 300 per class from b (each has enough of both)
        assertThat(s.perGroup()).containsExactly(Map.entry("a", 200), Map.entry("b", 600));
        long cloud = 0;
        for (byte l : s.labels()) {
            cloud += l;
        }
        assertThat(cloud).isEqualTo(400);
        // no nodata pixel (the last row of each scene) was drawn: every feature vector is finite
        for (int i = 0; i < s.count(); i++) {
            assertThat(s.features()[i * PixelFeatures.COUNT + 10])
                    .as("brightness")
                    .isNotNaN();
        }
    }

    @Test
    void aClassWithFewerPixelsThanItsShareGivesAllItHas() {
        // a 32 × 32 scene has 992 labelled pixels, about 55% cloud: asking 4000 gives every labelled pixel
        PixelSample s = PixelSample.draw(List.of(groups().get(0)), ClassScheme.CLOUD_CLEAR, 4000, 1);
        assertThat(s.count()).isEqualTo(32 * 31);
    }

    @Test
    void theSameSeedDrawsTheSamePixelsAnotherSeedOthers() {
        PixelSample a = PixelSample.draw(groups(), ClassScheme.CLOUD_CLEAR, 400, 5);
        PixelSample b = PixelSample.draw(groups(), ClassScheme.CLOUD_CLEAR, 400, 5);
        PixelSample c = PixelSample.draw(groups(), ClassScheme.CLOUD_CLEAR, 400, 6);
        assertThat(a.features()).isEqualTo(b.features());
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.features()).isNotEqualTo(c.features());
    }

    @Test
    void withBandSubsetsTheSamePixelsAreDrawnAndEachSeesThreeToAllOfItsBands() {
        PixelSample all = PixelSample.draw(groups(), ClassScheme.CLOUD_CLEAR, 4000, 5);
        PixelBandSubset subset = new PixelBandSubset(3, 0);
        PixelSample sub = PixelSample.draw(groups(), ClassScheme.CLOUD_CLEAR, 4000, 5, subset);
        PixelSample again = PixelSample.draw(groups(), ClassScheme.CLOUD_CLEAR, 4000, 5, subset);
        assertThat(sub.bandSubset()).isEqualTo(subset);
        assertThat(all.bandSubset()).isNull();
        assertThat(sub.labels()).isEqualTo(all.labels());
        assertThat(again.features()).isEqualTo(sub.features());
        int f = PixelFeatures.COUNT;
        int[] perCount = new int[6];
        for (int i = 0; i < sub.count(); i++) {
            int kept = 0;
            for (int s = 0; s < 5; s++) { // the fixture's slots: blue, green, red, nir, swir1
                float v = sub.features()[i * f + s];
                if (!Float.isNaN(v)) {
                    kept++;
                    assertThat(v).isEqualTo(all.features()[i * f + s]);
                }
            }
            perCount[kept]++;
            boolean red = !Float.isNaN(sub.features()[i * f + 2]);
            boolean nir = !Float.isNaN(sub.features()[i * f + 3]);
            boolean visible = !Float.isNaN(sub.features()[i * f]) && !Float.isNaN(sub.features()[i * f + 1]) && red;
            assertThat(Float.isNaN(sub.features()[i * f + 8]))
                    .as("ndvi missing iff red or nir is")
                    .isEqualTo(!(red && nir));
            assertThat(Float.isNaN(sub.features()[i * f + 10]))
                    .as("brightness missing iff a visible band is")
                    .isEqualTo(!visible);
            if (kept == 5) {
                assertThat(Arrays.copyOfRange(sub.features(), i * f, (i + 1) * f))
                        .isEqualTo(Arrays.copyOfRange(all.features(), i * f, (i + 1) * f));
            }
        }
        assertThat(perCount[0] + perCount[1] + perCount[2]).isZero();
        // a count uniform in 3..5: a third of the pixels each
        assertThat(sub.count())
                .as("every labelled pixel but the clear ones of a beyond its share")
                .isEqualTo(2893);
        for (int c = 3; c <= 5; c++) {
            assertThat(perCount[c] / (double) sub.count())
                    .as("share with %d bands", c)
                    .isBetween(0.30, 0.37);
        }
    }
}
