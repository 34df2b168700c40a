package org.sensei4j.io.synthetic;

import java.util.stream.IntStream;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;

/**
 * The band-independent state of a synthetic scene, one value per pixel (row-major): surface type and texture,
 * cloud and cirrus opacity, shadow darkening, surface temperature and the truth mask. Bands are rendered from
 * these layers only, so every band set sees the same scene.
 *
 * <p>Model. A terrain field puts water in its lowest and snow/ice on its highest parts; a land-use field splits
 * the rest into bare soil (lowest), vegetation and urban (highest); thresholds are quantiles, so each type gets
 * its share of {@link SurfaceMix}. Low cloud is where a cloud field exceeds a threshold; its thickness score
 * {@code (field − threshold) · (0.25 + 1.5 · thickness field)} maps to optical thickness τ (thin: 0.4..5, thick:
 * 5..30) and opacity {@code 1 − exp(−τ/4)}. Cirrus is a streaky field's top quantile with opacity 0.06..0.36.
 * Thresholds are quantiles chosen so that the cloudy share (thin + thick, cirrus included) and the thin share
 * meet the spec. Thick cloud casts a shadow displaced by the spec's shadow offset that keeps 0.3..0.5 of the
 * ground signal (darker under denser cloud) and cools the ground by 3 K.
 */
final class SceneLayers {

    /** Optical thickness of the faintest thin cloud. */
    static final double TAU_MIN = 0.4;
    /** Optical thickness above which cloud is thick. */
    static final double TAU_THICK = 5.0;
    /** Optical thickness of the densest cloud cores. */
    static final double TAU_CORE = 30.0;
    /** Opacity is {@code 1 − exp(−τ / TAU_SCALE)}. */
    static final double TAU_SCALE = 4.0;
    /** Opacity range of cirrus. */
    static final double CIRRUS_MIN_OPACITY = 0.06;

    static final double CIRRUS_MAX_OPACITY = 0.36;
    /** Share of the ground signal left in the darkest and the lightest shadow. */
    static final double SHADOW_DARKEST = 0.3;

    static final double SHADOW_LIGHTEST = 0.5;
    /** Cooling of shadowed ground, K. */
    static final double SHADOW_COOLING_K = 3.0;

    private static final byte CLEAR = (byte) ClassScheme.CLEAR_THIN_THICK_SHADOW.indexOf(ClassKind.CLEAR);
    private static final byte THIN = (byte) ClassScheme.CLEAR_THIN_THICK_SHADOW.indexOf(ClassKind.THIN_CLOUD);
    private static final byte THICK = (byte) ClassScheme.CLEAR_THIN_THICK_SHADOW.indexOf(ClassKind.THICK_CLOUD);
    private static final byte SHADOW = (byte) ClassScheme.CLEAR_THIN_THICK_SHADOW.indexOf(ClassKind.SHADOW);

    final int width;
    final int height;
    /** {@link SurfaceType#code()} per pixel. */
    final byte[] surface;
    /** Blend from the first (0) to the second (1) end member of the pixel's surface type. */
    final float[] endmember;
    /** Multiplicative brightness of the ground, 0.9..1.1. */
    final float[] brightness;
    /** Opacity of low/mid cloud, 0 (none) .. 1. */
    final float[] cloudOpacity;
    /** Multiplicative brightness of the cloud, 0.85..1.1. */
    final float[] cloudTexture;
    /** Opacity of cirrus, 0 (none) or 0.06..0.36. */
    final float[] cirrusOpacity;
    /** Share of the ground signal left by cloud shadow: 1 (no shadow) or 0.3..0.5. */
    final float[] shadowFactor;
    /** Ground skin temperature, K. */
    final float[] surfaceTemperature;
    /** Truth in the full scheme (clear, thin, thick, shadow). */
    final byte[] truth;
    /** Total optical thickness at 550 nm above each pixel (measured-spectra scenes), or null (legacy scenes). */
    final float[] tau550;

