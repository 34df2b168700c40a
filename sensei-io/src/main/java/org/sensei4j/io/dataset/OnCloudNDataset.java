package org.sensei4j.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;

/**
 * "On Cloud N" challenge chips (Sentinel-2 L2A, 512×512 at 10 m): one folder per chip holding
 * {@code B02.tif B03.tif B04.tif B08.tif} (uint16 surface reflectance ×10000, nodata 0) and the label either
 * in the chip folder as {@code label.tif} or, as the challenge distributes it, in a sibling folder
 * {@code train_labels/<chip_id>.tif} next to {@code train_features/}. Labels: 0 not cloud, 1 cloud, 255 missing
 * ({@code cloud} scheme; shadows are labelled not cloud). The scene id is the chip folder's name.
 */
public final class OnCloudNDataset extends FileDataset {

    /** The data set's name. */
    public static final String NAME = "on-cloud-n";
    /** The band files of a chip, in order. */
    public static final List<String> BANDS = List.of("B02", "B03", "B04", "B08");
    /** Ground sampling distance, metres. */
    public static final double RESOLUTION_M = 10;

    static final String LAYOUT = "one folder per chip with B02.tif, B03.tif, B04.tif, B08.tif and label.tif "
            + "(or labels in ../train_labels/<chip>.tif)";

    private OnCloudNDataset(Path root, List<String> ids, SplitAssignment splits) {
        super(NAME, root, ClassScheme.CLOUD_CLEAR, ids, splits);
    }

    /** The chips under {@code root}: every sub-folder holding {@code B02.tif}. */
    public static OnCloudNDataset of(Path root) {
        DatasetFiles.requireDirectory(root, NAME, LAYOUT);
        List<String> ids = new ArrayList<>();
        for (Path d : DatasetFiles.directories(root)) {
            if (Files.isRegularFile(d.resolve("B02.tif"))) {
                ids.add(d.getFileName().toString());
            }
        }
        requireScenes(ids, NAME, root, LAYOUT);
        return new OnCloudNDataset(root, ids, SplitAssignment.none());
    }

    /** The same data set with another split. */
    public OnCloudNDataset withSplits(SplitAssignment splits) {
        return new OnCloudNDataset(root(), sceneIds(), splits);
    }

    /** The label file of a chip, if present. */
    Optional<Path> labelFile(String chip) {
        Path inside = root().resolve(chip).resolve("label.tif");
        if (Files.isRegularFile(inside)) {
            return Optional.of(inside);
        }
        Path parent = root().toAbsolutePath().getParent();
        if (parent != null) {
            Path sibling = parent.resolve("train_labels").resolve(chip + ".tif");
            if (Files.isRegularFile(sibling)) {
                return Optional.of(sibling);
            }
        }
        return Optional.empty();
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Path dir = root().resolve(sceneId);
        Sensor s2 = DatasetFiles.sensor("sentinel2");
        List<Band> bands = DatasetFiles.withQuantity(s2.select(BANDS), Quantity.SURFACE_REFLECTANCE);
        List<BandFile> files = new ArrayList<>();
        for (Band b : bands) {
            Path f = dir.resolve(b.id() + ".tif");
            LabelFiles.requireFile(f, "band " + b.id());
            files.add(new BandFile(b, f, 0));
        }
        Path label = labelFile(sceneId)
                .orElseThrow(() -> new SenseiException("chip " + sceneId + " of " + NAME + " has no label: expected "
                        + dir.resolve("label.tif") + " or ../train_labels/" + sceneId + ".tif"));
        RasterBandsSource source = new RasterBandsSource(
                sceneId, files, s2, DigitalNumberConverter.linear(1e-4, 0), null, 0.0, RESOLUTION_M);
        LabelFiles.Labels l =
                LabelFiles.decodeFor(source, label, ClassCodeMapping.ON_CLOUD_N, ClassScheme.CLOUD_CLEAR, null);
        return DatasetFiles.loadAndClose(NAME, source, ClassScheme.CLOUD_CLEAR, l.classes(), Map.of());
    }
}
