package org.sensei4j.io.product;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;

/**
 * How to read a product into a scene (see {@link ProductReaders}): which bands it holds, how its values become
 * SEnSeI's quantities, and the grid to read it on.
 *
 * @param selection  the product's bands exactly (for a multiband GeoTIFF in file order), or null. It wins over
 *                   {@code sensor}.
 * @param sensor     without a selection: the sensor the product comes from; a multiband GeoTIFF must then hold
 *                   all its bands in product order, a folder or STAC item gives the bands it has files for.
 *                   Null when neither is given (enough for a STAC item with {@code eo:bands}).
 * @param bandMap    a YAML/JSON file mapping band ids to file names (relative to the input folder), for a
 *                   folder whose file names do not hold the band ids; or null
 * @param resolution pixel size of the grid to read on, in CRS units (metres for projected CRSs); null for the
 *                   finest band's grid
 * @param scale      factor from stored values to reflectance for reflective bands, or null for "auto" (see
 *                   {@link ProductReaders} for the rules)
 * @param offset     added to reflective bands after scaling (e.g. -0.2 for Landsat Collection 2 Level 2)
 * @param nodata     stored value that marks missing pixels in every band, overriding the files' GDAL nodata;
 *                   null to use the files' own
 * @param saturation stored value of a reflective band from which on a pixel counts as saturated (e.g. 65535),
 *                   or null for none; thermal bands are never marked saturated
 * @param thermal    unit of thermal bands or whether to leave them out; null means {@link ThermalHandling#AUTO}
 * @param warnings   receives one-line warnings (e.g. the scale assumed); null discards them
 * @param landsat7Thermal which thermal gain of a Landsat 7 Level-1 product is read as B6; null means
 *                   {@link Landsat7Thermal#VCID_1}
 */
@RecordBuilder
public record ProductOptions(
        BandSelection selection,
        Sensor sensor,
        Path bandMap,
        Double resolution,
        Double scale,
        double offset,
        Double nodata,
        Double saturation,
        ThermalHandling thermal,
        Consumer<String> warnings,
        Landsat7Thermal landsat7Thermal) {

    public ProductOptions {
        if (resolution != null && !(resolution > 0 && Double.isFinite(resolution))) {
            throw new IllegalArgumentException("resolution " + resolution
                    + " is not a positive pixel size: give it in CRS units, e.g. 20 for 20 m");
        }
        if (scale != null && !(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException(
                    "scale " + scale + " is not a positive finite number: give e.g. 0.0001 (or 1/10000), or auto");
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is not finite: give a number such as -0.2");
        }
        if (saturation != null && Double.isNaN(saturation)) {
            throw new IllegalArgumentException("saturation value is NaN: give a stored value such as 65535");
        }
        thermal = thermal == null ? ThermalHandling.AUTO : thermal;
        warnings = warnings == null ? w -> {} : warnings;
        landsat7Thermal = landsat7Thermal == null ? Landsat7Thermal.VCID_1 : landsat7Thermal;
    }

    /** No band description, auto scaling, the files' nodata, no saturation, auto thermal unit, no warnings. */
    public static ProductOptions defaults() {
        return new ProductOptions(null, null, null, null, null, 0.0, null, null, ThermalHandling.AUTO, null, null);
    }

    /**
     * Options for a sensor's named bands (a selection), or for the sensor alone when {@code bandIds} is empty.
     *
     * @throws org.sensei4j.error.SenseiException for an unknown band id
     */
    public static ProductOptions forSensor(Sensor sensor, List<String> bandIds) {
        Objects.requireNonNull(sensor, "sensor");
        return bandIds == null || bandIds.isEmpty()
                ? defaults().withSensor(sensor)
                : defaults().withSelection(sensor.selection(bandIds));
    }

    public ProductOptions withSelection(BandSelection newSelection) {
        return ProductOptionsBuilder.builder(this).selection(newSelection).build();
    }

    public ProductOptions withSensor(Sensor newSensor) {
        return ProductOptionsBuilder.builder(this).sensor(newSensor).build();
    }

    public ProductOptions withBandMap(Path newBandMap) {
        return ProductOptionsBuilder.builder(this).bandMap(newBandMap).build();
    }

    public ProductOptions withResolution(Double newResolution) {
        return ProductOptionsBuilder.builder(this).resolution(newResolution).build();
    }

    /** @param newScale the factor, or null for auto */
    public ProductOptions withScale(Double newScale) {
        return ProductOptionsBuilder.builder(this).scale(newScale).build();
    }

    public ProductOptions withOffset(double newOffset) {
        return ProductOptionsBuilder.builder(this).offset(newOffset).build();
    }

    public ProductOptions withNodata(Double newNodata) {
        return ProductOptionsBuilder.builder(this).nodata(newNodata).build();
    }

    public ProductOptions withSaturation(Double newSaturation) {
        return ProductOptionsBuilder.builder(this).saturation(newSaturation).build();
    }

    public ProductOptions withThermal(ThermalHandling newThermal) {
        return ProductOptionsBuilder.builder(this).thermal(newThermal).build();
    }

    public ProductOptions withWarnings(Consumer<String> newWarnings) {
        return ProductOptionsBuilder.builder(this).warnings(newWarnings).build();
    }

    public ProductOptions withLandsat7Thermal(Landsat7Thermal newLandsat7Thermal) {
        return ProductOptionsBuilder.builder(this)
                .landsat7Thermal(newLandsat7Thermal)
                .build();
    }

    /** A copy with what {@code change} sets on a builder holding these options (checked as any new options). */

    /**
     * Parses a scale: {@code auto} (returns null), a number ({@code 0.0001}, {@code 1e-4}) or a fraction
     * ({@code 1/10000}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Double parseScale(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return null;
        }
        double value;
        try {
            int slash = t.indexOf('/');
            value = slash < 0
                    ? Double.parseDouble(t)
                    : Double.parseDouble(t.substring(0, slash).trim())
                            / Double.parseDouble(t.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "scale '" + text + "' is not a number: give auto, a factor such as"
                            + " 0.0001 or a fraction such as 1/10000",
                    e);
        }
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException("scale '" + text + "' is not a positive finite number: give auto, a"
                    + " factor such as 0.0001 or a fraction such as 1/10000");
        }
        return value;
    }
}