    private SceneLayers(int width, int height) {
        this.width = width;
        this.height = height;
        int n = width * height;
        surface = new byte[n];
        endmember = new float[n];
        brightness = new float[n];
        cloudOpacity = new float[n];
        cloudTexture = new float[n];
        cirrusOpacity = new float[n];
        shadowFactor = new float[n];
        surfaceTemperature = new float[n];
        truth = new byte[n];
        tau550 = null;
    }

    /**
     * The layers a {@link SyntheticScene} reads (surface types, cloud and cirrus opacity, truth, τ₅₅₀) of a scene
     * rendered by another model ({@link MeasuredScene}); the legacy rendering layers are null.
     */
    SceneLayers(
            int width,
            int height,
            byte[] surface,
            float[] cloudOpacity,
            float[] cirrusOpacity,
            byte[] truth,
            float[] tau550) {
        this.width = width;
        this.height = height;
        this.surface = surface;
        this.cloudOpacity = cloudOpacity;
        this.cirrusOpacity = cirrusOpacity;
        this.truth = truth;
        this.tau550 = tau550;
        endmember = null;
        brightness = null;
        cloudTexture = null;
        shadowFactor = null;
        surfaceTemperature = null;
    }

    static SceneLayers build(SyntheticSceneSpec spec) {
        final int w = spec.width();
        final int h = spec.height();
        final int n = w * h;
        final double size = Math.max(w, h);
        final long seed = spec.seed();

        ValueNoise terrain = new ValueNoise(fieldSeed(seed, 1), size / 1.5, 4, 0.5, 0, 1);
        ValueNoise landUse = new ValueNoise(fieldSeed(seed, 2), size / 3, 4, 0.55, 0, 1);
        ValueNoise member = new ValueNoise(fieldSeed(seed, 3), size / 6, 4, 0.5, 0, 1);
        ValueNoise bright = new ValueNoise(fieldSeed(seed, 4), Math.max(size / 24, 4), 1.5, 0.6, 0, 1);
        ValueNoise cloud = new ValueNoise(fieldSeed(seed, 5), size / 2, 2, 0.55, 0, 1);
        ValueNoise thickness = new ValueNoise(fieldSeed(seed, 6), size / 2.5, 8, 0.5, 0, 1);
        double cirrusAngle = (ValueNoise.mix(fieldSeed(seed, 7)) >>> 11) * 0x1.0p-53 * Math.PI;
        ValueNoise cirrusField = new ValueNoise(fieldSeed(seed, 8), size / 2, 2, 0.5, cirrusAngle, 4);
        ValueNoise texture = new ValueNoise(fieldSeed(seed, 9), Math.max(size / 40, 3), 1.5, 0.6, 0, 1);

        boolean cirrusOn = spec.cirrus() && spec.cloudCover() > 0 && spec.thinCloudShare() > 0;
        float[] elevation = new float[n];
        float[] land = new float[n];
        float[] cloudField = new float[n];
        float[] thick = new float[n];
        float[] cirrus = cirrusOn ? new float[n] : null;
        IntStream.range(0, h).parallel().forEach(r -> {
            terrain.fillRow(0, r, elevation, r * w, w);
            landUse.fillRow(0, r, land, r * w, w);
            cloud.fillRow(0, r, cloudField, r * w, w);
            thickness.fillRow(0, r, thick, r * w, w);
            if (cirrus != null) {
                cirrusField.fillRow(0, r, cirrus, r * w, w);
            }
        });

        // ---- surface types: quantiles of the terrain and land-use fields
        SurfaceMix mix = spec.surfaceMix();
        float[] scratch = new float[n];
        System.arraycopy(elevation, 0, scratch, 0, n);
        long waterCount = Math.round(mix.fraction(SurfaceType.WATER) * n);
        long snowCount = Math.round(mix.fraction(SurfaceType.SNOW_ICE) * n);
        final float waterBelow = thresholdAbove(scratch, n, n - waterCount); // water: elevation <= this
        final float snowAbove = thresholdAbove(scratch, n, snowCount); // snow: elevation > this
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (elevation[i] > waterBelow && elevation[i] <= snowAbove) {
                scratch[m++] = land[i];
            }
        }
        double landSum = mix.vegetation() + mix.bareSoil() + mix.urban();
        long soilCount = landSum > 0 ? Math.round(mix.bareSoil() / landSum * m) : 0;
        long urbanCount = landSum > 0 ? Math.round(mix.urban() / landSum * m) : 0;
        final float soilBelow = thresholdAbove(scratch, m, m - soilCount);
        final float urbanAbove = thresholdAbove(scratch, m, urbanCount);

