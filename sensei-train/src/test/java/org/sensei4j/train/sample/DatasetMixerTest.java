package org.sensei4j.train.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.PixelWindow;

class DatasetMixerTest {

    private static SampleProvider tagged(String dataset) {
        TrainingSample s = Fixtures.sample(4, Fixtures.firstBands(3));
        TrainingSample t = new TrainingSample(
                s.values(),
                s.bands(),
                s.labels(),
                4,
                s.scheme(),
                new SampleOrigin(dataset, "x", new PixelWindow(0, 0, 4, 4)));
        return random -> t;
    }

    @Test
    void proportionsFollowTheWeightsWithinThreePercent() {
        DatasetMixer mixer =
                DatasetMixer.of(Map.of("s2", 0.7, "l8", 0.3), Map.of("s2", tagged("s2"), "l8", tagged("l8")));
        SplittableRandom random = new SplittableRandom(31);
        int s2 = 0;
        for (int i = 0; i < 10_000; i++) {
            if (mixer.next(random).origin().dataset().equals("s2")) {
                s2++;
            }
        }
        assertThat(s2 / 10_000.0).isCloseTo(0.7, within(0.03));
        assertThat(mixer.sources()).extracting(DatasetMixer.Source::name).containsExactly("l8", "s2");
        assertThat(mixer.share(1)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void threeRelativeWeightsOverScenes() {
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(32, 16, 0.5, 20));
        Map<String, SampleProvider> providers = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        String[] names = {"a", "b", "c"};
        double[] w = {1, 2, 5};
        for (int i = 0; i < 3; i++) {
            List<LabelledScene> scenes = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                scenes.add(Fixtures.labelledScene(names[i], names[i] + k, 32, 32));
            }
            providers.put(names[i], SceneSampleProvider.ofScenes(names[i], scenes, sampler));
            weights.put(names[i], w[i]);
        }
        DatasetMixer mixer = DatasetMixer.of(weights, providers);
        SplittableRandom random = new SplittableRandom(32);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(mixer.next(random).origin().dataset(), 1, Integer::sum);
        }
        assertThat(counts.get("a") / 10_000.0).isCloseTo(1 / 8.0, within(0.03));
        assertThat(counts.get("b") / 10_000.0).isCloseTo(2 / 8.0, within(0.03));
        assertThat(counts.get("c") / 10_000.0).isCloseTo(5 / 8.0, within(0.03));
    }

    @Test
    void sameSeedSameDrawsAndMismatchedNamesFail() {
        DatasetMixer mixer =
                DatasetMixer.of(Map.of("s2", 0.5, "l8", 0.5), Map.of("s2", tagged("s2"), "l8", tagged("l8")));
        SplittableRandom a = new SplittableRandom(33);
        SplittableRandom b = new SplittableRandom(33);
        SplittableRandom c = new SplittableRandom(34);
        int[] da = new int[200];
        int[] db = new int[200];
        int[] dc = new int[200];
        for (int i = 0; i < 200; i++) {
            da[i] = mixer.pick(a);
            db[i] = mixer.pick(b);
            dc[i] = mixer.pick(c);
        }
        assertThat(da).isEqualTo(db).isNotEqualTo(dc);
        assertThatThrownBy(() -> DatasetMixer.of(Map.of("s2", 1.0), Map.of("l8", tagged("l8"))))
                .hasMessageContaining("weights name [s2] but providers name [l8]");
        assertThatThrownBy(() -> new DatasetMixer.Source("s2", 0, tagged("s2")))
                .hasMessageContaining("weight of source s2 is 0.0: give a positive number");
    }
}
