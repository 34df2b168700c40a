package org.sensei4j.sensor;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A spectral region that sensor-independent pixel rules and features look for, found in any sensor's bands by
 * centre wavelength (not by band id or common name). A band fills a slot when its centre wavelength lies in
 * the slot's window (inclusive, nm); of several, the one whose centre is closest to the slot's target wins
 * (the first on a tie). The visible and NIR slots (below {@link #PAN_LIMIT_NM}) skip bands wider than
 * {@link #MAX_PAN_FREE_WIDTH_NM} (panchromatic bands).
 *
 * <pre>
 * slot      window (nm)       target   e.g.
 * blue       450 –    515        490   S2 B02, L8 B2, SuperDove blue (not coastal bands at ~443)
 * green      515 –    600        560   S2 B03, L8 B3, SuperDove green (565, not green I at 531)
 * red        620 –    700        665   S2 B04, L8 B4
 * nir        800 –    900        842   S2 B08 (not B8A, not red edge B07), L8 B5
 * swir1     1550 –   1750       1610   S2 B11, L8 B6
 * swir2     2050 –   2400       2200   S2 B12, L8 B7
 * cirrus    1340 –   1410       1375   S2 B10, L8 B9
 * thermal  10000 –  12600      10900   L8 B10, L7 B6, SLSTR S8
 * </pre>
 */
public enum SpectralSlot {
    BLUE("blue", 450, 515, 490),
    GREEN("green", 515, 600, 560),
    RED("red", 620, 700, 665),
    NIR("nir", 800, 900, 842),
    SWIR1("swir1", 1550, 1750, 1610),
    SWIR2("swir2", 2050, 2400, 2200),
    CIRRUS("cirrus", 1340, 1410, 1375),
    THERMAL("thermal", 10000, 12600, 10900);

    /** Visible and NIR bands wider than this (max − min, nm) are taken to be panchromatic and fill no slot. */
    public static final double MAX_PAN_FREE_WIDTH_NM = 160;
    /** Slots whose target is below this wavelength (nm) skip panchromatic bands. */
    public static final double PAN_LIMIT_NM = 1000;

    private final String key;
    private final double minNm;
    private final double maxNm;
    private final double targetNm;

    SpectralSlot(String key, double minNm, double maxNm, double targetNm) {
        this.key = key;
        this.minNm = minNm;
        this.maxNm = maxNm;
        this.targetNm = targetNm;
    }

    /** Lower-case name, e.g. {@code "swir1"}. */
    public String key() {
        return key;
    }

    /** Lower end of the window of centre wavelengths, nm. */
    public double minNm() {
        return minNm;
    }

    /** Upper end of the window of centre wavelengths, nm. */
    public double maxNm() {
        return maxNm;
    }

    /** The preferred centre wavelength, nm. */
    public double targetNm() {
        return targetNm;
    }

    /** Whether {@code band} may fill this slot. */
    public boolean accepts(Band band) {
        double c = band.wavelengths().centreNm();
        if (c < minNm || c > maxNm) {
            return false;
        }
        double width = band.wavelengths().maxNm() - band.wavelengths().minNm();
        return targetNm >= PAN_LIMIT_NM || width <= MAX_PAN_FREE_WIDTH_NM;
    }

    /** Position in {@code bands} of the band filling this slot, or −1 when none does. */
    public int find(List<Band> bands) {
        int[] c = candidates(bands);
        return c.length == 0 ? -1 : c[0];
    }

    /**
     * Positions in {@code bands} of the bands this slot accepts, best first: closest centre to the target, the
     * earlier band on a tie. The first fills the slot; the others fill it when it is missing from a band subset.
     */
    public int[] candidates(List<Band> bands) {
        return IntStream.range(0, bands.size())
                .filter(i -> accepts(bands.get(i)))
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(
                        i -> Math.abs(bands.get(i).wavelengths().centreNm() - targetNm)))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Positions in {@code bands} of every slot's band, indexed by {@link #ordinal()}; −1 where a slot is empty. */
    public static int[] findAll(List<Band> bands) {
        SpectralSlot[] slots = values();
        int[] out = new int[slots.length];
        for (SpectralSlot s : slots) {
            out[s.ordinal()] = s.find(bands);
        }
        return out;
    }

    /** {@code key (min–max nm)}, for messages. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%.0f–%.0f nm)", key, minNm, maxNm);
    }

    @Override
    public String toString() {
        return key;
    }
}
