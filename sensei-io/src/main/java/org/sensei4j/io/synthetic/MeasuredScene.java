package org.sensei4j.io.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.classes.LabelConvention;
import org.sensei4j.descriptor.BandDescriptor;

/**
 * The measured-spectra renderer behind {@link SyntheticSceneGenerator} when it has a {@link MeasuredSceneSpec}:
 * band-independent layers of one scene and the rendering of a band from them.
 *
 * <p><b>Ground.</b> Surface types are placed as in the legacy renderer (terrain and land-use fields split by
 * quantiles of the {@link SurfaceMix}). Each type draws a small palette of spectra for the scene: vegetation from
 * the library's (mostly green) vegetation; bare ground from soils and a darker mineral (with a bright mineral —
 * gypsum, calcite, salt — when {@code brightDesert}); water from the water spectra (clear, coastal, turbid); snow
 * and ice computed for two grain sizes from the ice refractive index plus one measured melting snow; built-up from
 * darker man-made materials (with a white roof or paint when {@code whiteRoofs}). Land is cut into fields (parcels of
 * 150-800 m, roofs of
 * 60 m) that each mix two palette spectra; a texture field varies brightness by ±10%. Sun glint adds a spectrally
 * flat reflectance on water.
 *
 * <p><b>Atmosphere.</b> From the ground up: haze or smoke (aerosol, τ₅₅₀ from a smooth field, Ångström 1.3), water
 * vapour up to the low cloud, low water cloud (τ₅₅₀ from a blend of a stratiform and a 1.5 km cumulus field, fading
 * to 0 at the edges), water vapour up to the cirrus height, cirrus and contrails (ice), then the rest of the vapour
 * and the Rayleigh path reflectance. Each layer is a {@link CloudOptics two-stream layer}; layers are added. The
 * vapour column is the legacy one times {@code vapourScale}, so at 1.38 µm only cloud above most of the vapour
 * (cirrus) is seen. Shadows: the illumination of the ground is the diffuse sky light plus the direct sunlight
 * through the low cloud and the cirrus found along the sun's direction at their heights.
 *
 * <p><b>Truth</b> per pixel: {@link LabelConvention#classify} of the total τ₅₅₀ (low cloud + cirrus and contrails
 * + haze) and the illumination.
 */
final class MeasuredScene {

    /** Share of the ground's illumination that is diffuse sky light (left in the darkest shadow). */
    static final double DIFFUSE_SKY = 0.15;

    final SyntheticSceneSpec spec;
    final MeasuredSceneSpec physics;
    final int width;
    final int height;
    /** Surface spectra of the scene's palette, on the library's grid. */
    final List<float[]> palette = new ArrayList<>();

    final byte[] surface;
    final short[] spectrumA;
    final short[] spectrumB;
    final float[] blend;
    final float[] brightness;
    final float[] glint;
    final float[] tauLow;
    final float[] tauIce;
    final float[] tauHaze;
    final float[] illumination;
    final float[] temperature;
    final byte[] truth;

    private MeasuredScene(SyntheticSceneSpec spec, MeasuredSceneSpec physics) {
        this.spec = spec;
        this.physics = physics;
        this.width = spec.width();
        this.height = spec.height();
        int n = width * height;
        surface = new byte[n];
        spectrumA = new short[n];
        spectrumB = new short[n];
        blend = new float[n];
        brightness = new float[n];
        glint = new float[n];
        tauLow = new float[n];
        tauIce = new float[n];
        tauHaze = new float[n];
        illumination = new float[n];
        temperature = new float[n];
        truth = new byte[n];
    }

    /** The layers of the scene of {@code spec} with {@code physics}. */
    static MeasuredScene build(SyntheticSceneSpec spec, MeasuredSceneSpec physics) {
        MeasuredScene s = new MeasuredScene(spec, physics);
        s.layout();
        return s;
    }

