package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.List;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/**
 * A product scene read from one image file per band ({@link LandsatScene}, {@link Sentinel2SafeScene}): its layers
 * hold each band's file and open reader, read window by window and closed with the scene.
 *
 * @param <L> the product's layer
 */
abstract class LayeredScene<L extends LayeredScene.Layer> extends ProductScene {

    /** One band of the scene: its description, its file and the reader open on it. */
    interface Layer {
        Band band();

        Path file();

        /** Closes the layer's reader. */
        void close();
    }

    protected final List<L> layers;

    LayeredScene(Sensor sensor, List<L> layers, int width, int height, Georeference georeference) {
        super(sensor, layers.stream().map(Layer::band).toList(), width, height, georeference);
        this.layers = List.copyOf(layers);
    }

    /** Each band's image file, in band order. */
    public List<Path> bandFiles() {
        return layers.stream().map(Layer::file).toList();
    }

    @Override
    public synchronized SceneWindow read(PixelWindow window) {
        window.requireInside(width, height);
        int plane = window.width() * window.height();
        float[] out = new float[layers.size() * plane];
        byte[] flags = new byte[plane];
        readLayers(window, out, flags);
        return windowOf(window, layers.size(), out, flags);
    }

    /**
     * Reads every layer's values in {@code window} into its plane of {@code out} (band-major) and flags the pixels
     * (see {@link #store}).
     */
    protected abstract void readLayers(PixelWindow window, float[] out, byte[] flags);

    @Override
    public void close() {
        closeEach(layers, Layer::close);
    }
}
