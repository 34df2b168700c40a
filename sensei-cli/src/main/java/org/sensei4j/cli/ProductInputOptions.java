package org.sensei4j.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.UserPaths;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ThermalHandling;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine.Option;

/**
 * How to read a product (band map, value scaling, nodata, saturation, thermal unit), shared by the commands that
 * read products ({@code info}, {@code mask}, {@code evaluate}): a picocli {@code @Mixin} next to
 * {@link SensorOptions}. The grid resolution is each command's own option, because {@code evaluate} gives
 * {@code --resolution} another meaning (predict at that resolution).
 */
public final class ProductInputOptions {

    @Option(
            names = "--band-map",
            paramLabel = "FILE",
            description = "For a folder: YAML/JSON map of band id to file name (relative to the folder), when the"
                    + " file names do not hold the band ids.")
    Path bandMap;

    @Option(
            names = "--scale",
            paramLabel = "auto|FACTOR",
            defaultValue = "auto",
            description = "Stored value x FACTOR = reflectance, e.g. 1/10000. auto: floats as they are, 16/32-bit"
                    + " integers 1/10000, 8-bit 1/255 (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(
            names = "--offset",
            paramLabel = "X",
            defaultValue = "0",
            description = "Added to reflective bands after scaling, e.g. -0.2 (default: ${DEFAULT-VALUE}).")
    double offset;

    @Option(
            names = "--nodata",
            paramLabel = "VALUE",
            description = "Stored value of missing pixels in every band (default: the files' own nodata; NaN"
                    + " always counts as missing).")
    Double nodata;

    @Option(
            names = "--saturation",
            paramLabel = "VALUE",
            description = "Stored value from which a pixel counts as saturated, e.g. 65535 (default: none).")
    Double saturation;

    @Option(
            names = "--thermal",
            paramLabel = "auto|kelvin|celsius|exclude",
            defaultValue = "auto",
            description = "Unit of thermal bands (auto: Celsius when all values < 150) or exclude them"
                    + " (default: ${DEFAULT-VALUE}).")
    String thermal;

    /**
     * The product options these arguments and the sensor options describe.
     *
     * @param base       sensor registry to look sensors up in (plus --sensor-file), or null for the default one
     * @param resolution pixel size of the grid to read on (CRS units), or null for the finest band's
     * @throws SenseiException for a bad value or an unknown sensor or band
     */
    public ProductOptions toOptions(
            SensorOptions sensors, SensorRegistry base, Consumer<String> warnings, Double resolution) {
        if (bandMap != null) {
            UserPaths.requireRegularFile(bandMap, "band map");
        }
        ProductOptions o = ProductOptions.defaults().withWarnings(warnings);
        if (sensors.isGiven()) {
            BandSelection sel = base == null ? sensors.resolve() : sensors.resolve(base);
            boolean byWavelengths = sensors.wavelengths != null && !sensors.wavelengths.isEmpty();
            o = !byWavelengths && sensors.bands().isEmpty() && sel.sensor().isPresent()
                    ? o.withSensor(sel.sensor().get())
                    : o.withSelection(sel);
        }
        try {
            return o.withBandMap(bandMap)
                    .withResolution(resolution)
                    .withScale(ProductOptions.parseScale(scale))
                    .withOffset(offset)
                    .withNodata(nodata)
                    .withSaturation(saturation)
                    .withThermal(ThermalHandling.parse(thermal));
        } catch (IllegalArgumentException e) {
            throw new SenseiException(e.getMessage(), e);
        }
    }
}
