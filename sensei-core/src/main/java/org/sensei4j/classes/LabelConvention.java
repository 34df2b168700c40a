package org.sensei4j.classes;

/**
 * The one label convention of sensei4j: what counts as <b>cloud</b>, <b>shadow</b> and <b>clear</b>. The class
 * mappings of the real data sets (CLASS_CODES.md), the synthetic truth and the model card all follow it.
 *
 * <p><b>Cloud</b> = thick cloud + thin cloud + cirrus + haze or smoke dense enough to hide the surface's texture.
 * This is the convention of the Sentinel-2 Cloud Mask Catalogue, Landsat 8 Biome and CCA, SPARCS, 38-Cloud and
 * CloudSEN12, whose "thin cloud" / "cirrus" / "haze" classes all count as cloud in the binary task. For data whose
 * truth is computed (synthetic scenes) the rule is made quantitative with the total optical thickness τ at 550 nm
 * of everything above the ground except the clear-sky atmosphere (water cloud + ice cloud, cirrus and contrails +
 * aerosol haze or smoke), measured vertically:
 * <ul>
 *   <li>τ ≥ {@value #CLOUD_MIN_TAU}: <b>cloud</b>. At this thickness the light that reaches the sensor without
 *       being scattered, which alone carries the surface's texture, is {@code exp(−τ(1 + 1/cos θ_sun))} = 0.30 of
 *       the clear-sky value for a sun 45° from the zenith, and the layer itself adds 0.05–0.1 reflectance in the
 *       visible: the surface's texture is mostly hidden, which is where annotators of the catalogues draw "thin
 *       cloud". Of the cloud, τ ≥ {@value #THICK_MIN_TAU} is <b>thick</b> ({@code full} scheme), below it
 *       <b>thin</b>.</li>
 *   <li>High ice cloud (cirrus, contrails) with τ ≥ {@value #CIRRUS_MIN_TAU}: <b>cloud</b> (thin) even when the
 *       total is below {@value #CLOUD_MIN_TAU}. Such cirrus hides little of the surface in the visible but the
 *       1.38 µm cirrus band shows it plainly (about 0.02 reflectance and more, over a dark background: the water
 *       vapour below absorbs the surface's light), and the catalogues' annotators, who draw with that band, call it
 *       cloud (Landsat 8 Biome and CCA "thin cloud", the Sentinel-2 catalogue's cirrus).</li>
 *   <li>Otherwise <b>clear</b> (very faint haze, sub-visual cirrus, the faded rim of a cloud).</li>
 * </ul>
 * <b>Shadow</b> = ground that is not cloud itself and whose illumination (direct sunlight through the casting
 * cloud plus the diffuse sky light) is below {@value #SHADOW_MAX_ILLUMINATION} of the unshadowed value. Fainter
 * shadows (of thin cirrus, of haze) are clear.
 *
 * <p>Bright surfaces are <b>clear</b> whatever their reflectance: snow and ice, bright desert and salt flats, white
 * roofs, sun glint, turbid water. So are the topographic shadows of mountains.
 */
public final class LabelConvention {

    /** Total optical thickness at 550 nm from which a pixel is cloud. */
    public static final double CLOUD_MIN_TAU = 0.5;
    /** Optical thickness at 550 nm of high ice cloud (cirrus, contrails) from which a pixel is cloud. */
    public static final double CIRRUS_MIN_TAU = 0.15;
    /** Optical thickness at 550 nm from which cloud is thick (the {@code full} scheme's thick_cloud). */
    public static final double THICK_MIN_TAU = 5.0;
    /** Illumination (share of the unshadowed value) below which non-cloud ground is cloud shadow. */
    public static final double SHADOW_MAX_ILLUMINATION = 0.7;

    private LabelConvention() {}

    /**
     * The class of a pixel in the {@code full} scheme ({@link ClassScheme#CLEAR_THIN_THICK_SHADOW}) by this
     * convention.
     *
     * @param tau550       total optical thickness at 550 nm above the pixel (cloud, cirrus, haze)
     * @param illumination share of the unshadowed illumination that reaches the ground, 0..1
     */
    public static ClassKind classify(double tau550, double illumination) {
        return classify(tau550, 0, illumination);
    }

    /**
     * {@link #classify(double, double)} for a pixel of which {@code iceTau550} of the total is high ice cloud.
     *
     * @param tau550       total optical thickness at 550 nm above the pixel (cloud, cirrus, haze)
     * @param iceTau550    the part of it that is cirrus or contrail ice, 0..tau550
     * @param illumination share of the unshadowed illumination that reaches the ground, 0..1
     */
    public static ClassKind classify(double tau550, double iceTau550, double illumination) {
        if (tau550 >= THICK_MIN_TAU) {
            return ClassKind.THICK_CLOUD;
        }
        if (tau550 >= CLOUD_MIN_TAU || iceTau550 >= CIRRUS_MIN_TAU) {
            return ClassKind.THIN_CLOUD;
        }
        return illumination < SHADOW_MAX_ILLUMINATION ? ClassKind.SHADOW : ClassKind.CLEAR;
    }
}
