package org.sensei4j.dataset;

import java.util.Locale;
import java.util.Optional;

/** The part of a data set a scene belongs to. */
public enum Split {
    TRAIN("train"),
    VALIDATION("valid"),
    TEST("test");

    private final String id;

    Split(String id) {
        this.id = id;
    }

    /** Short name used in file names and JSON: {@code train}, {@code valid}, {@code test}. */
    public String id() {
        return id;
    }

    /**
     * The split a name stands for: {@code train}/{@code training}, {@code valid}/{@code validation}/{@code val},
     * {@code test}/{@code testing}; case does not matter.
     */
    public static Optional<Split> fromName(String name) {
        return Optional.ofNullable(
                switch (name.trim().toLowerCase(Locale.ROOT)) {
                    case "train", "training" -> TRAIN;
                    case "valid", "validation", "val" -> VALIDATION;
                    case "test", "testing" -> TEST;
                    default -> null;
                });
    }
}
