package org.sensei4j.cli;

import java.io.InputStream;
import org.sensei4j.inference.BundledModel;

/** The default model in the {@code sensei} jar (resource {@value #RESOURCE}), registered as a service. */
public final class CliBundledModel implements BundledModel {

    /** Classpath resource of the bundled default model (a bundle zip). */
    public static final String RESOURCE = "/org/sensei4j/models/default.zip";

    @Override
    public InputStream open() {
        return CliBundledModel.class.getResourceAsStream(RESOURCE);
    }
}
