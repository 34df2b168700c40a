package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Sensor;

/**
 * A Landsat validation data set stored one folder per scene ({@link LandsatFolders}): band GeoTIFFs, the MTL and
 * a mask, the scene id the folder's path under the root, its first part (when nested) a tag. Bands stay on disk
 * until read; close the scene when done.
 *
 * @param <D> the data set's own type, which the {@code with…} methods return
 */
abstract class LandsatFolderDataset<D extends LandsatFolderDataset<D>> extends ConvertingDataset<D> {

    /**
     * What tells one such data set from another.
     *
     * @param sensorId      the built-in sensor the bands belong to
     * @param twoDigitNames whether band files carry the two-digit names of the USGS Irish masks (see {@link
     *                      LandsatFolders#bandFiles})
     * @param mask          the mask file of a scene folder, if any
     * @param maskName      the mask file as error messages call it
     * @param groupTag      the tag holding the first part of a nested scene id
     * @param resolutionM   ground sampling distance, metres
     */
    record Folders(
            String sensorId,
            boolean twoDigitNames,
            Function<Path, Optional<Path>> mask,
            String maskName,
            String groupTag,
            double resolutionM) {}

    private final Folders folders;

    /** The bands read, in order. */
    final List<String> bands;

    LandsatFolderDataset(
            String name,
            Folders folders,
            Path root,
            ClassScheme scheme,
            List<String> ids,
            List<String> bands,
            Reading reading) {
        super(name, root, scheme, ids, reading);
        this.folders = folders;
        this.bands = List.copyOf(bands);
    }

    /** The ids of the scene folders under {@code root}: those holding an {@code *_MTL.txt} and a mask. */
    static List<String> sceneFolderIds(Path root, String name, String layout, Function<Path, Optional<Path>> mask) {
        DatasetFiles.requireDirectory(root, name, layout);
        List<String> ids = LandsatFolders.sceneFolders(root, mask).stream()
                .map(d -> DatasetFiles.relativeId(root, d))
                .toList();
        requireScenes(ids, name, root, layout);
        return ids;
    }

    /** This data set reading the bands {@code bands} of its scenes as {@code reading}, the rest as it is. */
    abstract D with(List<String> bands, Reading reading);

    @Override
    final D with(Reading reading) {
        return with(bands, reading);
    }

    /** The same data set reading other bands (band ids of its Landsat sensor, in the order wanted). */
    public D withBands(List<String> bandIds) {
        DatasetFiles.sensor(folders.sensorId()).select(bandIds);
        return with(bandIds, reading());
    }

    /** The code mapping of a scene's mask where the data set has none for all scenes. */
    ClassCodeMapping sceneMapping(Path maskFile) {
        throw new IllegalStateException(name() + " has no code mapping for " + maskFile);
    }

    /** Tags of a scene beyond its group, read with the mapping {@code m}. */
    void addTags(Map<String, String> tags, ClassCodeMapping m) {}

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Path dir = root().resolve(sceneId);
        Path maskFile = folders.mask()
                .apply(dir)
                .orElseThrow(() -> new SenseiException(
                        "scene " + sceneId + " of " + name() + " has no " + folders.maskName() + " file in " + dir));
        Sensor sensor = DatasetFiles.sensor(folders.sensorId());
        RasterBandsSource source = LandsatFolders.openBands(
                sceneId, dir, sensor, bands, folders.twoDigitNames(), converter, folders.resolutionM(), name());
        try {
            ClassCodeMapping m = mapping != null ? mapping : sceneMapping(maskFile);
            LabelFiles.Labels l = LabelFiles.decodeFor(source, maskFile, m, m.scheme(), null);
            Map<String, String> tags = new LinkedHashMap<>();
            LandsatFolders.group(sceneId).ifPresent(g -> tags.put(folders.groupTag(), g));
            addTags(tags, m);
            return new LabelledScene(name(), source, m.scheme(), l.classes(), tags);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }
}
