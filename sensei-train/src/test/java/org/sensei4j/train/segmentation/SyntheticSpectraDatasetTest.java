package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.synthetic.SyntheticBand;
import org.sensei4j.io.synthetic.SyntheticSceneGenerator;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.SensorRegistry;

/** Synthetic data sets with virtual sensors and measured spectra ({@code sensors: [.., virtual]}, spectra_dir). */
class SyntheticSpectraDatasetTest {

    static final Path SPECTRA = ShippedConfigsTest.SHARED.resolve("data/spectra");

    @TempDir
    Path tmp;

    @Test
    void virtualSensorsAreDrawnPerSceneFromTheSeed() {
        SyntheticDataset ds = new SyntheticDataset("s", List.of("sentinel2", "virtual"), 6, 24, 3);
        assertThat(ds.sceneIds())
                .containsExactly(
                        "sentinel2-000", "virtual-001", "sentinel2-002", "virtual-003", "sentinel2-004", "virtual-005");
        Set<String> registry = new HashSet<>();
        SensorRegistry.builtIn().all().forEach(s -> registry.add(s.id()));
        Set<List<Band>> seen = new HashSet<>();
        for (int i : new int[] {1, 3, 5}) {
            assertThat(registry).doesNotContain(ds.sensor(i).id());
            assertThat(ds.bands(i).size()).isBetween(3, 17);
            seen.add(ds.bands(i));
            LabelledScene s = ds.open(ds.sceneIds().get(i));
            assertThat(s.scene().bands()).isEqualTo(ds.bands(i));
            assertThat(s.scene().values().bands()).isEqualTo(ds.bands(i).size());
            // same seed, same sensor and values
            LabelledScene again = new SyntheticDataset("s", List.of("sentinel2", "virtual"), 6, 24, 3)
                    .open(ds.sceneIds().get(i));
            assertThat(again.scene().bands()).isEqualTo(s.scene().bands());
            assertThat(again.labels()).isEqualTo(s.labels());
        }
        assertThat(seen).as("each scene its own sensor").hasSize(3);
        assertThat(ds.sensor(0).id()).isEqualTo("sentinel2");
    }

    @Test
    void withoutSpectraDirTheLegacyRenderingIsUnchanged() {
        SyntheticDataset legacy = new SyntheticDataset("s", List.of("landsat8"), 2, 32, 9);
        SyntheticDataset none = new SyntheticDataset("s", List.of("landsat8"), 2, 32, 9, null);
        assertThat(legacy.measuredSpectra()).isFalse();
        assertThat(legacy.measured(0)).isNull();
        assertThat(none.open("landsat8-001").labels())
                .isEqualTo(legacy.open("landsat8-001").labels());
        // the spec is the one the generator renders directly
        var direct = new SyntheticSceneGenerator(legacy.spec(1))
                .render(legacy.bands(1).stream()
                        .map(b -> SyntheticBand.of(b.id(), b.wavelengths()))
                        .toList());
        assertThat(legacy.open("landsat8-001").labels()).isEqualTo(direct.truthMask());
        assertThat(legacy.spec(1).pixelSizeM()).isEqualTo(30.0);
    }

    @Test
    void theDefaultModelsSyntheticScenesRenderBitForBitAsBeforeMeasuredSpectraExisted() {
        // the sensors of configs/train/default-model.yaml; the hash was computed with the renderer and data set of
        // commit e7a890c (before measured spectra and virtual sensors) and pins the legacy rendering
        List<String> sensors = List.of(
                "sentinel2",
                "landsat8",
                "planetscope-superdove",
                "sentinel3-slstr",
                "cbers4-awfi",
                "perusat1",
                "sentinel3-olci",
                "modis");
        SyntheticDataset ds = new SyntheticDataset("synthetic", sensors, 8, 64, 4242L);
        long h = 1;
        for (int i = 0; i < 8; i++) {
            LabelledScene s = ds.open(ds.sceneIds().get(i));
            h = 31 * h + Arrays.hashCode(s.labels());
            h = 31 * h + Arrays.hashCode(s.scene().values().data());
        }
        assertThat(h).isEqualTo(8792496399578322590L);
    }

    @Test
    void aMissingSpectraFolderIsAClearErrorBeforeTraining() {
        assertThatThrownBy(() -> new SyntheticDataset("s", List.of("sentinel2"), 2, 32, 9, tmp.resolve("none")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("spectra_dir");
        TrainConfig c = TrainConfig.parse("""
                name: m
                head: nn
                sensei: true
                datasets:
                  - {type: synthetic, sensors: [sentinel2, virtual], scene_count: 2, size: 32, spectra_dir: nowhere}
                """, "t.yaml", false);
        assertThat(c.datasets().get(0).spectraDir()).isEqualTo("nowhere");
        assertThatThrownBy(() -> c.checkDataPaths(tmp))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("spectra_dir " + tmp.resolve("nowhere"))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> TrainConfig.parse("""
                name: m
                head: nn
                sensei: true
                datasets:
                  - {type: sparcs, path: /d, spectra_dir: ../shared/data/spectra}
                """, "t.yaml", false))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("spectra_dir are for synthetic data sets only");
    }

    @Test
    void measuredSpectraScenesHavePixelsOf10To500mAndConventionalTruth() {
        Assumptions.assumeTrue(Files.isDirectory(SPECTRA), "../shared absent: skipping measured-spectra data sets");
        SyntheticDataset ds = new SyntheticDataset("s", List.of("landsat7", "virtual"), 6, 48, 4, SPECTRA);
        assertThat(ds.measuredSpectra()).isTrue();
        SyntheticDataset legacy = new SyntheticDataset("s", List.of("landsat7", "virtual"), 6, 48, 4);
        for (int i = 0; i < 6; i++) {
            assertThat(ds.spec(i).pixelSizeM()).isBetween(10.0, 500.0);
            // the layout draws are those of the legacy scene
            assertThat(ds.spec(i).cloudCover()).isEqualTo(legacy.spec(i).cloudCover());
            assertThat(ds.spec(i).seed()).isEqualTo(legacy.spec(i).seed());
            LabelledScene s = ds.open(ds.sceneIds().get(i));
            for (float v : s.scene().values().data()) {
                assertThat(v).isNotNaN();
            }
            for (byte b : s.labels()) {
                assertThat((int) b).isBetween(0, 3);
            }
        }
    }
}
