package org.sensei4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ThermalHandling;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options that say how to read a product (bands, grid, value scaling), shared by mask and evaluate. */
public final class ProductInputOptions {

    @Mixin
    SensorOptions bands;

    @Option(names = "--scale", paramLabel = "S|auto", defaultValue = "auto",
            description = "factor from stored values to reflectance; auto: 1/10000 for 16-bit integers, 1/255 for "
                    + "8-bit, 1 for floats (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--band-map", paramLabel = "FILE",
            description = "YAML/JSON band id -> file name map for a folder of single-band files")
    Path bandMap;

    @Option(names = "--nodata", paramLabel = "V", description = "stored value marking missing pixels (overrides the files')")
    Double nodata;

    @Option(names = "--thermal", paramLabel = "UNIT", defaultValue = "AUTO",
            description = "thermal bands: AUTO, KELVIN, CELSIUS or EXCLUDE (default: ${DEFAULT-VALUE})")
    ThermalHandling thermal;

    public SensorOptions sensorOptions() {
        return bands;
    }

    /**
     * The product options, printing warnings as "warning: ..." lines on {@code err}.
     *
     * @param resolution pixel size of the grid to read on (CRS units), or null for the finest band's grid
     */
    public ProductOptions toProductOptions(PrintWriter err, Double resolution) {
        ProductOptions o = ProductOptions.defaults();
        if (bands.isGiven()) {
            o = o.withSelection(bands.resolve());
        }
        return o.withResolution(resolution).withScale(ProductOptions.parseScale(scale)).withBandMap(bandMap)
                .withNodata(nodata).withThermal(thermal).withWarnings(w -> err.println("warning: " + w));
    }
}
