package org.sensei4j.descriptor;

import java.util.List;

/**
 * SEnSeI's description of one spectral band: its lower limit, centre and upper limit in nanometres
 * (usually the full-width-half-maximum limits of the spectral response).
 *
 * <p>The encoder does not see nanometres but the normalised form {@code log10(λ − 300) − 2}, see
 * {@link #normalise(double)}.
 */
public record BandDescriptor(double minNm, double centreNm, double maxNm) {

    /** Offset subtracted from every wavelength before the logarithm, in nm. */
    public static final double WAVELENGTH_OFFSET_NM = 300.0;

    /** Longest wavelength accepted, in nm (100 µm: far beyond any optical or thermal imager's band). */
    public static final double MAX_NM = 100_000.0;

    public BandDescriptor {
        check(minNm, "minimum");
        check(centreNm, "centre");
        check(maxNm, "maximum");
        if (minNm > centreNm) {
            throw new IllegalArgumentException("band minimum wavelength " + minNm + " nm is above its centre "
                    + centreNm + " nm: give min <= centre <= max");
        }
        if (centreNm > maxNm) {
            throw new IllegalArgumentException("band centre wavelength " + centreNm + " nm is above its maximum "
                    + maxNm + " nm: give min <= centre <= max");
        }
    }

    private static void check(double nm, String what) {
        if (!Double.isFinite(nm)) {
            throw new IllegalArgumentException(
                    "band " + what + " wavelength is " + nm + ": give a finite number of nm");
        }
        if (nm > MAX_NM) {
            throw new IllegalArgumentException("band " + what + " wavelength " + nm + " nm is beyond "
                    + (long) (MAX_NM / 1000) + " µm: SEnSeI describes optical and thermal bands (trained on 400 nm to"
                    + " 12.5 µm); give wavelengths in nm");
        }
        if (nm <= WAVELENGTH_OFFSET_NM) {
            throw new IllegalArgumentException("band " + what + " wavelength " + nm
                    + " nm is <= 300 nm, which SEnSeI cannot describe: give wavelengths in nm above 300"
                    + (nm < 30 ? " (did you give µm? multiply by 1000)" : ""));
        }
    }

    /** {@code log10(λ − 300) − 2}: the normalised descriptor unit the encoder works in. */
    public static double normalise(double nm) {
        return Math.log10(nm - WAVELENGTH_OFFSET_NM) - 2.0;
    }

    /** Inverse of {@link #normalise(double)}. */
    public static double denormalise(double normalised) {
        return Math.pow(10.0, normalised + 2.0) + WAVELENGTH_OFFSET_NM;
    }

    /** The normalised (min, centre, max) triple, as the encoder takes it. */
    public float[] normalised() {
        return new float[] {(float) normalise(minNm), (float) normalise(centreNm), (float) normalise(maxNm)};
    }

    /** The normalised triples of {@code descriptors}, one after the other (N × 3 values, the encoder's input). */
    public static float[] normalised(List<BandDescriptor> descriptors) {
        float[] out = new float[descriptors.size() * 3];
        for (int i = 0; i < descriptors.size(); i++) {
            System.arraycopy(descriptors.get(i).normalised(), 0, out, i * 3, 3);
        }
        return out;
    }

    /** Builds a descriptor from a centre and a full width at half maximum, both in nm. */
    public static BandDescriptor fromCentreAndWidth(double centreNm, double fwhmNm) {
        return new BandDescriptor(centreNm - fwhmNm / 2.0, centreNm, centreNm + fwhmNm / 2.0);
    }

    /** Parses {@code "min:centre:max"} in nm. */
    public static BandDescriptor parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("wavelength descriptor '" + text
                    + "' must be three numbers in nm as min:centre:max, e.g. 446:494:542");
        }
        try {
            return new BandDescriptor(
                    Double.parseDouble(parts[0].trim()),
                    Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "wavelength descriptor '" + text + "' is not numeric: give min:centre:max in nm, e.g. 446:494:542",
                    e);
        }
    }

    @Override
    public String toString() {
        return minNm + ":" + centreNm + ":" + maxNm;
    }
}
