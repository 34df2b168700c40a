package org.sensei4j.train.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sensei4j.train.sample.Fixtures.code;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneWindow;

class PatchSamplerTest {

    /** {@code n} samples of {@code scene}, drawn one after the other from a random generator seeded {@code seed}. */
    private static List<TrainingSample> samples(LabelledScene scene, PatchSamplerConfig config, long seed, int n) {
        PatchSampler sampler = new PatchSampler(config);
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sampler.sample(scene, random).orElseThrow());
        }
        return out;
    }

    @Test
    void cropsHaveTheCropSizeLieInsideTheSceneAndCarryTheSceneValuesAndLabels() {
        LabelledScene scene = Fixtures.labelledScene("d", "a", 64, 48);
        Set<Integer> xs = new HashSet<>();
        Set<Integer> ys = new HashSet<>();
        for (TrainingSample s : samples(scene, new PatchSamplerConfig(40, 32, 0.5, 20), 1, 300)) {
            PixelWindow w = s.origin().window();
            assertThat(s.size()).isEqualTo(32);
            assertThat(w.width()).isEqualTo(32);
            assertThat(w.height()).isEqualTo(32);
            assertThat(w.fitsIn(64, 48)).isTrue();
            assertThat(s.origin().dataset()).isEqualTo("d");
            assertThat(s.origin().sceneId()).isEqualTo("a");
            assertThat(s.bandIds()).containsExactly("B1", "B2", "B3", "B4", "B8", "B11");
            xs.add(w.x());
            ys.add(w.y());
            for (int b = 0; b < 6; b += 5) {
                for (int r = 0; r < 32; r += 7) {
                    for (int c = 0; c < 32; c += 5) {
                        assertThat(s.value(b, r, c)).isEqualTo(code(b, w.y() + r, w.x() + c));
                        assertThat(s.label(r, c)).isEqualTo(Fixtures.label(w.y() + r, w.x() + c));
                    }
                }
            }
        }
        // every x in 0..32 and y in 0..16 is reachable; 300 draws reach nearly all
        assertThat(xs).allMatch(x -> x >= 0 && x <= 32).hasSizeGreaterThan(25);
        assertThat(ys).allMatch(y -> y >= 0 && y <= 16).hasSize(17);
    }

    @Test
    void precutPatchGivesEveryOffsetOfTheCropAndNothingOutside() {
        // the paper's scheme in miniature: a 38 px pre-cut patch, 32 px crops -> offsets 0..6
        LabelledScene patch = Fixtures.labelledScene("d", "p", 38, 38);
        Set<Integer> offsets = new HashSet<>();
        for (TrainingSample s : samples(patch, new PatchSamplerConfig(263, 32, 0.5, 20), 2, 400)) {
            PixelWindow w = s.origin().window();
            offsets.add(w.x());
            offsets.add(w.y());
        }
        assertThat(offsets).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void cropInsideAGivenPatchStaysInThatPatch() {
        LabelledScene scene = Fixtures.labelledScene("d", "a", 64, 64);
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(20, 16, 0.0, 20));
        PixelWindow patch = new PixelWindow(40, 20, 20, 20);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            PixelWindow w =
                    sampler.sample(scene, patch, random).orElseThrow().origin().window();
            assertThat(w.x()).isBetween(40, 44);
            assertThat(w.y()).isBetween(20, 24);
        }
    }

    @Test
    void windowsBelowTheLabelledFractionAreSkipped() {
        // columns >= 16 have no label: a 32 px crop at column x is (16 - x)/32 labelled, >= 0.5 only at x = 0
        LabelledScene scene = Fixtures.labelledScene(
                "d", "half", Fixtures.sixBands(), 64, 64, (r, c) -> c < 16 ? 1 : ClassScheme.NODATA);
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(64, 32, 0.5, 200));
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 50; i++) {
            TrainingSample s = sampler.sample(scene, random).orElseThrow();
            assertThat(s.origin().window().x()).isZero();
            assertThat(s.labelledFraction()).isEqualTo(0.5);
        }
        PatchSampler strict = new PatchSampler(new PatchSamplerConfig(64, 32, 0.51, 50));
        assertThat(strict.sample(scene, random)).isEmpty();
    }

    @Test
    void imageNodataBecomesNodataLabelsAndCountsAgainstTheThreshold() {
        byte[] invalid = new byte[32 * 32];
        for (int r = 0; r < 32; r++) {
            for (int c = 0; c < 20; c++) {
                invalid[r * 32 + c] = SceneWindow.NODATA;
            }
        }
        invalid[31 * 32 + 31] = SceneWindow.SATURATED; // saturated pixels keep their label
        LabelledScene scene = new LabelledScene(
                "d",
                Fixtures.scene("n", Fixtures.sixBands(), 32, 32, invalid),
                ClassScheme.CLOUD_CLEAR,
                Fixtures.labels(32, 32, (r, c) -> 1),
                Map.of());
        TrainingSample s = PatchSampler.read(scene, new PixelWindow(0, 0, 32, 32));
        assertThat(s.label(5, 19)).isEqualTo(ClassScheme.NODATA);
        assertThat(s.label(5, 20)).isEqualTo(1);
        assertThat(s.label(31, 31)).isEqualTo(1);
        assertThat(s.labelledFraction()).isEqualTo(12.0 / 32);
        // the labels alone are fully labelled; the image's nodata makes the window fail a 0.5 threshold
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(32, 32, 0.5, 5));
        assertThat(PatchSampler.labelledFraction(scene, new PixelWindow(0, 0, 32, 32)))
                .isEqualTo(1.0);
        assertThat(sampler.sample(scene, new SplittableRandom(5))).isEmpty();
    }

    @Test
    void onlyTheCropWindowIsReadFromTheSource() {
        Fixtures.RecordingSource source =
                new Fixtures.RecordingSource(Fixtures.scene("big", Fixtures.sixBands(), 96, 80, null));
        LabelledScene scene = new LabelledScene(
                "d", source, ClassScheme.CLEAR_THIN_THICK_SHADOW, Fixtures.labels(96, 80, Fixtures::label), Map.of());
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(40, 32, 0.5, 20));
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 20; i++) {
            sampler.sample(scene, random).orElseThrow();
        }
        assertThat(source.reads).hasSize(20).allMatch(w -> w.width() == 32 && w.height() == 32);
        assertThat(scene.isLoaded()).isFalse();
    }

    @Test
    void sceneSmallerThanTheCropIsAClearError() {
        LabelledScene scene = Fixtures.labelledScene("sparcs", "tiny", 30, 64);
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(263, 32, 0.5, 20));
        assertThatThrownBy(() -> sampler.sample(scene, new SplittableRandom(7)))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("scene 'tiny' of sparcs is 30×64 px, smaller than crop_size 32 px")
                .hasMessageContaining("lower crop_size");
    }

    @Test
    void patchGridTilesTheSceneWithoutOverlapAndLabelledPatchesFilters() {
        PatchSampler sampler = new PatchSampler(new PatchSamplerConfig(20, 16, 0.5, 20));
        List<PixelWindow> grid = sampler.patchGrid(64, 45);
        assertThat(grid)
                .containsExactly(
                        new PixelWindow(0, 0, 20, 20),
                        new PixelWindow(20, 0, 20, 20),
                        new PixelWindow(40, 0, 20, 20),
                        new PixelWindow(0, 20, 20, 20),
                        new PixelWindow(20, 20, 20, 20),
                        new PixelWindow(40, 20, 20, 20));
        assertThat(sampler.patchGrid(18, 30)).containsExactly(new PixelWindow(0, 0, 18, 20));
        assertThat(sampler.patchGrid(15, 30)).isEmpty();
        LabelledScene scene = Fixtures.labelledScene(
                "d", "a", Fixtures.sixBands(), 64, 45, (r, c) -> c < 25 ? 0 : ClassScheme.NODATA);
        // patches at x = 0 are fully labelled, at x = 20 a quarter, at x = 40 not at all
        assertThat(sampler.labelledPatches(scene))
                .containsExactly(new PixelWindow(0, 0, 20, 20), new PixelWindow(0, 20, 20, 20));
    }

    @Test
    void configReadsSnakeCaseJsonWithDefaultsAndRejectsBadValues() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PatchSamplerConfig c =
                json.readValue("{\"crop_size\": 128, \"min_labelled_fraction\": 0.25}", PatchSamplerConfig.class);
        assertThat(c).isEqualTo(new PatchSamplerConfig(263, 128, 0.25, 20));
        assertThat(json.readValue("{}", PatchSamplerConfig.class)).isEqualTo(PatchSamplerConfig.defaults());
        assertThat(json.readTree(json.writeValueAsString(PatchSamplerConfig.defaults()))
                        .fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("patch_size", "crop_size", "min_labelled_fraction", "max_attempts");
        assertThat(json.readValue(json.writeValueAsString(c), PatchSamplerConfig.class))
                .isEqualTo(c);
        assertThatThrownBy(() -> new PatchSamplerConfig(200, 257, 0.5, 20))
                .hasMessageContaining("patch_size 200 px is smaller than crop_size 257 px");
        assertThatThrownBy(() -> new PatchSamplerConfig(263, 257, 1.5, 20))
                .hasMessageContaining("min_labelled_fraction 1.5 is not in [0, 1]");
        assertThat(Optional.of(PatchSamplerConfig.windows(64, 0.3))).contains(new PatchSamplerConfig(64, 64, 0.3, 20));
    }
}
