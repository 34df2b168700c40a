package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.sensor.Quantity;

class Eo4aiDatasetTest {

    static final byte N = (byte) ClassScheme.NODATA;

    @TempDir
    Path root;

    /** An eo4ai SPARCS patch (2×3): 10 Landsat 8 bands, 7 classes, as LandsatMetadataWriter writes them. */
    Path writeSparcsPatch() {
        Path dir = root.resolve("LC81480352013195LGN00/0_0");
        Fixtures.npyImage(dir.resolve("image.npy"), 2, 3, 10, (c, i) -> 100 * c + i);
        // SHADOW, SHADOW OVER WATER, WATER, ICE/SNOW, FLOODED, LAND, CLOUD; −1: no class set
        Fixtures.npyOneHot(dir.resolve("mask.npy"), 2, 3, 7, 0, 1, 2, 6, 5, -1);
        Fixtures.text(dir.resolve("metadata.json"), """
                {"spacecraft_id": "Landsat8", "scene_id": "LC81480352013195LGN00",
                 "bands": ["B1","B2","B3","B4","B5","B6","B7","B9","B10","B11"],
                 "band_types": ["TOA Reflectance","TOA Reflectance","TOA Reflectance","TOA Reflectance",
                   "TOA Reflectance","TOA Reflectance","TOA Reflectance","TOA Reflectance",
                   "TOA Normalised Brightness Temperature","TOA Normalised Brightness Temperature"],
                 "band_centres": [443,482,562,655,865,1609,2201,1374,10895,12005],
                 "band_widths": [16,60,57,37,28,85,173,21,590,1010],
                 "classes": ["SHADOW","SHADOW OVER WATER","WATER","ICE/SNOW","FLOODED","LAND","CLOUD"],
                 "sun_elevation": 54.2, "resolution": 30,
                 "named_bands": {"Blue": 1, "Green": 2, "Red": 3}}
                """);
        Fixtures.npy(dir.resolve("descriptors.npy"), "<f4", new long[] {10, 3}, Fixtures.float32(new float[30]));
        return dir;
    }

    @Test
    void readsSparcsPatch() {
        writeSparcsPatch();
        Eo4aiDataset d = Eo4aiDataset.of(root);
        assertThat(d.sceneIds()).containsExactly("LC81480352013195LGN00/0_0");
        LabelledScene s = d.open("LC81480352013195LGN00/0_0");
        assertThat(s.scheme()).isEqualTo(ClassScheme.CLEAR_CLOUD_SHADOW);
        // cloud-shadow: 0 clear, 1 cloud, 2 shadow
        assertThat(s.labels()).containsExactly(2, 2, 0, 1, 0, N);
        assertThat(s.source().sensor().orElseThrow().id()).isEqualTo("landsat8");
        assertThat(s.source().bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
        assertThat(s.source().descriptors().get(1)).isEqualTo(new BandDescriptor(452, 482, 512));
        assertThat(s.source().bands().get(8).quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(s.source().resolutionM()).hasValue(30.0);
        assertThat(s.scene().values().get(9, 1, 1)).isEqualTo(0.904f);
        assertThat(s.tags())
                .containsEntry("scene", "LC81480352013195LGN00")
                .containsEntry("spacecraft", "Landsat8")
                .containsEntry("sun_elevation", "54.2");
    }

    @Test
    void landsat7PatchWithBandsBuiltFromTheMetadata() {
        Path dir = root.resolve("Austral/p226_r98/1_2");
        Fixtures.npyImage(dir.resolve("image.npy"), 1, 5, 8, (c, i) -> c + i);
        // FILL, SHADOW, CLEAR, THIN, THICK
        Fixtures.npyOneHot(dir.resolve("mask.npy"), 1, 5, 5, 0, 1, 2, 3, 4);
        Fixtures.text(dir.resolve("metadata.json"), """
                {"spacecraft_id": "Landsat7", "scene_id": "Austral/p226_r98",
                 "bands": ["B1","B2","B3","B4","B5","B61","B62","B7"],
                 "band_types": ["TOA Reflectance","TOA Reflectance","TOA Reflectance","TOA Reflectance",
                   "TOA Reflectance","TOA Normalised Brightness Temperature",
                   "TOA Normalised Brightness Temperature","TOA Reflectance"],
                 "band_centres": [491,560,662,835,1648,11335,11335,2205],
                 "band_widths": [73,82,61,126,202,2050,2050,281],
                 "classes": ["FILL","SHADOW","CLEAR","THIN","THICK"]}
                """);
        LabelledScene s = Eo4aiDataset.of(root).open("Austral/p226_r98/1_2");
        assertThat(s.scheme()).isEqualTo(ClassScheme.CLEAR_THIN_THICK_SHADOW);
        assertThat(s.labels()).containsExactly(N, 3, 0, 1, 2);
        assertThat(s.source().bandIds()).containsExactly("B1", "B2", "B3", "B4", "B5", "B61", "B62", "B7");
        assertThat(s.source().bands().get(5).wavelengths()).isEqualTo(new BandDescriptor(10310, 11335, 12360));
        assertThat(s.source().bands().get(5).quantity()).isEqualTo(Quantity.BRIGHTNESS_TEMPERATURE);
        assertThat(s.source().bands().get(0).wavelengths()).isEqualTo(new BandDescriptor(454.5, 491, 527.5));
        assertThat(s.source().resolutionM()).isEmpty();
    }

    @Test
    void badInputGivesClearErrors() {
        Path dir = writeSparcsPatch();
        Fixtures.text(dir.resolve("metadata.json"), """
                {"spacecraft_id": "Landsat8", "bands": ["B1","B2","B3","B4","B5","B6","B7","B9","B10","B11"],
                 "classes": ["SHADOW","SHADOW OVER WATER","WATER","ICE/SNOW","FLOODED","LAND","SMOKE"]}
                """);
        Fixtures.assertFails(
                () -> Eo4aiDataset.of(root).open("LC81480352013195LGN00/0_0"),
                "class 'SMOKE'",
                "rename it in metadata.json");
        Fixtures.text(dir.resolve("metadata.json"), """
                {"spacecraft_id": "Landsat8", "bands": ["B1","B2","B3"], "classes": ["CLEAR","CLOUD"]}
                """);
        Fixtures.assertFails(
                () -> Eo4aiDataset.of(root).open("LC81480352013195LGN00/0_0"), "shape [2, 3, 10]", "lists 3 bands");
    }
}