    /** The same layers as legacy {@link SceneLayers} (for {@link SyntheticScene}'s getters). */
    SceneLayers asSceneLayers() {
        int n = width * height;
        float[] cloud = new float[n];
        float[] cirrus = new float[n];
        float[] tau = new float[n];
        for (int i = 0; i < n; i++) {
            cloud[i] = (float) SceneLayers.opacity(tauLow[i]);
            cirrus[i] = (float) SceneLayers.opacity(tauIce[i]);
            tau[i] = tauLow[i] + tauIce[i] + tauHaze[i];
        }
        return new SceneLayers(width, height, surface, cloud, cirrus, truth, tau);
    }

    // ------------------------------------------------------------------ layout

    private void layout() {
        final int w = width;
        final int h = height;
        final int n = w * h;
        final double size = Math.max(w, h);
        final long seed = spec.seed();
        final double px = spec.pixelSizeM();

        ValueNoise terrain = new ValueNoise(fieldSeed(seed, 1), size / 1.5, 4, 0.5, 0, 1);
        ValueNoise landUse = new ValueNoise(fieldSeed(seed, 2), size / 3, 4, 0.55, 0, 1);
        ValueNoise member = new ValueNoise(fieldSeed(seed, 3), Math.max(size / 6, 4), 2, 0.5, 0, 1);
        ValueNoise bright = new ValueNoise(fieldSeed(seed, 4), Math.max(size / 24, 4), 1.5, 0.6, 0, 1);
        ValueNoise stratus = new ValueNoise(fieldSeed(seed, 5), size / 2, 2, 0.55, 0, 1);
        ValueNoise thickness = new ValueNoise(fieldSeed(seed, 6), size / 2.5, 4, 0.5, 0, 1);
        ValueNoise cumulus = new ValueNoise(fieldSeed(seed, 101), clamp(1500 / px, 3, size / 4), 1.5, 0.5, 0, 1);
        double cirrusAngle = unit(fieldSeed(seed, 7)) * Math.PI;
        ValueNoise cirrusField = new ValueNoise(fieldSeed(seed, 8), size / 2, 2, 0.5, cirrusAngle, 4);
        double contrailAngle = unit(fieldSeed(seed, 102)) * Math.PI;
        ValueNoise contrailField = new ValueNoise(fieldSeed(seed, 103), size / 3, 1, 0.4, contrailAngle, 40);
        ValueNoise haze = new ValueNoise(fieldSeed(seed, 104), size / 1.5, 4, 0.5, 0, 1);
        ValueNoise waves = new ValueNoise(fieldSeed(seed, 105), 4, 1, 0.6, 0, 1);
        ValueNoise glintArea = new ValueNoise(fieldSeed(seed, 106), size / 2, 8, 0.5, 0, 1);

        final double cu = physics.cumulusShare();
        final boolean cirrusOn = spec.cirrus() && physics.cirrusTauMax() > 0;
        final boolean contrailsOn = physics.contrails();
        float[] elevation = new float[n];
        float[] land = new float[n];
        float[] low = new float[n];
        float[] ci = cirrusOn ? new float[n] : null;
        float[] con = contrailsOn ? new float[n] : null;
        IntStream.range(0, h).parallel().forEach(r -> {
            float[] a = new float[w];
            float[] b = new float[w];
            terrain.fillRow(0, r, elevation, r * w, w);
            landUse.fillRow(0, r, land, r * w, w);
            stratus.fillRow(0, r, a, 0, w);
            cumulus.fillRow(0, r, b, 0, w);
            for (int c = 0; c < w; c++) {
                low[r * w + c] = (float) ((1 - cu) * a[c] + cu * b[c]);
            }
            if (ci != null) {
                cirrusField.fillRow(0, r, ci, r * w, w);
            }
            if (con != null) {
                contrailField.fillRow(0, r, con, r * w, w);
            }
        });

        // ---- surface types by quantiles, as the legacy renderer
        SurfaceMix mix = spec.surfaceMix();
        float[] scratch = elevation.clone();
        final float waterBelow =
                SceneLayers.thresholdAbove(scratch, n, n - Math.round(mix.fraction(SurfaceType.WATER) * n));
        final float snowAbove =
                SceneLayers.thresholdAbove(scratch, n, Math.round(mix.fraction(SurfaceType.SNOW_ICE) * n));
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (elevation[i] > waterBelow && elevation[i] <= snowAbove) {
                scratch[m++] = land[i];
            }
        }
        double landSum = mix.vegetation() + mix.bareSoil() + mix.urban();
        final float soilBelow = SceneLayers.thresholdAbove(
                scratch, m, m - (landSum > 0 ? Math.round(mix.bareSoil() / landSum * m) : 0));
        final float urbanAbove =
                SceneLayers.thresholdAbove(scratch, m, landSum > 0 ? Math.round(mix.urban() / landSum * m) : 0);

