package org.sensei4j.train.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;

class SceneSampleProviderTest {

    @Test
    void patchModeIsUniformOverPatchesSoLargerScenesGiveMore() {
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(20, 16, 0.5, 20));
        LabelledScene small = Fixtures.labelledScene("d", "small", 20, 20); // 1 patch
        LabelledScene large = Fixtures.labelledScene("d", "large", 40, 40); // 4 patches
        SceneSampleProvider provider = SceneSampleProvider.ofPatches("d", List.of(small, large), sampler);
        assertThat(provider.size()).isEqualTo(5);
        SplittableRandom random = new SplittableRandom(41);
        int fromLarge = 0;
        for (int i = 0; i < 5000; i++) {
            TrainingSample s = provider.next(random);
            if (s.origin().sceneId().equals("large")) {
                fromLarge++;
            }
            assertThat(s.size()).isEqualTo(16);
        }
        assertThat(fromLarge / 5000.0).isCloseTo(0.8, within(0.03));
    }

    @Test
    void sceneModeIsUniformOverScenes() {
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(20, 16, 0.5, 20));
        SceneSampleProvider provider = SceneSampleProvider.ofScenes(
                "d",
                List.of(Fixtures.labelledScene("d", "small", 20, 20), Fixtures.labelledScene("d", "large", 40, 40)),
                sampler);
        SplittableRandom random = new SplittableRandom(42);
        int fromLarge = 0;
        for (int i = 0; i < 5000; i++) {
            if (provider.next(random).origin().sceneId().equals("large")) {
                fromLarge++;
            }
        }
        assertThat(fromLarge / 5000.0).isCloseTo(0.5, within(0.03));
    }

    @Test
    void lazyModeOpensScenesOnDemandAndKeepsFewOpen() {
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(32, 16, 0.5, 20));
        Map<String, Fixtures.RecordingSource> sources = new HashMap<>();
        List<String> opened = new ArrayList<>();
        SceneSampleProvider provider = SceneSampleProvider.lazy(
                "d",
                List.of("a", "b", "c", "d", "e"),
                id -> {
                    opened.add(id);
                    Fixtures.RecordingSource src =
                            new Fixtures.RecordingSource(Fixtures.scene(id, Fixtures.sixBands(), 32, 32, null));
                    sources.put(id + opened.size(), src);
                    return new LabelledScene(
                            "d", src, ClassScheme.CLOUD_CLEAR, Fixtures.labels(32, 32, (r, c) -> 0), Map.of());
                },
                sampler,
                2);
        SplittableRandom random = new SplittableRandom(43);
        for (int i = 0; i < 100; i++) {
            provider.next(random);
            long open = sources.values().stream().filter(s -> !s.closed).count();
            assertThat(open).isLessThanOrEqualTo(2);
        }
        assertThat(opened).containsAll(List.of("a", "b", "c", "d", "e"));
        provider.close();
        assertThat(sources.values()).allMatch(s -> s.closed);
    }

    @Test
    void unlabelledDataSetIsAClearError() {
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(20, 16, 0.5, 5));
        LabelledScene empty =
                Fixtures.labelledScene("l7", "blank", Fixtures.sixBands(), 20, 20, (r, c) -> ClassScheme.NODATA);
        SceneSampleProvider provider = SceneSampleProvider.ofScenes("l7", List.of(empty), sampler);
        assertThatThrownBy(() -> provider.next(new SplittableRandom(44)))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(
                        "found no 16 px sample with at least 0.5 of its pixels labelled in 100 draws " + "from l7")
                .hasMessageContaining("lower min_labelled_fraction");
        assertThatThrownBy(() -> SceneSampleProvider.ofPatches("l7", List.of(empty), sampler))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no 20 px patch of the 1 scenes of l7 has at least 0.5");
    }
}
