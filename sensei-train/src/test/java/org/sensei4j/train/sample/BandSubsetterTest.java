package org.sensei4j.train.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;

class BandSubsetterTest {

    private static final List<String> IDS = List.of("B1", "B2", "B3", "B4", "B8", "B11");

    @Test
    void randomSubsetsHaveCountsInRangeDistinctBandsAndTheirOwnValues() {
        TrainingSample sample = Fixtures.sample(8, Fixtures.sixBands());
        BandSubsetter subsetter = BandSubsetter.random(BandSubsetConfig.defaults());
        SplittableRandom random = new SplittableRandom(11);
        int[] counts = new int[7];
        int[] firstBand = new int[6];
        for (int i = 0; i < 4000; i++) {
            TrainingSample s = subsetter.apply(sample, random);
            counts[s.bandCount()]++;
            assertThat(s.bandIds()).doesNotHaveDuplicates();
            assertThat(IDS).containsAll(s.bandIds());
            for (int k = 0; k < s.bandCount(); k++) {
                int source = IDS.indexOf(s.bandIds().get(k));
                assertThat(s.value(k, 3, 5)).isEqualTo(Fixtures.code(source, 3, 5));
                assertThat(s.descriptors().get(k))
                        .isEqualTo(sample.bands().get(source).wavelengths());
            }
            firstBand[IDS.indexOf(s.bandIds().get(0))]++;
            assertThat(s.labels()).isSameAs(sample.labels());
        }
        assertThat(counts[0] + counts[1] + counts[2]).isZero();
        for (int n = 3; n <= 6; n++) { // uniform over 3..6: 1000 each
            assertThat(counts[n]).isBetween(880, 1120);
        }
        for (int b = 0; b < 6; b++) { // random order: each band comes first about 1/6 of the time
            assertThat(firstBand[b]).isBetween(560, 780);
        }
    }

