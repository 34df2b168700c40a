package org.sensei4j.model;

/**
 * A system property as it was when a test began, put back when the test closes this ({@code try (var p = new
 * SavedProperty(NAME)) { p.set(...); ... }}): cleared if it was not set.
 */
public final class SavedProperty implements AutoCloseable {

    private final String name;
    private final String before;

    public SavedProperty(String name) {
        this.name = name;
        this.before = System.getProperty(name);
    }

    /** Sets the property to {@code value} for the rest of the test. */
    public void set(String value) {
        System.setProperty(name, value);
    }

    /** Clears the property for the rest of the test. */
    public void clear() {
        System.clearProperty(name);
    }

    @Override
    public void close() {
        if (before == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, before);
        }
    }
}
