package org.sensei4j.io.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.npy.NpyArray;
import org.sensei4j.io.npy.NpyFile;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;

/**
 * Patches prepared by eo4ai (github.com/ESA-PhiLab/eo4ai), the SEnSeI authors' preprocessing tool, as its
 * {@code BySceneAndPatchOrganiser} writes them: {@code <scene>/<patch>/} folders holding {@code image.npy}
 * (height × width × bands float32: TOA reflectance, normalised brightness temperature), {@code mask.npy}
 * (height × width × classes one-hot bool), {@code descriptors.npy} and {@code metadata.json}, whose
 * {@code spacecraft_id}, {@code bands}, {@code band_types}, {@code band_centres}, {@code band_widths},
 * {@code classes} and {@code resolution} this reader uses.
 *
 * <p>Bands are the sensor's bands when {@code spacecraft_id} names a known sensor ({@code Sentinel2},
 * {@code Landsat8}, {@code Landsat7}) and the band id is one of its own; other bands (e.g. Landsat 7's
 * {@code B61}/{@code B62}) are built from {@code band_centres} ± {@code band_widths}/2. Mask classes map by name:
 * FILL → nodata; CLEAR, LAND, WATER, ICE/SNOW, FLOODED → clear; SHADOW, SHADOW OVER WATER → shadow; THIN → thin
 * cloud; THICK → thick cloud; CLOUD → cloud; a pixel with no class set is nodata. The scheme follows the classes
 * (thin/thick → {@code full}, else shadow → {@code cloud-shadow}, else {@code cloud}). The scene id is the patch
 * folder's path under the root; tags: {@code scene}, {@code spacecraft}, {@code sun_elevation}.
 */
public final class Eo4aiDataset extends FileDataset {

    /** The data set's name. */
    public static final String NAME = "eo4ai";

