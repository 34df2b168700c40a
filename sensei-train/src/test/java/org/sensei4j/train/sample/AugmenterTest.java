package org.sensei4j.train.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.raster.PixelWindow;

class AugmenterTest {

    private static final int N = 16;

    /** Checks out(r, c) = in(src(r, c)) for every band and the labels. */
    private static void assertMapping(TrainingSample in, TrainingSample out, BiFunction<Integer, Integer, int[]> src) {
        assertThat(out.size()).isEqualTo(in.size());
        assertThat(out.bands()).isEqualTo(in.bands());
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                int[] rc = src.apply(r, c);
                for (int b = 0; b < in.bandCount(); b++) {
                    assertThat(out.value(b, r, c)).isEqualTo(in.value(b, rc[0], rc[1]));
                }
                assertThat(out.label(r, c)).isEqualTo(in.label(rc[0], rc[1]));
            }
        }
    }

    @Test
    void flipsMoveValuesAndLabelsAlike() {
        TrainingSample s = Fixtures.sample(N, Fixtures.firstBands(3));
        assertMapping(s, Augmenter.flipHorizontal(s), (r, c) -> new int[] {r, N - 1 - c});
        assertMapping(s, Augmenter.flipVertical(s), (r, c) -> new int[] {N - 1 - r, c});
        assertThat(Augmenter.flipHorizontal(Augmenter.flipHorizontal(s))).isEqualTo(s);
    }

    @Test
    void rotationsFollowNumpyRot90() {
        TrainingSample s = Fixtures.sample(N, Fixtures.firstBands(3));
        assertMapping(s, Augmenter.rotate90(s, 1), (r, c) -> new int[] {c, N - 1 - r});
        assertMapping(s, Augmenter.rotate90(s, 2), (r, c) -> new int[] {N - 1 - r, N - 1 - c});
        assertMapping(s, Augmenter.rotate90(s, 3), (r, c) -> new int[] {N - 1 - c, r});
        assertThat(Augmenter.rotate90(s, -1)).isEqualTo(Augmenter.rotate90(s, 3));
        assertThat(Augmenter.rotate90(s, 4)).isSameAs(s);
        assertThat(Augmenter.rotate90(Augmenter.rotate90(s, 1), 3)).isEqualTo(s);

        // numpy: rot90([[1, 2], [3, 4]]) = [[2, 4], [1, 3]]
        TrainingSample two = new TrainingSample(
                new float[] {1, 2, 3, 4},
                Fixtures.firstBands(1),
                new byte[] {0, 1, 2, 3},
                2,
                ClassScheme.CLEAR_THIN_THICK_SHADOW,
                new SampleOrigin("t", "two", new PixelWindow(0, 0, 2, 2)));
        TrainingSample r = Augmenter.rotate90(two, 1);
        assertThat(r.values()).containsExactly(2, 4, 1, 3);
        assertThat(r.labels()).containsExactly(1, 3, 0, 2);
    }

    @Test
    void translationShiftsLabelsAlikeAndFillsUncoveredPixels() {
        TrainingSample s = Fixtures.sample(N, Fixtures.firstBands(2));
        int dx = 3;
        int dy = -2; // right by 3, up by 2: out(r, c) = in(r + 2, c - 3)
        for (TranslationFill fill : TranslationFill.values()) {
            TrainingSample t = Augmenter.translate(s, dx, dy, fill);
            int nodata = 0;
            for (int r = 0; r < N; r++) {
                for (int c = 0; c < N; c++) {
                    int sr = r - dy;
                    int sc = c - dx;
                    boolean inside = sr < N && sc >= 0;
                    for (int b = 0; b < 2; b++) {
                        float expected = inside
                                ? s.value(b, sr, sc)
                                : fill == TranslationFill.ZERO ? 0f : s.value(b, Math.min(sr, N - 1), Math.max(sc, 0));
                        assertThat(t.value(b, r, c)).isEqualTo(expected);
                    }
                    assertThat(t.label(r, c)).isEqualTo(inside ? s.label(sr, sc) : ClassScheme.NODATA);
                    if (!inside) {
                        nodata++;
                    }
                }
            }
            assertThat(nodata).isEqualTo(N * N - (N - 3) * (N - 2));
        }
        assertThat(Augmenter.translate(s, 0, 0, TranslationFill.EDGE)).isEqualTo(s);
        assertThat(Augmenter.translate(s, N, 0, TranslationFill.ZERO).labelledFraction())
                .isZero();
    }

    @Test
    void randomGeometryKeepsValuesAndLabelsTogether() {
        TrainingSample s = Fixtures.sample(N, Fixtures.firstBands(3));
        AugmentationConfig geometry = AugmentationConfigBuilder.builder(AugmentationConfig.defaults())
                .noiseProbability(0.0)
                .noiseSigma(0.0)
                .bandScaleProbability(0.0)
                .bandScaleRange(0.0)
                .bandOffsetProbability(0.0)
                .bandOffsetRange(0.0)
                .saltPepperProbability(0.0)
                .saltPepperFraction(0.0)
                .translationProbability(0.5)
                .maxTranslationPx(5)
                .build();
        Augmenter augmenter = new Augmenter(geometry);
        SplittableRandom random = new SplittableRandom(21);
        Set<String> corners = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            TrainingSample t = augmenter.apply(s, random);
            for (int r = 0; r < N; r++) {
                for (int c = 0; c < N; c++) {
                    float v0 = t.value(0, r, c);
                    int sr = Fixtures.rowOf(v0);
                    int sc = Fixtures.colOf(v0);
                    for (int b = 1; b < 3; b++) { // every band comes from the same input pixel
                        assertThat(t.value(b, r, c)).isEqualTo(Fixtures.code(b, sr, sc));
                    }
                    int label = t.label(r, c);
                    if (label != ClassScheme.NODATA) {
                        assertThat(label).isEqualTo(s.label(sr, sc));
                    }
                }
            }
            corners.add(Fixtures.rowOf(t.value(0, 0, 0)) + "," + Fixtures.colOf(t.value(0, 0, 0)));
        }
        // the 8 orientations put each of the 4 corners at the upper left
        assertThat(corners).contains("0,0", "0,15", "15,0", "15,15");
    }

    @Test
    void whiteNoiseHasTheConfiguredSigma() {
        TrainingSample s = Fixtures.constant(64, Fixtures.sixBands(), 0.3f);
        Augmenter augmenter =
                new Augmenter(none().noiseProbability(1.0).noiseSigma(0.05).build());
        TrainingSample t = augmenter.apply(s, new SplittableRandom(22));
        double sum = 0;
        double sq = 0;
        int n = t.values().length;
        for (float v : t.values()) {
            double d = v - 0.3;
            sum += d;
            sq += d * d;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertThat(n).isEqualTo(6 * 64 * 64);
        assertThat(mean).isCloseTo(0, within(0.002)); // 5 standard errors of 0.05/sqrt(24576)
        assertThat(sd).isCloseTo(0.05, within(0.0015));
        assertThat(t.labels()).isEqualTo(s.labels());
        assertThat(s.values()).containsOnly(0.3f);
    }

    @Test
    void saltAndPepperHitsTheConfiguredFraction() {
        TrainingSample s = Fixtures.constant(64, Fixtures.sixBands(), 0.3f);
        Augmenter augmenter = new Augmenter(
                none().saltPepperProbability(1.0).saltPepperFraction(0.02).build());
        TrainingSample t = augmenter.apply(s, new SplittableRandom(23));
        int salt = 0;
        int pepper = 0;
        for (float v : t.values()) {
            if (v == 1.1f) {
                salt++;
            } else if (v == 0f) {
                pepper++;
            } else {
                assertThat(v).isEqualTo(0.3f);
            }
        }
        int n = t.values().length; // 24576 values, expected 491.5 hits, sd 22
        assertThat(salt + pepper).isBetween(420, 565);
        assertThat(salt).isBetween(180, 310);
        assertThat(pepper).isBetween(180, 310);
        assertThat(n).isEqualTo(24576);
    }

    @Test
    void saturationClipsRandomBandsEachAtOneCeiling() {
        SplittableRandom values = new SplittableRandom(24);
        TrainingSample base = Fixtures.sample(32, Fixtures.sixBands());
        float[] v = new float[base.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.nextDouble(); // reflectance 0..1
        }
        TrainingSample s = base.withValues(v, base.bands());
        Augmenter augmenter = new Augmenter(none().saturationProbability(1.0)
                .saturationMinCeiling(0.5)
                .saturationMaxCeiling(0.8)
                .build());
        SplittableRandom random = new SplittableRandom(25);
        Set<Integer> clippedCounts = new HashSet<>();
        int plane = s.planeSize();
        for (int i = 0; i < 200; i++) {
            TrainingSample t = augmenter.apply(s, random);
            int clipped = 0;
            for (int b = 0; b < 6; b++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int p = 0; p < plane; p++) {
                    max = Math.max(max, t.values()[b * plane + p]);
                }
                if (max < maxOf(s, b)) { // this band was clipped at `max`
                    clipped++;
                    assertThat(max).isBetween(0.5f, 0.8f);
                    for (int p = 0; p < plane; p++) {
                        float in = s.values()[b * plane + p];
                        assertThat(t.values()[b * plane + p]).isEqualTo(Math.min(in, max));
                    }
                } else {
                    for (int p = 0; p < plane; p++) {
                        assertThat(t.values()[b * plane + p]).isEqualTo(s.values()[b * plane + p]);
                    }
                }
            }
            assertThat(clipped).isBetween(1, 6);
            clippedCounts.add(clipped);
        }
        assertThat(clippedCounts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }

    private static float maxOf(TrainingSample s, int band) {
        float max = Float.NEGATIVE_INFINITY;
        for (int p = 0; p < s.planeSize(); p++) {
            max = Math.max(max, s.values()[band * s.planeSize() + p]);
        }
        return max;
    }

    @Test
    void bandScaleAndOffsetAreOneDrawPerBandWithinRange() {
        TrainingSample s = Fixtures.constant(8, Fixtures.sixBands(), 0.5f);
        Augmenter scale = new Augmenter(
                none().bandScaleProbability(1.0).bandScaleRange(0.05).build());
        Augmenter offset = new Augmenter(
                none().bandOffsetProbability(1.0).bandOffsetRange(0.05).build());
        SplittableRandom random = new SplittableRandom(26);
        double lowest = 1;
        double highest = -1;
        for (int i = 0; i < 100; i++) {
            TrainingSample a = scale.apply(s, random);
            TrainingSample o = offset.apply(s, random);
            for (int b = 0; b < 6; b++) {
                float fa = a.value(b, 0, 0) / 0.5f;
                float fo = o.value(b, 0, 0) - 0.5f;
                assertThat(fa).isBetween(0.95f, 1.05f);
                assertThat(fo).isBetween(-0.05f, 0.05f);
                lowest = Math.min(lowest, fo);
                highest = Math.max(highest, fo);
                for (int p = 0; p < s.planeSize(); p++) { // one factor / offset for the whole band
                    assertThat(a.values()[b * 64 + p]).isEqualTo(a.value(b, 0, 0));
                    assertThat(o.values()[b * 64 + p]).isEqualTo(o.value(b, 0, 0));
                }
            }
        }
        assertThat(lowest).isLessThan(-0.045);
        assertThat(highest).isGreaterThan(0.045);
    }

    @Test
    void noAugmentationReturnsTheSampleAndProbabilitiesAreHonoured() {
        TrainingSample s = Fixtures.sample(8, Fixtures.sixBands());
        assertThat(Augmenter.none().apply(s, new SplittableRandom(1))).isSameAs(s);
        Augmenter flips = new Augmenter(none().horizontalFlipProbability(0.3).build());
        SplittableRandom random = new SplittableRandom(27);
        int flipped = 0;
        for (int i = 0; i < 5000; i++) {
            if (flips.apply(s, random) != s) {
                flipped++;
            }
        }
        assertThat(flipped / 5000.0).isCloseTo(0.3, within(0.02));
    }

    @Test
    void configIsSnakeCaseJsonWithDocumentedDefaults() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AugmentationConfig d = AugmentationConfig.defaults();
        assertThat(json.readValue("{}", AugmentationConfig.class)).isEqualTo(d);
        AugmentationConfig c = json.readValue(
                "{\"noise_sigma\": 0.03, \"translation_fill\": \"zero\", \"saturation_probability\": 0.2}",
                AugmentationConfig.class);
        assertThat(c)
                .isEqualTo(AugmentationConfigBuilder.builder(d)
                        .noiseSigma(0.03)
                        .translationFill(TranslationFill.ZERO)
                        .saturationProbability(0.2)
                        .build());
        String text = json.writeValueAsString(c);
        assertThat(text)
                .contains(
                        "\"horizontal_flip_probability\":0.5",
                        "\"translation_fill\":\"zero\"",
                        "\"salt_pepper_fraction\":0.002",
                        "\"saturation_max_ceiling\":1.0");
        assertThat(json.readValue(text, AugmentationConfig.class)).isEqualTo(c);
        assertThat(List.of(
                        d.rotationProbability(),
                        d.noiseSigma(),
                        d.bandScaleRange(),
                        d.bandOffsetRange(),
                        d.saltValue(),
                        d.saturationProbability()))
                .containsExactly(0.75, 0.02, 0.05, 0.05, 1.1, 0.0);
        assertThatThrownBy(() -> json.readValue("{\"noise_sigm\": 0.1}", AugmentationConfig.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> AugmentationConfigBuilder.builder(d)
                        .noiseProbability(1.5)
                        .build())
                .hasMessageContaining("noise_probability 1.5 is not a probability");
        assertThatThrownBy(() -> AugmentationConfigBuilder.builder(d)
                        .saturationMinCeiling(0.9)
                        .saturationMaxCeiling(0.5)
                        .build())
                .hasMessageContaining("saturation_min_ceiling 0.9 is above saturation_max_ceiling 0.5");
        assertThatThrownBy(() -> TranslationFill.parse("mirror")).hasMessageContaining("use edge or zero");
    }

    /** A builder starting from no augmentation. */
    private static AugmentationConfigBuilder none() {
        return AugmentationConfigBuilder.builder(AugmentationConfig.none());
    }
}
