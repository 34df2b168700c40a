package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;

class SyntheticSceneGeneratorTest {

    private static final int CLEAR = 0;
    private static final int THIN = 1;
    private static final int THICK = 2;
    private static final int SHADOW = 3;

    /** Seed of the scenes rendered here. */
    private static final long SEED = 20240917L;

    /** A 256² default scene with each surface type on a fifth of the ground. */
    private static final SyntheticSceneSpec MAIN =
            SyntheticSceneSpec.defaults(256, 256, SEED).withSurfaceMix(new SurfaceMix(1, 1, 1, 1, 1));

    /** {@link #MAIN} through the Sentinel-2-like and Landsat-8-like bands. */
    private static SyntheticScene s2;

    private static SyntheticScene l8;
    /** The pixels of {@link #MAIN} with 4 seeds, for averages that no single scene's layout can upset. */
    private static Pool physics;

    @BeforeAll
    static void render() {
        SyntheticSceneGenerator generator = new SyntheticSceneGenerator(MAIN);
        s2 = generator.render(SyntheticSceneGenerator.sentinel2Like());
        l8 = generator.render(SyntheticSceneGenerator.landsat8Like());
        List<SyntheticSceneSpec> specs = new ArrayList<>();
        for (long seed = SEED; seed < SEED + 4; seed++) {
            specs.add(MAIN.withSeed(seed));
        }
        physics = Pool.of(specs);
    }

    // ---------------------------------------------------------------- determinism

    @Test
    void sameSeedGivesIdenticalScenesAndOtherSeedsDiffer() {
        SyntheticSceneSpec spec = SyntheticSceneSpec.defaults(96, 80, 5);
        SyntheticScene a = new SyntheticSceneGenerator(spec).render(SyntheticSceneGenerator.landsat8Like());
        SyntheticScene b = new SyntheticSceneGenerator(spec).render(SyntheticSceneGenerator.landsat8Like());
        for (int k = 0; k < a.bands().size(); k++) {
            assertThat(a.band(k)).as("band %s", a.bandIds().get(k)).isEqualTo(b.band(k));
        }
        assertThat(a.truthMask()).isEqualTo(b.truthMask());
        assertThat(a.surfaceTypes()).isEqualTo(b.surfaceTypes());
        assertThat(a.cloudOpacity()).isEqualTo(b.cloudOpacity());

        SyntheticScene c = new SyntheticSceneGenerator(spec.withSeed(6)).render(SyntheticSceneGenerator.landsat8Like());
        assertThat(differing(a.truthMask(), c.truthMask())).isGreaterThan(0.1);
        assertThat(differing(a.surfaceTypes(), c.surfaceTypes())).isGreaterThan(0.1);
        for (int k = 0; k < a.bands().size(); k++) {
            float[] x = a.band(k);
            float[] y = c.band(k);
            int same = 0;
            for (int i = 0; i < x.length; i++) {
                same += x[i] == y[i] && x[i] != 0 ? 1 : 0; // reflectance clipped at 0 may agree
            }
            assertThat(same).as("band %s", a.bandIds().get(k)).isLessThan(x.length / 100);
            assertThat(x).isNotEqualTo(y);
        }
    }

    @Test
    void aBandRendersTheSameAloneAsInAnyBandSet() {
        SyntheticSceneGenerator generator = new SyntheticSceneGenerator(SyntheticSceneSpec.defaults(64, 64, 77));
        SyntheticScene all = generator.render(SyntheticSceneGenerator.sentinel2Like());
        SyntheticScene alone = new SyntheticSceneGenerator(SyntheticSceneSpec.defaults(64, 64, 77))
                .render(SyntheticBand.of("red", "645.5:665:684.5"), SyntheticBand.of("tir", "10600:10895:11190"));
        assertThat(alone.band("red")).isEqualTo(all.band("B04"));
        assertThat(alone.band("tir")).isEqualTo(l8Of(64, 77).band("B10"));
        // the generator keeps its scene: rendering again gives the same values
        assertThat(generator.render(SyntheticSceneGenerator.sentinel2Like()).band("B11"))
                .isEqualTo(all.band("B11"));
        // no bands: still a scene with its truth
        assertThat(generator.render(List.of()).truthMask()).isEqualTo(all.truthMask());
    }

    private static SyntheticScene l8Of(int size, long seed) {
        return new SyntheticSceneGenerator(SyntheticSceneSpec.defaults(size, size, seed))
                .render(SyntheticSceneGenerator.landsat8Like());
    }

