package org.sensei4j.error;

/**
 * A problem caused by the user's input (a file, an option, a definition), not by a bug.
 *
 * <p>The message must name the problem and the fix, e.g. "13 band values but 12 descriptors: give one
 * descriptor per band". The CLI prints it without a stack trace and exits with code 2.
 *
 * <p>Its {@link Kind} says what kind of input is at fault, for programs that want to react differently (skip a
 * corrupt scene, retry after a full disk); any other exception (an {@code IllegalArgumentException},
 * {@code IllegalStateException} or {@code NullPointerException} of our own code that is not wrapped as one of these)
 * is a bug: the CLI prints its stack trace and exits with code 70.
 */
public class SenseiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of input is at fault. */
    public enum Kind {
        /** An option, a configuration or a definition (sensor, band map, mask codes) is wrong: the default. */
        USER_INPUT,
        /** A file's contents cannot be used (corrupt, not the format it claims, values that cannot be right). */
        DATA,
        /** The file system refused: a missing file, no permission, a full disk. */
        IO,
        /** A model bundle or weights file cannot be used (corrupt, wrong architecture, wrong shapes). */
        MODEL
    }

    private final Kind kind;

    /** A {@link Kind#USER_INPUT} problem. */
    public SenseiException(String message) {
        this(Kind.USER_INPUT, message, null);
    }

    /** A {@link Kind#USER_INPUT} problem. */
    public SenseiException(String message, Throwable cause) {
        this(Kind.USER_INPUT, message, cause);
    }

    public SenseiException(Kind kind, String message) {
        this(kind, message, null);
    }

    public SenseiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind == null ? Kind.USER_INPUT : kind;
    }

    /** What kind of input is at fault. */
    public Kind kind() {
        return kind;
    }
}
