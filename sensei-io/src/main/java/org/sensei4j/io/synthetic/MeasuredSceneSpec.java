package org.sensei4j.io.synthetic;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import java.util.SplittableRandom;
import org.sensei4j.error.SenseiException;

/**
 * How a synthetic scene is rendered from measured spectra and physical cloud optics (opt-in: a
 * {@link SyntheticSceneGenerator} built with one of these; without, the legacy renderer runs unchanged). The
 * scene's layout (size, seed, cloud cover, sun, low-cloud height, surface mix, pixel size) still comes from its
 * {@link SyntheticSceneSpec}; this adds the physics. Truth follows {@link org.sensei4j.classes.LabelConvention}.
 *
 * @param library          measured surface spectra and the refractive indices of water and ice
 * @param dropletRadiusUm  effective radius of the water droplets of low cloud, µm (typically 5-20)
 * @param iceRadiusUm      effective radius of the ice crystals of cirrus and contrails, µm (typically 15-60)
 * @param snowGrainUm      radius of fresh-snow grains, µm (typically 50-1000); old snow gets three times this
 * @param lowCloudTauMax   optical thickness at 550 nm of the densest low-cloud cores (the edges fade to 0)
 * @param cumulusShare     0 (stratiform fields) .. 1 (broken cumulus of 1.5 km cells)
 * @param cirrusTauMax     optical thickness of the densest cirrus (0: no cirrus)
 * @param cirrusHeightM    height of cirrus and contrails above ground, m (above the water vapour)
 * @param contrails        whether the scene has contrails (linear ice clouds at cirrus height)
 * @param hazeTau550Max    optical thickness at 550 nm of the densest haze or smoke (0: none)
 * @param glint            largest sun-glint reflectance added on water (0: none)
 * @param brightDesert     whether bare ground includes bright minerals (gypsum, calcite, salt, ...)
 * @param whiteRoofs       whether built-up areas include white roofs and paint
 * @param vapourScale      water-vapour column relative to the legacy renderer's (1); 1.5-4 keeps the ground and
 *                         low cloud out of the 1.38 µm band
 * @param effects          sensor effects
 */
@RecordBuilder
public record MeasuredSceneSpec(
        SpectralLibrary library,
        double dropletRadiusUm,
        double iceRadiusUm,
        double snowGrainUm,
        double lowCloudTauMax,
        double cumulusShare,
        double cirrusTauMax,
        double cirrusHeightM,
        boolean contrails,
        double hazeTau550Max,
        double glint,
        boolean brightDesert,
        boolean whiteRoofs,
        double vapourScale,
        SensorEffects effects) {

    public MeasuredSceneSpec {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(effects, "effects");
        positive(dropletRadiusUm, "droplet radius (µm)");
        positive(iceRadiusUm, "ice crystal radius (µm)");
        positive(snowGrainUm, "snow grain radius (µm)");
        positive(vapourScale, "water-vapour scale");
        positive(cirrusHeightM, "cirrus height (m)");
        for (double v : new double[] {lowCloudTauMax, cirrusTauMax, hazeTau550Max, glint}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new SenseiException(
                        "measured scene: optical thicknesses and glint must be finite and >= 0, " + "got " + v);
            }
        }
        if (!(cumulusShare >= 0 && cumulusShare <= 1)) {
            throw new SenseiException("measured scene: cumulus share " + cumulusShare + " is outside 0..1");
        }
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new SenseiException("measured scene: " + what + " " + v + " must be a positive number");
        }
    }

    /**
     * A plain scene: droplets 10 µm, ice 30 µm, snow grains 200 µm, low cloud up to τ 30 (30% cumulus), cirrus up
     * to τ 1.5 at 10 km, no contrails, haze or glint, bright desert and white roofs, vapour ×2.5, the legacy noise.
     */
    public static MeasuredSceneSpec defaults(SpectralLibrary library) {
        return new MeasuredSceneSpec(
                library, 10, 30, 200, 30, 0.3, 1.5, 10_000, false, 0, 0, true, true, 2.5, SensorEffects.NOISE_ONLY);
    }

    /**
     * Physics drawn for one scene from {@code seed}: droplets 5-20 µm, ice 15-60 µm, snow grains 50-1000 µm, low
     * cloud τ up to 8-60, cumulus share 0-1, cirrus in 50% of scenes (τ up to 0.3-3, at 8-12 km), contrails in
     * 20%, haze or smoke in 40% (τ₅₅₀ up to 0.1-1.5: faint haze is clear, dense haze cloud), glint in 20% of
     * scenes (up to 0.05-0.3), bright desert in 50%, white roofs in 60%, vapour ×1.5-4 and
     * {@link SensorEffects#draw random sensor effects}.
     */
    public static MeasuredSceneSpec draw(SpectralLibrary library, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double droplet = 5 + 15 * r.nextDouble();
        double ice = 15 + 45 * r.nextDouble();
        double snow = 50 * Math.pow(20, r.nextDouble());
        double lowTau = 8 + 52 * r.nextDouble();
        double cumulus = r.nextDouble();
        double cirrusTau = r.nextDouble() < 0.5 ? 0.3 + 2.7 * r.nextDouble() : 0;
        double cirrusHeight = 8000 + 4000 * r.nextDouble();
        boolean contrails = r.nextDouble() < 0.2;
        double haze = r.nextDouble() < 0.4 ? 0.1 + 1.4 * r.nextDouble() : 0;
        double glint = r.nextDouble() < 0.2 ? 0.05 + 0.25 * r.nextDouble() : 0;
        boolean desert = r.nextDouble() < 0.5;
        boolean roofs = r.nextDouble() < 0.6;
        double vapour = 1.5 + 2.5 * r.nextDouble();
        SensorEffects effects = SensorEffects.draw(r);
        return new MeasuredSceneSpec(
                library,
                droplet,
                ice,
                snow,
                lowTau,
                cumulus,
                cirrusTau,
                cirrusHeight,
                contrails,
                haze,
                glint,
                desert,
                roofs,
                vapour,
                effects);
    }

    public MeasuredSceneSpec withEffects(SensorEffects newEffects) {
        return MeasuredSceneSpecBuilder.builder(this).effects(newEffects).build();
    }

    public MeasuredSceneSpec withHaze(double newHazeTau550Max) {
        return MeasuredSceneSpecBuilder.builder(this)
                .hazeTau550Max(newHazeTau550Max)
                .build();
    }

    public MeasuredSceneSpec withCirrus(double newCirrusTauMax, double newCirrusHeightM) {
        return MeasuredSceneSpecBuilder.builder(this)
                .cirrusTauMax(newCirrusTauMax)
                .cirrusHeightM(newCirrusHeightM)
                .build();
    }

    public MeasuredSceneSpec withContrails(boolean newContrails) {
        return MeasuredSceneSpecBuilder.builder(this).contrails(newContrails).build();
    }

    public MeasuredSceneSpec withGlint(double newGlint) {
        return MeasuredSceneSpecBuilder.builder(this).glint(newGlint).build();
    }

    /** A copy with what {@code change} sets on a builder holding these values (checked as any new spec). */
}