    // ---------------------------------------------------------------- cover, thin share, surface mix

    @Test
    void cloudCoverAndThinShareMeetTheirTargets() {
        Random random = new Random(31337);
        for (int trial = 0; trial < 16; trial++) {
            int w = 32 + random.nextInt(160);
            int h = 32 + random.nextInt(160);
            double cover = trial < 4 ? new double[] {0.0, 0.1, 0.6, 1.0}[trial] : random.nextDouble();
            double thin = random.nextDouble();
            SyntheticSceneSpec spec = SyntheticSceneSpec.defaults(w, h, random.nextLong())
                    .withCloudCover(cover)
                    .withThinCloudShare(thin)
                    .withCirrus(random.nextBoolean())
                    .withShadows(random.nextBoolean());
            SyntheticScene scene = new SyntheticSceneGenerator(spec).render(List.of());
            String what = spec.toString();
            // quantile thresholds: the cover is met to a few pixels, far inside the ±0.1 asked for
            assertThat(scene.fraction(ClassKind.CLOUD)).as(what).isCloseTo(cover, within(0.002));
            assertThat(scene.fraction(ClassKind.THIN_CLOUD)).as(what).isCloseTo(cover * thin, within(0.002));
            assertThat(scene.fraction(ClassKind.THICK_CLOUD)).as(what).isCloseTo(cover * (1 - thin), within(0.002));
        }
    }

    @Test
    void extremeCoversAndSwitches() {
        SyntheticSceneSpec spec = SyntheticSceneSpec.defaults(64, 64, 3);
        SyntheticScene none = new SyntheticSceneGenerator(spec.withCloudCover(0)).render(List.of());
        assertThat(none.fraction(ClassKind.CLEAR)).isEqualTo(1.0);
        assertThat(none.cloudOpacity()).containsOnly(0f);
        assertThat(none.cirrusOpacity()).containsOnly(0f);

        SyntheticScene overcast =
                new SyntheticSceneGenerator(spec.withCloudCover(1).withThinCloudShare(0)).render(List.of());
        assertThat(overcast.fraction(ClassKind.THICK_CLOUD)).isEqualTo(1.0);

        SyntheticScene noShadow = new SyntheticSceneGenerator(spec.withShadows(false)).render(List.of());
        assertThat(noShadow.fraction(ClassKind.SHADOW)).isEqualTo(0.0);
        SyntheticScene withShadow = new SyntheticSceneGenerator(spec.withCloudHeightM(500)).render(List.of());
        assertThat(withShadow.fraction(ClassKind.SHADOW)).isGreaterThan(0.0);

        SyntheticScene noCirrus = new SyntheticSceneGenerator(spec.withCirrus(false)).render(List.of());
        assertThat(noCirrus.cirrusOpacity()).containsOnly(0f);
        SyntheticScene cirrus = new SyntheticSceneGenerator(spec.withCirrus(true)).render(List.of());
        float[] c = cirrus.cirrusOpacity();
        int cirrusPixels = 0;
        for (float v : c) {
            if (v > 0) {
                cirrusPixels++;
                assertThat(v).isBetween(0.06f, 0.36f);
            }
        }
        // half of the thin share: 0.4 × 0.3 × 0.5 × 4096 = 246 pixels
        assertThat(cirrusPixels).isBetween(240, 250);

        SyntheticScene tiny = new SyntheticSceneGenerator(
                        SyntheticSceneSpec.defaults(1, 1, 1).withCloudCover(1))
                .render(SyntheticSceneGenerator.landsat8Like());
        assertThat(tiny.truthMask()).hasSize(1);
        assertThat(tiny.fraction(ClassKind.CLOUD)).isEqualTo(1.0);
    }

