package org.sensei4j.train.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;

/**
 * Chooses the bands of each training sample.
 *
 * <p><b>Random mode</b> ({@link #random}, for SEnSeI models): optionally first replaces runs of bands adjacent in
 * wavelength by synthetic bands (their mean, see {@link #merge}); then keeps a uniformly drawn number of bands in
 * [{@code min_bands}, {@code max_bands} or all], chosen without replacement and in random order (SEnSeI is
 * invariant to band order; shuffling exercises that).
 *
 * <p><b>Fixed mode</b> ({@link #fixed}, for models with a fixed band list): selects the listed bands, in list
 * order, and fails naming the missing bands when a sample lacks one.
 *
 * <p>Holds no random state: every method that draws takes the {@link SplittableRandom} to draw from.
 */
public final class BandSubsetter {

    /** Prefix of the description of synthetic bands. */
    public static final String SYNTHETIC_DESCRIPTION = "synthetic: mean of ";

    private final BandSubsetConfig config;
    private final List<List<String>> fixedBands;

    private BandSubsetter(BandSubsetConfig config, List<List<String>> fixedBands) {
        this.config = config;
        this.fixedBands = fixedBands;
    }

    /** Random band subsets (and synthetic bands) for SEnSeI models. */
    public static BandSubsetter random(BandSubsetConfig config) {
        return new BandSubsetter(Objects.requireNonNull(config, "config"), null);
    }

