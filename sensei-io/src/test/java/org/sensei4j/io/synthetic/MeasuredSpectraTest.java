package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.classes.LabelConvention;

/**
 * Scenes from measured spectra and cloud optics ({@link MeasuredScene}): the physics of clouds, snow, cirrus and
 * haze with numbers, the truth's label convention, confusers, sensor effects. Needs ../shared/data/spectra
 * (skipped when absent).
 */
class MeasuredSpectraTest {

    static final Path SPECTRA = Path.of(System.getProperty("sensei.root", ".."))
            .resolve("../shared/data/spectra")
            .toAbsolutePath()
            .normalize();
    private static final int CLEAR = 0;
    private static final int THIN = 1;
    private static final int THICK = 2;
    private static final int SHADOW = 3;

    static SpectralLibrary lib;
    /** A 256² scene, all five surface types, low cloud at 1500 m, cirrus at 10 km, legacy noise only. */
    static SyntheticSceneSpec spec;

    static MeasuredScene layers;
    static SyntheticScene s2;

    @BeforeAll
    static void load() {
        Assumptions.assumeTrue(Files.isDirectory(SPECTRA), "../shared absent: skipping measured-spectra scenes");
        lib = SpectralLibrary.load(SPECTRA);
        spec = SyntheticSceneSpec.defaults(256, 256, 7)
                .withSurfaceMix(new SurfaceMix(1, 1, 1, 1, 1))
                .withCloudHeightM(1500);
        MeasuredSceneSpec physics = MeasuredSceneSpec.defaults(lib);
        layers = MeasuredScene.build(spec, physics);
        s2 = new SyntheticSceneGenerator(spec, physics).render(SyntheticSceneGenerator.sentinel2Like());
    }

    @Test
    void theLibraryHoldsAllSpectraWithGapsFilled() {
        assertThat(lib.spectra()).hasSize(874);
        assertThat(lib.category("vegetation")).hasSize(279);
        assertThat(lib.category("snow_ice")).hasSize(17);
        for (SpectralLibrary.Spectrum s : lib.spectra()) {
            for (float v : s.reflectance()) {
                assertThat(v).as(s.name()).isBetween(-0.05f, 2f);
            }
        }
        // liquid water (Segelstein) and ice (Warren & Brandt) at 1.6 µm: ice absorbs three times more
        assertThat(lib.waterK(1610)).isBetween(7e-5, 1.1e-4);
        assertThat(lib.iceK(1610)).isBetween(2e-4, 4e-4);
    }

    @Test
    void waterCloudIsDarkerAt16And22ThanAt086AndSnowDarkerStill() {
        double r086 = waterCloud(865);
        double r16 = waterCloud(1610);
        double r22 = waterCloud(2190);
        // τ 20, droplets 10 µm: 0.736 at 0.865 µm, 0.604 at 1.61 µm, 0.467 at 2.19 µm
        assertThat(r086).isBetween(0.70, 0.78);
        assertThat(r16).isBetween(0.55, 0.65).isLessThan(r086 - 0.1);
        assertThat(r22).isBetween(0.40, 0.52).isLessThan(r16 - 0.1);
        // larger droplets absorb more
        assertThat(cloud(1610, lib.waterN(1610), lib.waterK(1610), 20, CloudOptics.G_WATER))
                .isLessThan(r16 - 0.05);
        // fresh snow of 200 µm grains: 0.98 at 0.55 µm, 0.87 at 0.865 µm, 0.076 at 1.61 µm
        assertThat(CloudOptics.snow(lib, 550, 200)).isGreaterThan(0.95);
        assertThat(CloudOptics.snow(lib, 865, 200)).isBetween(0.8, 0.93);
        assertThat(CloudOptics.snow(lib, 1610, 200)).isLessThan(0.15).isLessThan(r16 / 4);
        // ice cloud (30 µm crystals) is darker at 1.61 µm than water cloud: 0.354 vs 0.604
        assertThat(cloud(1610, lib.iceN(1610), lib.iceK(1610), 30, CloudOptics.G_ICE))
                .isLessThan(r16 - 0.15);
    }

    @Test
    void snowGrainsGrowDarkerInTheNearInfraredAndShowTheIceBands() {
        for (double nm : new double[] {865, 1030, 1300, 1610}) {
            assertThat(CloudOptics.snow(lib, nm, 1000)).as("%s nm", nm).isLessThan(CloudOptics.snow(lib, nm, 100));
        }
        // the ice absorption at 1.03 µm: a dip between 0.95 and 1.1 µm
        assertThat(CloudOptics.snow(lib, 1030, 200))
                .isLessThan(CloudOptics.snow(lib, 950, 200))
                .isLessThan(CloudOptics.snow(lib, 1100, 200));
    }