    @Test
    void surfaceTypesFollowTheMix() {
        byte[] types = s2.surfaceTypes();
        for (SurfaceType t : SurfaceType.values()) {
            long n = 0;
            for (byte b : types) {
                n += b == t.code() ? 1 : 0;
            }
            assertThat((double) n / types.length).as(t.label()).isCloseTo(0.2, within(0.002));
        }
        SyntheticScene water = new SyntheticSceneGenerator(
                        SyntheticSceneSpec.defaults(40, 30, 1).withSurfaceMix(SurfaceMix.only(SurfaceType.WATER)))
                .render(List.of());
        assertThat(water.surfaceTypes()).containsOnly(SurfaceType.WATER.code());
        assertThat(water.surfaceType(39, 29)).isEqualTo(SurfaceType.WATER);
        SyntheticScene half = new SyntheticSceneGenerator(
                        SyntheticSceneSpec.defaults(100, 100, 1).withSurfaceMix(new SurfaceMix(0, 1, 0, 0, 1)))
                .render(List.of());
        long soil = 0;
        for (byte b : half.surfaceTypes()) {
            soil += b == SurfaceType.BARE_SOIL.code() ? 1 : 0;
            assertThat(b).isIn(SurfaceType.BARE_SOIL.code(), SurfaceType.URBAN.code());
        }
        assertThat(soil).isEqualTo(5000);
    }

    @Test
    void surfaceTypesAreSpatiallyCoherent() {
        // neighbouring pixels mostly share a type: far more than the 0.2 of a random layout
        byte[] t = s2.surfaceTypes();
        int same = 0;
        int pairs = 0;
        for (int r = 0; r < 256; r++) {
            for (int c = 0; c < 255; c++) {
                same += t[r * 256 + c] == t[r * 256 + c + 1] ? 1 : 0;
                pairs++;
            }
        }
        assertThat((double) same / pairs).isGreaterThan(0.95);
    }

    // ---------------------------------------------------------------- same scene through two band sets

    @Test
    void twoBandSetsSeeTheSameScene() {
        assertThat(l8.truthMask()).isEqualTo(s2.truthMask());
        assertThat(l8.surfaceTypes()).isEqualTo(s2.surfaceTypes());
        // S2 B04 (665 nm) and L8 B4 (655 nm); S2 B02 / L8 B2; S2 B8A / L8 B5; S2 B11 / L8 B6; S2 B12 / L8 B7
        String[][] pairs = {{"B04", "B4"}, {"B02", "B2"}, {"B03", "B3"}, {"B8A", "B5"}, {"B11", "B6"}, {"B12", "B7"}};
        for (String[] p : pairs) {
            float[] a = s2.band(p[0]);
            float[] b = l8.band(p[1]);
            double meanAbs = 0;
            for (int i = 0; i < a.length; i++) {
                meanAbs += Math.abs(a[i] - b[i]);
            }
            meanAbs /= a.length;
            assertThat(meanAbs).as("%s vs %s", p[0], p[1]).isLessThan(0.02);
            assertThat(correlation(a, b)).as("%s vs %s", p[0], p[1]).isGreaterThan(0.99);
        }
    }

    // ---------------------------------------------------------------- physics, averaged over the pixels of 4 scenes

    @Test
    void cloudsAreBrightAndFlatAndBrighterThanVegetationInTheBlue() {
        Pool p = physics;
        double thickBlue = p.mean("S2.B02", i -> p.truth[i] == THICK);
        double vegBlue = p.mean("S2.B02", i -> p.clear(i, SurfaceType.VEGETATION));
        assertThat(thickBlue).isBetween(0.6, 1.0);
        assertThat(vegBlue).isLessThan(0.2);
        assertThat(thickBlue).isGreaterThan(vegBlue + 0.4);
        // flat-ish: thick cloud NIR within 10% of the blue, SWIR lower but still bright
        double thickNir = p.mean("S2.B8A", i -> p.truth[i] == THICK);
        double thickSwir = p.mean("S2.B11", i -> p.truth[i] == THICK);
        assertThat(thickNir / thickBlue).isBetween(0.9, 1.0);
        assertThat(thickSwir).isBetween(0.4, thickNir);
        // thin low cloud over vegetation lies between clear vegetation and thick cloud
        double thinBlue = p.mean(
                "S2.B02", i -> p.truth[i] == THIN && p.cirrus[i] == 0 && p.types[i] == SurfaceType.VEGETATION.code());
        assertThat(thinBlue).isGreaterThan(vegBlue + 0.05).isLessThan(thickBlue - 0.1);
    }

    @Test
    void snowIsBrightInTheGreenButDarkAt1610WhereCloudIsBright() {
        Pool p = physics;
        IntPredicate snow = i -> p.clear(i, SurfaceType.SNOW_ICE);
        assertThat(p.count(snow)).isGreaterThan(2000);
        assertThat(p.mean("S2.B03", snow)).isGreaterThan(0.75);
        assertThat(p.mean("S2.B11", snow)).isLessThan(0.1);
        assertThat(p.mean("S2.B11", i -> p.truth[i] == THICK)).isGreaterThan(0.45);
        // the same through Landsat 8's 1609 nm band
        assertThat(p.mean("L8.B6", snow)).isLessThan(0.1);
        assertThat(p.mean("L8.B6", i -> p.truth[i] == THICK)).isGreaterThan(0.45);
    }