    /**
     * A fixed, ordered band list for fixed-band models. Each entry is a band id, or alternatives separated by
     * {@code |} (e.g. {@code B8A|B5} to take the first of them a sample has, for models trained on two sensors).
     */
    public static BandSubsetter fixed(List<String> bandIds) {
        if (bandIds == null || bandIds.isEmpty()) {
            throw new IllegalArgumentException("the fixed band list is empty: give the band ids the model takes, "
                    + "in order, e.g. B02, B03, B04, B08");
        }
        List<List<String>> entries = new ArrayList<>();
        for (String entry : bandIds) {
            List<String> alternatives = Arrays.stream(entry.split("\\|"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("empty entry '" + entry + "' in the fixed band list " + bandIds
                        + ": give a band id such as B02");
            }
            entries.add(alternatives);
        }
        return new BandSubsetter(null, List.copyOf(entries));
    }

    /** True in fixed mode. */
    public boolean isFixed() {
        return fixedBands != null;
    }

    /** The random-mode config (empty in fixed mode). */
    public Optional<BandSubsetConfig> config() {
        return Optional.ofNullable(config);
    }

    /** The fixed band list as given (alternatives joined by {@code |}); empty in random mode. */
    public List<String> fixedBands() {
        return fixedBands == null
                ? List.of()
                : fixedBands.stream().map(a -> String.join("|", a)).toList();
    }

    /** Number of bands of every sample in fixed mode. */
    public int fixedBandCount() {
        requireMode(true);
        return fixedBands.size();
    }

    /**
     * The bands of one sample: in random mode synthetic bands, a drawn count and a random subset in random order;
     * in fixed mode {@link #select}.
     */
    public TrainingSample apply(TrainingSample sample, SplittableRandom random) {
        if (isFixed()) {
            return select(sample);
        }
        TrainingSample s = synthesise(sample, random);
        return subset(s, drawCount(s.bandCount(), random), random);
    }

    /**
     * Random mode: with probability {@code synthetic_band_probability} replaces a random run of 2 to
     * {@code max_merged_bands} bands adjacent in wavelength (same quantity, gaps at most {@code max_merge_gap}) by
     * their mean; then each further one with probability {@code synthetic_band_repeat_probability}, up to
     * {@code max_synthetic_bands}. Never merges a synthetic band again and never leaves fewer than
     * {@code min_bands} bands. Fixed mode: the sample unchanged.
     */
    public TrainingSample synthesise(TrainingSample sample, SplittableRandom random) {
        if (isFixed()
                || config.syntheticBandProbability() == 0
                || config.maxSyntheticBands() == 0
                || random.nextDouble() >= config.syntheticBandProbability()) {
            return sample;
        }
        TrainingSample s = sample;
        int made = 0;
        do {
            List<int[]> runs = mergeableRuns(s);
            if (runs.isEmpty()) {
                break;
            }
            s = merge(s, runs.get(random.nextInt(runs.size())));
            made++;
        } while (made < config.maxSyntheticBands() && random.nextDouble() < config.syntheticBandRepeatProbability());
        return s;
    }

    /**
     * The runs of bands (positions in the sample, in wavelength order) that {@link #synthesise} may merge: 2 to
     * {@code max_merged_bands} bands consecutive in centre wavelength, of one quantity, none of them synthetic,
     * each starting at most {@code max_merge_gap} (normalised units) above the highest upper limit before it,
     * leaving at least {@code min_bands} bands.
     */
    List<int[]> mergeableRuns(TrainingSample s) {
        List<Band> bands = s.bands();
        Integer[] order = new Integer[bands.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.<Integer>comparingDouble(
                                i -> bands.get(i).wavelengths().centreNm())
                        .thenComparingDouble(i -> bands.get(i).wavelengths().minNm())
                        .thenComparingInt(i -> i));
        List<int[]> runs = new ArrayList<>();
        int maxWidth = Math.min(config.maxMergedBands(), bands.size() - config.minBands() + 1);
        for (int start = 0; start < order.length; start++) {
            Band first = bands.get(order[start]);
            if (isSynthetic(first)) {
                continue;
            }
            double top = first.wavelengths().maxNm();
            for (int w = 2; w <= maxWidth && start + w <= order.length; w++) {
                Band next = bands.get(order[start + w - 1]);
                if (isSynthetic(next)
                        || next.quantity() != first.quantity()
                        || BandDescriptor.normalise(next.wavelengths().minNm()) - BandDescriptor.normalise(top)
                                > config.maxMergeGap()) {
                    break;
                }
                top = Math.max(top, next.wavelengths().maxNm());
                int[] run = new int[w];
                for (int k = 0; k < w; k++) {
                    run[k] = order[start + k];
                }
                runs.add(run);
            }
        }
        return runs;
    }

    /** True for a band made by {@link #merge} (its description starts with {@link #SYNTHETIC_DESCRIPTION}). */
    public static boolean isSynthetic(Band band) {
        return band.description() != null && band.description().startsWith(SYNTHETIC_DESCRIPTION);
    }

    /**
     * Random mode: a number of bands drawn uniformly from [{@code min_bands}, min({@code max_bands},
     * {@code available})].
     *
     * @throws SenseiException when {@code available} is below {@code min_bands}
     */
    public int drawCount(int available, SplittableRandom random) {
        requireMode(false);
        int lo = config.minBands();
        if (available < lo) {
            throw new SenseiException("a sample has only " + available + " bands but min_bands is " + lo
                    + ": lower min_bands or leave out the data set with so few bands");
        }
        int hi = config.maxBands() == 0 ? available : Math.min(config.maxBands(), available);
        return lo + random.nextInt(hi - lo + 1);
    }

    /** {@code count} distinct bands of the sample chosen without replacement, in random order. */
    public static TrainingSample subset(TrainingSample sample, int count, SplittableRandom random) {
        int n = sample.bandCount();
        if (count < 1 || count > n) {
            throw new IllegalArgumentException(
                    "cannot take " + count + " of the " + n + " bands of " + sample + ": give 1.." + n);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < count; i++) { // partial Fisher-Yates: idx[0..count) is a uniform ordered draw
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return sample.selectBands(Arrays.copyOf(idx, count));
    }

    /**
     * Fixed mode: the listed bands in list order (for an entry with alternatives, the first the sample has).
     *
     * @throws SenseiException listing every missing band when the sample lacks some
     */
    public TrainingSample select(TrainingSample sample) {
        requireMode(true);
        List<String> ids = sample.bandIds();
        int[] idx = new int[fixedBands.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = -1;
            for (String alt : fixedBands.get(i)) {
                int p = ids.indexOf(alt);
                if (p >= 0) {
                    idx[i] = p;
                    break;
                }
            }
            if (idx[i] < 0) {
                missing.add(String.join("|", fixedBands.get(i)));
            }
        }
        if (!missing.isEmpty()) {
            throw new SenseiException("sample " + sample.origin() + " lacks band" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " of the fixed band list " + fixedBands() + " (it has "
                    + String.join(", ", ids) + "): a fixed-band model needs all its bands in every scene; train it "
                    + "only on data sets whose sensor has them, list alternatives as A|B, or train a SEnSeI model, "
                    + "which takes any bands");
        }
        return sample.selectBands(idx);
    }

    /**
     * A synthetic band: the given bands (positions, at least two, one quantity) replaced by one band whose values
     * are their mean and whose descriptor is {@link #mergedDescriptor}; it takes the place of the first of them
     * in band order. Its id joins the inputs' ids with {@code +} in band order, its resolution is the coarsest of
     * theirs.
     */
    public static TrainingSample merge(TrainingSample sample, int... bandIndices) {
        int[] sorted = Arrays.stream(bandIndices).distinct().sorted().toArray();
        if (sorted.length < 2 || sorted.length != bandIndices.length) {
            throw new IllegalArgumentException(
                    "a synthetic band needs at least two distinct bands, got " + Arrays.toString(bandIndices));
        }
        List<Band> bands = sample.bands();
        List<Band> inputs = new ArrayList<>();
        for (int i : sorted) {
            if (i < 0 || i >= bands.size()) {
                throw new IndexOutOfBoundsException(
                        "band " + i + " does not exist: the sample has bands 0.." + (bands.size() - 1));
            }
            inputs.add(bands.get(i));
        }
        if (inputs.stream().map(Band::quantity).distinct().count() > 1) {
            throw new IllegalArgumentException(
                    "bands " + inputs.stream().map(Band::id).toList()
                            + " measure different quantities and cannot be averaged into one band");
        }
        String ids = inputs.stream().map(Band::id).collect(Collectors.joining("+"));
        double res = inputs.stream().mapToDouble(Band::resolutionM).max().orElse(Double.NaN);
        Band merged = new Band(
                ids,
                null,
                mergedDescriptor(inputs.stream().map(Band::wavelengths).toList()),
                res,
                inputs.get(0).quantity(),
                SYNTHETIC_DESCRIPTION + inputs.stream().map(Band::id).collect(Collectors.joining(", ")));

        int plane = sample.planeSize();
        float[] src = sample.values();
        float[] mean = new float[plane];
        float count = sorted.length;
        for (int p = 0; p < plane; p++) {
            float sum = 0;
            for (int b : sorted) {
                sum += src[b * plane + p];
            }
            mean[p] = sum / count;
        }
        int outBands = bands.size() - sorted.length + 1;
        float[] out = new float[outBands * plane];
        List<Band> outList = new ArrayList<>(outBands);
        int k = 0;
        for (int b = 0; b < bands.size(); b++) {
            if (b == sorted[0]) {
                System.arraycopy(mean, 0, out, k * plane, plane);
                outList.add(merged);
                k++;
            } else if (Arrays.binarySearch(sorted, b) < 0) {
                System.arraycopy(src, b * plane, out, k * plane, plane);
                outList.add(bands.get(b));
                k++;
            }
        }
        return sample.withValues(out, outList);
    }

    /**
     * The descriptor of a band averaging others: the lowest lower limit, the mean of the centres and the highest
     * upper limit (nm).
     */
    public static BandDescriptor mergedDescriptor(List<BandDescriptor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no descriptors to merge");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double centre = 0;
        for (BandDescriptor d : inputs) {
            min = Math.min(min, d.minNm());
            max = Math.max(max, d.maxNm());
            centre += d.centreNm();
        }
        return new BandDescriptor(min, centre / inputs.size(), max);
    }

    private void requireMode(boolean fixed) {
        if (isFixed() != fixed) {
            throw new IllegalStateException("this band subsetter is in " + (isFixed() ? "fixed" : "random") + " mode");
        }
    }

    @Override
    public String toString() {
        return isFixed() ? "BandSubsetter[fixed " + fixedBands() + "]" : "BandSubsetter[" + config + "]";
    }
}
