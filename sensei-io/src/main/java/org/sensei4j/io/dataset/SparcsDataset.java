package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Sensor;

/**
 * Landsat 8 SPARCS (Hughes & Kennedy 2019; 80 subscenes of 1000×1000 at 30 m), files side by side in one folder
 * per scene id: {@code <id>_data.tif} (10 bands of Level-1 DNs: B1–B7, B9, B10, B11 — all but the panchromatic
 * band), {@code <id>_mtl.txt} (the scene's MTL) and the mask as {@code <id>_labels.tif} (codes), or
 * {@code <id>_mask.tif}/{@code <id>_mask.png} (codes, or the colour PNG of the first release: black shadow, dark
 * blue shadow over water, blue water, cyan snow/ice, grey land, white cloud, olive flooded).
 *
 * <p>Codes: 0 cloud shadow, 1 cloud shadow over water, 2 water, 3 snow/ice, 4 land, 5 cloud, 6 flooded
 * ({@link ClassCodeMapping#SPARCS}, scheme {@code cloud-shadow}). DNs become SEnSeI's quantities through the
 * converter, by default {@link LandsatDnConverter#fromMtl()}; DN 0 is no data.
 */
public final class SparcsDataset extends ConvertingDataset<SparcsDataset> {

    /** The data set's name. */
    public static final String NAME = "sparcs";
    /** The bands of {@code _data.tif}, in order. */
    public static final List<String> BANDS = List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B9", "B10", "B11");
    /** Ground sampling distance, metres. */
    public static final double RESOLUTION_M = 30;
    /** Colours of the colour PNG masks ({@code 0xRRGGBB} → code), as eo4ai reads them. */
    public static final Map<Integer, Integer> MASK_COLOURS =
            Map.of(0x000000, 0, 0x000080, 1, 0x0000FF, 2, 0x00FFFF, 3, 0x808080, 4, 0xFFFFFF, 5, 0x808000, 6);

    static final String LAYOUT = "<id>_data.tif, <id>_mtl.txt and <id>_labels.tif (or <id>_mask.png)";
    private static final String[] MASK_SUFFIXES = {"_labels.tif", "_mask.tif", "_mask.png"};

    private SparcsDataset(Path root, List<String> ids, Reading reading) {
        super(NAME, root, reading.mapping().scheme(), ids, reading);
    }

    /** The scenes in {@code root}: every {@code <id>_data.tif}. */
    public static SparcsDataset of(Path root) {
        DatasetFiles.requireDirectory(root, NAME, LAYOUT);
        List<String> ids = DatasetFiles.files(
                        root, n -> n.toLowerCase(Locale.ROOT).endsWith("_data.tif"))
                .stream()
                .map(p -> p.getFileName().toString())
                .map(n -> n.substring(0, n.length() - "_data.tif".length()))
                .toList();
        requireScenes(ids, NAME, root, LAYOUT);
        return new SparcsDataset(
                root, ids, new Reading(SplitAssignment.none(), LandsatDnConverter.fromMtl(), ClassCodeMapping.SPARCS));
    }

    @Override
    SparcsDataset with(Reading reading) {
        return new SparcsDataset(root(), sceneIds(), reading);
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Path data = DatasetFiles.findByName(root(), sceneId + "_data.tif")
                .orElseThrow(() -> new SenseiException("data file " + root().resolve(sceneId + "_data.tif")
                        + " is missing: the data " + "set is incomplete; download or unpack it again"));
        Path mask = DatasetFiles.findByName(
                        root(),
                        Arrays.stream(MASK_SUFFIXES).map(s -> sceneId + s).toArray(String[]::new))
                .orElse(null);
        if (mask == null) {
            throw new SenseiException("scene " + sceneId + " of " + NAME + " has no mask in " + root() + ": expected "
                    + sceneId + "_labels.tif, " + sceneId + "_mask.tif or " + sceneId + "_mask.png");
        }
        Path mtl = DatasetFiles.findByName(root(), sceneId + "_mtl.txt").orElse(null);
        Sensor l8 = DatasetFiles.sensor("landsat8");
        RasterBandsSource source = new RasterBandsSource(
                sceneId, BandFile.stacked(l8.select(BANDS), data), l8, converter, mtl, 0.0, RESOLUTION_M);
        LabelFiles.Labels l = LabelFiles.decodeFor(source, mask, mapping, mapping.scheme(), MASK_COLOURS);
        return DatasetFiles.loadAndClose(NAME, source, mapping.scheme(), l.classes(), Map.of());
    }
}
