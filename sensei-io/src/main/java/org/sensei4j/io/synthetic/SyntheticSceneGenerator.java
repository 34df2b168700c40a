package org.sensei4j.io.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

/**
 * Renders one synthetic ground + cloud + shadow scene, fixed by a {@link SyntheticSceneSpec}, through any set of
 * bands given by their wavelengths, with its truth mask. The scene (surface types, clouds, shadows, truth) does
 * not depend on the bands, so two band sets see the same scene.
 *
 * <p>Reflective band value (TOA reflectance), per pixel: the boxcar mean over the band's (min, max) of
 * {@code path + c·CI + (1−c)·(a·t·CL + (1−a)·s·G)}, where G is the ground reflectance (two end members of the
 * pixel's surface type, blended and scaled by texture) times the two-way water-vapour transmittance, CL the
 * thick-cloud spectrum times the transmittance above the cloud, CI the cirrus spectrum (above all vapour),
 * a and c the cloud and cirrus opacities, t the cloud texture, s the shadow factor and path the Rayleigh path
 * reflectance; plus Gaussian sensor noise of standard deviation {@code 0.0015 + 0.006·value}, clipped at 0.
 *
 * <p>Thermal band value (brightness temperature, K), at the band centre λ: ground {@code T + (λT²/c₂)·ln ε}
 * (T the skin temperature, ε the type's emissivity), covered by cloud at the cloud-top temperature
 * {@code 288 K − 6.5 K/km · height} with emissivity {@code 1 − (1 − a)²}, and by cirrus at 223 K (10 km) with
 * emissivity {@code 1.2·c·(1 + 0.08·(λ/µm − 11))} (a little more absorbing at 12 µm than at 11 µm), mixed
 * linearly; plus noise of 0.15 K.
 *
 * <p>Noise of a band depends on the seed and the band's wavelengths only, so a band renders to the same values
 * in any band set. The scene layers are computed on the first {@link #render} and kept.
 */
public final class SyntheticSceneGenerator {

    /** Height of cirrus above ground, m. */
    static final double CIRRUS_HEIGHT_M = 10_000.0;
    /** Air temperature at the ground, K (cloud tops follow the standard lapse rate from it). */
    static final double SURFACE_AIR_K = 288.0;
    /** Temperature lapse rate, K per m. */
    static final double LAPSE_K_PER_M = 0.0065;
    /** Second radiation constant c₂ = hc/k, m·K. */
    static final double C2_M_K = 1.438777e-2;
    /** Sensor noise: standard deviation {@code NOISE_ABS + NOISE_REL · value} in reflectance. */
    static final double NOISE_ABS = 0.0015;

    static final double NOISE_REL = 0.006;
    /** Sensor noise of thermal bands, K. */
    static final double NOISE_K = 0.15;

    private final SyntheticSceneSpec spec;
    private final MeasuredSceneSpec measured;
    private volatile SceneLayers layers;
    private volatile MeasuredScene measuredScene;

    public SyntheticSceneGenerator(SyntheticSceneSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.measured = null;
    }