        // ---- thresholds of the cloud fields
        System.arraycopy(low, 0, scratch, 0, n);
        long lowCount = Math.round(spec.cloudCover() * n);
        // no cover: no low cloud anywhere (not even outside the scene, whose shadows would fall inside)
        final float lowAbove =
                lowCount == 0 ? Float.POSITIVE_INFINITY : SceneLayers.thresholdAbove(scratch, n, lowCount);
        final float lowMax = max(low);
        final float ciAbove;
        final float ciMax;
        if (ci != null) {
            System.arraycopy(ci, 0, scratch, 0, n);
            ciAbove = SceneLayers.thresholdAbove(scratch, n, Math.round(0.25 * n));
            ciMax = max(ci);
        } else {
            ciAbove = Float.POSITIVE_INFINITY;
            ciMax = Float.POSITIVE_INFINITY;
        }
        final float conAbove;
        final float conMax;
        if (con != null) {
            System.arraycopy(con, 0, scratch, 0, n);
            conAbove = SceneLayers.thresholdAbove(scratch, n, Math.round(0.02 * n));
            conMax = max(con);
        } else {
            conAbove = Float.POSITIVE_INFINITY;
            conMax = Float.POSITIVE_INFINITY;
        }
        scratch = null;

        // ---- palettes
        int[][] palettes = choosePalettes(new SplittableRandom(fieldSeed(seed, 50)));
        final double parcelPx = clamp((150 + 650 * unit(fieldSeed(seed, 51))) / px, 1, size / 4);
        final double roofPx = clamp(60 / px, 1, size / 8);
        final double parcelAngle = unit(fieldSeed(seed, 52)) * Math.PI / 2;
        final long parcelSeed = fieldSeed(seed, 53);

        // ---- geometry of shadows
        final double shiftCol = spec.shadowOffsetColumns();
        final double shiftRow = spec.shadowOffsetRows();
        final double ciRatio = physics.cirrusHeightM() / spec.cloudHeightM();
        final double mu0 = Math.sin(Math.toRadians(spec.sunElevationDeg()));
        final boolean shadows = spec.shadows();
        final double lowTauMax = physics.lowCloudTauMax();
        final double ciTauMax = physics.cirrusTauMax();
        final double hazeMax = physics.hazeTau550Max();
        final double glintMax = physics.glint();

