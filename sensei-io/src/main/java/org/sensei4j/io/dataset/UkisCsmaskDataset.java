package org.sensei4j.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.npy.NpyArray;
import org.sensei4j.io.npy.NpzFile;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/**
 * ukis-csmask labelled samples (Wieland et al. 2019; DLR's dlr-eoc/ukis-csmask): one {@code .npz} per scene
 * holding {@code img} (height × width × 6 float32 TOA reflectance 0–1: blue, green, red, NIR, SWIR1, SWIR2) and
 * {@code msk} (height × width × 1 uint8 ukis-csmask codes: 0 cloud shadow, 1 water, 3 clear land, 4 cloud).
 *
 * <p>Files whose name starts with {@code landsat8}/{@code landsat9} are read as Landsat 8 bands B2, B3, B4, B5,
 * B6, B7, with {@code landsat7} as Landsat 7 B1, B2, B3, B4, B5, B7, all others as Sentinel-2 B02, B03, B04,
 * B08, B11, B12. Labels are in the {@code cloud-shadow} scheme; the scene id is the file name without
 * {@code .npz}.
 */
public final class UkisCsmaskDataset extends FileDataset {

    /** The data set's name. */
    public static final String NAME = "ukis-csmask";

    private UkisCsmaskDataset(Path root, List<String> ids, SplitAssignment splits) {
        super(NAME, root, ClassScheme.CLEAR_CLOUD_SHADOW, ids, splits);
    }

    /** Every {@code .npz} in a folder, or one {@code .npz} file. */
    public static UkisCsmaskDataset of(Path folderOrFile) {
        if (Files.isRegularFile(folderOrFile)) {
            Path parent = folderOrFile.toAbsolutePath().getParent();
            return new UkisCsmaskDataset(
                    parent,
                    List.of(CloudMaskCatalogueDataset.stem(
                            folderOrFile.getFileName().toString())),
                    SplitAssignment.none());
        }
        DatasetFiles.requireDirectory(folderOrFile, NAME, ".npz files with arrays img and msk");
        List<String> ids = DatasetFiles.files(
                        folderOrFile, n -> n.toLowerCase(Locale.ROOT).endsWith(".npz"))
                .stream()
                .map(p -> CloudMaskCatalogueDataset.stem(p.getFileName().toString()))
                .toList();
        requireScenes(ids, NAME, folderOrFile, ".npz files with arrays img and msk");
        return new UkisCsmaskDataset(folderOrFile, ids, SplitAssignment.none());
    }

    /** The same data set with another split. */
    public UkisCsmaskDataset withSplits(SplitAssignment splits) {
        return new UkisCsmaskDataset(root(), sceneIds(), splits);
    }

    /** The bands a file holds, from its name (see the class comment). */
    static List<Band> bandsFor(String sceneId) {
        String n = sceneId.toLowerCase(Locale.ROOT);
        if (n.startsWith("landsat8") || n.startsWith("landsat9")) {
            return DatasetFiles.sensor(n.substring(0, 8)).select(List.of("B2", "B3", "B4", "B5", "B6", "B7"));
        }
        if (n.startsWith("landsat7")) {
            return DatasetFiles.sensor("landsat7").select(List.of("B1", "B2", "B3", "B4", "B5", "B7"));
        }
        return DatasetFiles.sensor("sentinel2").select(List.of("B02", "B03", "B04", "B08", "B11", "B12"));
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Path file = root().resolve(sceneId + ".npz");
        if (!Files.isRegularFile(file)) {
            file = root().resolve(sceneId + ".NPZ");
        }
        LabelFiles.requireFile(file, "ukis-csmask sample");
        Map<String, NpyArray> arrays = NpzFile.read(file);
        NpyArray img = arrays.get("img");
        NpyArray msk = arrays.get("msk");
        if (img == null || msk == null) {
            throw new SenseiException(file + " holds arrays " + arrays.keySet() + " but a ukis-csmask sample needs "
                    + "'img' (height, width, 6) and 'msk' (height, width, 1)");
        }
        List<Band> bands = bandsFor(sceneId);
        long[] s = img.shape();
        if (s.length != 3 || s[2] != bands.size()) {
            throw new SenseiException("array img of " + file + " has shape " + Arrays.toString(s) + ", expected "
                    + "(height, width, " + bands.size() + ") with bands "
                    + bands.stream().map(Band::id).toList());
        }
        long[] m = msk.shape();
        if (!(m.length == 2 || (m.length == 3 && m[2] == 1))) {
            throw new SenseiException("array msk of " + file + " has shape " + Arrays.toString(m) + ", expected "
                    + "(height, width, 1) of ukis-csmask codes");
        }
        DatasetFiles.requireSameSize((int) s[1], (int) s[0], file + "!img", (int) m[1], (int) m[0], file + "!msk");
        if (msk.dtype().isFloatingPoint()) {
            throw new SenseiException("array msk of " + file + " is " + msk.dtype() + ", not integer class codes: "
                    + "give the ukis-csmask reference mask (uint8)");
        }
        byte[] labels = LabelFiles.decodeCodes(
                msk.toInts(),
                (int) m[1],
                0,
                ClassCodeMapping.UKIS_CSMASK,
                ClassScheme.CLEAR_CLOUD_SHADOW,
                Path.of(file + "!msk"));
        FloatRaster values = img.toFloatRaster(NpyArray.ImageLayout.HWC, null);
        Sensor sensor = DatasetFiles.sensor(sensorId(sceneId));
        Scene scene = DatasetFiles.scene(sceneId, bands, sensor, values, null, Double.NaN);
        return DatasetFiles.labelled(NAME, scene, ClassScheme.CLEAR_CLOUD_SHADOW, labels, Map.of());
    }

    private static String sensorId(String sceneId) {
        String n = sceneId.toLowerCase(Locale.ROOT);
        if (n.startsWith("landsat8") || n.startsWith("landsat9") || n.startsWith("landsat7")) {
            return n.substring(0, 8);
        }
        return "sentinel2";
    }
}
