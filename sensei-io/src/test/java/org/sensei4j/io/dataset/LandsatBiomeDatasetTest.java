package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;

class LandsatBiomeDatasetTest {

    static final String SCENE = "LC80420082013220LGN00";
    static final byte N = (byte) ClassScheme.NODATA;
    /** Biome codes and the same in the full scheme (0 clear, 1 thin, 2 thick, 3 shadow). */
    static final float[] CODES = {0, 64, 128, 192, 255, 128, 128, 64};

    static final byte[] CLASSES = {N, 3, 0, 1, 2, 0, 0, 3};

    @TempDir
    Path root;

    /** A 2×4 scene in root/group/SCENE: bands B1..B11 (B8 on a 4×8 grid); B3 pixel 5 is fill. */
    Path writeScene(String group, String scene) {
        Path dir = Fixtures.dir(root.resolve(group).resolve(scene));
        for (int b = 1; b <= 11; b++) {
            int band = b;
            if (b == 8) {
                Fixtures.tif(
                        dir.resolve(scene + "_B8.TIF"),
                        SampleType.UINT16,
                        1,
                        4,
                        8,
                        Fixtures.values(1, 32, (k, i) -> 9000),
                        null);
                continue;
            }
            float[] dn = Fixtures.values(1, 8, (k, i) -> 10000 + 1000 * band + i);
            if (b == 3) {
                dn[5] = 0;
            }
            Fixtures.tif(dir.resolve(scene + "_B" + b + ".TIF"), SampleType.UINT16, 1, 2, 4, dn, null);
        }
        Fixtures.tif(dir.resolve(scene + "_BQA.TIF"), SampleType.UINT16, 1, 2, 4, new float[8], null);
        Fixtures.text(dir.resolve(scene + "_MTL.txt"), Fixtures.landsat8Mtl("LC08_L1TP_042008_20130808_01_T1"));
        return dir;
    }

    @Test
    void readsBandsLazilyWithFullSchemeLabelsAndBiomeTag() {
        Path dir = writeScene("Barren", SCENE);
        Fixtures.tif(dir.resolve(SCENE + "_fixedmask.TIF"), SampleType.UINT8, 2, 4, CODES);
        LandsatBiomeDataset d = LandsatBiomeDataset.of(root);
        assertThat(d.sceneIds()).containsExactly("Barren/" + SCENE);
        assertThat(d.scheme()).isEqualTo(ClassScheme.CLEAR_THIN_THICK_SHADOW);
        try (LabelledScene s = d.open("Barren/" + SCENE)) {
            assertThat(s.isLoaded()).isFalse();
            assertThat(s.tags()).containsEntry("biome", "Barren");
            assertThat(s.source().bandIds())
                    .containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
            assertThat(s.labels()).containsExactly(CLASSES);
            LabelledScene w = s.window(new PixelWindow(1, 1, 3, 1));
            // pixels 5, 6, 7; pixel 5 is fill in B3, so its label becomes nodata there
            assertThat(w.labels()).containsExactly(N, 0, 3);
            // B2 (band 1) pixel 6: DN 12006 → (2e-5·12006 − 0.1) / 0.5
            assertThat(w.scene().values().get(1, 0, 1)).isCloseTo(0.28024f, within(1e-6f));
            // B9 (band 7) pixel 7: DN 19007
            assertThat(w.scene().values().get(7, 0, 2)).isCloseTo(0.56028f, within(1e-6f));
            // B11 (band 9): (BT − 127) / (239 − 127)
            double bt = Fixtures.bt(3.342e-4 * 21006 + 0.1, 480.8883, 1201.1442);
            assertThat(w.scene().values().get(9, 0, 1)).isCloseTo((float) ((bt - 127) / 112), within(1e-5f));
            assertThat(s.labels(ClassScheme.CLOUD_CLEAR)).containsExactly(N, 0, 0, 1, 1, 0, 0, 0);
        }
    }

    @Test
    void readsEnviMasksAndOtherBandSelections() throws IOException {
        Path dir = writeScene("Snow", SCENE);
        byte[] img = new byte[8];
        for (int i = 0; i < 8; i++) {
            img[i] = (byte) CODES[i];
        }
        Files.write(dir.resolve(SCENE + "_fixedmask.img"), img);
        Fixtures.text(
                dir.resolve(SCENE + "_fixedmask.hdr"),
                "ENVI\ndescription = {mask}\nsamples = 4\nlines   = 2\n"
                        + "bands   = 1\nheader offset = 0\nfile type = ENVI Standard\ndata type = 1\ninterleave = bsq\n"
                        + "byte order = 0\n");
        LandsatBiomeDataset d = LandsatBiomeDataset.of(root)
                .withBands(List.of("B4", "B3", "B2"))
                .withConverter(DigitalNumberConverter.IDENTITY);
        try (LabelledScene s = d.open("Snow/" + SCENE)) {
            assertThat(s.labels()).containsExactly(CLASSES);
            assertThat(s.source().bandIds()).containsExactly("B4", "B3", "B2");
            assertThat(s.scene().values().get(0, 0, 3)).isEqualTo(14003f);
        }
        // a truncated ENVI image
        Files.write(dir.resolve(SCENE + "_fixedmask.img"), new byte[5]);
        Fixtures.assertFails(() -> d.open("Snow/" + SCENE), "has 5 bytes but its header", "truncated");
    }

    @Test
    void badInputGivesClearErrors() throws IOException {
        Path dir = writeScene("Urban", SCENE);
        Fixtures.tif(dir.resolve(SCENE + "_fixedmask.TIF"), SampleType.UINT8, 2, 4, 0, 64, 128, 100, 255, 0, 0, 0);
        LandsatBiomeDataset d = LandsatBiomeDataset.of(root);
        Fixtures.assertFails(
                () -> d.open("Urban/" + SCENE),
                "_fixedmask.TIF has code 100 at row 0, column 3",
                "not a L8 Biome code");
        Fixtures.tif(dir.resolve(SCENE + "_fixedmask.TIF"), SampleType.UINT8, 1, 4, 0, 64, 128, 128);
        Fixtures.assertFails(() -> d.open("Urban/" + SCENE), "its mask", "4×1");
        Files.delete(dir.resolve(SCENE + "_B7.TIF"));
        Fixtures.assertFails(() -> d.open("Urban/" + SCENE), "band file for B7 is missing in " + dir);
        Fixtures.tif(dir.resolve(SCENE + "_B7.TIF"), SampleType.UINT16, 1, 3, 4, new float[12], null);
        Fixtures.tif(dir.resolve(SCENE + "_fixedmask.TIF"), SampleType.UINT8, 2, 4, CODES);
        Fixtures.assertFails(
                () -> d.open("Urban/" + SCENE), "B1.TIF is 4×2 pixels but", "B7.TIF is 4×3", "share one grid");
        Fixtures.assertFails(
                () -> LandsatBiomeDataset.of(Fixtures.dir(root.resolve("empty"))), "no l8-biome scene found");
    }
}
