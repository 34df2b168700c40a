package org.sensei4j.sensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The STAC electro-optical extension's common band names ({@code eo:common_name}), with the band range in µm
 * that the extension gives for each. See https://github.com/stac-extensions/eo#common-band-names.
 */
public enum CommonName {
    PAN("pan", 0.40, 1.00),
    COASTAL("coastal", 0.40, 0.45),
    BLUE("blue", 0.45, 0.53),
    GREEN("green", 0.51, 0.60),
    GREEN05("green05", 0.51, 0.55),
    YELLOW("yellow", 0.58, 0.62),
    RED("red", 0.62, 0.69),
    REDEDGE("rededge", 0.69, 0.79),
    REDEDGE071("rededge071", 0.69, 0.73),
    REDEDGE075("rededge075", 0.73, 0.76),
    REDEDGE078("rededge078", 0.76, 0.79),
    NIR("nir", 0.76, 1.00),
    NIR08("nir08", 0.80, 0.90),
    NIR09("nir09", 0.90, 1.00),
    CIRRUS("cirrus", 1.35, 1.40),
    SWIR16("swir16", 1.55, 1.75),
    SWIR22("swir22", 2.08, 2.35),
    LWIR("lwir", 10.4, 12.5),
    LWIR11("lwir11", 10.5, 11.5),
    LWIR12("lwir12", 11.5, 12.5);

    private final String stacName;
    private final double minUm;
    private final double maxUm;

    CommonName(String stacName, double minUm, double maxUm) {
        this.stacName = stacName;
        this.minUm = minUm;
        this.maxUm = maxUm;
    }

    /** The name as STAC writes it, e.g. {@code "swir16"}. */
    public String stacName() {
        return stacName;
    }

    /** Lower end of the STAC band range, in µm. */
    public double minUm() {
        return minUm;
    }

    /** Upper end of the STAC band range, in µm. */
    public double maxUm() {
        return maxUm;
    }

    /**
     * The name without its numeric suffix ({@code "rededge071"} → {@code "rededge"}, {@code "swir16"} →
     * {@code "swir"}, {@code "nir08"} → {@code "nir"}): lets "rededge" or "swir" find the narrow variants.
     */
    public String family() {
        return stacName.replaceAll("[0-9]+$", "");
    }

    /** The common name for a STAC string (case-insensitive, surrounding blanks ignored), if it is one. */
    public static Optional<CommonName> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (CommonName c : values()) {
            if (c.stacName.equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a STAC common name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid names when {@code text} is not one
     */
    public static CommonName parse(String text) {
        return find(text)
                .orElseThrow(() -> new IllegalArgumentException("unknown common name '" + text
                        + "': use one of the STAC eo common names " + allNames() + " or leave it out"));
    }

    /** All STAC names, comma-separated, for messages. */
    public static String allNames() {
        return Arrays.stream(values()).map(CommonName::stacName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return stacName;
    }
}