    @Test
    void vegetationHasARedEdgeAndWaterIsDarkInTheNir() {
        Pool p = physics;
        IntPredicate veg = i -> p.clear(i, SurfaceType.VEGETATION);
        IntPredicate water = i -> p.clear(i, SurfaceType.WATER);
        assertThat(p.count(water)).isGreaterThan(2000);
        assertThat(p.mean("S2.B08", veg)).isGreaterThan(0.25).isGreaterThan(2.5 * p.mean("S2.B04", veg));
        assertThat(p.mean("L8.B5", veg)).isGreaterThan(2.5 * p.mean("L8.B4", veg));
        assertThat(p.mean("S2.B08", water)).isLessThan(0.05);
        assertThat(p.mean("S2.B11", water)).isLessThan(0.01);
        // water reflects more in the blue than in the NIR
        assertThat(p.mean("S2.B02", water)).isGreaterThan(3 * p.mean("S2.B08", water));
    }

    @Test
    void cirrusBandIsDarkOverClearGroundAndBrightOverCirrus() {
        // vegetation only, all cloud thin: half of it cirrus (15% of the pixels), half low thin cloud
        List<SyntheticSceneSpec> specs = new ArrayList<>();
        for (long seed = SEED; seed < SEED + 4; seed++) {
            specs.add(SyntheticSceneSpec.defaults(192, 192, seed)
                    .withCloudCover(0.3)
                    .withThinCloudShare(1)
                    .withShadows(false)
                    .withSurfaceMix(SurfaceMix.only(SurfaceType.VEGETATION)));
        }
        Pool p = Pool.of(specs);
        IntPredicate cirrusOnly = i -> p.cirrus[i] > 0 && p.cloud[i] == 0;
        IntPredicate clear = i -> p.truth[i] == CLEAR;
        assertThat(p.count(cirrusOnly)).isGreaterThan(2000);
        for (String band : new String[] {"S2.B10", "L8.B9"}) {
            double overClear = p.mean(band, clear);
            double overCirrus = p.mean(band, cirrusOnly);
            assertThat(overClear).as(band).isLessThan(0.01);
            assertThat(overCirrus).as(band).isGreaterThan(0.04).isGreaterThan(10 * overClear);
        }
        // faint elsewhere: vegetation under cirrus keeps a clearly positive NDVI (thick cloud has none)
        float[] ndvi = ndvi(p.band("S2.B04"), p.band("S2.B08"));
        assertThat(mean(ndvi, cirrusOnly)).isGreaterThan(0.25).isLessThan(mean(ndvi, clear) - 0.05);
        float[] ndviThick = ndvi(physics.band("S2.B04"), physics.band("S2.B08"));
        assertThat(mean(ndviThick, i -> physics.truth[i] == THICK)).isLessThan(0.05);
        // cirrus is cold and absorbs a little more at 12 µm: BT(11 µm) − BT(12 µm) is larger over cirrus
        assertThat(p.mean("L8.B10", cirrusOnly)).isLessThan(p.mean("L8.B10", clear) - 3);
        float[] split = difference(p.band("L8.B10"), p.band("L8.B11"));
        assertThat(mean(split, cirrusOnly)).isGreaterThan(mean(split, clear) + 0.3);
    }

    @Test
    void shadowsAreDarkerThanTheSameSurfaceInTheSun() {
        Pool p = physics;
        for (SurfaceType type : SurfaceType.values()) {
            IntPredicate shadowed = i -> p.truth[i] == SHADOW && p.types[i] == type.code();
            IntPredicate sunlit = i -> p.clear(i, type);
            assertThat(p.count(shadowed)).as(type.label()).isGreaterThan(100);
            // the ground signal keeps 0.3..0.5 of its value; the Rayleigh path (≈0.02 at 560 nm) is added to both
            assertThat(p.mean("S2.B03", shadowed)).as(type.label()).isLessThan(0.6 * p.mean("S2.B03", sunlit) + 0.02);
            // and shadowed ground is 3 K cooler
            assertThat(p.mean("L8.B10", shadowed)).as(type.label()).isLessThan(p.mean("L8.B10", sunlit) - 2);
        }
    }

