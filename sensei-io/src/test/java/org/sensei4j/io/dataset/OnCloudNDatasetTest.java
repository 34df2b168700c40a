package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.testdata.SharedData;
import org.sensei4j.raster.SampleType;
import org.sensei4j.sensor.Quantity;

class OnCloudNDatasetTest {

    static final byte N = (byte) ClassScheme.NODATA;

    @TempDir
    Path root;

    /** A 2×2 chip: band b pixel i = 1000·(b+1) + i, nodata 0 at pixel 2 of B04. */
    void writeChip(Path dir, boolean label, float... labels) {
        String[] bands = {"B02", "B03", "B04", "B08"};
        for (int b = 0; b < 4; b++) {
            int bb = b;
            float[] v = Fixtures.values(1, 4, (k, i) -> bb == 2 && i == 2 ? 0 : 1000 * (bb + 1) + i);
            Fixtures.tif(dir.resolve(bands[b] + ".tif"), SampleType.UINT16, 1, 2, 2, v, 0.0);
        }
        if (label) {
            Fixtures.tif(dir.resolve("label.tif"), SampleType.UINT8, 2, 2, labels);
        }
    }

    @Test
    void readsChipsWithLabelsInsideOrBeside() {
        writeChip(root.resolve("train_features/abcd"), true, 0, 1, 1, 255);
        writeChip(root.resolve("train_features/efgh"), false);
        Fixtures.tif(root.resolve("train_labels/efgh.tif"), SampleType.UINT8, 2, 2, 1, 1, 0, 0);
        OnCloudNDataset d = OnCloudNDataset.of(root.resolve("train_features"));
        assertThat(d.sceneIds()).containsExactly("abcd", "efgh");
        assertThat(d.scheme()).isEqualTo(ClassScheme.CLOUD_CLEAR);
        LabelledScene s = d.open("abcd");
        assertThat(s.source().bandIds()).containsExactly("B02", "B03", "B04", "B08");
        assertThat(s.source().bands()).allMatch(b -> b.quantity() == Quantity.SURFACE_REFLECTANCE);
        // B08 pixel 3: 4003 × 1e-4
        assertThat(s.scene().values().get(3, 1, 1)).isEqualTo((float) (4003 * 1e-4));
        // pixel 2 has no data in B04: nodata label; pixel 3 is labelled missing (255)
        assertThat(s.labels()).containsExactly(0, 1, N, N);
        assertThat(d.open("efgh").labels()).containsExactly(1, 1, N, 0);
    }

    @Test
    void badInputGivesClearErrors() throws IOException {
        writeChip(root.resolve("c1"), true, 0, 1, 2, 0);
        OnCloudNDataset d = OnCloudNDataset.of(root);
        Fixtures.assertFails(() -> d.open("c1"), "label.tif has code 2 at row 1, column 0", "On Cloud N");
        Files.delete(root.resolve("c1/label.tif"));
        Fixtures.assertFails(() -> d.open("c1"), "has no label");
        Files.delete(root.resolve("c1/B08.tif"));
        Fixtures.assertFails(() -> d.open("c1"), "band B08 file", "B08.tif is missing");
    }

    @Test
    void theRealChips() {
        Path dir = SharedData.require("data/real/on-cloud-n", "the real On Cloud N chips");
        OnCloudNDataset d = OnCloudNDataset.of(dir);
        assertThat(d.sceneIds()).containsExactly("chip_id_1", "chip_id_2", "chip_id_3", "chip_id_4", "chip_id_5");
        // gdalinfo -hist of label.tif: counts of 0 (not cloud) and 1 (cloud)
        long[][] gdal = {{105303, 156841}, {154588, 107556}, {147989, 114155}, {171700, 90444}, {61373, 200771}};
        for (int c = 0; c < 5; c++) {
            String id = d.sceneIds().get(c);
            LabelledScene s = d.open(id);
            assertThat(s.width()).as(id).isEqualTo(512);
            assertThat(s.height()).as(id).isEqualTo(512);
            long[] counts = s.classCounts();
            assertThat(counts[0]).as(id + " clear").isPositive();
            assertThat(counts[1]).as(id + " cloud").isPositive();
            // labels of pixels without band data become nodata; the rest keep the file's class
            long nodataPixels = bandNodataPixels(dir.resolve(id));
            assertThat(s.nodataCount()).as(id).isEqualTo(nodataPixels);
            assertThat(counts[0] + counts[1] + nodataPixels).isEqualTo(512L * 512);
            assertThat(counts[0]).isLessThanOrEqualTo(gdal[c][0]);
            assertThat(counts[1]).isLessThanOrEqualTo(gdal[c][1]);
            assertThat(gdal[c][0] - counts[0] + gdal[c][1] - counts[1]).isEqualTo(nodataPixels);
        }
    }

    private static long bandNodataPixels(Path chip) {
        boolean[] nodata = new boolean[512 * 512];
        for (String b : OnCloudNDataset.BANDS) {
            try (GeoTiffReader r = GeoTiffReader.open(chip.resolve(b + ".tif"))) {
                float[] v = r.readBand(0);
                for (int i = 0; i < v.length; i++) {
                    nodata[i] |= v[i] == 0;
                }
            }
        }
        long n = 0;
        for (boolean x : nodata) {
            n += x ? 1 : 0;
        }
        return n;
    }
}
