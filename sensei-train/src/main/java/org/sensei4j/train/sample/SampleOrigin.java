package org.sensei4j.train.sample;

import java.util.Objects;
import org.sensei4j.raster.PixelWindow;

/**
 * Where a training sample was cut from: the data set, the scene id and the window of the scene (pixels, before
 * any augmentation).
 */
public record SampleOrigin(String dataset, String sceneId, PixelWindow window) {

    public SampleOrigin {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(window, "window");
    }

    @Override
    public String toString() {
        return dataset + "/" + sceneId + " x=" + window.x() + " y=" + window.y() + " " + window.width() + "×"
                + window.height();
    }
}
