package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.List;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.io.remote.HttpByteSource;
import org.sensei4j.scene.SceneSource;

/**
 * Opens a product as a windowed {@link SceneSource} in SEnSeI's quantities, choosing the reader (a
 * {@link SceneProvider}) from what the input is: a GeoTIFF ({@link GeoTiffProvider}), a GDAL VRT
 * ({@link VrtProvider}), a STAC item ({@link StacItemProvider}), an {@code http(s)://} URL of a GeoTIFF/COG or STAC
 * item ({@link RemoteProvider}), a Sentinel-2 L1C/L2A SAFE product ({@link Sentinel2SafeProvider}), a Landsat 4–9
 * Level-1 product ({@link LandsatProvider}) or a folder of single-band GeoTIFFs ({@link BandFolderProvider}), asked
 * in the order {@link SceneProviders} documents; more can be registered through {@link java.util.ServiceLoader}.
 * Bands on different grids are resampled onto one (see {@link GeoTiffScene}). The value rules below apply to
 * GeoTIFF inputs; Landsat and SAFE products take theirs from their metadata.
 *
 * <p>Values (see {@link BandConversion}):
 * <ul>
 *   <li>Reflective bands: {@code value = stored × scale + offset}. The scale is {@link ProductOptions#scale()}
 *       when given; otherwise ("auto") float rasters are taken as reflectance as they are (scale 1), 16- and
 *       32-bit integer rasters as reflectance × 10000 (scale 1/10000, the Sentinel-2 L1C/L2A and common
 *       surface-reflectance convention) and 8-bit rasters as reflectance × 255 (scale 1/255); an assumed scale is
 *       reported as one warning line per sample type.</li>
 *   <li>Thermal bands ({@link org.sensei4j.sensor.Quantity#BRIGHTNESS_TEMPERATURE}): brightness temperature in K,
 *       or in °C when every valid sampled value is below 150 (or as {@link ThermalHandling} says), normalised as
 *       in the SEnSeI paper to {@code (BT − BT_min)/(BT_95% − BT_min)} with BT_min and BT_95% taken once per
 *       band over the whole scene (a decimated pass at open time, see {@link ThermalNormalisation}), so every
 *       window is normalised alike. Scale and offset do not apply (the normalisation cancels them).</li>
 *   <li>NaN, ±infinity and the nodata value ({@link ProductOptions#nodata()}, else the file's GDAL nodata) are
 *       missing: the pixel is {@link org.sensei4j.scene.SceneWindow#NODATA} when any band is missing there, and
 *       all its values are 0. With {@link ProductOptions#saturation()}, a reflective band's stored value at or
 *       above it makes the pixel {@link org.sensei4j.scene.SceneWindow#SATURATED} (values kept) unless it is
 * nodata.</li>
 * </ul>
 */
public final class ProductReaders {

    /**
     * What {@link #open} reads, for help texts (a constant, for annotations): the built-in providers' descriptions
     * in probe order, as {@link SceneProviders#supportedInputs()} makes them (a test keeps the two equal).
     */
    public static final String SUPPORTED = "a GeoTIFF (.tif/.tiff), a GDAL VRT (.vrt) of GeoTIFF bands, a STAC item"
            + " (.json) with eo:bands and GeoTIFF assets, an http(s):// URL of a GeoTIFF/COG or STAC item, a"
            + " Sentinel-2 .SAFE folder (or its MTD_MSIL1C.xml / MTD_MSIL2A.xml), a Landsat Level-1 product folder"
            + " (or its *_MTL.txt), or a folder of single-band GeoTIFFs named by band (e.g. B02.tif or *_B02.tif)";

    private ProductReaders() {}

    /**
     * Opens a product given as a local path or an {@code http(s)://} URL: a URL is a GeoTIFF/COG or a STAC item
     * ({@code .json}), read with HTTP range requests ({@link HttpByteSource}); anything else is a path for
     * {@link #open(Path, ProductOptions)}.
     */
    public static SceneSource open(String input, ProductOptions options) {
        return SceneProviders.open(input, options);
    }

    /** Whether {@code input} is an {@code http(s)://} URL (read remotely by {@link #open(String, ProductOptions)}). */
    public static boolean isRemote(String input) {
        return ByteSource.isUrl(input);
    }

    /**
     * Opens a product (see the class comment for the inputs and value rules).
     *
     * @throws SenseiException for a missing path, an unsupported input, bands that do not match the product, or a
     *                         file that cannot be read; the message names the problem and the fix
     */
    public static SceneSource open(Path input, ProductOptions options) {
        return SceneProviders.open(input, options);
    }

    /**
     * The files a VRT reads (for output checks), or an empty list when {@code file} is not a readable VRT (the
     * reader then says why).
     */
    public static List<Path> vrtSources(Path file) {
        try {
            return VrtFile.read(file).bands().stream()
                    .map(VrtFile.VrtBand::source)
                    .distinct()
                    .toList();
        } catch (SenseiException e) {
            return List.of();
        }
    }
}
