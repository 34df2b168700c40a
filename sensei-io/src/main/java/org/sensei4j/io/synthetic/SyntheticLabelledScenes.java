package org.sensei4j.io.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.CommonName;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;

/**
 * Synthetic scenes rendered through a registered sensor's bands, as {@link LabelledScene}s in SEnSeI's
 * quantities (thermal bands as normalised brightness temperature) with their truth mask.
 */
public final class SyntheticLabelledScenes {

    private SyntheticLabelledScenes() {}

    /**
     * Renders {@code spec} through {@code bands} of {@code sensor}.
     *
     * @param georeference grid of the scene, or null
     * @param scheme       scheme of the labels ("full", "cloud-shadow" or "cloud")
     */
    public static LabelledScene render(
            SyntheticSceneSpec spec, Sensor sensor, List<Band> bands, Georeference georeference, ClassScheme scheme) {
        List<SyntheticBand> synthetic = new ArrayList<>();
        for (Band b : bands) {
            synthetic.add(new SyntheticBand(b.id(), b.wavelengths(), b.quantity() == Quantity.BRIGHTNESS_TEMPERATURE));
        }
        SyntheticScene s = new SyntheticSceneGenerator(spec).render(synthetic);
        int w = s.width();
        int h = s.height();
        float[] values = new float[bands.size() * w * h];
        for (int i = 0; i < bands.size(); i++) {
            float[] v = synthetic.get(i).thermal()
                    ? s.normalisedBrightnessTemperature(bands.get(i).id())
                    : s.band(i);
            System.arraycopy(v, 0, values, i * w * h, w * h);
        }
        String id = "synthetic-" + sensor.id() + "-" + spec.seed();
        Scene scene = new Scene(
                id,
                bands,
                sensor,
                new FloatRaster(bands.size(), h, w, values, null),
                null,
                georeference,
                spec.pixelSizeM());
        return new LabelledScene(
                "synthetic",
                scene,
                scheme,
                s.truthMask(scheme),
                Map.of("sensor", sensor.id(), "cloud_cover", String.valueOf(spec.cloudCover())));
    }

    /** All of the sensor's bands except panchromatic ones. */
    public static List<Band> multispectralBands(Sensor sensor) {
        return sensor.bands().stream()
                .filter(b -> b.commonName() == null || b.commonName() != CommonName.PAN)
                .toList();
    }
}
