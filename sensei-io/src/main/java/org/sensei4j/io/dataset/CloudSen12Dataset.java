package org.sensei4j.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Sensor;

/**
 * CloudSEN12 in its GeoTIFF form (Aybar et al. 2022; 509×509 image patches at 10 m): one folder per image patch
 * (usually {@code <ROI>/<S2 id>/}) holding {@code S2L1C.tif} (the 13 Sentinel-2 L1C bands B01…B12 with B8A,
 * uint16 TOA reflectance ×10000, 0 = no data) and the high-quality manual labels {@code labels/manual_hq.tif}
 * (or {@code manual_hq.tif} beside the image): 0 clear, 1 thick cloud, 2 thin cloud, 3 cloud shadow
 * ({@link ClassCodeMapping#CLOUDSEN12}, scheme {@code full}).
 *
 * <p>The scene id is the folder's path under the root; its first part, when nested, is the tag {@code roi}.
 */
public final class CloudSen12Dataset extends FileDataset {

    /** The data set's name. */
    public static final String NAME = "cloudsen12";
    /** Image file name in a patch folder. */
    public static final String IMAGE = "S2L1C.tif";
    /** Label file names tried in a patch folder, in order. */
    public static final List<String> LABELS = List.of("labels/manual_hq.tif", "manual_hq.tif");
    /** Ground sampling distance, metres. */
    public static final double RESOLUTION_M = 10;

    static final String LAYOUT = "one folder per image patch with S2L1C.tif and labels/manual_hq.tif";

    private final List<String> labelNames;
    private final ClassCodeMapping mapping;

    private CloudSen12Dataset(
            Path root, List<String> ids, SplitAssignment splits, List<String> labelNames, ClassCodeMapping mapping) {
        super(NAME, root, mapping.scheme(), ids, splits);
        this.labelNames = List.copyOf(labelNames);
        this.mapping = mapping;
    }

    /** The patches under {@code root}: folders holding {@code S2L1C.tif} and a label file. */
    public static CloudSen12Dataset of(Path root) {
        return of(root, LABELS);
    }

    /**
     * The patches under {@code root} whose labels are at one of {@code labelNames} (paths relative to the patch
     * folder, e.g. {@code labels/manual_sc.tif}).
     */
    public static CloudSen12Dataset of(Path root, List<String> labelNames) {
        DatasetFiles.requireDirectory(root, NAME, LAYOUT);
        List<String> ids = DatasetFiles.walkDirectories(
                        root,
                        d -> Files.isRegularFile(d.resolve(IMAGE))
                                && labelNames.stream().anyMatch(n -> Files.isRegularFile(d.resolve(n))))
                .stream()
                .map(d -> DatasetFiles.relativeId(root, d))
                .toList();
        requireScenes(ids, NAME, root, LAYOUT);
        return new CloudSen12Dataset(root, ids, SplitAssignment.none(), labelNames, ClassCodeMapping.CLOUDSEN12);
    }

    /** The same data set reading labels with another code mapping. */
    public CloudSen12Dataset withMapping(ClassCodeMapping newMapping) {
        return new CloudSen12Dataset(root(), sceneIds(), splits(), labelNames, Objects.requireNonNull(newMapping));
    }

    /** The same data set with another split. */
    public CloudSen12Dataset withSplits(SplitAssignment splits) {
        return new CloudSen12Dataset(root(), sceneIds(), splits, labelNames, mapping);
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Path dir = root().resolve(sceneId);
        Path image = dir.resolve(IMAGE);
        LabelFiles.requireFile(image, "CloudSEN12 image");
        Path label = labelNames.stream()
                .map(dir::resolve)
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new SenseiException("patch " + sceneId + " of " + NAME + " has no label file: "
                        + "expected one of " + labelNames + " in " + dir));
        Sensor s2 = DatasetFiles.sensor("sentinel2");
        RasterBandsSource source = new RasterBandsSource(
                sceneId,
                BandFile.stacked(s2.bands(), image),
                s2,
                DigitalNumberConverter.linear(1e-4, 0),
                null,
                0.0,
                RESOLUTION_M);
        LabelFiles.Labels l = LabelFiles.decodeFor(source, label, mapping, mapping.scheme(), null);
        Map<String, String> tags = new LinkedHashMap<>();
        LandsatFolders.group(sceneId).ifPresent(g -> tags.put("roi", g));
        return DatasetFiles.loadAndClose(NAME, source, mapping.scheme(), l.classes(), tags);
    }
}
