package org.sensei4j.io.synthetic;

/**
 * Ground cover of a synthetic scene pixel; {@link #code()} is the value stored in
 * {@link SyntheticScene#surfaceTypes()}.
 */
public enum SurfaceType {
    /** Green vegetation (forest, crops, grass), from dense to sparse. */
    VEGETATION("vegetation"),
    /** Bare soil, from dark moist to bright dry. */
    BARE_SOIL("bare_soil"),
    /** Open water, from clear to turbid. */
    WATER("water"),
    /** Snow and ice, from fresh snow to old snow. */
    SNOW_ICE("snow_ice"),
    /** Built-up surfaces, from bright concrete to dark asphalt. */
    URBAN("urban");

    private final String label;

    SurfaceType(String label) {
        this.label = label;
    }

    /** Value in the surface-type layer: the ordinal, 0..4. */
    public byte code() {
        return (byte) ordinal();
    }

    /** Lower-case name, e.g. {@code snow_ice}. */
    public String label() {
        return label;
    }

    /** The type stored as {@code code} in a surface-type layer. */
    public static SurfaceType ofCode(int code) {
        SurfaceType[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("surface type code " + code + " is not one of 0.." + (all.length - 1));
        }
        return all[code];
    }
}