    @Test
    void renderedThickCloudAndSnowDifferInTheShortwaveInfrared() {
        byte[] truth = s2.truthMask();
        IntPredicate thickLow = i -> truth[i] == THICK && layers.tauIce[i] == 0 && layers.tauHaze[i] == 0;
        IntPredicate freshSnow = i -> layers.surface[i] == SurfaceType.SNOW_ICE.code()
                && layers.tauLow[i] == 0
                && layers.tauIce[i] == 0
                && layers.illumination[i] == 1f
                && computedSnow(layers.spectrumA[i])
                && computedSnow(layers.spectrumB[i]);
        double[] cloud = means(thickLow, "B03", "B8A", "B11", "B12");
        double[] snow = means(freshSnow, "B03", "B8A", "B11", "B12");
        // thick low cloud (τ 5-30): ~0.60 / 0.57 / 0.48 / 0.39
        assertThat(cloud[2]).isLessThan(cloud[1] - 0.05);
        assertThat(cloud[3]).isLessThan(cloud[2] - 0.05);
        // fresh snow: as bright as cloud in the green, ~0.07 at 1.6 µm: far below the cloud
        assertThat(snow[0]).isGreaterThan(cloud[0]);
        assertThat(snow[2]).isLessThan(0.12).isLessThan(cloud[2] / 3);
    }

    @Test
    void theCirrusBandSeesHighCirrusButNotTheGroundOrLowCloud() {
        IntPredicate ground = i -> layers.tauLow[i] == 0 && layers.tauIce[i] == 0;
        IntPredicate lowCloud = i -> layers.tauLow[i] > 5 && layers.tauIce[i] == 0;
        IntPredicate cirrus = i -> layers.tauIce[i] > 0.5 && layers.tauLow[i] == 0;
        double g = means(ground, "B10", "B03")[0];
        double[] low = means(lowCloud, "B10", "B03");
        double[] ci = means(cirrus, "B10", "B03");
        // ground ~0.001, low cloud at 1.5 km ~0.002 (0.6 in the green), cirrus at 10 km ~0.2
        assertThat(g).isLessThan(0.01);
        assertThat(low[0]).isLessThan(0.01);
        assertThat(low[1]).isGreaterThan(0.4);
        assertThat(ci[0]).isGreaterThan(0.08).isGreaterThan(10 * low[0]);
    }

    @Test
    void truthFollowsTheLabelConventionInEveryPixel() {
        for (long seed = 1; seed <= 4; seed++) {
            SyntheticSceneSpec sp = SyntheticSceneSpec.defaults(96, 96, seed * 31)
                    .withCloudCover(0.1 * seed)
                    .withPixelSizeM(10 * Math.pow(3, seed - 1));
            MeasuredSceneSpec ph = MeasuredSceneSpec.draw(lib, seed);
            MeasuredScene m = MeasuredScene.build(sp, ph);
            byte[] truth = new SyntheticSceneGenerator(sp, ph)
                    .render(SyntheticBand.of("g", "540:560:580"))
                    .truthMask();
            for (int i = 0; i < truth.length; i++) {
                double tau = m.tauLow[i] + m.tauIce[i] + m.tauHaze[i];
                int want = ClassScheme.CLEAR_THIN_THICK_SHADOW.indexOf(
                        LabelConvention.classify(tau, m.tauIce[i], m.illumination[i]));
                assertThat((int) truth[i])
                        .as("seed %s pixel %s τ %s", seed, i, tau)
                        .isEqualTo(want);
                if (tau >= 0.5 || m.tauIce[i] >= 0.15) {
                    assertThat((int) truth[i]).isIn(THIN, THICK);
                } else if (m.illumination[i] >= 0.7) {
                    assertThat((int) truth[i]).isEqualTo(CLEAR);
                }
            }
        }
    }

