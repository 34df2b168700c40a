package org.sensei4j.io.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;

/**
 * A rendered synthetic scene: one row-major {@code float[width × height]} per band (TOA reflectance for
 * reflective bands, brightness temperature in kelvin for thermal ones), the truth mask in the
 * {@link ClassScheme#CLEAR_THIN_THICK_SHADOW full} scheme, the surface-type layer and the spec. Getters return
 * copies.
 */
public final class SyntheticScene {

    private final SyntheticSceneSpec spec;
    private final List<SyntheticBand> bands;
    private final float[][] values;
    private final SceneLayers layers;

    SyntheticScene(SyntheticSceneSpec spec, List<SyntheticBand> bands, float[][] values, SceneLayers layers) {
        this.spec = spec;
        this.bands = List.copyOf(bands);
        this.values = values;
        this.layers = layers;
    }

    /** Width in pixels. */
    public int width() {
        return spec.width();
    }

    /** Height in pixels. */
    public int height() {
        return spec.height();
    }

    /** The spec this scene was rendered from. */
    public SyntheticSceneSpec spec() {
        return spec;
    }

    /** The bands, in the order they were given. */
    public List<SyntheticBand> bands() {
        return bands;
    }

    /** Band ids, in band order. */
    public List<String> bandIds() {
        List<String> ids = new ArrayList<>(bands.size());
        bands.forEach(b -> ids.add(b.id()));
        return ids;
    }

    /** Position of band {@code id} in {@link #bands()}. */
    public int bandIndex(String id) {
        for (int k = 0; k < bands.size(); k++) {
            if (bands.get(k).id().equals(id)) {
                return k;
            }
        }
        throw new SenseiException(
                "synthetic scene has no band '" + id + "': its bands are " + String.join(", ", bandIds()));
    }

    /** Values of band {@code id}, row-major: TOA reflectance, or brightness temperature in K if thermal. */
    public float[] band(String id) {
        return values[bandIndex(id)].clone();
    }

    /** Values of the band at {@code index} in {@link #bands()}, row-major. */
    public float[] band(int index) {
        if (index < 0 || index >= values.length) {
            throw new IllegalArgumentException("band index " + index + " is outside 0.." + (values.length - 1));
        }
        return values[index].clone();
    }

    /** Value of band {@code id} at column {@code col}, row {@code row}. */
    public float value(String id, int col, int row) {
        if (col < 0 || col >= width() || row < 0 || row >= height()) {
            throw new IllegalArgumentException(
                    "pixel (" + col + ", " + row + ") is outside the " + width() + " × " + height() + " scene");
        }
        return values[bandIndex(id)][row * width() + col];
    }

    /**
     * Brightness temperature of thermal band {@code id} normalised as in the SEnSeI paper,
     * {@code (BT − BT_min) / (BT_95% − BT_min)} over this scene; see {@link #normaliseBrightnessTemperature}.
     */
    public float[] normalisedBrightnessTemperature(String id) {
        int k = bandIndex(id);
        if (!bands.get(k).thermal()) {
            throw new SenseiException("band " + id + " (" + bands.get(k).descriptor() + " nm) is reflective, not "
                    + "thermal: normalise only thermal bands (centre above " + SyntheticBand.THERMAL_MIN_CENTRE_NM
                    + " nm); reflectances are used as they are");
        }
        return normaliseBrightnessTemperature(values[k]);
    }

    /**
     * SEnSeI's normalisation of brightness temperature: {@code (BT − BT_min) / (BT_95% − BT_min)}, with the
     * minimum and the 95th percentile (linear interpolation between order statistics, as numpy's default)
     * taken over the finite values of {@code bt}, so the minimum maps to 0 and the 95th percentile to 1. NaN
     * stays NaN; if all finite values are equal, they map to 0.
     */
    public static float[] normaliseBrightnessTemperature(float[] bt) {
        float[] finite = new float[bt.length];
        int m = 0;
        for (float v : bt) {
            if (Float.isFinite(v)) {
                finite[m++] = v;
            }
        }
        float[] out = new float[bt.length];
        if (m == 0) {
            Arrays.fill(out, Float.NaN);
            return out;
        }
        Arrays.sort(finite, 0, m);
        double min = finite[0];
        double pos = 0.95 * (m - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, m - 1);
        double p95 = finite[lo] + (pos - lo) * ((double) finite[hi] - finite[lo]);
        double range = p95 - min;
        for (int i = 0; i < bt.length; i++) {
            float v = bt[i];
            out[i] = !Float.isFinite(v) ? Float.NaN : range > 0 ? (float) ((v - min) / range) : 0f;
        }
        return out;
    }

    /** Scheme of {@link #truthMask()}: {@link ClassScheme#CLEAR_THIN_THICK_SHADOW}. */
    public ClassScheme truthScheme() {
        return ClassScheme.CLEAR_THIN_THICK_SHADOW;
    }

    /** Truth per pixel, row-major: 0 clear, 1 thin cloud, 2 thick cloud, 3 cloud shadow. */
    public byte[] truthMask() {
        return layers.truth.clone();
    }

    /** Truth per pixel in {@code scheme} (any scheme: the full scheme converts to all of them). */
    public byte[] truthMask(ClassScheme scheme) {
        return ClassScheme.CLEAR_THIN_THICK_SHADOW.convert(layers.truth, scheme);
    }

    /** Fraction of pixels whose truth is {@code kind} (CLOUD counts thin and thick together). */
    public double fraction(ClassKind kind) {
        ClassScheme full = ClassScheme.CLEAR_THIN_THICK_SHADOW;
        long count = 0;
        for (byte t : layers.truth) {
            ClassKind k = full.kind(t);
            if (k == kind || (kind == ClassKind.CLOUD && k.isCloud())) {
                count++;
            }
        }
        return (double) count / layers.truth.length;
    }

    /** {@link SurfaceType#code()} per pixel, row-major (the ground under any cloud). */
    public byte[] surfaceTypes() {
        return layers.surface.clone();
    }

    /** Surface type at column {@code col}, row {@code row}. */
    public SurfaceType surfaceType(int col, int row) {
        if (col < 0 || col >= width() || row < 0 || row >= height()) {
            throw new IllegalArgumentException(
                    "pixel (" + col + ", " + row + ") is outside the " + width() + " × " + height() + " scene");
        }
        return SurfaceType.ofCode(layers.surface[row * width() + col]);
    }

    /**
     * Opacity of low and mid-level cloud per pixel, 0 (none) to 1, row-major ({@code 1 − exp(−τ/4)} of its optical
     * thickness τ in measured-spectra scenes).
     */
    public float[] cloudOpacity() {
        return layers.cloudOpacity.clone();
    }

    /**
     * Opacity of cirrus per pixel, row-major: 0 (none) or 0.06 to 0.36 in legacy scenes; {@code 1 − exp(−τ/4)} of
     * the cirrus and contrails' optical thickness τ in measured-spectra scenes.
     */
    public float[] cirrusOpacity() {
        return layers.cirrusOpacity.clone();
    }

    /**
     * Total optical thickness at 550 nm above each pixel (low cloud + cirrus and contrails + haze), row-major:
     * what the truth follows ({@link org.sensei4j.classes.LabelConvention}). Measured-spectra scenes only.
     *
     * @throws SenseiException for a legacy scene (built without {@link MeasuredSceneSpec})
     */
    public float[] opticalThickness() {
        if (layers.tau550 == null) {
            throw new SenseiException("this synthetic scene was rendered by the legacy renderer, which has no "
                    + "optical thickness per pixel: build the generator with a MeasuredSceneSpec");
        }
        return layers.tau550.clone();
    }
}
