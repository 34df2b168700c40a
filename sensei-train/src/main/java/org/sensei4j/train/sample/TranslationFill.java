package org.sensei4j.train.sample;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What fills the pixels a translation uncovers (their labels are always NODATA). */
public enum TranslationFill {
    /** The nearest edge pixel's values (replicated border). */
    EDGE,
    /** Zero, as the readers give for pixels without data. */
    ZERO;

    /** The JSON name: {@code edge} or {@code zero}. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code edge} or {@code zero} (any case). */
    @JsonCreator
    public static TranslationFill parse(String text) {
        for (TranslationFill f : values()) {
            if (f.key().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown translation_fill '" + text + "': use edge or zero");
    }
}