    @Test
    void cloudsAreColderThanTheGroundInTheThermalBands() {
        Pool p = physics;
        IntPredicate ground = i -> p.types[i] != SurfaceType.SNOW_ICE.code(); // snow may be colder than cloud
        for (String band : new String[] {"L8.B10", "L8.B11"}) {
            double clear = p.mean(band, i -> p.truth[i] == CLEAR && ground.test(i));
            double thin = p.mean(band, i -> p.truth[i] == THIN && p.cirrus[i] == 0 && ground.test(i));
            double thick = p.mean(band, i -> p.truth[i] == THICK);
            assertThat(clear).as(band).isBetween(285.0, 310.0);
            assertThat(thick).as(band).isLessThan(clear - 10);
            assertThat(thin).as(band).isLessThan(clear - 2).isGreaterThan(thick + 2);
            // cloud tops at 2000 m: 288 − 13 = 275 K; thick cloud is nearly opaque in the thermal infrared
            assertThat(thick).as(band).isBetween(273.0, 280.0);
        }
    }

    private static float[] ndvi(float[] red, float[] nir) {
        float[] out = new float[red.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (nir[i] - red[i]) / (nir[i] + red[i]);
        }
        return out;
    }

    private static float[] difference(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** The pixels of several scenes, rendered through the S2-like and L8-like bands ("S2.B04", "L8.B10"). */
    private record Pool(byte[] truth, byte[] types, float[] cloud, float[] cirrus, Map<String, float[]> bands) {

        static Pool of(List<SyntheticSceneSpec> specs) {
            List<SyntheticBand> bands = new ArrayList<>();
            SyntheticSceneGenerator.sentinel2Like()
                    .forEach(b -> bands.add(SyntheticBand.of("S2." + b.id(), b.descriptor())));
            SyntheticSceneGenerator.landsat8Like()
                    .forEach(b -> bands.add(SyntheticBand.of("L8." + b.id(), b.descriptor())));
            int n = specs.stream().mapToInt(s -> s.width() * s.height()).sum();
            Pool pool = new Pool(new byte[n], new byte[n], new float[n], new float[n], new HashMap<>());
            bands.forEach(b -> pool.bands.put(b.id(), new float[n]));
            int at = 0;
            for (SyntheticSceneSpec spec : specs) {
                SyntheticScene scene = new SyntheticSceneGenerator(spec).render(bands);
                int m = spec.width() * spec.height();
                System.arraycopy(scene.truthMask(), 0, pool.truth, at, m);
                System.arraycopy(scene.surfaceTypes(), 0, pool.types, at, m);
                System.arraycopy(scene.cloudOpacity(), 0, pool.cloud, at, m);
                System.arraycopy(scene.cirrusOpacity(), 0, pool.cirrus, at, m);
                for (SyntheticBand b : bands) {
                    System.arraycopy(scene.band(b.id()), 0, pool.bands.get(b.id()), at, m);
                }
                at += m;
            }
            return pool;
        }

        float[] band(String id) {
            return bands.get(id);
        }

        boolean clear(int i, SurfaceType type) {
            return truth[i] == CLEAR && types[i] == type.code();
        }

        int count(IntPredicate p) {
            int n = 0;
            for (int i = 0; i < truth.length; i++) {
                n += p.test(i) ? 1 : 0;
            }
            return n;
        }

        double mean(String band, IntPredicate p) {
            return SyntheticSceneGeneratorTest.mean(bands.get(band), p);
        }
    }

    @Test
    void valuesStayInPhysicalRanges() {
        for (SyntheticScene scene : new SyntheticScene[] {s2, l8}) {
            for (SyntheticBand band : scene.bands()) {
                float[] v = scene.band(band.id());
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float x : v) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
                if (band.thermal()) {
                    assertThat(min).as(band.id()).isGreaterThan(220f);
                    assertThat(max).as(band.id()).isLessThan(320f);
                } else {
                    assertThat(min).as(band.id()).isGreaterThanOrEqualTo(0f);
                    assertThat(max).as(band.id()).isLessThan(1.25f);
                }
            }
        }
    }