    @Test
    void faintHazeIsClearAndDenseHazeIsCloud() {
        SyntheticSceneSpec clearSky =
                SyntheticSceneSpec.defaults(128, 128, 11).withCloudCover(0).withCirrus(false);
        MeasuredSceneSpec base = MeasuredSceneSpec.defaults(lib).withCirrus(0, 10_000);
        SyntheticScene faint = new SyntheticSceneGenerator(clearSky, base.withHaze(0.3))
                .render(SyntheticSceneGenerator.sentinel2Like());
        assertThat(faint.fraction(ClassKind.CLEAR)).isEqualTo(1.0);
        SyntheticScene none =
                new SyntheticSceneGenerator(clearSky, base).render(SyntheticSceneGenerator.sentinel2Like());
        SyntheticScene dense = new SyntheticSceneGenerator(clearSky, base.withHaze(1.5))
                .render(SyntheticSceneGenerator.sentinel2Like());
        byte[] t = dense.truthMask();
        float[] tau = dense.opticalThickness();
        float[] blueHaze = dense.band("B02");
        float[] blueClear = none.band("B02");
        float[] swirHaze = dense.band("B12");
        float[] swirClear = none.band("B12");
        int cloud = 0;
        double dBlue = 0;
        double dSwir = 0;
        for (int i = 0; i < t.length; i++) {
            if (tau[i] >= 0.5) {
                assertThat((int) t[i]).isEqualTo(THIN);
                cloud++;
                dBlue += blueHaze[i] - blueClear[i];
                dSwir += Math.abs(swirHaze[i] - swirClear[i]);
            } else {
                assertThat((int) t[i]).isEqualTo(CLEAR);
            }
        }
        assertThat(cloud).isGreaterThan(t.length / 20);
        // dense haze brightens the blue (by > 0.03) far more than it changes the 2.2 µm band (Ångström 1.3)
        assertThat(dBlue / cloud).isGreaterThan(0.03);
        assertThat(dSwir / cloud).isLessThan(dBlue / cloud / 3);
    }

    @Test
    void brightConfusersAreLabelledClear() {
        SyntheticSceneSpec sp = SyntheticSceneSpec.defaults(128, 128, 5)
                .withCloudCover(0)
                .withCirrus(false)
                .withSurfaceMix(new SurfaceMix(0, 1, 1, 1, 1));
        MeasuredSceneSpec ph =
                MeasuredSceneSpec.defaults(lib).withCirrus(0, 10_000).withGlint(0.3);
        SyntheticScene s = new SyntheticSceneGenerator(sp, ph).render(SyntheticSceneGenerator.sentinel2Like());
        MeasuredScene m = MeasuredScene.build(sp, ph);
        assertThat(s.fraction(ClassKind.CLEAR)).isEqualTo(1.0);
        float[] green = s.band("B03");
        int brightSnow = 0;
        int brightOther = 0;
        int glinting = 0;
        for (int i = 0; i < green.length; i++) {
            if (green[i] > 0.4) {
                if (m.surface[i] == SurfaceType.SNOW_ICE.code()) {
                    brightSnow++;
                } else {
                    brightOther++;
                }
            }
            if (m.glint[i] > 0.1 && m.surface[i] == SurfaceType.WATER.code()) {
                glinting++;
            }
        }
        assertThat(brightSnow).isGreaterThan(100);
        assertThat(brightOther).as("bright desert, salt, white roofs, glint").isGreaterThan(50);
        assertThat(glinting).isGreaterThan(20);
    }

    @Test
    void eightBitBandsSaturateOnDigitalNumbers() {
        MeasuredSceneSpec ph =
                MeasuredSceneSpec.defaults(lib).withEffects(new SensorEffects(8, 0.6, 0.001, 0.004, 0.5, 0.3, false));
        SyntheticScene s = new SyntheticSceneGenerator(spec, ph).render(SyntheticSceneGenerator.landsat7Like());
        float[] blue = s.band("B1");
        byte[] t = s.truthMask();
        int saturated = 0;
        int thick = 0;
        for (int i = 0; i < blue.length; i++) {
            double dn = blue[i] / 0.6 * 255;
            assertThat(Math.abs(dn - Math.rint(dn))).isLessThan(1e-3);
            assertThat(blue[i]).isLessThanOrEqualTo(0.6f + 1e-6f);
            if (t[i] == THICK) {
                thick++;
                if (blue[i] >= 0.6f - 1e-6f) {
                    saturated++;
                }
            }
        }
        assertThat(saturated).as("thick cloud saturates the 8-bit blue band").isGreaterThan(thick / 4);
    }

    @Test
    void surfaceReflectanceRemovesThePathReflectance() {
        MeasuredSceneSpec toa = MeasuredSceneSpec.defaults(lib);
        MeasuredSceneSpec sr = toa.withEffects(new SensorEffects(0, 1, 0.0015, 0.006, 0, 0, true));
        SyntheticSceneSpec sp = SyntheticSceneSpec.defaults(64, 64, 3)
                .withCloudCover(0)
                .withCirrus(false)
                .withSurfaceMix(SurfaceMix.only(SurfaceType.VEGETATION));
        double a = mean(new SyntheticSceneGenerator(sp, toa)
                .render(SyntheticBand.of("b", "450:490:530"))
                .band("b"));
        double b = mean(new SyntheticSceneGenerator(sp, sr)
                .render(SyntheticBand.of("b", "450:490:530"))
                .band("b"));
        // Rayleigh path at 490 nm ~0.055: dark vegetation in the blue goes from ~0.09 (TOA) to ~0.04 (surface)
        assertThat(a - b).isBetween(0.04, 0.07);
    }

