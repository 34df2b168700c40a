package org.sensei4j.sensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sensei4j.descriptor.BandDescriptor;

/** What the values of a band measure once the image is prepared for the model. */
public enum Quantity {
    /** Top-of-atmosphere reflectance, 0–1 (may exceed 1). */
    TOA_REFLECTANCE,
    /** Surface (bottom-of-atmosphere) reflectance, 0–1. */
    SURFACE_REFLECTANCE,
    /** Brightness temperature in kelvin (thermal bands). */
    BRIGHTNESS_TEMPERATURE;

    /** Centre wavelength from which a band is taken to be thermal when no quantity is given, in nm. */
    public static final double THERMAL_FROM_NM = 3000.0;

    /** The quantity assumed when none is given: brightness temperature from 3000 nm up, else TOA reflectance. */
    public static Quantity defaultFor(BandDescriptor wavelengths) {
        return wavelengths.centreNm() >= THERMAL_FROM_NM ? BRIGHTNESS_TEMPERATURE : TOA_REFLECTANCE;
    }

    /** The lower-case name used in sensor files and JSON output, e.g. {@code "toa_reflectance"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a quantity name case-insensitively; blanks and hyphens count as underscores, so
     * {@code "TOA reflectance"} and {@code "toa-reflectance"} both give {@link #TOA_REFLECTANCE}.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static Quantity parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (Quantity q : values()) {
            if (q.name().equals(key)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quantity '" + text + "': use one of "
                + Arrays.stream(values()).map(Quantity::key).collect(Collectors.joining(", ")));
    }
}
