package org.sensei4j.io.product;

import java.util.Locale;

/**
 * Which of the two thermal gains of a Landsat 7 ETM+ Level-1 product is read as band B6: the products deliver
 * band 6 twice, {@code B6_VCID_1} (low gain, wide range: 130–350 K, never saturates over clouds or hot land) and
 * {@code B6_VCID_2} (high gain, 240–320 K, finer steps but saturates over hot surfaces).
 */
public enum Landsat7Thermal {
    /** {@code B6_VCID_1}, low gain (the default). */
    VCID_1,
    /** {@code B6_VCID_2}, high gain. */
    VCID_2;

    /**
     * Parses {@code vcid_1}/{@code vcid1}/{@code 1}/{@code low} or {@code vcid_2}/{@code vcid2}/{@code 2}/{@code high},
     * case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static Landsat7Thermal parse(String text) {
        String t = text == null
                ? ""
                : text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return switch (t) {
            case "vcid1", "1", "low", "b6vcid1" -> VCID_1;
            case "vcid2", "2", "high", "b6vcid2" -> VCID_2;
            default ->
                throw new IllegalArgumentException("unknown Landsat 7 thermal band '" + text
                        + "': use vcid_1 (B6_VCID_1, low gain) or vcid_2 (B6_VCID_2, high gain)");
        };
    }

    /**
     * The band's id in {@link org.sensei4j.io.landsat.LandsatMetadata#band(String)}: {@code B6} or {@code B6_VCID_2}.
     */
    public String bandId() {
        return this == VCID_1 ? "B6" : "B6_VCID_2";
    }
}
