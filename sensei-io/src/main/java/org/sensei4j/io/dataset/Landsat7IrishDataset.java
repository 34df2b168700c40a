package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;

/**
 * Landsat 7 Irish cloud validation masks ("L7 CCA"; USGS, Irish et al. 2006; 206 whole scenes), one folder per
 * scene grouped by latitude zone ({@code Austral/p226_r98/}): per-band GeoTIFFs (the data set's names
 * {@code *_B10.TIF} … {@code *_B80.TIF} with {@code *_B61.TIF}/{@code *_B62.TIF} for low/high-gain thermal, or
 * {@code *_B<n>.TIF}), the {@code *_MTL.txt} and a mask {@code *_mask2019.TIF}, {@code *_newmask2015.TIF} or
 * {@code *_mask.TIF}.
 *
 * <p>Masks come in two codings. Where the top-left pixel is 0 (fill): 0 fill, 64 cloud shadow, 128 clear,
 * 192 thin cloud, 255 cloud ({@link ClassCodeMapping#L7_IRISH}); otherwise 0 cloud shadow, 128 cloud, 192 thin
 * cloud, 255 clear or fill ({@link ClassCodeMapping#L7_IRISH_ALT}) — the rule eo4ai, the SEnSeI authors' tool,
 * applies. In the second coding fill pixels read as clear in {@link LabelledScene#labels()} and become NODATA in
 * {@link LabelledScene#window}/{@link LabelledScene#load}, where the bands show DN 0. {@link #withMapping} fixes
 * one coding for all scenes.
 *
 * <p>The scene id is the folder's path under the root; its first part is the tag {@code latitude_zone}. Bands
 * default to B1–B7 with the low-gain thermal band as B6 (upsampled ×2 when stored at 60 m); the 15 m
 * panchromatic B8 is left out. Bands stay on disk until read; close the scene when done.
 */
public final class Landsat7IrishDataset extends LandsatFolderDataset<Landsat7IrishDataset> {

    /** The data set's name. */
    public static final String NAME = "l7-irish";
    /** The bands read by default. */
    public static final List<String> DEFAULT_BANDS = List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7");
    /** Ground sampling distance, metres. */
    public static final double RESOLUTION_M = 30;

    static final String LAYOUT = "one folder per scene with *_B10.TIF … band files, *_MTL.txt and *_mask2019.TIF "
            + "(or *_newmask2015.TIF / *_mask.TIF)";
    private static final Folders FOLDERS =
            new Folders("landsat7", true, Landsat7IrishDataset::mask, "mask", "latitude_zone", RESOLUTION_M);

    private Landsat7IrishDataset(Path root, List<String> ids, List<String> bands, Reading reading) {
        super(NAME, FOLDERS, root, schemeOf(reading.mapping()), ids, bands, reading);
    }

    private static ClassScheme schemeOf(ClassCodeMapping mapping) {
        return mapping == null ? ClassScheme.CLEAR_THIN_THICK_SHADOW : mapping.scheme();
    }

    /** The scenes under {@code root}: folders holding an {@code *_MTL.txt} and a mask. */
    public static Landsat7IrishDataset of(Path root) {
        List<String> ids = sceneFolderIds(root, NAME, LAYOUT, Landsat7IrishDataset::mask);
        return new Landsat7IrishDataset(
                root, ids, DEFAULT_BANDS, new Reading(SplitAssignment.none(), LandsatDnConverter.fromMtl(), null));
    }

    static Optional<Path> mask(Path dir) {
        Optional<Path> named =
                DatasetFiles.findBySuffix(dir, "_mask2019.tif", "_newmask2015.tif", "_newmask.tif", "_mask.tif");
        if (named.isPresent()) {
            return named;
        }
        List<Path> any = DatasetFiles.files(dir, n -> {
            String l = n.toLowerCase(Locale.ROOT);
            return l.contains("mask") && (l.endsWith(".tif") || l.endsWith(".tiff"));
        });
        return any.size() == 1 ? Optional.of(any.get(0)) : Optional.empty();
    }

    /** The coding of a mask: {@link ClassCodeMapping#L7_IRISH} when its top-left pixel is 0, else the other. */
    @Override
    ClassCodeMapping sceneMapping(Path maskFile) {
        return LabelFiles.topLeftCode(maskFile) == 0 ? ClassCodeMapping.L7_IRISH : ClassCodeMapping.L7_IRISH_ALT;
    }

    @Override
    void addTags(Map<String, String> tags, ClassCodeMapping m) {
        tags.put("mask_coding", m.id());
    }

    @Override
    Landsat7IrishDataset with(List<String> bands, Reading reading) {
        return new Landsat7IrishDataset(root(), sceneIds(), bands, reading);
    }
}
