package org.sensei4j.train.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntBinaryOperator;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;

/** Small synthetic scenes and samples whose values encode band and position: {@code b·10000 + row·100 + col}. */
final class Fixtures {

    private Fixtures() {}

    static Band band(String id, double min, double centre, double max) {
        return new Band(id, null, new BandDescriptor(min, centre, max), 20.0, Quantity.TOA_REFLECTANCE);
    }

    /** Six Sentinel-2-like bands, ascending in wavelength. */
    static List<Band> sixBands() {
        return List.of(
                band("B1", 433, 443, 453),
                band("B2", 458, 490, 523),
                band("B3", 543, 560, 578),
                band("B4", 645.5, 665, 684.5),
                band("B8", 763.5, 834, 904.5),
                band("B11", 1565, 1610, 1655));
    }

    static List<Band> firstBands(int n) {
        return sixBands().subList(0, n);
    }

    /** The encoded value of band b at scene position (row, col). */
    static float code(int band, int row, int col) {
        return band * 10000f + row * 100f + col;
    }

    /** Decodes a value's band. */
    static int bandOf(float v) {
        return (int) (v / 10000);
    }

    /** Decodes a value's row. */
    static int rowOf(float v) {
        return ((int) v % 10000) / 100;
    }

    /** Decodes a value's column. */
    static int colOf(float v) {
        return (int) v % 100;
    }

    /** Labels of the CLEAR_THIN_THICK_SHADOW scheme that are not symmetric under flips or rotations. */
    static int label(int row, int col) {
        return (row / 4 + 2 * (col / 8)) % 4;
    }

    static Scene scene(String id, List<Band> bands, int width, int height, byte[] invalid) {
        float[] v = new float[bands.size() * width * height];
        for (int b = 0; b < bands.size(); b++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    v[(b * height + r) * width + c] = code(b, r, c);
                }
            }
        }
        return new Scene(id, bands, null, new FloatRaster(bands.size(), height, width, v, null), invalid, null, 20.0);
    }

    static byte[] labels(int width, int height, IntBinaryOperator rowColToLabel) {
        byte[] l = new byte[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                l[r * width + c] = (byte) rowColToLabel.applyAsInt(r, c);
            }
        }
        return l;
    }

    /** A labelled 6-band scene, labels {@link #label} in the full scheme. */
    static LabelledScene labelledScene(String dataset, String id, int width, int height) {
        return new LabelledScene(
                dataset,
                scene(id, sixBands(), width, height, null),
                ClassScheme.CLEAR_THIN_THICK_SHADOW,
                labels(width, height, Fixtures::label),
                Map.of());
    }

    static LabelledScene labelledScene(
            String dataset, String id, List<Band> bands, int width, int height, IntBinaryOperator labels) {
        return new LabelledScene(
                dataset,
                scene(id, bands, width, height, null),
                ClassScheme.CLEAR_THIN_THICK_SHADOW,
                labels(width, height, labels),
                Map.of());
    }

    /** A size × size sample of the given bands, encoded values and {@link #label} labels. */
    static TrainingSample sample(int size, List<Band> bands) {
        float[] v = new float[bands.size() * size * size];
        for (int b = 0; b < bands.size(); b++) {
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    v[(b * size + r) * size + c] = code(b, r, c);
                }
            }
        }
        return new TrainingSample(
                v,
                bands,
                labels(size, size, Fixtures::label),
                size,
                ClassScheme.CLEAR_THIN_THICK_SHADOW,
                new SampleOrigin("test", "s", new PixelWindow(0, 0, size, size)));
    }

    /** A sample whose values are all {@code value}. */
    static TrainingSample constant(int size, List<Band> bands, float value) {
        TrainingSample s = sample(size, bands);
        float[] v = new float[s.values().length];
        Arrays.fill(v, value);
        return s.withValues(v, bands);
    }

    /** A source that records every window read from it. */
    static final class RecordingSource implements SceneSource {
        final Scene scene;
        final List<PixelWindow> reads = new ArrayList<>();
        boolean closed;

        RecordingSource(Scene scene) {
            this.scene = scene;
        }

        @Override
        public String id() {
            return scene.id();
        }

        @Override
        public List<Band> bands() {
            return scene.bands();
        }

        @Override
        public Optional<Sensor> sensor() {
            return scene.sensor();
        }

        @Override
        public int width() {
            return scene.width();
        }

        @Override
        public int height() {
            return scene.height();
        }

        @Override
        public Optional<Georeference> georeference() {
            return Optional.empty();
        }

        @Override
        public OptionalDouble resolutionM() {
            return scene.resolutionM();
        }

        @Override
        public SceneWindow read(PixelWindow window) {
            reads.add(window);
            return scene.read(window);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
