package org.sensei4j.sensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

/**
 * The bands an image holds, in its band order: ids and (min, centre, max) descriptors in nm, and the sensor
 * they come from. Selections built from raw wavelengths have no sensor and ids {@code "λ1"}, {@code "λ2"}, ….
 */
public final class BandSelection {

    private final List<Band> bands;
    private final Sensor sensor;

    private BandSelection(List<Band> bands, Sensor sensor) {
        if (bands.isEmpty()) {
            throw new SenseiException("no bands selected: give at least one band");
        }
        this.bands = List.copyOf(bands);
        this.sensor = sensor;
    }

    /** Bands of a sensor, in the order given (see {@link Sensor#selection(List)} to select by id). */
    public static BandSelection of(Sensor sensor, List<Band> bands) {
        return new BandSelection(bands, Objects.requireNonNull(sensor, "sensor"));
    }

    /** Bands given only by their wavelengths, named {@code λ1, λ2, …}; thermal from 3000 nm on. */
    public static BandSelection ofWavelengths(List<BandDescriptor> descriptors) {
        if (descriptors == null || descriptors.isEmpty()) {
            throw new SenseiException("no wavelengths given: give min:centre:max in nm per band, e.g. 446:494:542");
        }
        List<Band> bands = new ArrayList<>(descriptors.size());
        for (int i = 0; i < descriptors.size(); i++) {
            BandDescriptor d = descriptors.get(i);
            bands.add(new Band("λ" + (i + 1), null, d, Double.NaN, Quantity.defaultFor(d)));
        }
        return new BandSelection(bands, null);
    }

    public List<Band> bands() {
        return bands;
    }

    /** The band ids in selection order. */
    public List<String> bandIds() {
        return bands.stream().map(Band::id).toList();
    }

    /** The (min, centre, max) descriptors in nm, in selection order. */
    public List<BandDescriptor> descriptors() {
        return bands.stream().map(Band::wavelengths).toList();
    }

    /** The normalised descriptors, one (min, centre, max) row per band, as the encoder takes them. */
    public float[][] normalisedDescriptors() {
        float[][] out = new float[bands.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = bands.get(i).wavelengths().normalised();
        }
        return out;
    }

    /** The sensor, unless the bands were given as raw wavelengths. */
    public Optional<Sensor> sensor() {
        return Optional.ofNullable(sensor);
    }

    public int size() {
        return bands.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandSelection s && bands.equals(s.bands) && Objects.equals(sensor, s.sensor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bands, sensor);
    }

    @Override
    public String toString() {
        return (sensor == null ? "wavelengths" : sensor.id()) + " " + bandIds();
    }
}
