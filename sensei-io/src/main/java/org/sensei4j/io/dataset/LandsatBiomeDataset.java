package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;

/**
 * Landsat 8 Biome cloud validation masks ("L8 Biome" / CCA; USGS, Foga et al. 2017; 96 whole scenes), one folder
 * per scene, usually grouped by biome ({@code Barren/<scene>/}): per-band GeoTIFFs {@code *_B<n>.TIF}, the
 * {@code *_MTL.txt} and the mask {@code *_fixedmask.TIF} or ENVI {@code *_fixedmask.img}/{@code .hdr} with codes
 * 0 fill, 64 cloud shadow, 128 clear, 192 thin cloud, 255 cloud ({@link ClassCodeMapping#L8_BIOME}, scheme
 * {@code full}).
 *
 * <p>The scene id is the folder's path under the root ({@code Barren/LC80420082013220LGN00}); its first part,
 * when there is one, is the tag {@code biome}. Bands default to B1–B7, B9, B10, B11 (the 15 m panchromatic B8 is
 * on another grid). Scenes are large (about 7,800² pixels): {@link #open} reads the mask and leaves the bands
 * on disk, to be read window by window ({@link LabelledScene#window}); close the scene when done.
 */
public final class LandsatBiomeDataset extends LandsatFolderDataset<LandsatBiomeDataset> {

    /** The data set's name. */
    public static final String NAME = "l8-biome";
    /** The bands read by default. */
    public static final List<String> DEFAULT_BANDS =
            List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
    /** Ground sampling distance, metres. */
    public static final double RESOLUTION_M = 30;

    static final String LAYOUT = "one folder per scene with *_B<n>.TIF band files, *_MTL.txt and *_fixedmask.TIF "
            + "(or *_fixedmask.img/.hdr)";
    private static final Folders FOLDERS =
            new Folders("landsat8", false, LandsatBiomeDataset::mask, "*_fixedmask", "biome", RESOLUTION_M);

    private LandsatBiomeDataset(Path root, List<String> ids, List<String> bands, Reading reading) {
        super(NAME, FOLDERS, root, reading.mapping().scheme(), ids, bands, reading);
    }

    /** The scenes under {@code root}: folders holding an {@code *_MTL.txt} and a fixed mask. */
    public static LandsatBiomeDataset of(Path root) {
        List<String> ids = sceneFolderIds(root, NAME, LAYOUT, LandsatBiomeDataset::mask);
        return new LandsatBiomeDataset(
                root,
                ids,
                DEFAULT_BANDS,
                new Reading(SplitAssignment.none(), LandsatDnConverter.fromMtl(), ClassCodeMapping.L8_BIOME));
    }

    static Optional<Path> mask(Path dir) {
        return DatasetFiles.findBySuffix(dir, "_fixedmask.tif", "_fixedmask.tiff", "_fixedmask.img", "_fixedmask.hdr");
    }

    @Override
    LandsatBiomeDataset with(List<String> bands, Reading reading) {
        return new LandsatBiomeDataset(root(), sceneIds(), bands, reading);
    }
}