        // ---- clouds: cirrus takes half of the thin share, low cloud the rest of the cover
        long coverCount = Math.round(spec.cloudCover() * n);
        float cirrusAbove = Float.POSITIVE_INFINITY;
        float cirrusMax = Float.POSITIVE_INFINITY;
        long cirrusVisible = 0;
        if (cirrus != null) {
            System.arraycopy(cirrus, 0, scratch, 0, n);
            cirrusAbove = thresholdAbove(scratch, n, Math.round(spec.cloudCover() * spec.thinCloudShare() * 0.5 * n));
            cirrusMax = max(cirrus, n);
            for (int i = 0; i < n; i++) {
                if (cirrus[i] > cirrusAbove) {
                    cirrusVisible++;
                }
            }
        }
        m = 0;
        for (int i = 0; i < n; i++) {
            if (cirrus == null || !(cirrus[i] > cirrusAbove)) {
                scratch[m++] = cloudField[i];
            }
        }
        final float cloudAbove = thresholdAbove(scratch, m, Math.max(0, coverCount - cirrusVisible));
        m = 0;
        float scoreMax = 0;
        for (int i = 0; i < n; i++) {
            if (cloudField[i] > cloudAbove) {
                float s = score(cloudField[i], thick[i], cloudAbove);
                scratch[m++] = s;
                scoreMax = Math.max(scoreMax, s);
            }
        }
        long thickCount = Math.min(m, Math.round(spec.cloudCover() * (1 - spec.thinCloudShare()) * n));
        final float thickAbove = thresholdAbove(scratch, m, thickCount);
        final CloudModel model = new CloudModel(cloudAbove, thickAbove, scoreMax);
        scratch = null;

