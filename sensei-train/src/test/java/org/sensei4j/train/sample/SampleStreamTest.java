package org.sensei4j.train.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;

class SampleStreamTest {

    private static final PatchSampler SAMPLER = new PatchSampler(new PatchSamplerConfig(40, 32, 0.5, 20));

    private static SampleProvider mixed() {
        List<LabelledScene> six =
                List.of(Fixtures.labelledScene("s2", "a", 64, 64), Fixtures.labelledScene("s2", "b", 48, 64));
        List<LabelledScene> four =
                List.of(Fixtures.labelledScene("l8", "c", Fixtures.firstBands(4), 64, 64, Fixtures::label));
        return DatasetMixer.of(
                Map.of("s2", 0.7, "l8", 0.3),
                Map.of(
                        "s2", SceneSampleProvider.ofScenes("s2", six, SAMPLER),
                        "l8", SceneSampleProvider.ofScenes("l8", four, SAMPLER)));
    }

    private static SampleStream stream(long seed) {
        return new SampleStream(
                mixed(),
                BandSubsetter.random(BandSubsetConfig.defaults().withSyntheticBands(0.5, 0.5, 2, 2)),
                new Augmenter(AugmentationConfig.defaults()),
                ClassScheme.CLOUD_CLEAR,
                4,
                seed);
    }

    @Test
    void sameSeedGivesIdenticalBatchesAndOtherSeedsDiffer() {
        SampleStream a = stream(51);
        SampleStream b = stream(51);
        SampleStream c = stream(52);
        List<Batch> ba = new ArrayList<>();
        List<Batch> bc = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Batch x = a.next();
            assertThat(b.next()).isEqualTo(x);
            ba.add(x);
            bc.add(c.next());
        }
        for (int i = 0; i < 5; i++) {
            assertThat(bc.get(i)).isNotEqualTo(ba.get(i));
        }
        Batch epoch1 = new SampleStream(
                        mixed(),
                        BandSubsetter.random(BandSubsetConfig.defaults()),
                        Augmenter.none(),
                        ClassScheme.CLOUD_CLEAR,
                        4,
                        Seeds.forEpoch(51, 1))
                .next();
        Batch epoch2 = new SampleStream(
                        mixed(),
                        BandSubsetter.random(BandSubsetConfig.defaults()),
                        Augmenter.none(),
                        ClassScheme.CLOUD_CLEAR,
                        4,
                        Seeds.forEpoch(51, 2))
                .next();
        assertThat(epoch1).isNotEqualTo(epoch2);
    }

    @Test
    void everyBatchHasOneBandCountAndConsistentArrays() {
        SampleStream s = stream(53);
        Set<Integer> counts = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            Batch batch = s.next();
            int n = batch.bands();
            counts.add(n);
            assertThat(n).isBetween(3, 6);
            assertThat(batch.valuesShape()).containsExactly(4, n, 32, 32);
            assertThat(batch.descriptorsShape()).containsExactly(4, n, 3);
            assertThat(batch.labelsShape()).containsExactly(4, 32, 32);
            assertThat(batch.values()).hasSize(4 * n * 32 * 32);
            assertThat(batch.bandIds()).allMatch(ids -> ids.size() == n);
            boolean hasL8 = batch.origins().stream().anyMatch(o -> o.dataset().equals("l8"));
            if (hasL8) {
                assertThat(n).isLessThanOrEqualTo(4);
            }
            for (int b = 0; b < 4; b++) {
                List<String> ids = batch.bandIds().get(b);
                assertThat(ids).doesNotHaveDuplicates();
                for (int k = 0; k < n; k++) {
                    String id = ids.get(k);
                    float[] expected = Fixtures.sixBands().stream()
                            .filter(x -> x.id().equals(id))
                            .findFirst()
                            .map(x -> x.wavelengths().normalised())
                            .orElseGet(() -> BandSubsetter.mergedDescriptor(List.of(id.split("\\+")).stream()
                                            .map(SampleStreamTest::descriptorOf)
                                            .toList())
                                    .normalised());
                    for (int j = 0; j < 3; j++) {
                        assertThat(batch.descriptors()[(b * n + k) * 3 + j]).isEqualTo(expected[j]);
                    }
                }
            }
            for (int label : batch.labelsAsInts()) {
                assertThat(label).isIn(0, 1, ClassScheme.NODATA); // converted to the cloud scheme
            }
        }
        assertThat(counts).containsExactlyInAnyOrder(3, 4, 5, 6);
    }

    private static BandDescriptor descriptorOf(String id) {
        return Fixtures.sixBands().stream()
                .filter(b -> b.id().equals(id))
                .map(Band::wavelengths)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void batchLabelsAndValuesComeFromTheSampledWindow() {
        SampleStream s = new SampleStream(
                mixed(),
                BandSubsetter.fixed(List.of("B4", "B1", "B2")),
                Augmenter.none(),
                ClassScheme.CLEAR_THIN_THICK_SHADOW,
                3,
                54);
        for (int i = 0; i < 10; i++) {
            Batch batch = s.next();
            assertThat(batch.bands()).isEqualTo(3);
            assertThat(batch.bandIds()).allMatch(ids -> ids.equals(List.of("B4", "B1", "B2")));
            for (int b = 0; b < 3; b++) {
                var w = batch.origins().get(b).window();
                for (int r = 0; r < 32; r += 5) {
                    for (int c = 0; c < 32; c += 3) {
                        int pixel = (b * 32 + r) * 32 + c;
                        assertThat(batch.labels()[pixel]).isEqualTo((byte) Fixtures.label(w.y() + r, w.x() + c));
                        assertThat(batch.values()[(b * 3 * 32 + r) * 32 + c])
                                .isEqualTo(Fixtures.code(3, w.y() + r, w.x() + c));
                        assertThat(batch.values()[((b * 3 + 1) * 32 + r) * 32 + c])
                                .isEqualTo(Fixtures.code(0, w.y() + r, w.x() + c));
                    }
                }
            }
        }
    }

    @Test
    void fixedBandsMissingFromADataSetFailClearly() {
        SampleStream s = new SampleStream(
                mixed(),
                BandSubsetter.fixed(List.of("B2", "B3", "B11")),
                Augmenter.none(),
                ClassScheme.CLOUD_CLEAR,
                8,
                55);
        assertThatThrownBy(() -> {
                    for (int i = 0; i < 10; i++) {
                        s.next();
                    }
                })
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("lacks band B11 of the fixed band list");
    }

    @Test
    void samplesInDifferentBandCountsCannotBeBatchedDirectly() {
        TrainingSample a = Fixtures.sample(4, Fixtures.firstBands(3));
        TrainingSample b = Fixtures.sample(4, Fixtures.firstBands(4));
        assertThatThrownBy(() -> BatchBuilder.build(List.of(a, b)))
                .hasMessageContaining("has 4 bands, 4 px, scheme full but the batch's first sample has 3 bands");
    }
}
