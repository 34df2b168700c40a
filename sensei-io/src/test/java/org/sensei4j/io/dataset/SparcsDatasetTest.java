package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Quantity;

class SparcsDatasetTest {

    static final String ID = "LC80010812013365LGN00_18";
    static final byte N = (byte) ClassScheme.NODATA;
    /** SPARCS codes 0..6 plus a cloud pixel (7) that has no data. */
    static final int[] CODES = {0, 1, 2, 3, 4, 5, 6, 5};
    /** The same in cloud-shadow classes (0 clear, 1 cloud, 2 shadow); the last pixel is fill. */
    static final byte[] CLASSES = {2, 2, 0, 0, 0, 1, 0, N};

    @TempDir
    Path root;

    /** 2×4 pixels, 10 bands of DNs: 10000 + 1000·band + pixel; pixel 7 has DN 0 in band B1 (fill). */
    void writeScene(String id, int bands) {
        float[] dn = Fixtures.values(bands, 8, (b, i) -> 10000 + 1000 * b + i);
        dn[7] = 0;
        Fixtures.tif(root.resolve(id + "_data.tif"), SampleType.UINT16, bands, 2, 4, dn, null);
        Fixtures.text(root.resolve(id + "_mtl.txt"), Fixtures.landsat8Mtl("LC08_L1TP_001081_20131231_01_T1"));
    }

    float[] codes() {
        float[] c = new float[CODES.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = CODES[i];
        }
        return c;
    }

    @Test
    void readsTenBandsAsToaAndCodedLabels() {
        writeScene(ID, 10);
        Fixtures.tif(root.resolve(ID + "_labels.tif"), SampleType.UINT8, 2, 4, codes());
        SparcsDataset d = SparcsDataset.of(root);
        assertThat(d.sceneIds()).containsExactly(ID);
        assertThat(d.scheme()).isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
        LabelledScene s = d.open(ID);
        assertThat(s.source().bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
        assertThat(s.source().bands().get(8).quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(s.source().sensor().orElseThrow().id()).isEqualTo("landsat8");
        assertThat(s.isLoaded()).isTrue();
        // B1 pixel 0: DN 10000 → (2e-5·10000 − 0.1) / sin 30° = 0.2
        assertThat(s.scene().values().get(0, 0, 0)).isCloseTo(0.2f, within(1e-6f));
        // B4 (band 3) pixel 1: DN 13001 → (0.26002 − 0.1) / 0.5
        assertThat(s.scene().values().get(3, 0, 1)).isCloseTo(0.32004f, within(1e-6f));
        // B10 (band 8) pixel 2: DN 18002 → L = 3.342e-4·DN + 0.1, BT = K2/ln(K1/L + 1), (BT − 132) / (249 − 132)
        double bt = Fixtures.bt(3.342e-4 * 18002 + 0.1, 774.8853, 1321.0789);
        assertThat(s.scene().values().get(8, 0, 2)).isCloseTo((float) ((bt - 132) / 117), within(1e-5f));
        assertThat(s.scene().invalid()[7]).isEqualTo(SceneWindow.NODATA);
        assertThat(s.scene().values().get(5, 1, 3)).isZero();
        assertThat(s.labels()).containsExactly(CLASSES);
        assertThat(s.labels(ClassScheme.CLOUD_CLEAR)).containsExactly(0, 0, 0, 0, 0, 1, 0, N);
    }

    @Test
    void identityConverterKeepsStoredValues() {
        writeScene(ID, 10);
        Fixtures.tif(root.resolve(ID + "_labels.tif"), SampleType.UINT8, 2, 4, codes());
        LabelledScene s = SparcsDataset.of(root)
                .withConverter(DigitalNumberConverter.IDENTITY)
                .open(ID);
        assertThat(s.scene().values().get(9, 1, 2)).isEqualTo(10000 + 9000 + 6);
    }

    @Test
    void colourAndGreyPngMasks() {
        writeScene(ID, 10);
        writeScene("second", 10);
        int[] rgb = new int[CODES.length];
        int[] palette = {0x000000, 0x000080, 0x0000FF, 0x00FFFF, 0x808080, 0xFFFFFF, 0x808000};
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = palette[CODES[i]];
        }
        Fixtures.png(root.resolve(ID + "_mask.png"), 2, 4, true, rgb);
        Fixtures.png(root.resolve("second_mask.png"), 2, 4, false, CODES);
        SparcsDataset d = SparcsDataset.of(root).withConverter(DigitalNumberConverter.IDENTITY);
        assertThat(d.sceneIds()).containsExactly(ID, "second");
        assertThat(d.open(ID).labels()).containsExactly(CLASSES);
        assertThat(d.open("second").labels()).containsExactly(CLASSES);
    }

    @Test
    void unknownCodeNamesFileCodePixelAndFix() {
        writeScene(ID, 10);
        float[] c = codes();
        c[6] = 7;
        Path mask = Fixtures.tif(root.resolve(ID + "_labels.tif"), SampleType.UINT8, 2, 4, c);
        Fixtures.assertFails(
                () -> SparcsDataset.of(root).open(ID),
                mask.toString(),
                "code 7 at row 1, column 2",
                "not a SPARCS code",
                "give the reader your own mapping");
        // a user mapping that knows 7 reads it
        LabelledScene s = SparcsDataset.of(root)
                .withMapping(ClassCodeMapping.parse("shadow=0,1;clear=2,3,4,6;cloud=5,7"))
                .open(ID);
        assertThat(s.labels()[6]).isEqualTo((byte) 1);
    }

    @Test
    void unknownColourIsAnError() {
        writeScene(ID, 10);
        int[] rgb = new int[8];
        rgb[3] = 0x123456;
        Fixtures.png(root.resolve(ID + "_mask.png"), 2, 4, true, rgb);
        Fixtures.assertFails(
                () -> SparcsDataset.of(root).open(ID), "colour #123456 at row 0, column 3", "not a mask colour");
    }

    @Test
    void badInputGivesClearErrors() {
        writeScene(ID, 10);
        Fixtures.assertFails(() -> SparcsDataset.of(root).open(ID), "has no mask", ID + "_labels.tif");
        Fixtures.tif(root.resolve(ID + "_labels.tif"), SampleType.UINT8, 1, 4, 0, 0, 0, 0);
        Fixtures.assertFails(() -> SparcsDataset.of(root).open(ID), "is 4×2 pixels but its mask", "is 4×1");
        writeScene(ID, 9);
        Fixtures.tif(root.resolve(ID + "_labels.tif"), SampleType.UINT8, 2, 4, codes());
        Fixtures.assertFails(
                () -> SparcsDataset.of(root).open(ID), "has 9 band(s) but band B11 is expected as band 10");
        Fixtures.assertFails(() -> SparcsDataset.of(root.resolve("none")), "_data.tif");
    }

    @Test
    void missingMtlIsNamedWhenConvertingDns() {
        writeScene(ID, 10);
        Fixtures.tif(root.resolve(ID + "_labels.tif"), SampleType.UINT8, 2, 4, codes());
        try {
            Files.delete(root.resolve(ID + "_mtl.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures.assertFails(() -> SparcsDataset.of(root).open(ID), "no MTL file", "_MTL.txt");
    }
}
