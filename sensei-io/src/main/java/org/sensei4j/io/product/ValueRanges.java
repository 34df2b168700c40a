package org.sensei4j.io.product;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;

/**
 * A plausibility check of a scene's values before masking, on a sample of {@link #GRID}² windows of
 * {@link #WINDOW}² pixels spread over the scene (a few tiles' worth of reading): refuses what cannot be reflectance
 * (a wrong {@code --scale}, thermal data under a reflective band's id, unmarked fill values), warns on what is
 * unlikely. Thermal bands are checked when the scene is opened ({@code GeoTiffScene}), where their unit is known.
 */
public final class ValueRanges {

    /** Windows per side of the sampling grid. */
    static final int GRID = 4;
    /** Edge of one sampled window, in pixels. */
    static final int WINDOW = 64;
    /** Fewest valid sampled values of a band for the check to judge it. */
    static final int MIN_SAMPLES = 64;
    /** Largest plausible median of a reflectance (snow and thick cloud stay below ~1.2). */
    static final double MEDIAN_MAX = 1.5;
    /** Most negative plausible median of a reflectance. */
    static final double MEDIAN_MIN = -0.1;
    /** No reflectance comes near this magnitude; such values are unmarked fill or a wrong scale. */
    static final double ABS_MAX = 100;

    private ValueRanges() {}

    /**
     * Checks the band count and the reflective bands' sampled values.
     *
     * @throws SenseiException for a single band, or values that cannot be reflectance; the message names the band
     *     and the likely fix
     */
    public static void check(SceneSource scene, Consumer<String> warnings) {
        List<Band> bands = scene.bands();
        if (bands.size() < 2) {
            throw new SenseiException(
                    scene.id() + " has 1 band (" + bands.get(0).id() + "): the model needs 3 or more"
                            + " bands (see the model card): give more bands");
        }
        if (bands.size() == 2) {
            warnings.accept(scene.id() + " has 2 bands: the model was trained on 3 or more; expect a poor mask");
        }
        List<float[]> samples = sample(scene);
        for (int b = 0; b < bands.size(); b++) {
            Band band = bands.get(b);
            if (band.quantity() == Quantity.BRIGHTNESS_TEMPERATURE || samples.get(b).length < MIN_SAMPLES) {
                continue;
            }
            float[] v = samples.get(b);
            Arrays.sort(v);
            double median = v[v.length / 2];
            double p01 = v[(int) (0.01 * (v.length - 1))];
            double p99 = v[(int) Math.ceil(0.99 * (v.length - 1))];
            double maxAbs = Math.max(Math.abs(v[0]), Math.abs(v[v.length - 1]));
            String what = scene.id() + ": band " + band.id();
            if (median > MEDIAN_MAX) {
                throw refusal(
                        "%s has a median value of %.4g after scaling, but"
                                + " reflectance lies between 0 and about 1.5: check --scale (16-bit reflectance is "
                                + "usually"
                                + " stored x 10000: --scale 0.0001) and that the band is reflective (not thermal data "
                                + "under"
                                + " another sensor's band id: check --sensor)",
                        what, median);
            }
            if (maxAbs > ABS_MAX) {
                throw refusal(
                        "%s has values of %.4g after scaling, which no"
                                + " reflectance reaches (0 to about 1.5): if such values mark missing pixels give "
                                + "--nodata"
                                + " with their stored value, else check --scale",
                        what, Math.abs(v[0]) > Math.abs(v[v.length - 1]) ? v[0] : v[v.length - 1]);
            }
            if (median < MEDIAN_MIN) {
                throw refusal(
                        "%s has a median value of %.4g after scaling:"
                                + " reflectance is not strongly negative: check --offset, --scale and --nodata",
                        what, median);
            }
            if (p99 > 1.6 || p01 < -0.05 || median > 1.0) {
                warnings.accept(String.format(
                        Locale.ROOT,
                        "%s: sampled values from %.3g (1st percentile) to %.3g (99th),"
                                + " median %.3g, are unusual for reflectance; check --scale, --offset and --nodata",
                        what,
                        p01,
                        p99,
                        median));
            }
        }
    }

    /** The error refusing a scene's values: {@code format} filled with {@code args} (numbers as in English). */
    private static SenseiException refusal(String format, Object... args) {
        return new SenseiException(String.format(Locale.ROOT, format, args));
    }

    /** Valid values of each band in the sampled windows. */
    static List<float[]> sample(SceneSource scene) {
        int w = scene.width();
        int h = scene.height();
        int ww = Math.min(WINDOW, w);
        int wh = Math.min(WINDOW, h);
        int nb = scene.bands().size();
        List<float[]> out = new ArrayList<>();
        int[] counts = new int[nb];
        for (int b = 0; b < nb; b++) {
            out.add(new float[GRID * GRID * ww * wh]);
        }
        Set<Long> seen = new HashSet<>();
        for (int gy = 0; gy < GRID; gy++) {
            for (int gx = 0; gx < GRID; gx++) {
                int x0 = (int) ((long) (w - ww) * gx / (GRID - 1));
                int y0 = (int) ((long) (h - wh) * gy / (GRID - 1));
                if (!seen.add(((long) x0 << 32) | y0)) {
                    continue;
                }
                SceneWindow win = scene.read(new PixelWindow(x0, y0, ww, wh));
                byte[] invalid = win.invalid();
                for (int b = 0; b < nb; b++) {
                    float[] plane = win.values().band(b);
                    float[] dst = out.get(b);
                    for (int i = 0; i < plane.length; i++) {
                        if (invalid[i] == SceneWindow.VALID && Float.isFinite(plane[i])) {
                            dst[counts[b]++] = plane[i];
                        }
                    }
                }
            }
        }
        for (int b = 0; b < nb; b++) {
            out.set(b, Arrays.copyOf(out.get(b), counts[b]));
        }
        return out;
    }
}
