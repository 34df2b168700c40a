package org.sensei4j.error;

/**
 * A problem caused by the user's input (a file, an option, a definition), not by a bug.
 *
 * <p>The message must name the problem and the fix, e.g. "13 band values but 12 descriptors: give one
 * descriptor per band". The CLI prints it without a stack trace and exits with code 2.
 */
public class SenseiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SenseiException(String message) {
        super(message);
    }

    public SenseiException(String message, Throwable cause) {
        super(message, cause);
    }
}
