package org.sensei4j.io.synthetic;

/**
 * Radiative transfer for synthetic clouds, haze and snow: a two-stream (hemispheric-mean) approximation for
 * plane-parallel layers of large particles, with the single-scattering co-albedo computed from the imaginary
 * refractive index of water or ice and the particles' effective radius.
 *
 * <p><b>Co-albedo.</b> A weakly absorbing particle much larger than the wavelength absorbs {@code α·V·F(n)} with
 * {@code α = 4πk/λ} the bulk absorption coefficient, V its volume and {@code F(n) = n³ − (n² − 1)^{3/2}} the
 * internal path gain (Bohren &amp; Huffman 1983); it extinguishes {@code 2πr²} (extinction efficiency 2). So the
 * co-albedo is {@code x = (2/3)·F(n)·α·r_eff} for small x, and it saturates at 1/2 for opaque particles (half of
 * the extinction is diffraction): {@code β = ½·(1 − exp(−2x))}. Water droplets of 10 µm give β ≈ 8·10⁻³ at
 * 1.6 µm and ≈ 2·10⁻² at 2.2 µm but 10⁻⁵ at 0.86 µm; snow grains of a few hundred µm give β ≈ 0.1–0.2 at 1.6 µm.
 *
 * <p><b>Layer.</b> With ω = 1 − β, asymmetry g, {@code γ₁ = 2 − ω(1 + g)}, {@code γ₂ = ω(1 − g)},
 * {@code Γ = √(γ₁² − γ₂²)}, a layer of optical thickness τ reflects {@code R = γ₂ S / (C + γ₁ S)} and transmits
 * {@code T = 1 / (C + γ₁ S)} of diffuse light ({@code S = sinh(Γτ)/Γ}, {@code C = cosh(Γτ)}); a semi-infinite
 * layer (snow) reflects {@code R∞ = γ₂ / (γ₁ + Γ)}. Layers combine by the adding rule
 * {@code R = R₁ + T₁² R₂ / (1 − R₁ R₂)}. Extinction of cloud and snow particles is spectrally flat; haze follows
 * an Ångström exponent.
 */
final class CloudOptics {

    /** Asymmetry parameter of water droplets. */
    static final double G_WATER = 0.86;
    /** Asymmetry parameter of ice crystals (cirrus, contrails). */
    static final double G_ICE = 0.77;
    /** Asymmetry parameter of snow grains. */
    static final double G_SNOW = 0.85;
    /** Asymmetry parameter of haze and smoke aerosol. */
    static final double G_HAZE = 0.70;
    /** Single-scattering albedo of haze and smoke at 550 nm. */
    static final double OMEGA_HAZE = 0.92;
    /** Ångström exponent of haze: τ(λ) = τ₅₅₀ (λ/550)^−this. */
    static final double ANGSTROM_HAZE = 1.3;

    private CloudOptics() {}

    /** Internal path gain {@code n³ − (n² − 1)^{3/2}} of a weakly absorbing sphere of real index n. */
    static double pathGain(double n) {
        double m = Math.max(0, n * n - 1);
        return n * n * n - Math.pow(m, 1.5);
    }

    /**
     * Single-scattering co-albedo of large particles of effective radius {@code radiusUm} with refractive index
     * {@code n + ik} at {@code nm}.
     */
    static double coAlbedo(double n, double k, double nm, double radiusUm) {
        double alphaPerUm = 4 * Math.PI * k / (nm / 1000.0);
        double x = 2.0 / 3.0 * pathGain(n) * alphaPerUm * radiusUm;
        return 0.5 * (1 - Math.exp(-2 * x));
    }

    /** Writes {R, T} of a layer of optical thickness {@code tau} into {@code out}. */
    static void layer(double tau, double beta, double g, double[] out) {
        if (!(tau > 0)) {
            out[0] = 0;
            out[1] = 1;
            return;
        }
        double omega = 1 - beta;
        double g1 = 2 - omega * (1 + g);
        double g2 = omega * (1 - g);
        double gamma = Math.sqrt(Math.max(0, g1 * g1 - g2 * g2));
        double x = gamma * tau;
        double s;
        double c;
        if (x < 1e-4) {
            s = tau * (1 + x * x / 6);
            c = 1 + x * x / 2;
        } else if (x > 30) {
            // both grow as e^x / 2: R → R∞, T → 2Γ e^{-x} / (Γ + γ₁)
            double e = Math.exp(-x);
            out[0] = g2 / (g1 + gamma);
            out[1] = 2 * gamma * e / (gamma + g1);
            return;
        } else {
            double e = Math.exp(x);
            double sinh = 0.5 * (e - 1 / e);
            s = sinh / gamma;
            c = 0.5 * (e + 1 / e);
        }
        double d = c + g1 * s;
        out[0] = g2 * s / d;
        out[1] = 1 / d;
    }

    /** Reflectance of a semi-infinite layer (deep snow) of co-albedo {@code beta} and asymmetry {@code g}. */
    static double semiInfinite(double beta, double g) {
        double omega = 1 - beta;
        double g1 = 2 - omega * (1 + g);
        double g2 = omega * (1 - g);
        double gamma = Math.sqrt(Math.max(0, g1 * g1 - g2 * g2));
        return g2 / (g1 + gamma);
    }

    /** Adding rule: a layer (R1, T1) over a Lambertian reflector of reflectance {@code below}. */
    static double over(double r1, double t1, double below) {
        return r1 + t1 * t1 * below / (1 - r1 * below);
    }

    /** Reflectance of deep fresh snow of grain radius {@code grainUm} at {@code nm}, from the ice index. */
    static double snow(SpectralLibrary lib, double nm, double grainUm) {
        return semiInfinite(coAlbedo(lib.iceN(nm), lib.iceK(nm), nm, grainUm), G_SNOW);
    }

    /** Fresh snow of grain radius {@code grainUm} on the library's 10 nm grid. */
    static float[] snowSpectrum(SpectralLibrary lib, double grainUm) {
        float[] r = new float[SpectralLibrary.GRID_SIZE];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) snow(lib, SpectralLibrary.GRID_START_NM + SpectralLibrary.GRID_STEP_NM * i, grainUm);
        }
        return r;
    }

    /** Optical thickness of haze at {@code nm} for {@code tau550} at 550 nm. */
    static double hazeTau(double tau550, double nm) {
        return tau550 * Math.pow(nm / 550.0, -ANGSTROM_HAZE);
    }

    /**
     * Share of the unshadowed illumination that reaches the ground under a cloud of optical thickness
     * {@code tau} along the sun's path: the diffuse sky light ({@code diffuse}) plus the direct sunlight scaled by
     * the layer's two-stream transmittance.
     */
    static double illumination(double tauSlant, double g, double diffuse) {
        if (!(tauSlant > 0)) {
            return 1;
        }
        double[] rt = new double[2];
        layer(tauSlant, 0, g, rt);
        return diffuse + (1 - diffuse) * rt[1];
    }
}
