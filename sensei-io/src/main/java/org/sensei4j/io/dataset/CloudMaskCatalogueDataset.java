package org.sensei4j.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.npy.NpyArray;
import org.sensei4j.io.npy.NpyDtype;
import org.sensei4j.io.npy.NpyFile;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Sensor;

/**
 * The Sentinel-2 Cloud Mask Catalogue (Francis et al. 2020, zenodo.org/record/4172871) as distributed:
 * {@code subscenes/<id>.npy} (1022×1022×13 float32 TOA reflectance, bands B01…B12 with B8A after B08, 20 m),
 * {@code masks/<id>.npy} (1022×1022×3 one-hot bool: clear, cloud, cloud shadow) and optionally
 * {@code classification_tags.csv} (a {@code scene} column and tag columns: surface types, cloud height, extent
 * and type, {@code shadows_marked}, ...).
 *
 * <p>Labels are in the {@code cloud-shadow} scheme; scenes whose {@code shadows_marked} tag is 0 (shadows were
 * not labelled, so "clear" may be shadow) come in the {@code cloud} scheme. Every tag column becomes a tag; the
 * {@code index} column is left out. The SEnSeI authors' split: {@link #withSplits(Path)} on
 * {@code data/splits/sentinel2-cloud-mask-catalogue}.
 */
public final class CloudMaskCatalogueDataset extends FileDataset {

    /** The data set's name. */
    public static final String NAME = "s2-cloud-mask-catalogue";
    /** Ground sampling distance of the subscenes, metres. */
    public static final double RESOLUTION_M = 20;

    static final String LAYOUT = "subscenes/<id>.npy, masks/<id>.npy and optionally classification_tags.csv";

    private final Map<String, Map<String, String>> tags;

    private CloudMaskCatalogueDataset(
            Path root, List<String> ids, Map<String, Map<String, String>> tags, SplitAssignment splits) {
        super(NAME, root, ClassScheme.CLEAR_CLOUD_SHADOW, ids, splits);
        this.tags = tags;
    }

    /**
     * Lists the catalogue in {@code root} (the folder holding {@code subscenes/} and {@code masks/}).
     *
     * @throws SenseiException when the folders are missing or hold no subscene
     */
    public static CloudMaskCatalogueDataset of(Path root) {
        DatasetFiles.requireDirectory(root, NAME, LAYOUT);
        Path subscenes = root.resolve("subscenes");
        DatasetFiles.requireDirectory(subscenes, NAME + " subscenes", "<id>.npy files");
        List<String> ids = DatasetFiles.files(subscenes, n -> n.endsWith(".npy")).stream()
                .map(p -> stem(p.getFileName().toString()))
                .toList();
        requireScenes(ids, NAME, root, LAYOUT);
        Path csv = root.resolve("classification_tags.csv");
        Map<String, Map<String, String>> tags = Files.isRegularFile(csv) ? readTags(csv) : Map.of();
        return new CloudMaskCatalogueDataset(root, ids, tags, SplitAssignment.none());
    }

    /** The same data set with another split. */
    public CloudMaskCatalogueDataset withSplits(SplitAssignment splits) {
        return new CloudMaskCatalogueDataset(root(), sceneIds(), tags, splits);
    }

    /** The same data set with the split read from a directory (see {@link SplitAssignment#read}). */
    public CloudMaskCatalogueDataset withSplits(Path splitDirectory) {
        return withSplits(SplitAssignment.read(splitDirectory));
    }

    /** The tags of a scene (empty when the catalogue has no tag file or does not list the scene). */
    public Map<String, String> tags(String sceneId) {
        requireScene(sceneId);
        return tags.getOrDefault(sceneId, Map.of());
    }

    static Map<String, Map<String, String>> readTags(Path csv) {
        CsvTable t = CsvTable.read(csv);
        int scene = t.column("scene");
        if (scene < 0) {
            throw new SenseiException(csv + " has no 'scene' column (columns: " + t.header() + "): give the "
                    + "catalogue's classification_tags.csv, whose 'scene' column names each subscene");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (List<String> row : t.rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < t.header().size(); c++) {
                String h = t.header().get(c);
                if (c != scene && !h.isEmpty() && !h.equalsIgnoreCase("index")) {
                    m.put(h, row.get(c).strip());
                }
            }
            out.put(row.get(scene).strip(), m);
        }
        return out;
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Path imageFile = root().resolve("subscenes").resolve(sceneId + ".npy");
        Path maskFile = root().resolve("masks").resolve(sceneId + ".npy");
        LabelFiles.requireFile(imageFile, "subscene");
        LabelFiles.requireFile(maskFile, "mask");
        NpyArray image = NpyFile.read(imageFile);
        long[] s = image.shape();
        Sensor s2 = DatasetFiles.sensor("sentinel2");
        int bands = s2.bands().size();
        if (s.length != 3 || s[2] != bands) {
            throw new SenseiException("subscene " + imageFile + " has shape " + Arrays.toString(s) + ", expected "
                    + "(height, width, " + bands + "): catalogue subscenes hold the 13 bands B01…B12 with B8A, "
                    + "channels last");
        }
        NpyArray mask = NpyFile.read(maskFile);
        long[] m = mask.shape();
        if (m.length != 3 || m[2] != 3) {
            throw new SenseiException("mask " + maskFile + " has shape " + Arrays.toString(m) + ", expected (height, "
                    + "width, 3): catalogue masks are one-hot clear, cloud, cloud shadow, channels last");
        }
        DatasetFiles.requireSameSize((int) s[1], (int) s[0], imageFile, (int) m[1], (int) m[0], maskFile);
        int[] codes = oneHotCodes(mask, 3, maskFile);
        byte[] labels = LabelFiles.decodeCodes(
                codes, (int) m[1], 0, ClassCodeMapping.CLOUD_MASK_CATALOGUE, ClassScheme.CLEAR_CLOUD_SHADOW, maskFile);
        Map<String, String> sceneTags = tags.getOrDefault(sceneId, Map.of());
        ClassScheme scheme = ClassScheme.CLEAR_CLOUD_SHADOW;
        if ("0".equals(sceneTags.get("shadows_marked"))) {
            labels = scheme.convert(labels, ClassScheme.CLOUD_CLEAR);
            scheme = ClassScheme.CLOUD_CLEAR;
        }
        FloatRaster values = image.toFloatRaster(NpyArray.ImageLayout.HWC, null);
        Scene scene = DatasetFiles.scene(sceneId, s2.bands(), s2, values, null, RESOLUTION_M);
        return DatasetFiles.labelled(NAME, scene, scheme, labels, sceneTags);
    }

    /** Codes of a one-hot (H, W, K) array (bool, integer or float, non-zero = set): channel index or 255. */
    static int[] oneHotCodes(NpyArray mask, int channels, Path file) {
        byte[] interleaved = new byte[mask.size()];
        if (mask.dtype() == NpyDtype.BOOL || !mask.dtype().isFloatingPoint()) {
            int[] v = mask.toInts();
            for (int i = 0; i < v.length; i++) {
                interleaved[i] = (byte) (v[i] != 0 ? 1 : 0);
            }
        } else {
            for (int i = 0; i < interleaved.length; i++) {
                interleaved[i] = (byte) (mask.getDouble(i) != 0 ? 1 : 0);
            }
        }
        try {
            return ClassCodeMapping.oneHotToCodes(interleaved, channels);
        } catch (SenseiException e) {
            throw new SenseiException("mask " + file + ": " + e.getMessage(), e);
        }
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
