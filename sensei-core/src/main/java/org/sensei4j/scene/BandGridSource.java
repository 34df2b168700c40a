package org.sensei4j.scene;

import java.util.List;
import java.util.Optional;
import org.sensei4j.raster.Georeference;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/**
 * A scene source whose sensor, bands, grid size and georeference are fixed when it is made, with their accessors:
 * {@link Scene} and the product scenes of the readers. Absence follows {@link SceneSource}: no sensor is an empty
 * {@link #sensor()} and a plain image's {@link #georeference()} is empty; the fields hold null for what is absent.
 */
public abstract class BandGridSource implements SceneSource {

    /** The sensor, or null when the bands are described by wavelengths alone. */
    protected final Sensor sensor;

    protected final List<Band> bands;
    protected final int width;
    protected final int height;

    /** The grid's georeference, or null for a plain image. */
    protected final Georeference georeference;

    protected BandGridSource(Sensor sensor, List<Band> bands, int width, int height, Georeference georeference) {
        this.sensor = sensor;
        this.bands = List.copyOf(bands);
        this.width = width;
        this.height = height;
        this.georeference = georeference;
    }

    @Override
    public List<Band> bands() {
        return bands;
    }

    @Override
    public Optional<Sensor> sensor() {
        return Optional.ofNullable(sensor);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public Optional<Georeference> georeference() {
        return Optional.ofNullable(georeference);
    }
}
