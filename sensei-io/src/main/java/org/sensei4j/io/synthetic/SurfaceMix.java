package org.sensei4j.io.synthetic;

import org.sensei4j.error.SenseiException;

/**
 * Relative weights of the surface types in a synthetic scene; the generator gives each type the fraction
 * {@code weight / sum of weights} of the pixels. Weights are non-negative and not all zero.
 */
public record SurfaceMix(double vegetation, double bareSoil, double water, double snowIce, double urban) {

    /** A temperate mix: 45% vegetation, 25% bare soil, 15% water, 8% snow and ice, 7% urban. */
    public static final SurfaceMix DEFAULT = new SurfaceMix(0.45, 0.25, 0.15, 0.08, 0.07);

    public SurfaceMix {
        check(vegetation, SurfaceType.VEGETATION);
        check(bareSoil, SurfaceType.BARE_SOIL);
        check(water, SurfaceType.WATER);
        check(snowIce, SurfaceType.SNOW_ICE);
        check(urban, SurfaceType.URBAN);
        if (vegetation + bareSoil + water + snowIce + urban <= 0) {
            throw new SenseiException(
                    "surface mix weights are all zero: give at least one positive weight, e.g. " + "vegetation 1");
        }
    }

    private static void check(double w, SurfaceType type) {
        if (!Double.isFinite(w) || w < 0) {
            throw new SenseiException("surface mix weight of " + type.label() + " is " + w
                    + ": give a finite weight >= 0 (weights are relative, they need not sum to 1)");
        }
    }

    /** A scene of one surface type only. */
    public static SurfaceMix only(SurfaceType type) {
        return new SurfaceMix(
                type == SurfaceType.VEGETATION ? 1 : 0,
                type == SurfaceType.BARE_SOIL ? 1 : 0,
                type == SurfaceType.WATER ? 1 : 0,
                type == SurfaceType.SNOW_ICE ? 1 : 0,
                type == SurfaceType.URBAN ? 1 : 0);
    }

    /** Weight of {@code type} as given. */
    public double weight(SurfaceType type) {
        return switch (type) {
            case VEGETATION -> vegetation;
            case BARE_SOIL -> bareSoil;
            case WATER -> water;
            case SNOW_ICE -> snowIce;
            case URBAN -> urban;
        };
    }

    /** Share of the pixels that {@code type} gets, 0..1 (weight over the sum of weights). */
    public double fraction(SurfaceType type) {
        return weight(type) / (vegetation + bareSoil + water + snowIce + urban);
    }
}