    @Test
    void maxBandsLimitsTheCount() {
        TrainingSample sample = Fixtures.sample(4, Fixtures.sixBands());
        BandSubsetter subsetter = BandSubsetter.random(BandSubsetConfig.range(2, 4));
        SplittableRandom random = new SplittableRandom(12);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(subsetter.apply(sample, random).bandCount());
        }
        assertThat(seen).containsExactlyInAnyOrder(2, 3, 4);
        assertThat(subsetter.drawCount(3, new SplittableRandom(1))).isBetween(2, 3);
    }

    @Test
    void tooFewBandsForMinBandsIsAClearError() {
        BandSubsetter subsetter = BandSubsetter.random(BandSubsetConfig.defaults());
        assertThatThrownBy(() -> subsetter.apply(Fixtures.sample(4, Fixtures.firstBands(2)), new SplittableRandom(1)))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("only 2 bands but min_bands is 3")
                .hasMessageContaining("lower min_bands");
    }

    @Test
    void mergedBandIsTheMeanWithWidestLimitsAndMeanCentre() {
        TrainingSample sample = Fixtures.sample(6, Fixtures.sixBands());
        TrainingSample m = BandSubsetter.merge(sample, 2, 1);
        assertThat(m.bandIds()).containsExactly("B1", "B2+B3", "B4", "B8", "B11");
        Band merged = m.bands().get(1);
        assertThat(merged.wavelengths()).isEqualTo(new BandDescriptor(458, 525, 578));
        assertThat(merged.quantity()).isEqualTo(Quantity.TOA_REFLECTANCE);
        assertThat(merged.resolutionM()).isEqualTo(20.0);
        assertThat(merged.commonName()).isNull();
        assertThat(BandSubsetter.isSynthetic(merged)).isTrue();
        assertThat(BandSubsetter.isSynthetic(m.bands().get(0))).isFalse();
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                assertThat(m.value(0, r, c)).isEqualTo(Fixtures.code(0, r, c));
                assertThat(m.value(1, r, c)).isEqualTo(15000f + r * 100 + c); // mean of 1xxxx and 2xxxx
                assertThat(m.value(2, r, c)).isEqualTo(Fixtures.code(3, r, c));
                assertThat(m.value(4, r, c)).isEqualTo(Fixtures.code(5, r, c));
            }
        }
        TrainingSample three = BandSubsetter.merge(sample, 3, 4, 5);
        assertThat(three.bandIds()).containsExactly("B1", "B2", "B3", "B4+B8+B11");
        BandDescriptor d = three.bands().get(3).wavelengths();
        assertThat(d.minNm()).isEqualTo(645.5);
        assertThat(d.centreNm()).isCloseTo((665 + 834 + 1610) / 3.0, within(1e-9));
        assertThat(d.maxNm()).isEqualTo(1655);
        assertThat(three.value(3, 1, 2)).isEqualTo(40000f + 100 + 2);
        assertThat(sample.bandCount()).isEqualTo(6); // input untouched
    }

    @Test
    void mergeRejectsMixedQuantitiesAndSingleBands() {
        List<Band> bands = new ArrayList<>(Fixtures.firstBands(3));
        bands.add(new Band("B10", null, new BandDescriptor(10600, 10895, 11190), 100, Quantity.BRIGHTNESS_TEMPERATURE));
        TrainingSample sample = Fixtures.sample(4, bands);
        assertThatThrownBy(() -> BandSubsetter.merge(sample, 2, 3))
                .hasMessageContaining("[B3, B10] measure different quantities");
        assertThatThrownBy(() -> BandSubsetter.merge(sample, 1, 1)).hasMessageContaining("at least two distinct bands");
    }

    @Test
    void mergeableRunsAreNeighboursInWavelengthOfOneQuantityWithinTheGap() {
        // shuffled band order: runs follow wavelength, not position
        List<Band> six = Fixtures.sixBands();
        List<Band> bands = List.of(six.get(4), six.get(0), six.get(5), six.get(2), six.get(1), six.get(3));
        TrainingSample sample = Fixtures.sample(4, bands);
        BandSubsetter subsetter =
                BandSubsetter.random(BandSubsetConfig.defaults().withSyntheticBands(1, 0, 3, 3));
        List<String> runs = subsetter.mergeableRuns(sample).stream()
                .map(run -> String.join(
                        "+", Arrays.stream(run).mapToObj(i -> bands.get(i).id()).toList()))
                .toList();
        // B8–B11 is 0.32 normalised units apart, beyond max_merge_gap 0.1; everything else neighbours
        assertThat(runs)
                .containsExactlyInAnyOrder("B1+B2", "B1+B2+B3", "B2+B3", "B2+B3+B4", "B3+B4", "B3+B4+B8", "B4+B8");

        List<Band> withThermal = new ArrayList<>(six);
        withThermal.add(
                new Band("B10", null, new BandDescriptor(10600, 10895, 11190), 100, Quantity.BRIGHTNESS_TEMPERATURE));
        withThermal.add(
                new Band("B12t", null, new BandDescriptor(11500, 12005, 12510), 100, Quantity.BRIGHTNESS_TEMPERATURE));
        TrainingSample t = Fixtures.sample(4, withThermal);
        BandSubsetter wide = BandSubsetter.random(
                BandSubsetConfig.defaults().withSyntheticBands(1, 0, 3, 2).withMaxMergeGap(10));
        List<String> pairs = wide.mergeableRuns(t).stream()
                .map(run -> withThermal.get(run[0]).id() + "+"
                        + withThermal.get(run[1]).id())
                .toList();
        // with any gap allowed, reflectance and thermal bands still never merge; the two thermal bands do
        assertThat(pairs).contains("B10+B12t", "B8+B11").doesNotContain("B11+B10");
    }

    @Test
    void synthesisedSamplesMergeAdjacentBandsAndKeepMinBands() {
        TrainingSample sample = Fixtures.sample(4, Fixtures.sixBands());
        BandSubsetter one = BandSubsetter.random(BandSubsetConfig.defaults().withSyntheticBands(1, 0, 3, 2));
        Set<String> allowed = Set.of("B1+B2", "B2+B3", "B3+B4", "B4+B8");
        Set<String> seen = new HashSet<>();
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 200; i++) {
            TrainingSample s = one.synthesise(sample, random);
            assertThat(s.bandCount()).isEqualTo(5);
            List<String> synthetic = s.bands().stream()
                    .filter(BandSubsetter::isSynthetic)
                    .map(Band::id)
                    .toList();
            assertThat(synthetic).hasSize(1);
            assertThat(allowed).contains(synthetic.get(0));
            seen.add(synthetic.get(0));
        }
        assertThat(seen).isEqualTo(allowed);

        // up to 3 merges of up to 3 bands, never below min_bands 3 and never merging a synthetic band again
        BandSubsetter many = BandSubsetter.random(BandSubsetConfig.defaults().withSyntheticBands(1, 1, 3, 3));
        for (int i = 0; i < 200; i++) {
            TrainingSample s = many.synthesise(sample, random);
            assertThat(s.bandCount()).isGreaterThanOrEqualTo(3);
            List<String> inputs = s.bands().stream()
                    .flatMap(b -> List.of(b.id().split("\\+")).stream())
                    .toList();
            assertThat(inputs).containsExactlyInAnyOrderElementsOf(IDS);
        }

        BandSubsetter never = BandSubsetter.random(BandSubsetConfig.defaults());
        assertThat(never.synthesise(sample, random)).isSameAs(sample);
    }

    @Test
    void syntheticProbabilityIsHonoured() {
        TrainingSample sample = Fixtures.sample(4, Fixtures.sixBands());
        BandSubsetter half = BandSubsetter.random(BandSubsetConfig.defaults().withSyntheticBands(0.3, 0, 1, 2));
        SplittableRandom random = new SplittableRandom(14);
        int merged = 0;
        for (int i = 0; i < 5000; i++) {
            if (half.synthesise(sample, random).bandCount() == 5) {
                merged++;
            }
        }
        assertThat(merged / 5000.0).isCloseTo(0.3, within(0.02));
    }

    @Test
    void fixedModeSelectsTheListInOrderWithAlternatives() {
        TrainingSample sample = Fixtures.sample(4, Fixtures.sixBands());
        BandSubsetter fixed = BandSubsetter.fixed(List.of("B4", "B3", "B2|B02", "B8A|B8"));
        TrainingSample s = fixed.apply(sample, new SplittableRandom(1));
        assertThat(s.bandIds()).containsExactly("B4", "B3", "B2", "B8");
        assertThat(s.value(3, 1, 2)).isEqualTo(Fixtures.code(4, 1, 2));
        assertThat(fixed.fixedBandCount()).isEqualTo(4);
        assertThat(fixed.isFixed()).isTrue();
    }

    @Test
    void fixedModeListsEveryMissingBand() {
        TrainingSample sample = Fixtures.sample(4, Fixtures.sixBands());
        BandSubsetter fixed = BandSubsetter.fixed(List.of("B1", "B10", "B2", "B12|B7"));
        assertThatThrownBy(() -> fixed.select(sample))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("sample test/s x=0 y=0 4×4 lacks bands B10, B12|B7 of the fixed band list "
                        + "[B1, B10, B2, B12|B7] (it has B1, B2, B3, B4, B8, B11)")
                .hasMessageContaining("train a SEnSeI model");
        assertThatThrownBy(() -> BandSubsetter.fixed(List.of())).hasMessageContaining("fixed band list is empty");
    }

    @Test
    void configReadsSnakeCaseJsonWithDefaults() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BandSubsetConfig c =
                json.readValue("{\"min_bands\": 4, \"synthetic_band_probability\": 0.5}", BandSubsetConfig.class);
        assertThat(c).isEqualTo(new BandSubsetConfig(4, 0, 0.5, 0.5, 3, 3, 0.1));
        assertThat(json.readValue(json.writeValueAsString(c), BandSubsetConfig.class))
                .isEqualTo(c);
        assertThat(json.writeValueAsString(c)).contains("\"max_merge_gap\":0.1", "\"max_bands\":0");
        assertThatThrownBy(() -> BandSubsetConfig.range(5, 4)).hasMessageContaining("max_bands 4 is below min_bands 5");
        assertThatThrownBy(() -> BandSubsetConfig.defaults().withSyntheticBands(1.2, 0, 1, 2))
                .hasMessageContaining("synthetic_band_probability 1.2 is not a probability");
    }
}
