package org.sensei4j.train.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.synthetic.MeasuredSceneSpec;
import org.sensei4j.io.synthetic.SpectralLibrary;
import org.sensei4j.io.synthetic.SyntheticBand;
import org.sensei4j.io.synthetic.SyntheticScene;
import org.sensei4j.io.synthetic.SyntheticSceneGenerator;
import org.sensei4j.io.synthetic.SyntheticSceneSpec;
import org.sensei4j.io.synthetic.VirtualSensors;
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
 *
 * <p>The sensor name {@value VirtualSensors#NAME} stands for a random virtual sensor drawn per scene from the seed
 * ({@link VirtualSensors}; scene ids {@code virtual-NNN}). With a spectra folder, scenes are rendered from
 * measured spectra and cloud optics ({@link MeasuredSceneSpec#draw}, truth by
 * {@link org.sensei4j.classes.LabelConvention}) with pixels of 10-500 m (log-uniform); the layout draws (cover,
 * sun, cloud height) are those of the same scene without it, from the same stream.
 */
public final class SyntheticDataset implements Dataset {

    private final String name;
    /** The registry sensor of each entry, or null where the entry is {@value VirtualSensors#NAME}. */
    private final List<Sensor> sensors;

    private final SpectralLibrary library;
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
        this(name, sensors, count, size, seed, null);
    }

    /**
     * @param sensors    sensor ids or aliases of the built-in registry, or {@value VirtualSensors#NAME}
     * @param count      number of scenes
     * @param size       scene side, px
     * @param spectraDir folder of measured spectra and refractive indices ({@link SpectralLibrary}), or null for
     *                   the legacy rendering
     * @throws SenseiException if the spectra folder or its files are missing or malformed
     */
    public SyntheticDataset(String name, List<String> sensors, int count, int size, long seed, Path spectraDir) {
        if (sensors == null || sensors.isEmpty()) {
            throw new SenseiException("synthetic data set " + name + " has no sensors: give e.g. [sentinel2]");
        }
        if (count < 1 || size < 1) {
            throw new SenseiException("synthetic data set " + name + " needs scene_count >= 1 and size >= 1");
        }
        this.name = name;
        List<Sensor> resolved = new ArrayList<>();
        for (String s : sensors) {
            resolved.add(
                    VirtualSensors.NAME.equalsIgnoreCase(s.strip())
                            ? null
                            : SensorRegistry.builtIn().get(s));
        }
        this.sensors = Collections.unmodifiableList(resolved);
        this.library = spectraDir == null ? null : SpectralLibrary.load(spectraDir);
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
        Sensor s = sensors.get(i % sensors.size());
        return String.format("%s-%03d", s == null ? VirtualSensors.NAME : s.id(), i);
    }

    /** The sensor of scene {@code i}: its entry's registry sensor, or a virtual sensor drawn for the scene. */
    public Sensor sensor(int i) {
        Sensor s = sensors.get(i % sensors.size());
        return s != null ? s : VirtualSensors.draw(Seeds.derive(seed, i, 0x5E45L));
    }

    /** Whether scenes are rendered from measured spectra. */
    public boolean measuredSpectra() {
        return library != null;
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
        return sensor(i).bands().stream()
                .filter(b -> b.commonName() != CommonName.PAN)
                .toList();
    }

    /** The bands of all scenes, as {@code sensor:band}, sensor by sensor. */
    public List<String> bandIds() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, sensors.size()); i++) {
            String sensor = sensor(i).id();
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
        SyntheticSceneSpec spec = SyntheticSceneSpec.defaults(size, size, sceneSeed)
                .withCloudCover(cover)
                .withThinCloudShare(thin)
                .withCirrus(cirrus)
                .withSun(azimuth, elevation)
                .withCloudHeightM(height);
        if (library != null) {
            SplittableRandom m = new SplittableRandom(Seeds.derive(seed, i, 1));
            spec = spec.withPixelSizeM(10 * Math.pow(50, m.nextDouble()));
        }
        return spec;
    }

    /** The measured-spectra physics of scene {@code i}, or null for the legacy rendering. */
    public MeasuredSceneSpec measured(int i) {
        return library == null ? null : MeasuredSceneSpec.draw(library, Seeds.derive(seed, i, 2));
    }

    @Override
    public LabelledScene open(String sceneId) {
        int i = ids.indexOf(sceneId);
        if (i < 0) {
            throw new SenseiException("synthetic data set " + name + " has no scene '" + sceneId + "': its ids are "
                    + ids.get(0) + " .. " + ids.get(ids.size() - 1));
        }
        List<Band> bands = bands(i);
        List<SyntheticBand> render = bands.stream()
                .map(b -> SyntheticBand.of(b.id(), b.wavelengths()))
                .toList();
        MeasuredSceneSpec physics = measured(i);
        SyntheticScene s = (physics == null
                        ? new SyntheticSceneGenerator(spec(i))
                        : new SyntheticSceneGenerator(spec(i), physics))
                .render(render);
        float[][] planes = new float[bands.size()][];
        for (int k = 0; k < planes.length; k++) {
            planes[k] = render.get(k).thermal()
                    ? s.normalisedBrightnessTemperature(render.get(k).id())
                    : s.band(k);
        }
        FloatRaster values = FloatRaster.ofBands(size, size, null, planes);
        Scene scene = new Scene(
                sceneId, bands, sensor(i), values, null, null, s.spec().pixelSizeM());
        return new LabelledScene(name, scene, ClassScheme.CLEAR_THIN_THICK_SHADOW, s.truthMask(), Map.of());
    }

    @Override
    public String toString() {
        return name + " (" + count + " synthetic scenes of " + size + " px, sensors "
                + sensors.stream()
                        .map(x -> x == null ? VirtualSensors.NAME : x.id())
                        .toList()
                + (library != null ? ", measured spectra from " + library.folder() : "") + ")";
    }
}
