package org.sensei4j.floor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.sensei4j.train.sample.BandSubsetConfig;

/**
 * Random band subsets for the floor's training pixels, the per-pixel counterpart of the network's
 * {@code band_subset}: each drawn pixel sees only a random subset of its scene's n bands, and its
 * {@link PixelFeatures} are computed from that subset alone (slots without a band NaN, indices needing them NaN).
 * The count is uniform in [min(minBands, n), min(maxBands, n)] ({@code maxBands} 0: n), the bands a uniform
 * choice without replacement, so a share of the pixels (1 / (n − minBands + 1) with the defaults) keeps all
 * bands. Synthetic (averaged) bands of {@code band_subset} are not made for the floor.
 *
 * @param minBands fewest bands a pixel keeps (all when the scene has fewer)
 * @param maxBands most bands a pixel keeps; 0 means all the scene has
 */
public record PixelBandSubset(
        @JsonProperty("min_bands") int minBands,
        @JsonProperty("max_bands") int maxBands) {

    public PixelBandSubset {
        if (minBands < 1) {
            throw new IllegalArgumentException("min_bands " + minBands + " must be >= 1");
        }
        if (maxBands != 0 && maxBands < minBands) {
            throw new IllegalArgumentException("max_bands " + maxBands + " is below min_bands " + minBands
                    + ": give max_bands >= min_bands, or 0 for all bands");
        }
    }

    /** The band counts of a network's {@code band_subset} (its synthetic-band settings are not used). */
    public static PixelBandSubset of(BandSubsetConfig config) {
        return new PixelBandSubset(config.minBands(), config.maxBands());
    }

    /**
     * Which of {@code available} bands one pixel keeps: a count uniform in [min(minBands, available),
     * min(maxBands or available, available)], then that many distinct positions, uniformly.
     *
     * @return {@code kept[b]} for each band position b
     */
    public boolean[] draw(int available, SplittableRandom random) {
        if (available < 1) {
            throw new IllegalArgumentException("a scene without bands has no band subset");
        }
        int hi = maxBands == 0 ? available : Math.min(maxBands, available);
        int lo = Math.min(minBands, hi);
        int count = lo + random.nextInt(hi - lo + 1);
        boolean[] kept = new boolean[available];
        if (count == available) {
            Arrays.fill(kept, true);
            return kept;
        }
        int[] idx = new int[available];
        for (int i = 0; i < available; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < count; i++) { // partial Fisher-Yates: idx[0..count) is a uniform draw
            int j = i + random.nextInt(available - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            kept[idx[i]] = true;
        }
        return kept;
    }

    @Override
    public String toString() {
        return minBands + ".." + (maxBands == 0 ? "all" : String.valueOf(maxBands)) + " bands per pixel";
    }
}
