package org.sensei4j.io.product;

import org.sensei4j.scene.SceneSource;

/**
 * One input format, modelled on Apache SIS's {@code DataStoreProvider}: {@link #probe} says whether an input is this
 * format without opening it (cheap checks: kind, name, signature), {@link #open} reads it.
 * {@link SceneProviders} asks the providers in a fixed order and opens the input with the first that supports it.
 * More providers can be registered through {@link java.util.ServiceLoader} ({@code
 * META-INF/services/org.sensei4j.io.product.SceneProvider}); they need a public no-argument constructor.
 */
public interface SceneProvider {

    /** A short, unique name, e.g. {@code geotiff}. */
    String name();

    /**
     * What the provider reads, as a phrase for "give ..." messages, e.g. {@code a GeoTIFF (.tif/.tiff)}; the list of
     * supported inputs in error messages is made of these.
     */
    String description();

    /** Whether the provider reads {@link ProductOptions#bandMap()}; with a band map only such providers are asked. */
    default boolean readsBandMap() {
        return false;
    }

    /** Whether this provider reads {@code input}; must not throw for inputs of other formats. */
    ProbeResult probe(ProductInput input);

    /**
     * Opens an input that {@link #probe} said is {@link ProbeResult#SUPPORTED}.
     *
     * @throws org.sensei4j.error.SenseiException when the input cannot be read as asked; the message names the
     *                                            problem and the fix
     */
    SceneSource open(ProductInput input, ProductOptions options);
}