    @Test
    void sensorNoiseIsSmallAndSeeded() {
        // two overlapping but different bands over the same pixels: the difference is mostly noise
        SyntheticScene scene = new SyntheticSceneGenerator(SyntheticSceneSpec.defaults(128, 128, 8)
                        .withCloudCover(0)
                        .withSurfaceMix(SurfaceMix.only(SurfaceType.WATER)))
                .render(SyntheticBand.of("a", "1600:1610:1620"), SyntheticBand.of("b", "1600.001:1610:1620"));
        float[] a = scene.band("a");
        float[] b = scene.band("b");
        double sumSq = 0;
        for (int i = 0; i < a.length; i++) {
            sumSq += (a[i] - b[i]) * (a[i] - b[i]);
        }
        // water at 1610 nm ≈ 0.001: noise σ ≈ 0.0015 per band, √2 of that for the difference
        double sd = Math.sqrt(sumSq / a.length);
        assertThat(sd).isBetween(0.0015, 0.0025);
        // the Gaussian helper: mean 0, standard deviation 1
        double s = 0;
        double ss = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double g = SyntheticSceneGenerator.gaussian(12345L, i);
            s += g;
            ss += g * g;
        }
        assertThat(s / n).isCloseTo(0, within(0.01));
        assertThat(Math.sqrt(ss / n)).isCloseTo(1, within(0.01));
    }

    // ---------------------------------------------------------------- shadow geometry

    @Test
    void shadowsLieAwayFromTheSun() {
        for (double azimuth : new double[] {0, 90, 180, 270, 135, 300}) {
            // shadow pixels of 8 scenes, with their pixel 25 pixels towards the sun, away from it, and sideways
            long[] towards = new long[2];
            long[] away = new long[2];
            long[] sideways = new long[2];
            for (long seed = SEED; seed < SEED + 8; seed++) {
                // 750 m cloud, sun 45° up, 30 m pixels: shadow 25 pixels from its cloud
                SyntheticSceneSpec spec = SyntheticSceneSpec.defaults(128, 128, seed)
                        .withCloudCover(0.25)
                        .withThinCloudShare(0)
                        .withCirrus(false)
                        .withCloudHeightM(750)
                        .withSun(azimuth, 45);
                int dc = (int) Math.round(spec.shadowOffsetColumns());
                int dr = (int) Math.round(spec.shadowOffsetRows());
                assertThat(Math.hypot(dc, dr)).isCloseTo(25, within(1.0));
                byte[] t = new SyntheticSceneGenerator(spec).render(List.of()).truthMask();
                castFromThick(t, 128, dc, dr, towards);
                castFromThick(t, 128, -dc, -dr, away);
                castFromThick(t, 128, dr, -dc, sideways);
                castFromThick(t, 128, -dr, dc, sideways);
            }
            String what = "azimuth " + azimuth;
            assertThat(towards[0]).as(what).isGreaterThan(5000);
            // (nearly) every shadow pixel has thick cloud exactly where the sun's ray comes from ...
            assertThat((double) towards[1] / towards[0]).as(what).isGreaterThan(0.95);
            // ... and far less often in the opposite or the perpendicular directions
            assertThat((double) away[1] / away[0]).as(what).isLessThan(0.45);
            assertThat((double) sideways[1] / sideways[0]).as(what).isLessThan(0.45);
        }
    }

    /**
     * Adds to {@code counts} the shadow pixels whose pixel at −(dc, dr) lies inside the scene ({@code counts[0]})
     * and those of them where that pixel is thick cloud ({@code counts[1]}).
     */
    private static void castFromThick(byte[] t, int size, int dc, int dr, long[] counts) {
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int sc = c - dc;
                int sr = r - dr;
                if (t[r * size + c] == SHADOW && sc >= 0 && sc < size && sr >= 0 && sr < size) {
                    counts[0]++;
                    counts[1] += t[sr * size + sc] == THICK ? 1 : 0;
                }
            }
        }
    }

    // ---------------------------------------------------------------- schemes, normalisation, errors

    @Test
    void truthConvertsToTheCoarserSchemes() {
        byte[] full = s2.truthMask();
        byte[] cloudShadow = s2.truthMask(ClassScheme.CLEAR_CLOUD_SHADOW);
        byte[] cloud = s2.truthMask(ClassScheme.CLOUD_CLEAR);
        assertThat(s2.truthScheme()).isEqualTo(ClassScheme.CLEAR_THIN_THICK_SHADOW);
        int[] toCloudShadow = {0, 1, 1, 2};
        int[] toCloud = {0, 1, 1, 0};
        for (int i = 0; i < full.length; i++) {
            assertThat(cloudShadow[i]).isEqualTo((byte) toCloudShadow[full[i]]);
            assertThat(cloud[i]).isEqualTo((byte) toCloud[full[i]]);
        }
        assertThat(count(s2, i -> full[i] == SHADOW)).isGreaterThan(0);
        assertThat(s2.truthMask(ClassScheme.CLEAR_THIN_THICK_SHADOW)).isEqualTo(full);
    }

    @Test
    void brightnessTemperatureNormalisesAsInThePaper() {
        // 0..20: minimum 0, 95th percentile 19 (linear between order statistics)
        float[] bt = new float[21];
        for (int i = 0; i < bt.length; i++) {
            bt[i] = 250 + i;
        }
        float[] n = SyntheticScene.normaliseBrightnessTemperature(bt);
        assertThat(n[0]).isEqualTo(0f);
        assertThat(n[19]).isCloseTo(1f, within(1e-6f));
        assertThat(n[10]).isCloseTo(10f / 19, within(1e-6f));
        assertThat(n[20]).isCloseTo(20f / 19, within(1e-6f));
        // 95th percentile between two order statistics: 0.95 × 4 = 3.8 → 30 + 0.8 × 10 = 38
        float[] five = {10, 20, 30, 40, Float.NaN, 0};
        float[] m = SyntheticScene.normaliseBrightnessTemperature(five);
        assertThat(m).containsExactly(10f / 38, 20f / 38, 30f / 38, 40f / 38, Float.NaN, 0f);
        assertThat(SyntheticScene.normaliseBrightnessTemperature(new float[] {280, 280}))
                .containsExactly(0f, 0f);

        float[] scene = l8.normalisedBrightnessTemperature("B10");
        int atMostOne = 0;
        float min = Float.POSITIVE_INFINITY;
        for (float v : scene) {
            atMostOne += v <= 1f + 1e-6f ? 1 : 0;
            min = Math.min(min, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat((double) atMostOne / scene.length).isCloseTo(0.95, within(0.001));
        assertThatThrownBy(() -> l8.normalisedBrightnessTemperature("B4"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("band B4 (636.5:655.0:673.5 nm) is reflective, not thermal");
    }

    @Test
    void sceneAccessorsAndErrors() {
        assertThat(s2.width()).isEqualTo(256);
        assertThat(s2.height()).isEqualTo(256);
        assertThat(s2.spec()).isEqualTo(MAIN);
        assertThat(s2.bandIds()).hasSize(13).startsWith("B01", "B02");
        assertThat(s2.bandIndex("B8A")).isEqualTo(8);
        assertThat(s2.value("B03", 5, 7)).isEqualTo(s2.band("B03")[7 * 256 + 5]);
        assertThat(s2.band(2)).isEqualTo(s2.band("B03"));
        // getters hand out copies
        s2.band("B03")[0] = -1;
        s2.truthMask()[0] = 9;
        assertThat(s2.band("B03")[0]).isNotEqualTo(-1f);
        assertThat(s2.truthMask()[0]).isNotEqualTo((byte) 9);
        assertThatThrownBy(() -> s2.band("B13"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no band 'B13'")
                .hasMessageContaining("B01, B02");
        assertThatThrownBy(() -> s2.value("B03", 256, 0)).hasMessageContaining("outside the 256 × 256 scene");
        assertThatThrownBy(() -> s2.band(13)).hasMessageContaining("band index 13 is outside 0..12");
        SyntheticSceneGenerator generator = new SyntheticSceneGenerator(SyntheticSceneSpec.defaults(8, 8, 1));
        assertThatThrownBy(() ->
                        generator.render(SyntheticBand.of("B4", "600:650:700"), SyntheticBand.of("B4", "700:750:800")))
                .isInstanceOf(SenseiException.class)
                .hasMessage("band id 'B4' is given twice: give each band its own id");
    }

    // ---------------------------------------------------------------- helpers

    private static int count(SyntheticScene scene, IntPredicate p) {
        int n = 0;
        for (int i = 0; i < scene.width() * scene.height(); i++) {
            n += p.test(i) ? 1 : 0;
        }
        return n;
    }

    private static double mean(float[] v, IntPredicate p) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (p.test(i)) {
                s += v[i];
                n++;
            }
        }
        assertThat(n).as("pixels selected").isGreaterThan(0);
        return s / n;
    }

    private static double differing(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return (double) n / a.length;
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
