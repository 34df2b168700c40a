package org.sensei4j.floor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.SpectralSlot;

/**
 * A sensor-independent feature vector per pixel, built from a scene's bands by centre wavelength: the values of
 * the eight {@link SpectralSlot}s (blue, green, red, nir, swir1, swir2, cirrus, thermal; reflectance 0–1, thermal
 * as the scene gives it) followed by five indices:
 *
 * <pre>
 * ndvi        (nir − red) / (nir + red)
 * ndsi        (green − swir1) / (green + swir1)
 * brightness  (blue + green + red) / 3
 * whiteness   max(|blue − m|, |green − m|, |red − m|) / m,  m = brightness
 * hot         blue − 0.5 · red   (haze-optimised transform)
 * </pre>
 *
 * A feature is NaN when the scene has no band for a slot it needs, or when a denominator is not positive
 * (gradient-boosted trees take NaN as "missing"). For training on band subsets, {@link #slotsOf} gives the slot
 * bands of a subset of the scene's bands, exactly as {@link #of} would for a scene with only those bands.
 */
public final class PixelFeatures {

    /** Names of the features, in order. */
    public static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>();
        for (SpectralSlot s : SpectralSlot.values()) {
            n.add(s.key());
        }
        n.addAll(List.of("ndvi", "ndsi", "brightness", "whiteness", "hot"));
        NAMES = List.copyOf(n);
    }

    /** Number of features. */
    public static final int COUNT = NAMES.size();

    private static final int SLOTS = SpectralSlot.values().length;
    private static final int BLUE = SpectralSlot.BLUE.ordinal();
    private static final int GREEN = SpectralSlot.GREEN.ordinal();
    private static final int RED = SpectralSlot.RED.ordinal();
    private static final int NIR = SpectralSlot.NIR.ordinal();
    private static final int SWIR1 = SpectralSlot.SWIR1.ordinal();

    private final List<Band> bands;
    private final int[] slotBand;
    /** Per slot, the positions of the bands it accepts, best first (closest centre, then first). */
    private final int[][] candidates;

    private PixelFeatures(List<Band> bands) {
        this.bands = List.copyOf(bands);
        this.slotBand = SpectralSlot.findAll(bands);
        SpectralSlot[] slots = SpectralSlot.values();
        this.candidates = new int[slots.length][];
        for (SpectralSlot s : slots) {
            candidates[s.ordinal()] = s.candidates(bands);
        }
    }

    /** The features of a scene with {@code bands} (in the order the scene reads them). */
    public static PixelFeatures of(List<Band> bands) {
        return new PixelFeatures(bands);
    }

    /** Position in the scene's bands of the band filling {@code slot}, or −1. */
    public int bandIndex(SpectralSlot slot) {
        return slotBand[slot.ordinal()];
    }

    /**
     * The slot bands when only the bands with {@code kept[b]} are read: per slot (by ordinal) the position in the
     * scene's bands of the kept band that fills it, or −1. Equals {@code SpectralSlot.findAll} of the kept bands,
     * mapped back to the scene's positions.
     */
    public int[] slotsOf(boolean[] kept) {
        if (kept.length != bands.size()) {
            throw new IllegalArgumentException(kept.length + " flags for " + bands.size() + " bands");
        }
        int[] out = new int[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            out[s] = -1;
            for (int b : candidates[s]) {
                if (kept[b]) {
                    out[s] = b;
                    break;
                }
            }
        }
        return out;
    }

    /** Slot → band id of the filled slots, for logs. */
    public Map<String, String> slotBands() {
        Map<String, String> m = new LinkedHashMap<>();
        for (SpectralSlot s : SpectralSlot.values()) {
            if (slotBand[s.ordinal()] >= 0) {
                m.put(s.key(), bands.get(slotBand[s.ordinal()]).id());
            }
        }
        return m;
    }

    /**
     * Writes the features of pixel {@code i} of a window to {@code out[offset .. offset + COUNT)}.
     *
     * @param values the window's values, band-major ({@code values[b · n + i]})
     * @param n      pixels per band in the window
     */
    public void pixel(float[] values, int n, int i, float[] out, int offset) {
        pixel(values, n, i, out, offset, slotBand);
    }

    /**
     * As {@link #pixel(float[], int, int, float[], int)}, with the slot bands {@code slots} (from
     * {@link #slotsOf}) instead of all the scene's.
     */
    public void pixel(float[] values, int n, int i, float[] out, int offset, int[] slots) {
        for (int s = 0; s < SLOTS; s++) {
            int b = slots[s];
            out[offset + s] = b < 0 ? Float.NaN : values[b * n + i];
        }
        indices(out, offset);
    }

    /** Computes the five indices at {@code offset + SLOTS} from the slot values at {@code offset}. */
    static void indices(float[] f, int o) {
        float blue = f[o + BLUE];
        float green = f[o + GREEN];
        float red = f[o + RED];
        float nir = f[o + NIR];
        float swir1 = f[o + SWIR1];
        f[o + SLOTS] = ratio(nir - red, nir + red);
        f[o + SLOTS + 1] = ratio(green - swir1, green + swir1);
        float m = (blue + green + red) / 3f;
        f[o + SLOTS + 2] = m;
        f[o + SLOTS + 3] = ratio(Math.max(Math.abs(blue - m), Math.max(Math.abs(green - m), Math.abs(red - m))), m);
        f[o + SLOTS + 4] = blue - 0.5f * red;
    }

    /** a / b, NaN when b is not positive (NaN inputs give NaN). */
    private static float ratio(float a, float b) {
        return b > 0 ? a / b : Float.NaN;
    }

    /**
     * The features of every pixel of a window, pixel-major ({@code out[i · COUNT + f]}); nodata pixels get all
     * NaN.
     */
    public float[] window(SceneWindow window) {
        float[] d = window.values().data();
        byte[] invalid = window.invalid();
        int n = invalid.length;
        float[] out = new float[Math.multiplyExact(n, COUNT)];
        for (int i = 0; i < n; i++) {
            if (invalid[i] == SceneWindow.NODATA) {
                Arrays.fill(out, i * COUNT, (i + 1) * COUNT, Float.NaN);
            } else {
                pixel(d, n, i, out, i * COUNT);
            }
        }
        return out;
    }
}
