package org.sensei4j.io.product;

/**
 * SEnSeI's scene-wide normalisation of a thermal band: {@code (BT − BT_min)/(BT_95% − BT_min)}, so that the
 * coldest valid pixel maps to 0 and the 95th percentile to 1.
 *
 * <p>{@code min} and {@code p95} are in the band's stored unit (kelvin or degrees Celsius): the normalisation is
 * the same in both. When {@code p95 == min} (a constant band) the divisor is 1.
 *
 * @param min     smallest valid sampled value, stored unit
 * @param p95     95th percentile of the valid sampled values (linear interpolation, as NumPy's default), stored unit
 * @param celsius whether the stored unit is degrees Celsius (else kelvin)
 * @param samples number of valid values the statistics come from
 * @param step    every {@code step}-th row and column was sampled
 */
public record ThermalNormalisation(double min, double p95, boolean celsius, long samples, int step) {

    /** Kelvin minus degrees Celsius. */
    public static final double CELSIUS_TO_KELVIN = 273.15;

    /** The normalised value of a stored value. */
    public double apply(double stored) {
        double range = p95 - min;
        return (stored - min) / (range > 0 ? range : 1.0);
    }

    /** BT_min in kelvin. */
    public double minKelvin() {
        return celsius ? min + CELSIUS_TO_KELVIN : min;
    }

    /** BT_95% in kelvin. */
    public double p95Kelvin() {
        return celsius ? p95 + CELSIUS_TO_KELVIN : p95;
    }
}
