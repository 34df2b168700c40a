package org.sensei4j.floor;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/** Hand-made labelled Sentinel-2 scenes where cloud is bright and white and clear is darker ground. */
final class BoostingFixtures {

    static final Sensor S2 = SensorRegistry.builtIn().get("sentinel2");
    static final List<String> BANDS = List.of("B02", "B03", "B04", "B08", "B11");

    private BoostingFixtures() {}

    /**
     * A {@code size × size} scene (bands B02, B03, B04, B08, B11): each pixel draws a visible level v in [0, 1);
     * cloud (class 1 of {@code cloud}) when v &gt; 0.45: flat spectrum at v (plus 2% noise), else a vegetation-
     * like pixel with the same visible level scaled by 0.6, NIR 0.3–0.5, SWIR 0.15. The last row is nodata.
     */
    static LabelledScene scene(String id, int size, long seed) {
        Random r = new Random(seed);
        int n = size * size;
        float[] data = new float[BANDS.size() * n];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            double v = r.nextDouble();
            boolean cloud = v > 0.45;
            for (int b = 0; b < BANDS.size(); b++) {
                double x;
                if (cloud) {
                    x = v + 0.02 * r.nextGaussian();
                } else {
                    x = b < 3 ? 0.6 * v + 0.02 * r.nextGaussian() : b == 3 ? 0.3 + 0.2 * r.nextDouble() : 0.15;
                }
                data[b * n + i] = (float) x;
            }
            labels[i] = (byte) (cloud ? 1 : 0);
        }
        return labelled(id, size, data, labels);
    }

    /**
     * A {@code size × size} scene (bands B02, B03, B04, B08, B11) where SWIR separates cloud from clear and the
     * visible bands only partly do: half the pixels cloud, visible level v uniform in [0.4, 1), flat spectrum at v
     * (2% noise) with SWIR 0.8 v; half clear, v uniform in [0, 0.6) in the visible bands, NIR 0.3–0.5, SWIR
     * 0.05–0.15. With RGB alone the best rule (v &gt; 0.5) is right on about 5/6 of the pixels. The last row is
     * nodata.
     */
    static LabelledScene swirScene(String id, int size, long seed) {
        Random r = new Random(seed);
        int n = size * size;
        float[] data = new float[BANDS.size() * n];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            boolean cloud = r.nextBoolean();
            double v = cloud ? 0.4 + 0.6 * r.nextDouble() : 0.6 * r.nextDouble();
            for (int b = 0; b < BANDS.size(); b++) {
                double x;
                if (b < 3) {
                    x = v + 0.02 * r.nextGaussian();
                } else if (b == 3) {
                    x = cloud ? v + 0.02 * r.nextGaussian() : 0.3 + 0.2 * r.nextDouble();
                } else {
                    x = cloud ? 0.8 * v : 0.05 + 0.1 * r.nextDouble();
                }
                data[b * n + i] = (float) x;
            }
            labels[i] = (byte) (cloud ? 1 : 0);
        }
        return labelled(id, size, data, labels);
    }

    /** The scene of {@code data} (bands {@link #BANDS}) with its labels; the last row is nodata. */
    private static LabelledScene labelled(String id, int size, float[] data, byte[] labels) {
        int n = size * size;
        byte[] invalid = new byte[n];
        for (int i = n - size; i < n; i++) {
            invalid[i] = 1;
            labels[i] = (byte) ClassScheme.NODATA;
        }
        List<Band> bands = S2.select(BANDS);
        Scene s = new Scene(id, bands, S2, new FloatRaster(BANDS.size(), size, size, data, null), invalid, null, 10.0);
        return new LabelledScene("hand-made", s, ClassScheme.CLOUD_CLEAR, labels, Map.of());
    }
}