    static final String LAYOUT = "<scene>/<patch>/ folders with image.npy, mask.npy and metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Eo4aiDataset(Path root, List<String> ids, SplitAssignment splits) {
        super(NAME, root, ClassScheme.CLEAR_THIN_THICK_SHADOW, ids, splits);
    }

    /** The patches under {@code root}: folders holding image.npy, mask.npy and metadata.json. */
    public static Eo4aiDataset of(Path root) {
        DatasetFiles.requireDirectory(root, NAME, LAYOUT);
        List<String> ids = DatasetFiles.walkDirectories(
                        root,
                        d -> Files.isRegularFile(d.resolve("image.npy"))
                                && Files.isRegularFile(d.resolve("mask.npy"))
                                && Files.isRegularFile(d.resolve("metadata.json")))
                .stream()
                .map(d -> DatasetFiles.relativeId(root, d))
                .toList();
        requireScenes(ids, NAME, root, LAYOUT);
        return new Eo4aiDataset(root, ids, SplitAssignment.none());
    }

    /** The same data set with another split. */
    public Eo4aiDataset withSplits(SplitAssignment splits) {
        return new Eo4aiDataset(root(), sceneIds(), splits);
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Path dir = root().resolve(sceneId);
        Path metaFile = dir.resolve("metadata.json");
        JsonNode meta;
        try {
            meta = JSON.readTree(metaFile.toFile());
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot read " + metaFile + ": " + e.getMessage() + "; it must be the JSON " + "eo4ai writes", e);
        }
        List<String> bandIds = strings(meta, "bands", metaFile);
        List<String> classes = strings(meta, "classes", metaFile);
        Path imageFile = dir.resolve("image.npy");
        Path maskFile = dir.resolve("mask.npy");
        NpyArray image = NpyFile.read(imageFile);
        long[] s = image.shape();
        if (s.length != 3 || s[2] != bandIds.size()) {
            throw new SenseiException("image " + imageFile + " has shape " + Arrays.toString(s) + " but "
                    + metaFile.getFileName() + " lists " + bandIds.size() + " bands " + bandIds + ": expected (height, "
                    + "width, " + bandIds.size() + ")");
        }
        NpyArray mask = NpyFile.read(maskFile);
        long[] m = mask.shape();
        if (m.length != 3 || m[2] != classes.size()) {
            throw new SenseiException("mask " + maskFile + " has shape " + Arrays.toString(m) + " but "
                    + metaFile.getFileName() + " lists " + classes.size() + " classes " + classes + ": expected "
                    + "(height, width, " + classes.size() + ") one-hot");
        }
        DatasetFiles.requireSameSize((int) s[1], (int) s[0], imageFile, (int) m[1], (int) m[0], maskFile);
        ClassCodeMapping mapping = mappingFor(classes, metaFile);
        int[] codes = CloudMaskCatalogueDataset.oneHotCodes(mask, classes.size(), maskFile);
        byte[] labels = LabelFiles.decodeCodes(codes, (int) m[1], 0, mapping, mapping.scheme(), maskFile);

        String spacecraft = meta.path("spacecraft_id").asText("");
        Optional<Sensor> sensor = sensorOf(spacecraft);
        List<Band> bands = bands(meta, bandIds, sensor, metaFile);
        double resolution =
                meta.path("resolution").isNumber() ? meta.path("resolution").asDouble() : Double.NaN;
        FloatRaster values = image.toFloatRaster(NpyArray.ImageLayout.HWC, null);
        Scene scene = DatasetFiles.scene(sceneId, bands, sensor.orElse(null), values, null, resolution);
        Map<String, String> tags = new LinkedHashMap<>();
        if (meta.hasNonNull("scene_id")) {
            tags.put("scene", meta.get("scene_id").asText());
        }
        if (!spacecraft.isEmpty()) {
            tags.put("spacecraft", spacecraft);
        }
        if (meta.hasNonNull("sun_elevation")) {
            tags.put("sun_elevation", meta.get("sun_elevation").asText());
        }
        return DatasetFiles.labelled(NAME, scene, mapping.scheme(), labels, tags);
    }

    private static List<String> strings(JsonNode meta, String key, Path file) {
        JsonNode n = meta.get(key);
        if (n == null || !n.isArray() || n.isEmpty()) {
            throw new SenseiException(file + " has no '" + key + "' list: eo4ai's metadata.json names the bands and "
                    + "classes of the patch");
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    static Optional<Sensor> sensorOf(String spacecraft) {
        String k = spacecraft.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (k) {
            case "sentinel2", "sentinel2a", "sentinel2b" -> Optional.of(DatasetFiles.sensor("sentinel2"));
            case "landsat8" -> Optional.of(DatasetFiles.sensor("landsat8"));
            case "landsat7" -> Optional.of(DatasetFiles.sensor("landsat7"));
            default -> Optional.empty();
        };
    }

    private static List<Band> bands(JsonNode meta, List<String> ids, Optional<Sensor> sensor, Path file) {
        List<Band> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Optional<Band> known = sensor.flatMap(s -> s.findBand(id));
            if (known.isPresent()) {
                out.add(known.get());
                continue;
            }
            JsonNode centres = meta.get("band_centres");
            JsonNode widths = meta.get("band_widths");
            if (centres == null
                    || widths == null
                    || centres.size() <= i
                    || widths.size() <= i
                    || !centres.get(i).isNumber()
                    || !widths.get(i).isNumber()) {
                throw new SenseiException("band " + id + " of " + file + " is not a band of "
                        + sensor.map(Sensor::id).orElse("a known sensor") + " and the file gives no band_centres/"
                        + "band_widths for it: add them, in nm");
            }
            double c = centres.get(i).asDouble();
            double w = widths.get(i).asDouble();
            String type = meta.path("band_types").path(i).asText("");
            Quantity q = type.toLowerCase(Locale.ROOT).contains("temperature")
                    ? Quantity.BRIGHTNESS_TEMPERATURE
                    : Quantity.TOA_REFLECTANCE;
            out.add(new Band(id, null, new BandDescriptor(c - w / 2, c, c + w / 2), Double.NaN, q, type));
        }
        return out;
    }

    /** A code mapping for one-hot channels named {@code classes} (code = channel index, 255 = none set). */
    static ClassCodeMapping mappingFor(List<String> classes, Path file) {
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            String c = classes.get(i);
            String kind = switch (c.strip().toUpperCase(Locale.ROOT).replace('_', ' ')) {
                case "FILL", "NODATA", "NO DATA", "NONE" -> "nodata";
                case "CLEAR", "LAND", "WATER", "ICE/SNOW", "SNOW/ICE", "SNOW", "ICE", "FLOODED" -> "clear";
                case "SHADOW", "CLOUD SHADOW", "SHADOW OVER WATER" -> "shadow";
                case "THIN", "THIN CLOUD" -> "thin_cloud";
                case "THICK", "THICK CLOUD" -> "thick_cloud";
                case "CLOUD" -> "cloud";
                default ->
                    throw new SenseiException("class '" + c + "' in " + file + " is not one this reader knows "
                            + "(FILL, CLEAR, LAND, WATER, ICE/SNOW, FLOODED, SHADOW, SHADOW OVER WATER, THIN, THICK, "
                            + "CLOUD): rename it in metadata.json to the class it stands for");
            };
            byClass.computeIfAbsent(kind, k -> new ArrayList<>()).add(i);
        }
        byClass.computeIfAbsent("nodata", k -> new ArrayList<>()).add(ClassCodeMapping.NO_CHANNEL);
        StringBuilder spec = new StringBuilder();
        byClass.forEach((k, v) -> {
            if (spec.length() > 0) {
                spec.append(';');
            }
            spec.append(k)
                    .append('=')
                    .append(v.stream()
                            .map(String::valueOf)
                            .reduce((a, b) -> a + "," + b)
                            .orElseThrow());
        });
        try {
            return ClassCodeMapping.parse(spec.toString());
        } catch (SenseiException e) {
            throw new SenseiException(
                    "classes " + classes + " of " + file + " do not form a class scheme: " + e.getMessage(), e);
        }
    }
}