        IntStream.range(0, h).parallel().forEach(r -> {
            float[] memberRow = new float[w];
            float[] brightRow = new float[w];
            float[] thickRow = new float[w];
            float[] hazeRow = new float[w];
            float[] waveRow = new float[w];
            float[] glintRow = new float[w];
            float[] castA = new float[w];
            float[] castB = new float[w];
            float[] castT = new float[w];
            float[] castCi = new float[w];
            member.fillRow(0, r, memberRow, 0, w);
            bright.fillRow(0, r, brightRow, 0, w);
            thickness.fillRow(0, r, thickRow, 0, w);
            if (hazeMax > 0) {
                haze.fillRow(0, r, hazeRow, 0, w);
            }
            if (glintMax > 0) {
                waves.fillRow(0, r, waveRow, 0, w);
                glintArea.fillRow(0, r, glintRow, 0, w);
            }
            if (shadows) {
                stratus.fillRow(-shiftCol, r - shiftRow, castA, 0, w);
                cumulus.fillRow(-shiftCol, r - shiftRow, castB, 0, w);
                thickness.fillRow(-shiftCol, r - shiftRow, castT, 0, w);
                if (ci != null) {
                    cirrusField.fillRow(-shiftCol * ciRatio, r - shiftRow * ciRatio, castCi, 0, w);
                }
            }
            for (int c = 0; c < w; c++) {
                int i = r * w + c;
                SurfaceType type = elevation[i] <= waterBelow
                        ? SurfaceType.WATER
                        : elevation[i] > snowAbove
                                ? SurfaceType.SNOW_ICE
                                : land[i] <= soilBelow
                                        ? SurfaceType.BARE_SOIL
                                        : land[i] > urbanAbove ? SurfaceType.URBAN : SurfaceType.VEGETATION;
                surface[i] = type.code();
                int[] pal = palettes[type.ordinal()];
                long cell;
                double cellBlend;
                if (type == SurfaceType.VEGETATION || type == SurfaceType.BARE_SOIL || type == SurfaceType.URBAN) {
                    double cellPx = type == SurfaceType.URBAN ? roofPx : parcelPx;
                    double cs = Math.cos(parcelAngle);
                    double sn = Math.sin(parcelAngle);
                    long u = (long) Math.floor((c * cs + r * sn) / cellPx);
                    long v = (long) Math.floor((-c * sn + r * cs) / cellPx);
                    cell = ValueNoise.mix(
                            parcelSeed + type.ordinal() + u * 0x9E3779B97F4A7C15L + v * 0xC2B2AE3D27D4EB4FL);
                    cellBlend = (cell >>> 40 & 0xFF) / 255.0;
                    blend[i] = (float) clamp(cellBlend + 0.6 * (memberRow[c] - 0.5), 0, 1);
                } else {
                    long u = (long) Math.floor(c / (size / 4));
                    long v = (long) Math.floor(r / (size / 4));
                    cell = ValueNoise.mix(parcelSeed + type.ordinal() + u * 31 + v * 1_000_003);
                    blend[i] = (float) clamp((memberRow[c] - 0.5) * 2.5 + 0.5, 0, 1);
                }
                spectrumA[i] = (short) pal[(int) Long.remainderUnsigned(cell, pal.length)];
                spectrumB[i] = (short) pal[(int) Long.remainderUnsigned(cell >>> 20, pal.length)];
                float grain = (float) clamp((brightRow[c] - 0.5f) * 3f, -1, 1);
                brightness[i] = 1 + 0.1f * grain;
                if (type == SurfaceType.WATER && glintMax > 0) {
                    double area = clamp((glintRow[c] - 0.45) / 0.2, 0, 1);
                    glint[i] = (float) (glintMax * area * (0.4 + 1.2 * waveRow[c]));
                }

                double tl = lowTau(low[i], thickRow[c], lowAbove, lowMax, lowTauMax);
                double ti = 0;
                if (ci != null) {
                    ti += iceTau(ci[i], ciAbove, ciMax, ciTauMax);
                }
                if (con != null) {
                    ti += iceTau(con[i], conAbove, conMax, 1.0);
                }
                double th = hazeMax > 0 ? hazeMax * Math.pow(clamp((hazeRow[c] - 0.3) / 0.45, 0, 1), 1.5) : 0;
                tauLow[i] = (float) tl;
                tauIce[i] = (float) ti;
                tauHaze[i] = (float) th;

                double light = 1;
                if (shadows) {
                    double castLow = lowTau(
                            (float) ((1 - cu) * castA[c] + cu * castB[c]), castT[c], lowAbove, lowMax, lowTauMax);
                    double castIce = ci != null ? iceTau(castCi[c], ciAbove, ciMax, ciTauMax) : 0;
                    double[] rt = new double[2];
                    CloudOptics.layer(castLow / mu0, 0, CloudOptics.G_WATER, rt);
                    double t = rt[1];
                    CloudOptics.layer(castIce / mu0, 0, CloudOptics.G_ICE, rt);
                    t *= rt[1];
                    light = DIFFUSE_SKY + (1 - DIFFUSE_SKY) * t;
                }
                illumination[i] = (float) light;
                temperature[i] = (float)
                        (ReferenceSpectra.SURFACE_TEMPERATURE_K[type.ordinal()] - 2.5 * grain - 5 * (1 - light));
                truth[i] = (byte)
                        ClassScheme.CLEAR_THIN_THICK_SHADOW.indexOf(LabelConvention.classify(tl + ti + th, ti, light));
            }
        });
    }

    /** τ₅₅₀ of low cloud: the core thickness times (excess over the threshold)^1.3, so edges fade softly. */
    private static double lowTau(float field, float thick, float above, float max, double tauMax) {
        if (!(field > above) || tauMax <= 0) {
            return 0;
        }
        double u = Math.min(1, (field - above) / Math.max(1e-6, max - above));
        return tauMax * Math.pow(u, 1.3) * (0.35 + 0.65 * thick);
    }

    private static double iceTau(float field, float above, float max, double tauMax) {
        if (!(field > above)) {
            return 0;
        }
        double u = Math.min(1, (field - above) / Math.max(1e-6, max - above));
        return tauMax * Math.pow(u, 0.8);
    }

    /**
     * Palette indices per surface type (by ordinal), filling {@link #palette}. Library spectra are mostly of pure
     * materials, many brighter than the ground they stand for, so each type draws mainly from its plausible part:
     * green vegetation (NDVI ≥ 0.5) and one other vegetation spectrum; soils with one mineral of visible
     * reflectance below 0.35 (plus one bright mineral, ≥ 0.5, for bright desert and salt); man-made materials
     * below 0.3 in the visible (plus one of ≥ 0.6 for white roofs).
     */
    private int[][] choosePalettes(SplittableRandom r) {
        SpectralLibrary lib = physics.library();
        int[][] out = new int[SurfaceType.values().length][];
        List<SpectralLibrary.Spectrum> veg =
                new ArrayList<>(pick(where(lib.category("vegetation"), s -> ndvi(s) >= 0.5), 3, r));
        veg.addAll(pick(lib.category("vegetation"), 1, r));
        out[SurfaceType.VEGETATION.ordinal()] = add(veg);
        List<SpectralLibrary.Spectrum> ground = new ArrayList<>(pick(lib.category("soil"), 3, r));
        ground.addAll(pick(where(lib.category("mineral"), s -> s.mean(450, 700) < 0.35), 1, r));
        if (physics.brightDesert()) {
            ground.addAll(pick(where(lib.category("mineral"), s -> s.mean(450, 700) >= 0.5), 1, r));
        }
        out[SurfaceType.BARE_SOIL.ordinal()] = add(ground);
        out[SurfaceType.WATER.ordinal()] = add(pick(lib.category("water"), 2, r));
        int fresh = palette.size();
        palette.add(CloudOptics.snowSpectrum(lib, physics.snowGrainUm()));
        palette.add(CloudOptics.snowSpectrum(lib, 3 * physics.snowGrainUm()));
        int[] melt = add(pick(lib.category("snow_ice"), 1, r));
        out[SurfaceType.SNOW_ICE.ordinal()] = new int[] {fresh, fresh, fresh + 1, melt[0]};
        List<SpectralLibrary.Spectrum> built =
                new ArrayList<>(pick(where(lib.category("manmade"), s -> s.mean(450, 700) < 0.3), 3, r));
        if (physics.whiteRoofs()) {
            built.addAll(pick(where(lib.category("manmade"), s -> s.mean(450, 700) >= 0.6), 1, r));
        }
        out[SurfaceType.URBAN.ordinal()] = add(built);
        return out;
    }

    private static double ndvi(SpectralLibrary.Spectrum s) {
        double red = s.mean(640, 680);
        double nir = s.mean(820, 880);
        return (nir - red) / Math.max(1e-6, nir + red);
    }

    /** The members of {@code from} that pass {@code test}, or all of them when none does. */
    private static List<SpectralLibrary.Spectrum> where(
            List<SpectralLibrary.Spectrum> from, Predicate<SpectralLibrary.Spectrum> test) {
        List<SpectralLibrary.Spectrum> out = from.stream().filter(test).toList();
        return out.isEmpty() ? from : out;
    }

    private int[] add(List<SpectralLibrary.Spectrum> spectra) {
        int[] idx = new int[spectra.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = palette.size();
            palette.add(spectra.get(k).reflectance());
        }
        return idx;
    }

    /** Up to {@code count} distinct random members of {@code from} (at least one: from is never empty). */
    private static List<SpectralLibrary.Spectrum> pick(
            List<SpectralLibrary.Spectrum> from, int count, SplittableRandom r) {
        List<SpectralLibrary.Spectrum> pool = new ArrayList<>(from);
        List<SpectralLibrary.Spectrum> out = new ArrayList<>();
        while (out.size() < count && !pool.isEmpty()) {
            out.add(pool.remove(r.nextInt(pool.size())));
        }
        return out;
    }

    // ------------------------------------------------------------------ rendering

    /** Two-way transmittance of the scene's water vapour from the top of the atmosphere down to {@code heightM}. */
    double vapourTransmittance(double nm, double heightM) {
        return Math.exp(-physics.vapourScale()
                * ReferenceSpectra.vapourOpticalDepth(nm)
                * Math.exp(-heightM / ReferenceSpectra.VAPOUR_SCALE_HEIGHT_M));
    }

    /**
     * Sample wavelengths of a band: midpoints of up to 8 equal parts of (min, max), at most ~20 nm apart (the
     * narrowest spectral feature, a water-vapour band, has σ ≥ 22 nm).
     */
    static double[] samples(BandDescriptor d) {
        double width = d.maxNm() - d.minNm();
        if (width <= 0) {
            return new double[] {d.minNm()};
        }
        int k = (int) Math.max(1, Math.min(8, Math.ceil(width / 20)));
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            out[j] = d.minNm() + (j + 0.5) * width / k;
        }
        return out;
    }

    /**
     * Two-way vapour transmittance of the ground below which a band stays top-of-atmosphere reflectance when the
     * effects ask for surface reflectance (see {@link #reflective}).
     */
    static final double SR_MIN_TRANSMITTANCE = 0.1;

    /**
     * TOA (or, with the effects' surfaceReflectance, surface) reflectance of a reflective band, before effects. Bands
     * the atmosphere makes nearly opaque (ground transmittance below {@value #SR_MIN_TRANSMITTANCE}) stay TOA.
     */
    float[] reflective(BandDescriptor d) {
        SpectralLibrary lib = physics.library();
        double[] nm = samples(d);
        int ns = nm.length;
        int np = palette.size();
        double[][] surf = new double[ns][np];
        double[] path = new double[ns];
        double[] groundToLow = new double[ns];
        double[] lowToIce = new double[ns];
        double[] iceToTop = new double[ns];
        double[] betaWater = new double[ns];
        double[] betaIce = new double[ns];
        double[] hazeFactor = new double[ns];
        double hLow = spec.cloudHeightM();
        double hIce = Math.max(physics.cirrusHeightM(), hLow);
        double meanPath = 0;
        double meanGround = 0;
        for (int j = 0; j < ns; j++) {
            double l = nm[j];
            for (int p = 0; p < np; p++) {
                surf[j][p] = SpectralLibrary.at(palette.get(p), l);
            }
            path[j] = ReferenceSpectra.rayleighPath(l);
            double tg = vapourTransmittance(l, 0);
            double tl = vapourTransmittance(l, hLow);
            double ti = vapourTransmittance(l, hIce);
            groundToLow[j] = tg / tl;
            lowToIce[j] = tl / ti;
            iceToTop[j] = ti;
            betaWater[j] = CloudOptics.coAlbedo(lib.waterN(l), lib.waterK(l), l, physics.dropletRadiusUm());
            betaIce[j] = CloudOptics.coAlbedo(lib.iceN(l), lib.iceK(l), l, physics.iceRadiusUm());
            hazeFactor[j] = CloudOptics.hazeTau(1, l);
            meanPath += path[j] / ns;
            meanGround += tg / ns;
        }
        // Surface reflectance: processors correct the window bands only. Where the atmosphere is nearly opaque
        // (two-way transmittance of the vapour below SR_MIN_TRANSMITTANCE: the 1.38 and 1.9 um bands) they leave
        // the band at TOA or drop it (Sen2Cor's L2A has no B10, LaSRC no B9); dividing by a transmittance of 0.001
        // would make clear ground read 0.5-5 in the cirrus band, and teach a model that a bright cirrus band means
        // nothing.
        final boolean surfaceReflectance = physics.effects().surfaceReflectance() && meanGround >= SR_MIN_TRANSMITTANCE;
        final double corrPath = meanPath;
        final double corrTrans = Math.max(1e-3, meanGround);
        final double betaHaze = 1 - CloudOptics.OMEGA_HAZE;
        final int w = width;
        float[] out = new float[w * height];
        IntStream.range(0, height).parallel().forEach(r -> {
            double[] rt = new double[2];
            for (int i = r * w, end = i + w; i < end; i++) {
                double m = blend[i];
                double light = brightness[i] * illumination[i];
                int a = spectrumA[i];
                int b = spectrumB[i];
                double tl = tauLow[i];
                double ti = tauIce[i];
                double th = tauHaze[i];
                double sum = 0;
                for (int j = 0; j < ns; j++) {
                    double rho = ((1 - m) * surf[j][a] + m * surf[j][b]) * light + glint[i];
                    if (th > 0) {
                        CloudOptics.layer(th * hazeFactor[j], betaHaze, CloudOptics.G_HAZE, rt);
                        rho = CloudOptics.over(rt[0], rt[1], rho);
                    }
                    rho *= groundToLow[j];
                    if (tl > 0) {
                        CloudOptics.layer(tl, betaWater[j], CloudOptics.G_WATER, rt);
                        rho = CloudOptics.over(rt[0], rt[1], rho);
                    }
                    rho *= lowToIce[j];
                    if (ti > 0) {
                        CloudOptics.layer(ti, betaIce[j], CloudOptics.G_ICE, rt);
                        rho = CloudOptics.over(rt[0], rt[1], rho);
                    }
                    sum += path[j] + rho * iceToTop[j];
                }
                double v = sum / ns;
                if (surfaceReflectance) {
                    v = (v - corrPath) / corrTrans;
                }
                out[i] = (float) v;
            }
        });
        return out;
    }

    /** Brightness temperature (K) of a thermal band, before noise. */
    float[] thermal(BandDescriptor d) {
        double centreNm = d.centreNm();
        final double k = centreNm * 1e-9 / SyntheticSceneGenerator.C2_M_K;
        final double lowTop =
                SyntheticSceneGenerator.SURFACE_AIR_K - SyntheticSceneGenerator.LAPSE_K_PER_M * spec.cloudHeightM();
        final double iceTop =
                SyntheticSceneGenerator.SURFACE_AIR_K - SyntheticSceneGenerator.LAPSE_K_PER_M * physics.cirrusHeightM();
        final double iceFactor = Math.max(0.2, 1 + 0.08 * (centreNm / 1000 - 11));
        final double[] logEmissivity = new double[SurfaceType.values().length];
        for (int t = 0; t < logEmissivity.length; t++) {
            logEmissivity[t] = Math.log(ReferenceSpectra.SURFACE_EMISSIVITY[t]);
        }
        final int w = width;
        float[] out = new float[w * height];
        IntStream.range(0, height).parallel().forEach(r -> {
            for (int i = r * w, end = i + w; i < end; i++) {
                double ts = temperature[i];
                double bt = ts + k * ts * ts * logEmissivity[surface[i]];
                double el = 1 - Math.exp(-0.5 * tauLow[i]);
                bt = el * lowTop + (1 - el) * bt;
                double ei = 1 - Math.exp(-0.5 * iceFactor * tauIce[i]);
                bt = ei * iceTop + (1 - ei) * bt;
                out[i] = (float) bt;
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    private static double unit(long seed) {
        return (ValueNoise.mix(seed) >>> 11) * 0x1.0p-53;
    }

    private static long fieldSeed(long seed, int field) {
        return ValueNoise.mix(ValueNoise.mix(seed) + field * 0xD1B54A32D192ED03L);
    }
}
