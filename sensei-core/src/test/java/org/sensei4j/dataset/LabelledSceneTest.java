package org.sensei4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

class LabelledSceneTest {

    private static final byte N = (byte) ClassScheme.NODATA;

    /** 3×2 scene, 2 bands; pixel (row 1, column 2) has no data. */
    private static Scene scene() {
        Sensor s2 = SensorRegistry.builtIn().find("sentinel2").orElseThrow();
        float[] v = {1, 2, 3, 4, 5, 0, 10, 20, 30, 40, 50, 0}; // nodata pixels hold 0
        byte[] invalid = {0, 0, 0, 0, 0, SceneWindow.NODATA};
        return new Scene(
                "s1",
                s2.select(List.of("B02", "B03")),
                s2,
                new FloatRaster(2, 2, 3, v, null),
                invalid,
                Georeference.northUp(32633, 1000, 2000, 10, 10),
                10);
    }

    @Test
    void holdsLabelsTagsAndCounts() {
        // full scheme: 0 clear, 1 thin, 2 thick, 3 shadow
        LabelledScene l = new LabelledScene(
                "demo",
                scene(),
                ClassScheme.CLEAR_THIN_THICK_SHADOW,
                new byte[] {0, 1, 2, 3, N, 2},
                Map.of("snow/ice", "1", "forest", "0", "biome", "Urban"));
        assertThat(l.sceneId()).isEqualTo("s1");
        assertThat(l.dataset()).isEqualTo("demo");
        assertThat(l.width()).isEqualTo(3);
        assertThat(l.height()).isEqualTo(2);
        assertThat(l.classCounts()).containsExactly(1, 1, 2, 1);
        assertThat(l.nodataCount()).isEqualTo(1);
        assertThat(l.hasTag("snow/ice")).isTrue();
        assertThat(l.hasTag("forest")).isFalse();
        assertThat(l.hasTag("absent")).isFalse();
        assertThat(l.tag("biome")).contains("Urban");
        assertThat(l.isLoaded()).isTrue();
        // to the paper's scheme: thin and thick → cloud 1, shadow → clear 0
        assertThat(l.labels(ClassScheme.CLOUD_CLEAR)).containsExactly(0, 1, 1, 0, N, 1);
        assertThat(l.withScheme(ClassScheme.CLEAR_CLOUD_SHADOW).labels()).containsExactly(0, 1, 1, 2, N, 1);
        assertThat(l.labels(ClassScheme.CLEAR_THIN_THICK_SHADOW))
                .isNotSameAs(l.labels())
                .isEqualTo(l.labels());
    }

    @Test
    void windowCropsImageAndLabelsAndMasksNodataPixels() {
        LabelledScene l =
                new LabelledScene("demo", scene(), ClassScheme.CLOUD_CLEAR, new byte[] {0, 1, 0, 1, 1, 0}, Map.of());
        LabelledScene w = l.window(new PixelWindow(1, 0, 2, 2));
        assertThat(w.width()).isEqualTo(2);
        assertThat(w.scene().values().data()).containsExactly(2, 3, 5, 0, 20, 30, 50, 0);
        // (row 1, column 2) has no image data: its label becomes nodata
        assertThat(w.labels()).containsExactly(1, 0, 1, N);
        assertThat(w.source().georeference().orElseThrow().originX()).isEqualTo(1010.0);
        assertThat(l.load().labels()).containsExactly(0, 1, 0, 1, 1, N);
    }

    @Test
    void rejectsLabelsThatDoNotFit() {
        assertThatThrownBy(() -> new LabelledScene("demo", scene(), ClassScheme.CLOUD_CLEAR, new byte[5], Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3×2 pixels but its labels have 5");
        assertThatThrownBy(() -> new LabelledScene(
                        "demo", scene(), ClassScheme.CLOUD_CLEAR, new byte[] {0, 0, 2, 0, 0, 0}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2 at pixel 2")
                .hasMessageContaining("scheme cloud");
        LabelledScene l = new LabelledScene("demo", scene(), ClassScheme.CLOUD_CLEAR, new byte[6], Map.of());
        assertThatThrownBy(() -> l.labels(ClassScheme.CLEAR_CLOUD_SHADOW))
                .hasMessageContaining("cannot be converted to the finer scheme");
    }
}
