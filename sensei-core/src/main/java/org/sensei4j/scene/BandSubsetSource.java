package org.sensei4j.scene;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandSets;
import org.sensei4j.sensor.Sensor;

/** A view of a scene restricted to some of its bands (by position), e.g. for band-set experiments. */
public final class BandSubsetSource implements SceneSource {

    private final SceneSource source;
    private final int[] indices;
    private final List<Band> bands;

    public BandSubsetSource(SceneSource source, int[] indices) {
        this.source = source;
        this.indices = indices.clone();
        this.bands = Arrays.stream(indices).mapToObj(i -> source.bands().get(i)).toList();
    }

    /**
     * {@code source} seen through the band set {@code set} ({@link BandSets#select}, e.g. {@code RGB}); {@code source}
     * itself for {@code ALL}.
     *
     * @throws org.sensei4j.error.SenseiException when the scene lacks a band the set needs
     */
    public static SceneSource ofBandSet(SceneSource source, String set) {
        return "ALL".equalsIgnoreCase(set)
                ? source
                : new BandSubsetSource(source, BandSets.select(set, source.bands()));
    }

    @Override
    public String id() {
        return source.id();
    }

    @Override
    public List<Band> bands() {
        return bands;
    }

    @Override
    public Optional<Sensor> sensor() {
        return source.sensor();
    }

    @Override
    public int width() {
        return source.width();
    }

    @Override
    public int height() {
        return source.height();
    }

    @Override
    public Optional<Georeference> georeference() {
        return source.georeference();
    }

    @Override
    public OptionalDouble resolutionM() {
        return source.resolutionM();
    }

    @Override
    public SceneWindow read(PixelWindow window) {
        SceneWindow w = source.read(window);
        return new SceneWindow(window, w.values().selectBands(indices), w.invalid());
    }

    @Override
    public void close() {
        source.close();
    }
}
