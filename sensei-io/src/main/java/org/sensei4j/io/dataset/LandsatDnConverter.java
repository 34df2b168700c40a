package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.landsat.LandsatBand;
import org.sensei4j.io.landsat.LandsatMetadata;
import org.sensei4j.io.landsat.LandsatRadiometry;
import org.sensei4j.sensor.Band;

/**
 * Landsat Level-1 DNs to SEnSeI's quantities, from the scene's MTL file: TOA reflectance with the sun-elevation
 * correction for reflective bands ({@link LandsatRadiometry#toaReflectance}); for thermal bands the brightness
 * temperature in kelvin mapped linearly from fixed bounds to 0–1, {@code (BT − min) / (max − min)}.
 *
 * <p>The bounds are the ones the SEnSeI authors used to prepare their Landsat data (eo4ai,
 * {@code constants/datasets/*.yaml}): Landsat 8 B10 132–249 K, B11 127–239 K; Landsat 7 B6 169–252 K. Fixed
 * bounds give the same value for a pixel whatever window is read; the paper's description (95th percentile of
 * the available data) would make values depend on the window. Other bounds: {@link #withThermalBounds}.
 *
 * <p>Parsed MTL files are cached by path; instances are thread-safe.
 */
public final class LandsatDnConverter implements DigitalNumberConverter {

    /** Thermal normalisation bounds in kelvin, {@code {min, max}}, by band id. */
    public static final Map<String, double[]> EO4AI_THERMAL_BOUNDS_K = Map.of(
            "B10", new double[] {132, 249},
            "B11", new double[] {127, 239},
            "B6", new double[] {169, 252});

    private final Map<String, double[]> thermalBounds;
    private final Map<Path, LandsatMetadata> cache = new ConcurrentHashMap<>();

    private LandsatDnConverter(Map<String, double[]> thermalBounds) {
        this.thermalBounds = Map.copyOf(thermalBounds);
    }

    /** With the eo4ai thermal bounds. */
    public static LandsatDnConverter fromMtl() {
        return new LandsatDnConverter(EO4AI_THERMAL_BOUNDS_K);
    }

    /** With other thermal bounds, kelvin {@code {min, max}} by band id ({@code B10}, {@code B11}, {@code B6}). */
    public LandsatDnConverter withThermalBounds(Map<String, double[]> bounds) {
        bounds.forEach((k, v) -> {
            if (v.length != 2 || !(v[1] > v[0])) {
                throw new IllegalArgumentException("thermal bounds of " + k + " must be {min, max} with max > min");
            }
        });
        return new LandsatDnConverter(bounds);
    }

    @Override
    public float[] convert(Band band, float[] raw, Path metadataFile) {
        if (metadataFile == null) {
            throw new SenseiException("band " + band.id() + " holds Landsat DNs but the scene has no MTL file: "
                    + "TOA reflectance needs its sun elevation and rescaling coefficients; put the scene's *_MTL.txt "
                    + "next to its bands, or give the reader a converter for data already in reflectance");
        }
        LandsatMetadata mtl =
                cache.computeIfAbsent(metadataFile.toAbsolutePath().normalize(), LandsatMetadata::parse);
        String id = band.id().toUpperCase(Locale.ROOT);
        LandsatBand lb = mtl.band(id);
        int[] dn = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            dn[i] = Float.isFinite(raw[i]) ? Math.round(raw[i]) : LandsatRadiometry.NODATA_DN;
        }
        if (!lb.isThermal()) {
            return LandsatRadiometry.toaReflectance(dn, lb, mtl.sunElevationDeg());
        }
        double[] b = thermalBounds.get(id);
        if (b == null) {
            throw new SenseiException("no brightness temperature bounds for thermal band " + id + " of "
                    + mtl.productId() + ": give them with LandsatDnConverter.withThermalBounds");
        }
        float[] bt = LandsatRadiometry.brightnessTemperature(dn, lb);
        double range = b[1] - b[0];
        for (int i = 0; i < bt.length; i++) {
            bt[i] = (float) ((bt[i] - b[0]) / range);
        }
        return bt;
    }

    @Override
    public String toString() {
        return "LandsatDnConverter[MTL, thermal bounds " + thermalBounds.keySet() + "]";
    }
}
