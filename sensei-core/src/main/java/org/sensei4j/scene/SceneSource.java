package org.sensei4j.scene;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/**
 * A scene that can be read window by window, in the quantities SEnSeI expects: reflectance 0–1 (may exceed 1)
 * for reflective bands and normalised brightness temperature for thermal bands. Product readers (GeoTIFF,
 * Landsat, Sentinel-2 SAFE, STAC) implement it so that a whole scene never has to be in memory; {@link Scene}
 * is the in-memory implementation.
 *
 * <p>All bands share one pixel grid of {@link #width()} × {@link #height()} (readers resample when the product's
 * bands differ in resolution).
 *
 * <p>Absence has one rule: what a scene may not know (its sensor, georeference or ground sampling distance) is an
 * empty {@link Optional} or {@link OptionalDouble}, never null or NaN.
 */
public interface SceneSource extends AutoCloseable {

    /** A short identifier (product id or file name). */
    String id();

    /** The bands, in the order of the values returned by {@link #read}. */
    List<Band> bands();

    /** The sensor, when known (a scene described by raw wavelengths has none). */
    Optional<Sensor> sensor();

    int width();

    int height();

    /** The georeference of the pixel grid; empty for plain images. */
    Optional<Georeference> georeference();

    /** Ground sampling distance of the grid in metres; empty when unknown. */
    OptionalDouble resolutionM();

    /**
     * Reads a window of every band.
     *
     * @throws org.sensei4j.error.SenseiException when the source cannot be read
     */
    SceneWindow read(PixelWindow window);

    /** The descriptors of {@link #bands()}, in order. */
    default List<BandDescriptor> descriptors() {
        return bands().stream().map(Band::wavelengths).toList();
    }

    /** The band ids, in order. */
    default List<String> bandIds() {
        return bands().stream().map(Band::id).toList();
    }

    /** The whole grid as a window. */
    default PixelWindow fullWindow() {
        return new PixelWindow(0, 0, width(), height());
    }

    /** Releases files; the default does nothing. */
    @Override
    default void close() {}
}
