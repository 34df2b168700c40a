package org.sensei4j.io.product;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.YamlAliases;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandIds;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;

/**
 * A folder of single-band GeoTIFFs: each band's file is the one whose name holds the band id as a whole word,
 * ignoring case and leading zeros ({@code T32TQM_B02.tif}, {@code B8A.tif}, {@code LC08_..._B10_toa.tif}; {@code B1}
 * does not match {@code B10}), or the file a band map names; with only a sensor, every sensor band that has a file is
 * used. Any folder is one, so this provider is asked last; with a band map it is the only one asked.
 */
public final class BandFolderProvider implements SceneProvider {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return "folder";
    }

    @Override
    public String description() {
        return "a folder of single-band GeoTIFFs named by band (e.g. B02.tif or *_B02.tif)";
    }

    @Override
    public boolean readsBandMap() {
        return true;
    }

    @Override
    public ProbeResult probe(ProductInput input) {
        return input.isDirectory() ? ProbeResult.SUPPORTED : ProbeResult.UNSUPPORTED;
    }

    @Override
    public SceneSource open(ProductInput input, ProductOptions options) {
        return openFolder(input.path().orElseThrow(), options);
    }

    static GeoTiffScene openFolder(Path dir, ProductOptions options) {
        List<Path> tiffs;
        List<String> others = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            tiffs = new ArrayList<>();
            for (Path p : all) {
                String n = ProductNames.lowerName(p);
                if (n.startsWith(".")) {
                    continue;
                }
                if (n.endsWith(".tif") || n.endsWith(".tiff")) {
                    tiffs.add(p);
                } else {
                    others.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new SenseiException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
        if (options.scale() == null
                && others.stream().anyMatch(n -> n.toUpperCase(Locale.ROOT).matches(".*_MTL\\.(TXT|XML|JSON)"))) {
            options.warnings()
                    .accept(dir + " holds a Landsat MTL file: Level-1 band files hold DNs, not reflectance"
                            + " x 10000; convert them to TOA reflectance first, or give the right scale");
        }
        BandSelection selection = options.selection();
        Sensor sensor = selection != null ? selection.sensor().orElse(null) : options.sensor();
        boolean explicit = selection != null;
        List<Band> wanted;
        if (selection != null) {
            wanted = selection.bands();
        } else if (sensor != null) {
            wanted = sensor.bands();
        } else {
            throw new SenseiException("folder " + dir + ": no sensor given, so its files cannot be matched to bands:"
                    + " give --sensor ID (files are matched to its band ids, e.g. *_B02.tif) with optional --bands,"
                    + " or --wavelengths with a --band-map FILE");
        }
        String bandsOf = sensor != null ? "sensor " + sensor.id() : "the selection";
        List<BandFile> files = new ArrayList<>();
        Map<Path, Band> used = new LinkedHashMap<>();
        if (options.bandMap() != null) {
            Map<String, Path> map = readBandMap(options.bandMap(), dir);
            Map<String, String> byKey = new LinkedHashMap<>();
            map.keySet().forEach(k -> byKey.put(BandIds.key(k), k));
            List<String> unmatched = new ArrayList<>(map.keySet());
            for (Band b : wanted) {
                String original = byKey.get(BandIds.key(b.id()));
                if (original == null) {
                    if (explicit) {
                        throw new SenseiException("band map " + options.bandMap() + " has no file for band " + b.id()
                                + ": add a line '" + b.id() + ": FILE.tif' or leave the band out of --bands");
                    }
                    continue;
                }
                unmatched.remove(original);
                Path p = map.get(original);
                files.add(new BandFile(b, p, 0));
                checkUsedOnce(used, p, b);
            }
            if (!explicit && !unmatched.isEmpty()) {
                throw new SenseiException("band map " + options.bandMap() + " names band"
                        + (unmatched.size() > 1 ? "s " : " ")
                        + String.join(", ", unmatched) + " that " + bandsOf + " does not have: use its band ids ("
                        + String.join(", ", wanted.stream().map(Band::id).toList()) + ")");
            }
        } else {
            if (sensor == null) {
                throw new SenseiException("folder " + dir + ": bands given as --wavelengths have no ids to match the"
                        + " file names against: give a --band-map FILE mapping "
                        + String.join(", ", wanted.stream().map(Band::id).toList())
                        + " to file names, or use --sensor ID");
            }
            for (Band b : wanted) {
                String key = BandIds.key(b.id());
                List<Path> hits = tiffs.stream()
                        .filter(p -> ProductNames.nameKeys(p).contains(key))
                        .toList();
                if (hits.size() > 1) {
                    throw new SenseiException("folder " + dir + ": several files hold band id " + b.id() + " in their"
                            + " names ("
                            + hits.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                            + "): keep one per band, or say which is which with --band-map FILE");
                }
                if (hits.isEmpty()) {
                    if (explicit) {
                        throw new SenseiException("folder " + dir + " has no file for band " + b.id() + " ("
                                + bandsOf + "): expected a GeoTIFF with " + b.id() + " as a separate word in its"
                                + " name, like " + b.id() + ".tif or *_" + b.id() + ".tif or *_" + b.id()
                                + "_*.tif (case-insensitive); add it, leave the band out of --bands, or map bands to"
                                + " files with --band-map FILE");
                    }
                    continue;
                }
                files.add(new BandFile(b, hits.get(0), 0));
                checkUsedOnce(used, hits.get(0), b);
            }
        }
        if (files.isEmpty()) {
            if (tiffs.isEmpty()) {
                boolean jp2 =
                        others.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith(".jp2"));
                throw new SenseiException("folder " + dir + " holds no GeoTIFF (.tif/.tiff)"
                        + (jp2 ? " (JPEG2000 .jp2 files are not read here: convert them with gdal_translate)" : "")
                        + ": give " + SceneProviders.supportedInputs());
            }
            throw new SenseiException("folder " + dir + " has no GeoTIFF named after a band of " + bandsOf + " ("
                    + String.join(", ", wanted.stream().map(Band::id).toList()) + "): name the files like B02.tif or"
                    + " *_B02.tif, or map bands to files with --band-map FILE; GeoTIFFs there: "
                    + tiffs.stream()
                            .limit(8)
                            .map(p -> p.getFileName().toString())
                            .collect(Collectors.joining(", "))
                    + (tiffs.size() > 8 ? ", ..." : ""));
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return GeoTiffScene.open(
                name == null ? dir.toString() : name.toString(),
                "folder of single-band GeoTIFFs",
                sensor,
                files,
                options,
                true,
                null);
    }

    static void checkUsedOnce(Map<Path, Band> used, Path p, Band b) {
        Band before = used.putIfAbsent(p, b);
        if (before != null) {
            throw new SenseiException(p + " is matched to both band " + before.id() + " and band " + b.id()
                    + ": rename the file so its name holds one band id, or say which is which with --band-map FILE");
        }
    }

    /**
     * Reads a band map: a YAML or JSON object mapping band ids to file names, relative to {@code folder} (or
     * absolute). Keys are returned as written, in file order.
     */
    static Map<String, Path> readBandMap(Path mapFile, Path folder) {
        if (!Files.isRegularFile(mapFile)) {
            throw new SenseiException("band map file not found: " + mapFile);
        }
        String n = ProductNames.lowerName(mapFile);
        JsonNode root;
        try {
            String text = Files.readString(mapFile);
            if (!n.endsWith(".json")) {
                YamlAliases.refuse(text, "band map " + mapFile);
            }
            root = (n.endsWith(".json") ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw new SenseiException(
                    "band map " + mapFile + " is not valid " + (n.endsWith(".json") ? "JSON" : "YAML")
                            + ": " + e.getOriginalMessage() + "; write it as 'B02: file.tif' lines (YAML) or"
                            + " {\"B02\": \"file.tif\"} (JSON)",
                    e);
        } catch (CharacterCodingException e) {
            throw new SenseiException(
                    "band map " + mapFile + " is not UTF-8 text (a binary file?): write it as"
                            + " 'B02: file.tif' lines (YAML) or {\"B02\": \"file.tif\"} (JSON)",
                    e);
        } catch (IOException e) {
            throw new SenseiException("cannot read band map " + mapFile + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new SenseiException("band map " + mapFile + " is not a map of band ids to file names: write it as"
                    + " 'B02: file.tif' lines (YAML) or {\"B02\": \"file.tif\"} (JSON)");
        }
        Map<String, Path> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new SenseiException("band map " + mapFile + ": band " + e.getKey() + " maps to " + v
                        + ", not a file name: give the file name as text, e.g. '" + e.getKey() + ": file.tif'");
            }
            Path p = folder.resolve(v.asText().trim()).normalize();
            if (!Files.isRegularFile(p)) {
                throw new SenseiException("band map " + mapFile + ": file '" + v.asText() + "' for band " + e.getKey()
                        + " not found in " + folder + ": fix the file name (relative to the input folder)");
            }
            String key = e.getKey();
            if (out.keySet().stream().anyMatch(k -> BandIds.same(k, key))) {
                throw new SenseiException("band map " + mapFile + " names band " + e.getKey() + " twice (case and"
                        + " leading zeros are ignored): give each band once");
            }
            out.put(key, p);
        }
        return out;
    }
}
