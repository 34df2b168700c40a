package org.sensei4j.scene;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/**
 * A scene held in memory: bands (with their descriptors), values in SEnSeI's quantities, validity mask and
 * georeference.
 */
public final class Scene extends BandGridSource {

    private final String id;
    private final FloatRaster values;
    private final byte[] invalid;
    private final double resolutionM;

    /**
     * @param sensor       may be null
     * @param invalid      per-pixel {@link SceneWindow} codes, or null when every pixel is valid
     * @param georeference may be null (a plain image: {@link #georeference()} is then empty)
     * @param resolutionM  ground sampling distance in metres, NaN when unknown ({@link #resolutionM()} is then
     *                     empty)
     */
    public Scene(
            String id,
            List<Band> bands,
            Sensor sensor,
            FloatRaster values,
            byte[] invalid,
            Georeference georeference,
            double resolutionM) {
        super(sensor, bands, requireValues(values).width(), values.height(), georeference);
        this.id = Objects.requireNonNull(id, "id");
        this.values = values;
        if (bands.size() != values.bands()) {
            throw new SenseiException("scene '" + id + "' has " + values.bands() + " bands of values but "
                    + bands.size() + " band descriptions: give one band (sensor band or wavelength) per layer");
        }
        this.invalid = invalid != null ? invalid : new byte[values.planeSize()];
        if (this.invalid.length != values.planeSize()) {
            throw new IllegalArgumentException(
                    "mask has " + this.invalid.length + " pixels, expected " + values.planeSize());
        }
        this.resolutionM = resolutionM;
    }

    private static FloatRaster requireValues(FloatRaster values) {
        return Objects.requireNonNull(values, "values");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public OptionalDouble resolutionM() {
        return Double.isNaN(resolutionM) ? OptionalDouble.empty() : OptionalDouble.of(resolutionM);
    }

    /** All values (bands × height × width); shared, not copied. */
    public FloatRaster values() {
        return values;
    }

    /** The validity mask (shared, not copied). */
    public byte[] invalid() {
        return invalid;
    }

    @Override
    public SceneWindow read(PixelWindow window) {
        FloatRaster v = values.crop(window);
        byte[] m = new byte[window.width() * window.height()];
        for (int r = 0; r < window.height(); r++) {
            System.arraycopy(invalid, (window.y() + r) * width() + window.x(), m, r * window.width(), window.width());
        }
        return new SceneWindow(window, v, m);
    }

    /** The scene restricted to some bands (by position), e.g. for band-subset experiments. */
    public Scene selectBands(int... indices) {
        List<Band> selected = Arrays.stream(indices).mapToObj(bands::get).toList();
        return new Scene(id, selected, sensor, values.selectBands(indices), invalid, georeference, resolutionM);
    }

    /** Reads a whole source into memory. */
    public static Scene load(SceneSource source) {
        if (source instanceof Scene s) {
            return s;
        }
        SceneWindow all = source.read(source.fullWindow());
        return new Scene(
                source.id(),
                source.bands(),
                source.sensor().orElse(null),
                all.values(),
                all.invalid(),
                source.georeference().orElse(null),
                source.resolutionM().orElse(Double.NaN));
    }
}