    /**
     * A generator that renders from measured spectra and cloud optics ({@link MeasuredScene}) instead of the
     * built-in curves; truth follows {@link org.sensei4j.classes.LabelConvention}. The spec's thin-cloud share is
     * not used (thin cloud comes from soft cloud edges, cirrus, contrails and haze).
     */
    public SyntheticSceneGenerator(SyntheticSceneSpec spec, MeasuredSceneSpec measured) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.measured = Objects.requireNonNull(measured, "measured");
    }

    /** The measured-spectra physics of this generator, or null for the legacy renderer. */
    public MeasuredSceneSpec measured() {
        return measured;
    }

    /** The spec of the scene this generator renders. */
    public SyntheticSceneSpec spec() {
        return spec;
    }

    /**
     * Renders the scene through {@code bands} (any number, any wavelengths, ids unique).
     *
     * @throws SenseiException if two bands share an id
     */
    public SyntheticScene render(List<SyntheticBand> bands) {
        Objects.requireNonNull(bands, "bands");
        Set<String> ids = new HashSet<>();
        for (SyntheticBand b : bands) {
            Objects.requireNonNull(b, "band");
            if (!ids.add(b.id())) {
                throw new SenseiException("band id '" + b.id() + "' is given twice: give each band its own id");
            }
        }
        if (measured != null) {
            return renderMeasured(bands);
        }
        SceneLayers l = layers();
        float[][] values = new float[bands.size()][];
        for (int k = 0; k < values.length; k++) {
            SyntheticBand b = bands.get(k);
            values[k] = b.thermal() ? renderThermal(l, b.descriptor()) : renderReflective(l, b.descriptor());
        }
        return new SyntheticScene(spec, bands, values, l);
    }

    /** {@link #render(List)} of {@code bands}. */
    public SyntheticScene render(SyntheticBand... bands) {
        return render(List.of(bands));
    }

    private SyntheticScene renderMeasured(List<SyntheticBand> bands) {
        MeasuredScene m = measuredScene;
        if (m == null) {
            synchronized (this) {
                m = measuredScene;
                if (m == null) {
                    m = MeasuredScene.build(spec, measured);
                    layers = m.asSceneLayers();
                    measuredScene = m;
                }
            }
        }
        float[][] values = new float[bands.size()][];
        for (int k = 0; k < values.length; k++) {
            SyntheticBand b = bands.get(k);
            float[] v = b.thermal() ? m.thermal(b.descriptor()) : m.reflective(b.descriptor());
            values[k] = measured.effects().apply(v, m.width, m.height, noiseKey(b.descriptor()), b.thermal());
        }
        return new SyntheticScene(spec, bands, values, layers);
    }

    private SceneLayers layers() {
        SceneLayers l = layers;
        if (l == null) {
            synchronized (this) {
                l = layers;
                if (l == null) {
                    l = SceneLayers.build(spec);
                    layers = l;
                }
            }
        }
        return l;
    }

    private float[] renderReflective(SceneLayers l, BandDescriptor d) {
        double lo = d.minNm();
        double hi = d.maxNm();
        double cloudHeight = spec.cloudHeightM();
        final double path = ReferenceSpectra.bandMean(ReferenceSpectra::rayleighPath, lo, hi);
        final double cloud = ReferenceSpectra.bandMean(
                nm -> ReferenceSpectra.THICK_CLOUD.at(nm) * ReferenceSpectra.transmittance(nm, cloudHeight), lo, hi);
        final double cirrus = ReferenceSpectra.bandMean(
                nm -> ReferenceSpectra.CIRRUS.at(nm) * ReferenceSpectra.transmittance(nm, CIRRUS_HEIGHT_M), lo, hi);
        int types = SurfaceType.values().length;
        final double[] first = new double[types];
        final double[] diff = new double[types];
        for (int t = 0; t < types; t++) {
            SpectralCurve a = ReferenceSpectra.SURFACE[t][0];
            SpectralCurve b = ReferenceSpectra.SURFACE[t][1];
            first[t] = ReferenceSpectra.bandMean(nm -> a.at(nm) * ReferenceSpectra.transmittance(nm, 0), lo, hi);
            diff[t] = ReferenceSpectra.bandMean(nm -> b.at(nm) * ReferenceSpectra.transmittance(nm, 0), lo, hi)
                    - first[t];
        }
        final long key = noiseKey(d);
        final int w = l.width;
        float[] out = new float[w * l.height];
        IntStream.range(0, l.height).parallel().forEach(r -> {
            for (int i = r * w, end = i + w; i < end; i++) {
                int t = l.surface[i];
                double ground = (first[t] + diff[t] * l.endmember[i]) * l.brightness[i] * l.shadowFactor[i];
                double a = l.cloudOpacity[i];
                double v = a * cloud * l.cloudTexture[i] + (1 - a) * ground;
                double c = l.cirrusOpacity[i];
                v = path + c * cirrus + (1 - c) * v;
                v += (NOISE_ABS + NOISE_REL * v) * gaussian(key, i);
                out[i] = (float) Math.max(0, v);
            }
        });
        return out;
    }

    private float[] renderThermal(SceneLayers l, BandDescriptor d) {
        double centreNm = d.centreNm();
        final double k = centreNm * 1e-9 / C2_M_K;
        final double cloudTop = SURFACE_AIR_K - LAPSE_K_PER_M * spec.cloudHeightM();
        final double cirrusTop = SURFACE_AIR_K - LAPSE_K_PER_M * CIRRUS_HEIGHT_M;
        final double cirrusFactor = Math.max(0, 1.2 * (1 + 0.08 * (centreNm / 1000 - 11)));
        int types = SurfaceType.values().length;
        final double[] logEmissivity = new double[types];
        for (int t = 0; t < types; t++) {
            logEmissivity[t] = Math.log(ReferenceSpectra.SURFACE_EMISSIVITY[t]);
        }
        final long key = noiseKey(d);
        final int w = l.width;
        float[] out = new float[w * l.height];
        IntStream.range(0, l.height).parallel().forEach(r -> {
            for (int i = r * w, end = i + w; i < end; i++) {
                double ts = l.surfaceTemperature[i];
                double bt = ts + k * ts * ts * logEmissivity[l.surface[i]];
                double open = 1 - l.cloudOpacity[i];
                double e = 1 - open * open;
                bt = e * cloudTop + (1 - e) * bt;
                double ec = Math.min(1, cirrusFactor * l.cirrusOpacity[i]);
                bt = ec * cirrusTop + (1 - ec) * bt;
                out[i] = (float) (bt + NOISE_K * gaussian(key, i));
            }
        });
        return out;
    }

    private long noiseKey(BandDescriptor d) {
        long h = ValueNoise.mix(spec.seed() ^ 0x5DEECE66DL);
        h = ValueNoise.mix(h + Double.doubleToLongBits(d.minNm()));
        h = ValueNoise.mix(h + Double.doubleToLongBits(d.centreNm()));
        return ValueNoise.mix(h + Double.doubleToLongBits(d.maxNm()));
    }

    /** Approximately standard normal value for pixel {@code i}: a scaled sum of four 16-bit uniforms. */
    static double gaussian(long key, int i) {
        long h = ValueNoise.mix(key + i * 0x9E3779B97F4A7C15L);
        double sum = (h & 0xFFFF) + ((h >>> 16) & 0xFFFF) + ((h >>> 32) & 0xFFFF) + (h >>> 48);
        return (sum / 65536.0 - 2.0 + 2.0 / 65536.0) * 1.7320508075688772;
    }

    // ---------------------------------------------------------------- sensor-like band sets

    /** Sentinel-2 MSI-like bands B01–B12 with B8A (13 bands), FWHM limits in nm. */
    public static List<SyntheticBand> sentinel2Like() {
        return bands(
                "B01",
                "425:443:461",
                "B02",
                "446:494:542",
                "B03",
                "537.5:560:582.5",
                "B04",
                "645.5:665:684.5",
                "B05",
                "694:704:714",
                "B06",
                "731:740:749",
                "B07",
                "767:781:795",
                "B08",
                "763.5:834:904.5",
                "B8A",
                "847.5:864:880.5",
                "B09",
                "930.5:944:957.5",
                "B10",
                "1337:1375:1413",
                "B11",
                "1541:1612:1683",
                "B12",
                "2074:2194:2314");
    }

    /** Landsat 8 OLI/TIRS-like bands B1–B7, B9, B10, B11 (no panchromatic B8); B10 and B11 are thermal. */
    public static List<SyntheticBand> landsat8Like() {
        return bands(
                "B1",
                "435:443:451",
                "B2",
                "452:482:512",
                "B3",
                "533.5:562:590.5",
                "B4",
                "636.5:655:673.5",
                "B5",
                "851:865:879",
                "B6",
                "1566.5:1609:1651.5",
                "B7",
                "2114.5:2201:2287.5",
                "B9",
                "1363.5:1374:1384.5",
                "B10",
                "10600:10895:11190",
                "B11",
                "11500:12005:12510");
    }

    /** Landsat 7 ETM+-like bands B1–B7 (no panchromatic B8); B6 is thermal. */
    public static List<SyntheticBand> landsat7Like() {
        return bands(
                "B1",
                "450:485:520",
                "B2",
                "520:560:600",
                "B3",
                "630:660:690",
                "B4",
                "770:835:900",
                "B5",
                "1550:1650:1750",
                "B6",
                "10400:11450:12500",
                "B7",
                "2080:2215:2350");
    }

    private static List<SyntheticBand> bands(String... idAndDescriptor) {
        List<SyntheticBand> out = new ArrayList<>();
        for (int i = 0; i < idAndDescriptor.length; i += 2) {
            out.add(SyntheticBand.of(idAndDescriptor[i], idAndDescriptor[i + 1]));
        }
        return List.copyOf(out);
    }
}
