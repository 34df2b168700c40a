package org.sensei4j.sensor;

import java.util.Objects;
import org.sensei4j.descriptor.BandDescriptor;

/**
 * One spectral band of a sensor.
 *
 * @param id          the band's name in the sensor's products, e.g. {@code "B02"}
 * @param commonName  STAC common name, or {@code null} when the band has none
 * @param wavelengths (min, centre, max) in nm
 * @param resolutionM native ground sampling distance in metres, or {@link Double#NaN} when unknown
 * @param quantity    what the band's values measure once prepared for the model
 * @param description short human description (e.g. "Blue"), or {@code null}
 */
public record Band(
        String id,
        CommonName commonName,
        BandDescriptor wavelengths,
        double resolutionM,
        Quantity quantity,
        String description) {

    public Band {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("band id is empty: give each band an id such as 'B02'");
        }
        id = id.trim();
        Objects.requireNonNull(wavelengths, "wavelengths");
        Objects.requireNonNull(quantity, "quantity");
        if (!Double.isNaN(resolutionM) && !(resolutionM > 0 && Double.isFinite(resolutionM))) {
            throw new IllegalArgumentException("band '" + id + "': resolution " + resolutionM
                    + " m is not a positive number of metres: give the native pixel size in m");
        }
        if (description != null && description.isBlank()) {
            description = null;
        }
    }

    /** A band without description. */
    public Band(String id, CommonName commonName, BandDescriptor wavelengths, double resolutionM, Quantity quantity) {
        this(id, commonName, wavelengths, resolutionM, quantity, null);
    }

    /** Whether the native resolution is known. */
    public boolean hasResolution() {
        return !Double.isNaN(resolutionM);
    }

    /** The centre wavelength in SEnSeI's normalised unit, {@code log10(λ − 300) − 2}. */
    public double normalisedCentre() {
        return BandDescriptor.normalise(wavelengths.centreNm());
    }
}
