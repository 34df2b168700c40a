package org.sensei4j.sensor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule by which band ids are compared, everywhere: sensor band look-up, band-set lists, file-name words of
 * band folders, STAC asset keys, Landsat product bands and the bands a fixed-band model takes.
 *
 * <p>Two ids name the same band when their {@linkplain #key keys} are equal: upper case, without blanks, '_' and
 * '-', numbers without leading zeros. So {@code "b08"}, {@code "B8"} and {@code "B_08"} are one band, {@code "B8A"}
 * stays {@code "B8A"}, {@code "SR_B4"} is {@code "SRB4"} (not {@code "B4"}) and {@code "band4"} is {@code "BAND4"}.
 */
public final class BandIds {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
    private static final Pattern LEADING_ZEROS = Pattern.compile("(?<![0-9])0+(?=[0-9])");

    private BandIds() {}

    /** The form band ids are compared in ({@code "b_02"} → {@code "B2"}). */
    public static String key(String bandId) {
        String upper = bandId.trim().toUpperCase(Locale.ROOT);
        return LEADING_ZEROS.matcher(SEPARATORS.matcher(upper).replaceAll("")).replaceAll("");
    }

    /** Whether two ids name the same band by {@link #key}. */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }
}