        // ---- per-pixel layers
        final SceneLayers layers = new SceneLayers(w, h);
        final boolean shadows = spec.shadows();
        final double shiftCol = spec.shadowOffsetColumns();
        final double shiftRow = spec.shadowOffsetRows();
        final float cirrusLo = cirrusAbove;
        final float cirrusSpan = cirrusMax - cirrusAbove;
        IntStream.range(0, h).parallel().forEach(r -> {
            float[] memberRow = new float[w];
            float[] brightRow = new float[w];
            float[] textureRow = new float[w];
            float[] castCloud = new float[w];
            float[] castThick = new float[w];
            member.fillRow(0, r, memberRow, 0, w);
            bright.fillRow(0, r, brightRow, 0, w);
            texture.fillRow(0, r, textureRow, 0, w);
            if (shadows) {
                // the cloud whose shadow falls on (col, row) is at (col − shiftCol, row − shiftRow)
                cloud.fillRow(-shiftCol, r - shiftRow, castCloud, 0, w);
                thickness.fillRow(-shiftCol, r - shiftRow, castThick, 0, w);
            }
            for (int col = 0; col < w; col++) {
                int i = r * w + col;
                SurfaceType type;
                if (elevation[i] <= waterBelow) {
                    type = SurfaceType.WATER;
                } else if (elevation[i] > snowAbove) {
                    type = SurfaceType.SNOW_ICE;
                } else if (land[i] <= soilBelow) {
                    type = SurfaceType.BARE_SOIL;
                } else if (land[i] > urbanAbove) {
                    type = SurfaceType.URBAN;
                } else {
                    type = SurfaceType.VEGETATION;
                }
                layers.surface[i] = type.code();
                layers.endmember[i] = clamp((memberRow[col] - 0.5f) * 2.5f + 0.5f, 0, 1);
                float grain = clamp((brightRow[col] - 0.5f) * 3f, -1, 1);
                layers.brightness[i] = 1 + 0.1f * grain;
                layers.cloudTexture[i] = clamp(0.98f + 0.4f * (textureRow[col] - 0.5f), 0.85f, 1.1f);

                boolean lowCloud = cloudField[i] > cloudAbove;
                boolean thickCloud = false;
                if (lowCloud) {
                    float s = score(cloudField[i], thick[i], cloudAbove);
                    thickCloud = s > thickAbove;
                    layers.cloudOpacity[i] = (float) opacity(model.tau(s));
                }
                boolean cirrusCloud = cirrus != null && cirrus[i] > cirrusLo;
                if (cirrusCloud) {
                    double x = cirrusSpan > 0 ? (cirrus[i] - cirrusLo) / cirrusSpan : 1;
                    layers.cirrusOpacity[i] =
                            (float) (CIRRUS_MIN_OPACITY + (CIRRUS_MAX_OPACITY - CIRRUS_MIN_OPACITY) * Math.min(1, x));
                }
                boolean shadowed = false;
                float factor = 1;
                if (shadows && castCloud[col] > cloudAbove) {
                    float s = score(castCloud[col], castThick[col], cloudAbove);
                    if (s > thickAbove) {
                        shadowed = true;
                        double depth = (model.tau(s) - TAU_THICK) / (TAU_CORE - TAU_THICK);
                        factor = (float) (SHADOW_LIGHTEST - (SHADOW_LIGHTEST - SHADOW_DARKEST) * depth);
                    }
                }
                layers.shadowFactor[i] = factor;
                layers.surfaceTemperature[i] = (float) (ReferenceSpectra.SURFACE_TEMPERATURE_K[type.ordinal()]
                        - 2.5 * grain
                        - (shadowed ? SHADOW_COOLING_K : 0));
                layers.truth[i] = thickCloud ? THICK : (lowCloud || cirrusCloud) ? THIN : shadowed ? SHADOW : CLEAR;
            }
        });
        return layers;
    }

    /** Maps the thickness score of low cloud to optical thickness. */
    private record CloudModel(float cloudAbove, float thickAbove, float scoreMax) {
        double tau(float score) {
            if (score > thickAbove) {
                double span = scoreMax - thickAbove;
                double x = span > 0 ? Math.min(1, (score - thickAbove) / span) : 1;
                return TAU_THICK + (TAU_CORE - TAU_THICK) * x;
            }
            return TAU_MIN + (TAU_THICK - TAU_MIN) * Math.min(1, score / thickAbove);
        }
    }

    private static float score(float cloudField, float thicknessField, float cloudAbove) {
        return (cloudField - cloudAbove) * (0.25f + 1.5f * thicknessField);
    }

    /** Opacity {@code 1 − exp(−τ / 4)} of cloud of optical thickness τ. */
    static double opacity(double tau) {
        return 1 - Math.exp(-tau / TAU_SCALE);
    }

    private static float clamp(float v, float lo, float hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    private static float max(float[] a, int m) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, a[i]);
        }
        return max;
    }

    private static long fieldSeed(long seed, int field) {
        return ValueNoise.mix(ValueNoise.mix(seed) + field * 0xD1B54A32D192ED03L);
    }

    /**
     * A threshold t such that {@code count} of {@code a[0..m)} are above it (fewer where values tie):
     * below every value when count ≥ m, the largest value when count ≤ 0, +∞ when m is 0. Reorders
     * {@code a[0..m)}.
     */
    static float thresholdAbove(float[] a, int m, long count) {
        if (m == 0) {
            return Float.POSITIVE_INFINITY;
        }
        if (count >= m) {
            float min = Float.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                min = Math.min(min, a[i]);
            }
            return min - 1;
        }
        if (count <= 0) {
            return max(a, m);
        }
        return select(a, m, (int) (m - count - 1));
    }

    /** The k-th smallest (0-based) of {@code a[0..m)} by quickselect; reorders the array. */
    static float select(float[] a, int m, int k) {
        int lo = 0;
        int hi = m - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot
            float x = a[lo];
            float y = a[mid];
            float z = a[hi];
            float pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
