package org.sensei4j.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.SampleType;
import org.sensei4j.sensor.Sensor;

/**
 * CloudPeru2 (Morales et al. 2019; PeruSat-1, 22,400 tiles of 512×512 at 2.8 m): 4-band GeoTIFF tiles in an
 * {@code images/} folder (red, green, blue, NIR — PeruSat-1 B3, B2, B1, B4) and masks in {@code masks/}
 * named {@code <tile>_Mask.tif} (or {@code <tile>_mask.tif}, {@code <tile>.tif}) with 0 clear, 255 cloud
 * ({@link ClassCodeMapping#CLOUDPERU2}, scheme {@code cloud}). The root may instead hold split folders
 * ({@code train/}, {@code val/}, {@code test/}) each with {@code images/} and {@code masks/}; the split is then
 * taken from the folder and scene ids are {@code <split folder>/<tile>}.
 *
 * <p>Tiles are 8-bit as distributed; values are divided by 255 (the scaling the published CloudPeru2 code
 * uses). Tiles of other types need an explicit converter ({@link #withConverter}).
 */
public final class CloudPeru2Dataset extends ConvertingDataset<CloudPeru2Dataset> {

    /** The data set's name. */
    public static final String NAME = "cloudperu2";
    /** The bands of a tile, in order (red, green, blue, NIR). */
    public static final List<String> BANDS = List.of("B3", "B2", "B1", "B4");
    /** Ground sampling distance, metres. */
    public static final double RESOLUTION_M = 2.8;

    static final String LAYOUT =
            "images/<tile>.tif and masks/<tile>_Mask.tif (optionally inside train/, val/, " + "test/)";

    private CloudPeru2Dataset(Path root, List<String> ids, Reading reading) {
        super(NAME, root, reading.mapping().scheme(), ids, reading);
    }

    /** The tiles under {@code root} (see the class comment for the two layouts). */
    public static CloudPeru2Dataset of(Path root) {
        DatasetFiles.requireDirectory(root, NAME, LAYOUT);
        List<String> ids = new ArrayList<>();
        Map<String, Split> splits = new LinkedHashMap<>();
        if (Files.isDirectory(root.resolve("images"))) {
            tiles(root.resolve("images")).forEach(t -> ids.add(t));
        } else {
            for (Path d : DatasetFiles.directories(root)) {
                Optional<Split> split = Split.fromName(d.getFileName().toString());
                if (split.isPresent() && Files.isDirectory(d.resolve("images"))) {
                    for (String t : tiles(d.resolve("images"))) {
                        String id = d.getFileName() + "/" + t;
                        ids.add(id);
                        splits.put(id, split.get());
                    }
                }
            }
        }
        requireScenes(ids, NAME, root, LAYOUT);
        return new CloudPeru2Dataset(
                root, ids, new Reading(SplitAssignment.of(splits), null, ClassCodeMapping.CLOUDPERU2));
    }

    private static List<String> tiles(Path images) {
        return DatasetFiles.files(images, n -> {
                    String l = n.toLowerCase(Locale.ROOT);
                    return l.endsWith(".tif") || l.endsWith(".tiff");
                })
                .stream()
                .map(p -> CloudMaskCatalogueDataset.stem(p.getFileName().toString()))
                .toList();
    }

    @Override
    CloudPeru2Dataset with(Reading reading) {
        return new CloudPeru2Dataset(root(), sceneIds(), reading);
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        int slash = sceneId.lastIndexOf('/');
        Path base = slash < 0 ? root() : root().resolve(sceneId.substring(0, slash));
        String tile = sceneId.substring(slash + 1);
        Path image = DatasetFiles.findByName(base.resolve("images"), tile + ".tif", tile + ".tiff")
                .orElseThrow(() ->
                        new SenseiException("image " + base.resolve("images").resolve(tile + ".tif") + " is missing"));
        Path masks = base.resolve("masks");
        if (!Files.isDirectory(masks)) {
            throw new SenseiException("mask folder " + masks + " is missing: " + NAME + " needs " + LAYOUT);
        }
        Path mask = DatasetFiles.findByName(
                        masks,
                        tile + "_Mask.tif",
                        tile + "_mask.tif",
                        tile + ".tif",
                        tile + "_Mask.tiff",
                        tile + ".tiff")
                .orElseThrow(() -> new SenseiException(
                        "mask of tile " + sceneId + " is missing: expected " + masks.resolve(tile + "_Mask.tif")));
        Sensor peru = DatasetFiles.sensor("perusat1");
        DigitalNumberConverter c = converter != null ? converter : defaultConverter(image);
        RasterBandsSource source = new RasterBandsSource(
                sceneId, BandFile.stacked(peru.select(BANDS), image), peru, c, null, null, RESOLUTION_M);
        LabelFiles.Labels l = LabelFiles.decodeFor(source, mask, mapping, mapping.scheme(), null);
        Map<String, String> tags = new LinkedHashMap<>();
        return DatasetFiles.loadAndClose(NAME, source, mapping.scheme(), l.classes(), tags);
    }

    private static DigitalNumberConverter defaultConverter(Path image) {
        SampleType t;
        try (GeoTiffReader r = GeoTiffReader.open(image)) {
            t = r.info().sampleType();
        }
        if (t != SampleType.UINT8) {
            throw new SenseiException("CloudPeru2 tile " + image + " holds " + t.gdalName() + " values, not the 8-bit "
                    + "values of the distributed tiles: say how to turn them into reflectance with withConverter(...), "
                    + "e.g. DigitalNumberConverter.linear(1e-4, 0) for reflectance ×10000");
        }
        return DigitalNumberConverter.linear(1.0 / 255, 0);
    }
}
