package org.sensei4j.classes;

import java.util.Locale;

/**
 * What a label class means, independent of its number in a {@link ClassScheme}: clear, cloud (thin and thick
 * together), thin cloud, thick cloud or cloud shadow.
 */
public enum ClassKind {
    /** Nothing in the way: land, water, snow. In the two-class scheme, also shadow (everything not cloud). */
    CLEAR("clear", 0x2E7D32),
    /** Cloud of any thickness (thin + thick). */
    CLOUD("cloud", 0xFFFFFF),
    /** Semi-transparent cloud (cirrus, haze): the surface is still visible. */
    THIN_CLOUD("thin_cloud", 0x90CAF9),
    /** Opaque cloud. */
    THICK_CLOUD("thick_cloud", 0xFFFFFF),
    /** Cloud shadow on the ground. */
    SHADOW("shadow", 0x424242);

    private final String label;
    private final int colour;

    ClassKind(String label, int colour) {
        this.label = label;
        this.colour = colour;
    }

    /** Lower-case name used in JSON keys, CLI options and label code mappings, e.g. {@code thin_cloud}. */
    public String label() {
        return label;
    }

    /** Colour for pictures, as opaque sRGB {@code 0xRRGGBB}. */
    public int colour() {
        return colour;
    }

    /** True for cloud, thin cloud and thick cloud. */
    public boolean isCloud() {
        return this == CLOUD || this == THIN_CLOUD || this == THICK_CLOUD;
    }

    /**
     * Parses a class name as written by users: {@code clear}, {@code cloud}, {@code thin_cloud} (also
     * {@code thin}, {@code thin-cloud}), {@code thick_cloud} (also {@code thick}), {@code shadow} (also
     * {@code cloud_shadow}); case does not matter. Returns null for anything else.
     */
    static ClassKind parseOrNull(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (n) {
            case "clear" -> CLEAR;
            case "cloud" -> CLOUD;
            case "thin", "thin_cloud" -> THIN_CLOUD;
            case "thick", "thick_cloud" -> THICK_CLOUD;
            case "shadow", "cloud_shadow" -> SHADOW;
            default -> null;
        };
    }
}
