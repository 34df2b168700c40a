package org.sensei4j.io.synthetic;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import org.sensei4j.error.SenseiException;

/**
 * What a synthetic scene looks like; the same spec always gives the same scene, whatever bands it is rendered
 * through.
 *
 * @param width scene width in pixels, at least 1
 * @param height scene height in pixels, at least 1
 * @param seed seed of every random field of the scene
 * @param pixelSizeM ground size of a pixel in metres (sets the shadow offset in pixels)
 * @param cloudCover fraction of pixels labelled cloud (thin or thick), 0..1; met to within a pixel or so
 * @param thinCloudShare fraction of the cloudy pixels labelled thin cloud, 0..1; with cirrus on, half of the
 *     thin pixels are cirrus
 * @param cirrus whether there is high cirrus (bright around 1375 nm, faint elsewhere)
 * @param shadows whether thick clouds cast shadows
 * @param sunAzimuthDeg sun azimuth in degrees clockwise from north (image up), 0..360
 * @param sunElevationDeg sun elevation above the horizon in degrees, above 0 and at most 90
 * @param cloudHeightM height of the (low and mid-level) clouds above ground in metres, above 0 and at most
 *     20000; sets the shadow offset and the cloud-top temperature
 * @param surfaceMix relative shares of the surface types
 */
@RecordBuilder
public record SyntheticSceneSpec(
        int width,
        int height,
        long seed,
        double pixelSizeM,
        double cloudCover,
        double thinCloudShare,
        boolean cirrus,
        boolean shadows,
        double sunAzimuthDeg,
        double sunElevationDeg,
        double cloudHeightM,
        SurfaceMix surfaceMix) {

    /** Largest number of pixels a scene may have (2^28, i.e. 16384 × 16384). */
    public static final long MAX_PIXELS = 1L << 28;

    public SyntheticSceneSpec {
        if (width < 1 || height < 1) {
            throw new SenseiException("synthetic scene size " + width + " × " + height
                    + " is not positive: give width and height in pixels, at least 1 each");
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new SenseiException("synthetic scene size " + width + " × " + height + " has more than " + MAX_PIXELS
                    + " pixels: render a smaller scene or tiles of it");
        }
        if (!Double.isFinite(pixelSizeM) || pixelSizeM <= 0) {
            throw new SenseiException("pixel size " + pixelSizeM + " m is not a positive number: give the ground "
                    + "size of a pixel in metres, e.g. 10 or 30");
        }
        fraction(cloudCover, "cloud cover", "the fraction of cloudy pixels, e.g. 0.4");
        fraction(thinCloudShare, "thin-cloud share", "the fraction of the cloudy pixels that are thin, e.g. 0.3");
        if (!Double.isFinite(sunAzimuthDeg) || sunAzimuthDeg < 0 || sunAzimuthDeg > 360) {
            throw new SenseiException("sun azimuth " + sunAzimuthDeg + "° is outside 0..360: give degrees "
                    + "clockwise from north, e.g. 135 for a sun in the south-east");
        }
        if (!Double.isFinite(sunElevationDeg) || sunElevationDeg <= 0 || sunElevationDeg > 90) {
            throw new SenseiException("sun elevation " + sunElevationDeg + "° is not in (0, 90]: give the sun's "
                    + "height above the horizon in degrees, above 0 (a sun at or below the horizon lights no "
                    + "scene) and at most 90 (overhead)");
        }
        if (!Double.isFinite(cloudHeightM) || cloudHeightM <= 0 || cloudHeightM > 20_000) {
            throw new SenseiException("cloud height " + cloudHeightM + " m is not in (0, 20000]: give the height "
                    + "of the clouds above ground in metres, e.g. 2000");
        }
        Objects.requireNonNull(surfaceMix, "surfaceMix: give SurfaceMix.DEFAULT or your own weights");
    }

    private static void fraction(double v, String what, String hint) {
        if (!Double.isFinite(v) || v < 0 || v > 1) {
            throw new SenseiException(what + " " + v + " is outside 0..1: give " + hint);
        }
    }

    /**
     * A typical scene: 30 m pixels, 40% cloud of which 30% thin, cirrus and shadows on, sun at azimuth 135°
     * and elevation 45°, clouds at 2000 m, {@link SurfaceMix#DEFAULT}.
     */
    public static SyntheticSceneSpec defaults(int width, int height, long seed) {
        return new SyntheticSceneSpec(
                width, height, seed, 30.0, 0.4, 0.3, true, true, 135.0, 45.0, 2000.0, SurfaceMix.DEFAULT);
    }

    /**
     * Shadow displacement along image columns (east positive), in pixels: the shadow of a cloud lies this many
     * columns from it, away from the sun: {@code −h / tan(elevation) · sin(azimuth) / pixel size}.
     */
    public double shadowOffsetColumns() {
        return -shadowLengthPixels() * Math.sin(Math.toRadians(sunAzimuthDeg));
    }

    /**
     * Shadow displacement along image rows (south, i.e. down, positive), in pixels:
     * {@code h / tan(elevation) · cos(azimuth) / pixel size}.
     */
    public double shadowOffsetRows() {
        return shadowLengthPixels() * Math.cos(Math.toRadians(sunAzimuthDeg));
    }

    private double shadowLengthPixels() {
        return cloudHeightM / Math.tan(Math.toRadians(sunElevationDeg)) / pixelSizeM;
    }

    public SyntheticSceneSpec withSize(int newWidth, int newHeight) {
        return SyntheticSceneSpecBuilder.builder(this)
                .width(newWidth)
                .height(newHeight)
                .build();
    }

    public SyntheticSceneSpec withSeed(long newSeed) {
        return SyntheticSceneSpecBuilder.builder(this).seed(newSeed).build();
    }

    public SyntheticSceneSpec withPixelSizeM(double newPixelSizeM) {
        return SyntheticSceneSpecBuilder.builder(this).pixelSizeM(newPixelSizeM).build();
    }

    public SyntheticSceneSpec withCloudCover(double newCloudCover) {
        return SyntheticSceneSpecBuilder.builder(this).cloudCover(newCloudCover).build();
    }

    public SyntheticSceneSpec withThinCloudShare(double newThinCloudShare) {
        return SyntheticSceneSpecBuilder.builder(this)
                .thinCloudShare(newThinCloudShare)
                .build();
    }

    public SyntheticSceneSpec withCirrus(boolean newCirrus) {
        return SyntheticSceneSpecBuilder.builder(this).cirrus(newCirrus).build();
    }

    public SyntheticSceneSpec withShadows(boolean newShadows) {
        return SyntheticSceneSpecBuilder.builder(this).shadows(newShadows).build();
    }

    public SyntheticSceneSpec withSun(double newAzimuthDeg, double newElevationDeg) {
        return SyntheticSceneSpecBuilder.builder(this)
                .sunAzimuthDeg(newAzimuthDeg)
                .sunElevationDeg(newElevationDeg)
                .build();
    }

    public SyntheticSceneSpec withCloudHeightM(double newCloudHeightM) {
        return SyntheticSceneSpecBuilder.builder(this)
                .cloudHeightM(newCloudHeightM)
                .build();
    }

    public SyntheticSceneSpec withSurfaceMix(SurfaceMix newSurfaceMix) {
        return SyntheticSceneSpecBuilder.builder(this).surfaceMix(newSurfaceMix).build();
    }

    /** A copy with what {@code change} sets on a builder holding these values (checked as any new spec). */
}