    @Test
    void surfaceReflectanceLeavesTheOpaqueCirrusBandAtTopOfAtmosphere() {
        MeasuredSceneSpec toa = MeasuredSceneSpec.defaults(lib).withEffects(new SensorEffects(0, 1, 0, 0, 0, 0, false));
        MeasuredSceneSpec sr = toa.withEffects(new SensorEffects(0, 1, 0, 0, 0, 0, true));
        SyntheticSceneSpec sp = SyntheticSceneSpec.defaults(64, 64, 5)
                .withCloudCover(0)
                .withCirrus(false)
                .withSurfaceMix(SurfaceMix.only(SurfaceType.BARE_SOIL));
        List<SyntheticBand> bands =
                List.of(SyntheticBand.of("cirrus", "1363:1373:1383"), SyntheticBand.of("swir", "1570:1610:1650"));
        SyntheticScene a = new SyntheticSceneGenerator(sp, toa).render(bands);
        SyntheticScene b = new SyntheticSceneGenerator(sp, sr).render(bands);
        // the vapour hides the ground at 1.38 um: no correction, the band is the TOA one (dark), not TOA / 0.001
        assertThat(Arrays.equals(b.band("cirrus"), a.band("cirrus"))).isTrue();
        assertThat(mean(b.band("cirrus"))).isLessThan(0.02);
        // a window band is still corrected (transmittance < 1 divides, so the surface reads brighter)
        assertThat(mean(b.band("swir"))).isGreaterThan(mean(a.band("swir")));
    }

    @Test
    void sameSeedSameSceneAndABandRendersTheSameInAnyBandSet() {
        MeasuredSceneSpec ph = MeasuredSceneSpec.draw(lib, 99);
        SyntheticSceneSpec sp = SyntheticSceneSpec.defaults(64, 48, 8);
        SyntheticBand red = SyntheticBand.of("red", "640:660:680");
        SyntheticScene a =
                new SyntheticSceneGenerator(sp, ph).render(List.of(red, SyntheticBand.of("t", "10000:11000:12000")));
        SyntheticScene b =
                new SyntheticSceneGenerator(sp, ph).render(List.of(SyntheticBand.of("n", "840:865:890"), red));
        assertThat(a.band("red")).isEqualTo(b.band("red"));
        assertThat(a.truthMask()).isEqualTo(b.truthMask());
        SyntheticScene c = new SyntheticSceneGenerator(sp.withSeed(9), ph).render(List.of(red));
        assertThat(c.band("red")).isNotEqualTo(a.band("red"));
        // thermal: cloud tops are colder than the clear ground
        float[] bt = a.band("t");
        double cloud = 0;
        double clear = 0;
        int nc = 0;
        int nk = 0;
        byte[] t = a.truthMask();
        for (int i = 0; i < bt.length; i++) {
            if (t[i] == THICK) {
                cloud += bt[i];
                nc++;
            } else if (t[i] == CLEAR) {
                clear += bt[i];
                nk++;
            }
        }
        if (nc > 0 && nk > 0) {
            assertThat(cloud / nc).isLessThan(clear / nk - 5);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static double waterCloud(double nm) {
        return cloud(nm, lib.waterN(nm), lib.waterK(nm), 10, CloudOptics.G_WATER);
    }

    private static double cloud(double nm, double n, double k, double radiusUm, double g) {
        double[] rt = new double[2];
        CloudOptics.layer(20, CloudOptics.coAlbedo(n, k, nm, radiusUm), g, rt);
        return rt[0];
    }

    /** Whether palette spectrum {@code p} is computed fresh snow (the only spectra above 0.95 at 550 nm). */
    private static boolean computedSnow(int p) {
        return SpectralLibrary.at(layers.palette.get(p), 550) > 0.95;
    }

    private static double[] means(IntPredicate where, String... bands) {
        double[] out = new double[bands.length];
        for (int k = 0; k < bands.length; k++) {
            float[] v = s2.band(bands[k]);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (where.test(i)) {
                    sum += v[i];
                    n++;
                }
            }
            assertThat(n).as("pixels for %s", bands[k]).isGreaterThan(20);
            out[k] = sum / n;
        }
        return out;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }
}
