package org.sensei4j.io.product;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.BandGridSource;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * What every product scene ({@link GeoTiffScene}, {@link LandsatScene}, {@link Sentinel2SafeScene}, and the band files
 * of the labelled data sets) holds alike: the sensor, the bands, the grid and its georeference, with their accessors
 * ({@link BandGridSource}), and the helpers of reading windows. Absence follows {@link SceneSource}: no sensor is an
 * empty {@link #sensor()}, a plain image's {@link #georeference()} is empty and so is an unknown
 * {@link #resolutionM()}. The fields hold null for what is absent.
 */
public abstract class ProductScene extends BandGridSource {

    protected ProductScene(Sensor sensor, List<Band> bands, int width, int height, Georeference georeference) {
        super(sensor, bands, width, height, georeference);
    }

    /**
     * The window read: {@code values} ({@code bands} planes of the window's pixels) with every band of a nodata pixel
     * set to 0, and the pixels' {@code flags} ({@link SceneWindow#NODATA} and the others).
     */
    protected static SceneWindow windowOf(PixelWindow window, int bands, float[] values, byte[] flags) {
        int plane = flags.length;
        for (int p = 0; p < plane; p++) {
            if (flags[p] == SceneWindow.NODATA) {
                for (int b = 0; b < bands; b++) {
                    values[b * plane + p] = 0f;
                }
            }
        }
        return new SceneWindow(window, new FloatRaster(bands, window.height(), window.width(), values, null), flags);
    }

    /**
     * The sensor of a product whose metadata defines its bands ({@code what}, e.g. {@code "Landsat product X"}):
     * the selection's sensor, else the sensor given, else {@code builtIn} of the built-in sensors. A selection by
     * wavelengths is refused, with {@code exampleBands} as ids to select by instead.
     */
    static Sensor productSensor(String what, ProductOptions options, String exampleBands, String builtIn) {
        BandSelection selection = options.selection();
        if (selection != null && selection.sensor().isEmpty()) {
            throw new SenseiException(what + " describes its own bands: select them by id (e.g. --bands " + exampleBands
                    + "), not by --wavelengths");
        }
        return selection != null
                ? selection.sensor().get()
                : options.sensor() != null
                        ? options.sensor()
                        : SensorRegistry.builtIn().get(builtIn);
    }

    /**
     * Stores band value {@code value} of pixel {@code p} at {@code values[offset + p]}, unless the pixel is
     * {@code nodata}: then it is flagged {@link SceneWindow#NODATA} (for every band). A {@code saturated} value
     * flags the pixel {@link SceneWindow#SATURATED} unless another band made it nodata.
     */
    protected static void store(
            float[] values, int offset, byte[] flags, int p, float value, boolean nodata, boolean saturated) {
        if (nodata) {
            flags[p] = SceneWindow.NODATA;
        } else {
            values[offset + p] = value;
            if (saturated && flags[p] != SceneWindow.NODATA) {
                flags[p] = SceneWindow.SATURATED;
            }
        }
    }

    /** Closes each of {@code resources}, all of them even when some fail; rethrows the first failure. */
    static <T> void closeEach(Collection<T> resources, Consumer<T> close) {
        RuntimeException first = null;
        for (T r : resources) {
            try {
                close.accept(r);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
