package org.sensei4j.train.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.synthetic.SyntheticBand;
import org.sensei4j.io.synthetic.SyntheticScene;
import org.sensei4j.io.synthetic.SyntheticSceneGenerator;
import org.sensei4j.io.synthetic.SyntheticSceneSpec;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.CommonName;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;
import org.sensei4j.train.sample.Seeds;

/**
 * Labelled synthetic scenes ({@link SyntheticSceneGenerator}) rendered through the bands of several sensors, as a
 * {@link Dataset}: scene {@code i} uses sensor {@code i mod sensors} and is named {@code <sensor>-NNN}. Each
 * scene draws its cloud cover (5–80 %), thin-cloud share (0–40 %), cirrus (40 % of scenes), sun position and
 * cloud height from {@code Seeds.derive(seed, i)}; panchromatic bands are left out; thermal bands are normalised
 * as SEnSeI expects. Labels come in the {@code full} scheme. Scenes are rendered when opened.
 */
public final class SyntheticDataset implements Dataset {

    private final String name;
    private final List<Sensor> sensors;
    private final int count;
    private final int size;
    private final long seed;
    private final List<String> ids;

    /**
     * @param sensors sensor ids or aliases of the built-in registry
     * @param count   number of scenes
     * @param size    scene side, px
     */
    public SyntheticDataset(String name, List<String> sensors, int count, int size, long seed) {
        if (sensors == null || sensors.isEmpty()) {
            throw new SenseiException("synthetic data set " + name + " has no sensors: give e.g. [sentinel2]");
        }
        if (count < 1 || size < 1) {
            throw new SenseiException("synthetic data set " + name + " needs scene_count >= 1 and size >= 1");
        }
        this.name = name;
        this.sensors = sensors.stream().map(s -> SensorRegistry.builtIn().get(s)).toList();
        this.count = count;
        this.size = size;
        this.seed = seed;
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(sceneId(i));
        }
        this.ids = List.copyOf(list);
    }

    private String sceneId(int i) {
        return String.format("%s-%03d", sensors.get(i % sensors.size()).id(), i);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> sceneIds() {
        return ids;
    }

    @Override
    public ClassScheme scheme() {
        return ClassScheme.CLEAR_THIN_THICK_SHADOW;
    }

    @Override
    public SplitAssignment splits() {
        return SplitAssignment.none();
    }

    /** The bands scene {@code i} is rendered through: its sensor's bands but panchromatic ones. */
    public List<Band> bands(int i) {
        return sensors.get(i % sensors.size()).bands().stream().filter(b -> b.commonName() != CommonName.PAN)
                .toList();
    }

    /** The bands of all scenes, as {@code sensor:band}, sensor by sensor. */
    public List<String> bandIds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, sensors.size()); i++) {
            String sensor = sensors.get(i).id();
            bands(i).forEach(b -> out.add(sensor + ":" + b.id()));
        }
        return out;
    }

    /** The spec of scene {@code i}. */
    public SyntheticSceneSpec spec(int i) {
        SplittableRandom r = new SplittableRandom(Seeds.derive(seed, i));
        double cover = 0.05 + 0.75 * r.nextDouble();
        double thin = 0.4 * r.nextDouble();
        boolean cirrus = r.nextDouble() < 0.4;
        double azimuth = 360 * r.nextDouble();
        double elevation = 20 + 60 * r.nextDouble();
        double height = 500 + 5000 * r.nextDouble();
        long sceneSeed = r.nextLong();
        return SyntheticSceneSpec.defaults(size, size, sceneSeed).withCloudCover(cover).withThinCloudShare(thin)
                .withCirrus(cirrus).withSun(azimuth, elevation).withCloudHeightM(height);
    }

    @Override
    public LabelledScene open(String sceneId) {
        int i = ids.indexOf(sceneId);
        if (i < 0) {
            throw new SenseiException("synthetic data set " + name + " has no scene '" + sceneId + "': its ids are "
                    + ids.get(0) + " .. " + ids.get(ids.size() - 1));
        }
        List<Band> bands = bands(i);
        List<SyntheticBand> render = bands.stream().map(b -> SyntheticBand.of(b.id(), b.wavelengths())).toList();
        SyntheticScene s = new SyntheticSceneGenerator(spec(i)).render(render);
        float[][] planes = new float[bands.size()][];
        for (int k = 0; k < planes.length; k++) {
            planes[k] = render.get(k).thermal() ? s.normalisedBrightnessTemperature(render.get(k).id()) : s.band(k);
        }
        FloatRaster values = FloatRaster.ofBands(size, size, null, planes);
        Scene scene = new Scene(sceneId, bands, sensors.get(i % sensors.size()), values, null, null,
                s.spec().pixelSizeM());
        return new LabelledScene(name, scene, ClassScheme.CLEAR_THIN_THICK_SHADOW, s.truthMask(), Map.of());
    }

    @Override
    public String toString() {
        return name + " (" + count + " synthetic scenes of " + size + " px, sensors "
                + sensors.stream().map(Sensor::id).toList() + ")";
    }
}
