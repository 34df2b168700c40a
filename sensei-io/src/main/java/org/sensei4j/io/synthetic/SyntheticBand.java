package org.sensei4j.io.synthetic;

import java.util.Objects;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

/**
 * One band to render: an id (e.g. {@code B04}), its wavelengths, and whether it is thermal. A band is thermal
 * exactly when its centre is above {@value #THERMAL_MIN_CENTRE_NM} nm; thermal bands are rendered as brightness
 * temperature in kelvin, the others as TOA reflectance. {@link #of} sets the flag from the centre.
 */
public record SyntheticBand(String id, BandDescriptor descriptor, boolean thermal) {

    /** Bands with a centre above this wavelength, in nm, are thermal. */
    public static final double THERMAL_MIN_CENTRE_NM = 3000.0;

    public SyntheticBand {
        if (id == null || id.isBlank()) {
            throw new SenseiException("synthetic band id is empty: give each band a name, e.g. B04");
        }
        Objects.requireNonNull(descriptor, "descriptor");
        boolean expected = isThermal(descriptor);
        if (thermal != expected) {
            throw new SenseiException("band " + id + " (" + descriptor + " nm) is marked " + (thermal ? "" : "not ")
                    + "thermal, but bands with a centre above " + THERMAL_MIN_CENTRE_NM + " nm are thermal and "
                    + "the others reflective: build it with SyntheticBand.of(id, descriptor)");
        }
    }

    /** A band whose thermal flag follows from its centre wavelength. */
    public static SyntheticBand of(String id, BandDescriptor descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        return new SyntheticBand(id, descriptor, isThermal(descriptor));
    }

    /** A band from {@code "min:centre:max"} in nm, e.g. {@code of("B04", "645.5:665:684.5")}. */
    public static SyntheticBand of(String id, String minCentreMaxNm) {
        return of(id, BandDescriptor.parse(minCentreMaxNm));
    }

    private static boolean isThermal(BandDescriptor d) {
        return d.centreNm() > THERMAL_MIN_CENTRE_NM;
    }
}
