package org.sensei4j.io.product;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How thermal bands ({@link org.sensei4j.sensor.Quantity#BRIGHTNESS_TEMPERATURE}) are read: their stored unit,
 * or leaving them out.
 *
 * <p>The unit only affects the reported brightness-temperature statistics: SEnSeI's normalisation
 * {@code (BT − BT_min)/(BT_95% − BT_min)} gives the same values for kelvin and degrees Celsius.
 */
public enum ThermalHandling {
    /** Kelvin, or degrees Celsius when every valid (sampled) value is below 150. */
    AUTO,
    /** Values are brightness temperature in kelvin. */
    KELVIN,
    /** Values are brightness temperature in degrees Celsius. */
    CELSIUS,
    /** Thermal bands are left out of the scene. */
    EXCLUDE;

    /** Values of AUTO mode below this (in the stored unit) everywhere mean degrees Celsius. */
    public static final double CELSIUS_BELOW = 150.0;

    /**
     * Parses {@code auto}, {@code kelvin} (or {@code k}), {@code celsius} (or {@code c}) or {@code exclude},
     * case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static ThermalHandling parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "k":
                return KELVIN;
            case "c":
            case "°c":
                return CELSIUS;
            default:
                for (ThermalHandling h : values()) {
                    if (h.name().toLowerCase(Locale.ROOT).equals(t)) {
                        return h;
                    }
                }
        }
        throw new IllegalArgumentException("unknown thermal handling '" + text + "': use one of "
                + Arrays.stream(values())
                        .map(h -> h.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
