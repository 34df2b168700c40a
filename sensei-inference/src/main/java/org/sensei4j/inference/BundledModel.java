package org.sensei4j.inference;

import java.io.IOException;
import java.io.InputStream;

/**
 * A default model that an application carries (the {@code sensei} command carries one in its jar): what
 * {@code --model default} means. The library has none of its own; an application registers its bundle as a
 * service ({@code META-INF/services/org.sensei4j.inference.BundledModel}), and {@link ModelLocator} finds it
 * with {@link java.util.ServiceLoader}.
 */
public interface BundledModel {

    /** The bundle zip's bytes, or null when this build has none. */
    InputStream open() throws IOException;
}
