package org.sensei4j.io.product;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.UserPaths;
import org.sensei4j.file.YamlAliases;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.landsat.LandsatProduct;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.io.remote.HttpByteSource;
import org.sensei4j.io.sentinel2.Sentinel2Safe;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandIds;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.StacItems;

/**
 * Opens a product as a windowed {@link SceneSource} in SEnSeI's quantities, choosing the reader from what the
 * path is:
 * <ul>
 *   <li>a GeoTIFF ({@code .tif}, {@code .tiff}, or any file starting with the TIFF signature): its bands in file
 *       order are the selected bands ({@link ProductOptions#selection()}), whose number must equal the file's;
 *       with only a sensor, the file must hold all the sensor's bands in product order;</li>
 *   <li>a GDAL VRT ({@code .vrt}) of simple sources, e.g. {@code gdalbuildvrt -separate} of single-band GeoTIFFs
 *       on one grid (see {@link VrtFile} for what is supported): read like the multiband GeoTIFF
 *       {@code gdal_translate} would make of it, with the VRT's nodata values; with only a sensor, band
 *       descriptions ({@code <Description>}) that name the sensor's bands choose them;</li>
 *   <li>a folder of single-band GeoTIFFs: each band's file is the one whose name holds the band id as a whole
 *       word, ignoring case and leading zeros ({@code T32TQM_B02.tif}, {@code B8A.tif},
 *       {@code LC08_..._B10_toa.tif}; {@code B1} does not match {@code B10}), or the file a band map names;
 *       with only a sensor, every sensor band that has a file is used;</li>
 *   <li>a STAC item ({@code .json}) with {@code eo:bands} and asset hrefs (relative to the item, or
 *       {@code http(s)://} URLs): bands come from {@link StacItems}, files from the assets, nodata, scale and
 *       offset from the assets' {@code raster:bands} when given;</li>
 *   <li>an {@code http(s)://} URL ({@link #open(String, ProductOptions)}) of a GeoTIFF/COG or a STAC item, read
 *       with HTTP range requests ({@link HttpByteSource});</li>
 *   <li>a Landsat 4–9 Level-1 product: a folder holding a {@code *_MTL.txt} (without a band map), or the MTL file
 *       itself, read by {@link LandsatScene} (DN → TOA reflectance and normalised brightness temperature with the
 *       MTL's coefficients);</li>
 *   <li>a Sentinel-2 L1C/L2A SAFE product: a {@code *.SAFE} folder (or one holding {@code MTD_MSIL1C.xml} /
 *       {@code MTD_MSIL2A.xml}), the metadata file itself, a granule folder or its {@code MTD_TL.xml}, read by
 *       {@link Sentinel2SafeScene} (JPEG2000 bands, DN → reflectance with the product's offsets).</li>
 * </ul>
 * Bands on different grids are resampled onto one (see {@link GeoTiffScene}). The value rules below apply to
 * GeoTIFF inputs; Landsat and SAFE products take theirs from their metadata.
 *
 * <p>Values (see {@link BandConversion}):
 * <ul>
 *   <li>Reflective bands: {@code value = stored × scale + offset}. The scale is {@link ProductOptions#scale()}
 *       when given; otherwise ("auto") float rasters are taken as reflectance as they are (scale 1), 16- and
 *       32-bit integer rasters as reflectance × 10000 (scale 1/10000, the Sentinel-2 L1C/L2A and common
 *       surface-reflectance convention) and 8-bit rasters as reflectance × 255 (scale 1/255); an assumed scale is
 *       reported as one warning line per sample type.</li>
 *   <li>Thermal bands ({@link org.sensei4j.sensor.Quantity#BRIGHTNESS_TEMPERATURE}): brightness temperature in K,
 *       or in °C when every valid sampled value is below 150 (or as {@link ThermalHandling} says), normalised as
 *       in the SEnSeI paper to {@code (BT − BT_min)/(BT_95% − BT_min)} with BT_min and BT_95% taken once per
 *       band over the whole scene (a decimated pass at open time, see {@link ThermalNormalisation}), so every
 *       window is normalised alike. Scale and offset do not apply (the normalisation cancels them).</li>
 *   <li>NaN, ±infinity and the nodata value ({@link ProductOptions#nodata()}, else the file's GDAL nodata) are
 *       missing: the pixel is {@link org.sensei4j.scene.SceneWindow#NODATA} when any band is missing there, and
 *       all its values are 0. With {@link ProductOptions#saturation()}, a reflective band's stored value at or
 *       above it makes the pixel {@link org.sensei4j.scene.SceneWindow#SATURATED} (values kept) unless it is
 * nodata.</li>
 * </ul>
 */
public final class ProductReaders {

    /** What {@link #open} reads, for error messages. */
    public static final String SUPPORTED = "a GeoTIFF (.tif/.tiff), a GDAL VRT (.vrt) of GeoTIFF bands, a folder of"
            + " single-band GeoTIFFs named by band (e.g. B02.tif or *_B02.tif), a STAC item (.json) with eo:bands and "
            + "GeoTIFF assets, an http(s)://"
            + " URL of a GeoTIFF/COG or STAC item, a Landsat"
            + " Level-1 product folder (or its *_MTL.txt), or a Sentinel-2 .SAFE folder (or its MTD_MSIL1C.xml /"
            + " MTD_MSIL2A.xml)";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private ProductReaders() {}

    /**
     * Opens a product given as a local path or an {@code http(s)://} URL: a URL is a GeoTIFF/COG or a STAC item
     * ({@code .json}), read with HTTP range requests ({@link HttpByteSource}); anything else is a path for
     * {@link #open(Path, ProductOptions)}.
     */
    public static SceneSource open(String input, ProductOptions options) {
        if (input == null) {
            throw new SenseiException("no input given: give " + SUPPORTED);
        }
        if (!ByteSource.isUrl(input)) {
            return open(Path.of(input), options);
        }
        if (options == null) {
            options = ProductOptions.defaults();
        }
        if (options.bandMap() != null) {
            throw new SenseiException("a band map (" + options.bandMap() + ") applies to a folder of single-band files,"
                    + " but " + input + " is a URL: give a local folder as input, or leave out the band map");
        }
        String name = ByteSource.fileName(input).toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".geojson")) {
            return openRemoteStacItem(input, options);
        }
        if (name.endsWith(".vrt")) {
            throw new SenseiException("VRT " + input + " is remote, which is not supported: download the VRT and its"
                    + " GeoTIFFs and give the local VRT, or give the GeoTIFF's URL");
        }
        return openMultiband(null, input, options);
    }

    /** Whether {@code input} is an {@code http(s)://} URL (read remotely by {@link #open(String, ProductOptions)}). */
    public static boolean isRemote(String input) {
        return ByteSource.isUrl(input);
    }

    /**
     * Opens a product (see the class comment for the inputs and value rules).
     *
     * @throws SenseiException for a missing path, an unsupported input, bands that do not match the product, or a
     *                         file that cannot be read; the message names the problem and the fix
     */
    public static SceneSource open(Path input, ProductOptions options) {
        if (input == null) {
            throw new SenseiException("no input given: give " + SUPPORTED);
        }
        if (options == null) {
            options = ProductOptions.defaults();
        }
        if (!Files.exists(input)) {
            throw new SenseiException("file not found: " + input);
        }
        UserPaths.requireFileOrDirectory(input, "input");
        if (Files.isDirectory(input)) {
            if (options.bandMap() == null) {
                if (Sentinel2Safe.isSafeFolder(input)) {
                    return Sentinel2SafeScene.open(input, options);
                }
                if (LandsatProduct.isProductFolder(input)) {
                    return LandsatScene.open(input, options);
                }
            }
            return openFolder(input, options);
        }
        if (options.bandMap() != null) {
            throw new SenseiException("a band map (" + options.bandMap() + ") applies to a folder of single-band files,"
                    + " but " + input + " is a file: give the folder as input, or leave out the band map");
        }
        String name = lowerName(input);
        if (name.endsWith(".tif") || name.endsWith(".tiff") || hasTiffSignature(input)) {
            return openGeoTiff(input, options);
        }
        if (name.endsWith(".vrt")) {
            return openVrt(input, options);
        }
        if (name.endsWith(".json") || name.endsWith(".geojson")) {
            return openStacItem(input, options);
        }
        if (LandsatProduct.isMtlFile(input)) {
            return LandsatScene.open(input, options);
        }
        if (Sentinel2Safe.isMetadataFile(input)) {
            return Sentinel2SafeScene.open(input, options);
        }
        if (name.endsWith(".zip")) {
            throw new SenseiException(input + " is a zip archive: unzip it and give the product folder (e.g. the"
                    + " .SAFE folder of a Sentinel-2 product)");
        }
        if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            throw new SenseiException(input + " is a tar archive: unpack it (tar xf) and give the folder holding the"
                    + " product's files (for Landsat, the folder with the *_MTL.txt)");
        }
        throw new SenseiException("unsupported input " + input + ": give " + SUPPORTED);
    }

    // ---------------------------------------------------------------- multiband GeoTIFF

    static GeoTiffScene openGeoTiff(Path file, ProductOptions options) {
        return openMultiband(file, null, options);
    }

    /** A multiband GeoTIFF, local ({@code file}) or remote ({@code url}). */
    private static GeoTiffScene openMultiband(Path file, String url, ProductOptions options) {
        int count;
        try (GeoTiffReader r = url != null ? GeoTiffReader.open(url) : GeoTiffReader.open(file)) {
            count = r.info().bandCount();
        }
        BandSelection selection = options.selection();
        Sensor sensor = selection != null ? selection.sensor().orElse(null) : options.sensor();
        Path named = file != null ? file : Path.of(ByteSource.fileName(url));
        List<Band> bands = bandsInFileOrder(file != null ? file.toString() : url, named, count, options, null);
        List<BandFile> files = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            files.add(url != null ? BandFile.remote(bands.get(i), url, i) : new BandFile(bands.get(i), file, i));
        }
        return GeoTiffScene.open(
                stem(named), url != null ? "remote GeoTIFF" : "multiband GeoTIFF", sensor, files, options, false);
    }

    /**
     * The bands of a multiband file (or VRT) of {@code count} bands, in file order: the selection, which must have
     * {@code count} bands; with only a sensor, the sensor's bands named by {@code names} (band descriptions, one
     * per band, when each names a different band of the sensor), else all the sensor's bands, which must be
     * {@code count}.
     */
    private static List<Band> bandsInFileOrder(
            String file, Path named, int count, ProductOptions options, List<String> names) {
        BandSelection selection = options.selection();
        Sensor sensor = selection != null ? selection.sensor().orElse(null) : options.sensor();
        if (selection != null) {
            if (selection.size() != count) {
                throw new SenseiException(file + " has " + count + " band" + (count == 1 ? "" : "s") + " but "
                        + selection.size() + " were selected (" + describe(selection) + "): select exactly the file's"
                        + " bands in file order");
            }
            return selection.bands();
        }
        if (sensor != null) {
            Optional<List<Band>> described = names == null ? Optional.empty() : bandsNamed(names, sensor);
            if (described.isPresent()) {
                return described.get();
            }
            Optional<Band> byName = count == 1 ? bandNamedIn(named, sensor.bands()) : Optional.empty();
            if (byName.isPresent()) {
                return List.of(byName.get());
            }
            if (sensor.bands().size() != count) {
                throw new SenseiException(file + " has " + count + " band" + (count == 1 ? "" : "s") + " but sensor "
                        + sensor.id() + " has " + sensor.bands().size()
                        + " (--sensor without --bands selects all of them):"
                        + " select exactly the file's bands in file order, e.g. --sensor " + sensor.id() + " --bands "
                        + String.join(
                                ",",
                                sensor.bandIds()
                                        .subList(
                                                0,
                                                Math.min(count, sensor.bands().size()))));
            }
            return sensor.bands();
        }
        throw new SenseiException(file + " has " + count + " band" + (count == 1 ? "" : "s") + " but no band"
                + " description was given: give --sensor ID with --bands in file order (see 'sensei sensors'), or"
                + " --wavelengths min:centre:max,... in nm, one per band");
    }

    /** The sensor's bands named by {@code names}, when every name is a different band of the sensor. */
    private static Optional<List<Band>> bandsNamed(List<String> names, Sensor sensor) {
        List<Band> out = new ArrayList<>();
        for (String n : names) {
            if (n == null) {
                return Optional.empty();
            }
            Optional<Band> b = findQuietly(sensor, n);
            if (b.isEmpty()) {
                List<String> keys = nameKeys(Path.of("x").resolveSibling(n.replace('/', '_') + ".x"));
                List<Band> hits = sensor.bands().stream()
                        .filter(x -> keys.contains(BandIds.key(x.id())))
                        .toList();
                b = hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
            }
            if (b.isEmpty() || out.contains(b.get())) {
                return Optional.empty();
            }
            out.add(b.get());
        }
        return Optional.of(out);
    }

    // ---------------------------------------------------------------- GDAL VRT

    static GeoTiffScene openVrt(Path file, ProductOptions options) {
        VrtFile vrt = VrtFile.read(file);
        for (VrtFile.VrtBand b : vrt.bands()) {
            try (GeoTiffReader r = GeoTiffReader.open(b.source())) {
                vrt.checkSource(b, r.info());
            }
        }
        BandSelection selection = options.selection();
        Sensor sensor = selection != null ? selection.sensor().orElse(null) : options.sensor();
        List<String> names =
                vrt.bands().stream().map(VrtFile.VrtBand::description).toList();
        List<Band> bands = bandsInFileOrder(file.toString(), file, vrt.bands().size(), options, names);
        List<BandFile> files = new ArrayList<>();
        List<GeoTiffScene.BandValues> nodata = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            VrtFile.VrtBand b = vrt.bands().get(i);
            files.add(new BandFile(bands.get(i), b.source(), b.sourceBand()));
            nodata.add(GeoTiffScene.BandValues.nodata(b.nodata()));
        }
        return GeoTiffScene.open(stem(file), "GDAL VRT", sensor, files, options, false, nodata);
    }

    /**
     * The files a VRT reads (for output checks), or an empty list when {@code file} is not a readable VRT (the
     * reader then says why).
     */
    public static List<Path> vrtSources(Path file) {
        try {
            return VrtFile.read(file).bands().stream()
                    .map(VrtFile.VrtBand::source)
                    .distinct()
                    .toList();
        } catch (SenseiException e) {
            return List.of();
        }
    }

    private static String describe(BandSelection selection) {
        if (selection.sensor().isPresent()) {
            return "--sensor " + selection.sensor().get().id() + " --bands " + String.join(",", selection.bandIds());
        }
        return "--wavelengths "
                + selection.descriptors().stream().map(Object::toString).collect(Collectors.joining(","));
    }

    // ---------------------------------------------------------------- folder of single-band files

    static GeoTiffScene openFolder(Path dir, ProductOptions options) {
        List<Path> tiffs;
        List<String> others = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            tiffs = new ArrayList<>();
            for (Path p : all) {
                String n = lowerName(p);
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
                List<Path> hits =
                        tiffs.stream().filter(p -> nameKeys(p).contains(key)).toList();
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
                        + ": give " + SUPPORTED);
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
                true);
    }

    /** The asset holding a band named {@code id} (by eo:bands name, else by asset key), or null. */
    private static AssetRef assetNamed(JsonNode tree, String id) {
        String key = BandIds.key(id);
        for (Map.Entry<String, JsonNode> e : tree.path("assets").properties()) {
            JsonNode asset = e.getValue();
            String href = asset.path("href").asText(null);
            if (href == null || href.isBlank()) {
                continue;
            }
            JsonNode arr = asset.has("eo:bands") ? asset.get("eo:bands") : asset.get("bands");
            if (arr != null && arr.isArray()) {
                for (int i = 0; i < arr.size(); i++) {
                    if (key.equals(BandIds.key(arr.get(i).path("name").asText("")))) {
                        return new AssetRef(
                                e.getKey(), href, i, asset.path("type").asText(""));
                    }
                }
            }
            if (key.equals(BandIds.key(e.getKey()))) {
                return new AssetRef(e.getKey(), href, 0, asset.path("type").asText(""));
            }
        }
        return null;
    }

    /** The local file of a {@code file:} href, or a refusal that names the item, the asset and the href. */
    private static Path fileUri(Path item, AssetRef ref) {
        try {
            return Path.of(URI.create(ref.href()));
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new SenseiException(
                    "STAC item " + item + ": asset '" + ref.key() + "' has href " + ref.href()
                            + ", which is not a local file URI (" + e.getMessage()
                            + "): write file:///absolute/path or a path"
                            + " relative to the item",
                    e);
        }
    }

    private static void checkUsedOnce(Map<Path, Band> used, Path p, Band b) {
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
        String n = lowerName(mapFile);
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

    // ---------------------------------------------------------------- STAC item

    private record AssetRef(String key, String href, int index, String type) {}

    /**
     * A band's {@code raster:bands} entry (the one at the band's index in its asset): nodata, scale and offset, or
     * null when the asset has none of them.
     */
    private static GeoTiffScene.BandValues rasterValues(JsonNode tree, AssetRef ref, String item) {
        JsonNode raster =
                tree.path("assets").path(ref.key()).path("raster:bands").path(ref.index());
        if (!raster.isObject()) {
            return null;
        }
        JsonNode nd = raster.get("nodata");
        Double nodata = null;
        boolean given = false;
        if (nd != null && !nd.isNull()) {
            given = true;
            if (nd.isNumber()) {
                nodata = nd.asDouble();
            } else if (nd.isTextual() && nd.asText().equalsIgnoreCase("nan")) {
                nodata = Double.NaN;
            } else if (nd.isTextual() && nd.asText().matches("[+-]?inf")) {
                nodata = nd.asText().startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            } else {
                throw new SenseiException("STAC item " + item + ": asset '" + ref.key() + "' has raster:bands nodata "
                        + nd + ": give a number, \"nan\", \"inf\" or \"-inf\"");
            }
        }
        Double scale = number(raster.get("scale"), "scale", ref, item);
        Double offset = number(raster.get("offset"), "offset", ref, item);
        if (scale != null && (scale == 0 || !Double.isFinite(scale))) {
            throw new SenseiException("STAC item " + item + ": asset '" + ref.key() + "' has raster:bands scale "
                    + scale + ": give a finite, non-zero scale");
        }
        return given || scale != null || offset != null
                ? new GeoTiffScene.BandValues(given, nodata, scale, offset)
                : null;
    }

    private static Double number(JsonNode n, String field, AssetRef ref, String item) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new SenseiException("STAC item " + item + ": asset '" + ref.key() + "' has raster:bands " + field
                    + " " + n + ", not a number: fix the item");
        }
        return n.asDouble();
    }

    static GeoTiffScene openStacItem(Path item, ProductOptions options) {
        JsonNode tree;
        try {
            tree = JSON.readTree(item.toFile());
        } catch (JsonProcessingException e) {
            throw new SenseiException(
                    item + " is not valid JSON (" + e.getOriginalMessage() + "): give " + SUPPORTED, e);
        } catch (IOException e) {
            throw new SenseiException("cannot read " + item + ": " + e.getMessage(), e);
        }
        return openStacItem(
                tree,
                item.toString(),
                stem(item),
                String.valueOf(item.getFileName()),
                item.toAbsolutePath().getParent(),
                null,
                options);
    }

    /** Largest remote STAC item read, in bytes. */
    static final long MAX_REMOTE_ITEM_BYTES = 16L << 20;

    static GeoTiffScene openRemoteStacItem(String url, ProductOptions options) {
        byte[] body;
        try (HttpByteSource s = HttpByteSource.open(url)) {
            if (s.size() > MAX_REMOTE_ITEM_BYTES) {
                throw new SenseiException("STAC item " + url + " has " + s.size() + " bytes, more than the "
                        + (MAX_REMOTE_ITEM_BYTES >> 20) + " MiB a STAC item may have: give the URL of one item");
            }
            body = new byte[(int) s.size()];
            s.read(ByteBuffer.wrap(body), 0);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SenseiException(
                    url + " is not valid JSON (" + e.getOriginalMessage() + "): give " + SUPPORTED, e);
        } catch (IOException e) {
            throw new SenseiException("cannot read " + url + ": " + e.getMessage(), e);
        }
        String fileName = ByteSource.fileName(url);
        return openStacItem(tree, url, stem(Path.of(fileName)), fileName, null, URI.create(url.trim()), options);
    }

    /**
     * A STAC item read from {@code item} (a path or URL, for messages); asset hrefs are relative to
     * {@code base} (a local item's folder) or {@code baseUri} (a remote item's URL); {@code http(s)} hrefs are
     * read remotely.
     */
    private static GeoTiffScene openStacItem(
            JsonNode tree,
            String item,
            String itemStem,
            String itemFileName,
            Path base,
            URI baseUri,
            ProductOptions options) {
        if (!StacItems.isStacItem(tree)) {
            throw new SenseiException(item + " is JSON but not a STAC item (no \"type\": \"Feature\" nor stac_version):"
                    + " give " + SUPPORTED);
        }
        String itemId = tree.path("id").asText(itemStem);
        // the item's own band descriptions must be complete unless the user maps its bands to a sensor
        boolean mapped = options.selection() != null || options.sensor() != null;
        Sensor stac = StacItems.toSensor(tree, itemStem, item, !mapped);
        Map<Band, AssetRef> assets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : tree.path("assets").properties()) {
            JsonNode asset = e.getValue();
            String href = asset.path("href").asText(null);
            if (href == null || href.isBlank()) {
                continue;
            }
            JsonNode arr = asset.has("eo:bands") ? asset.get("eo:bands") : asset.get("bands");
            if (arr == null || !arr.isArray()) {
                continue;
            }
            for (int i = 0; i < arr.size(); i++) {
                JsonNode b = arr.get(i);
                String name = b.path("name").asText(null);
                String id = name != null ? name : arr.size() == 1 ? e.getKey() : e.getKey() + "_" + (i + 1);
                Optional<Band> band = findQuietly(stac, id);
                if (band.isPresent() && !assets.containsKey(band.get())) {
                    assets.put(
                            band.get(),
                            new AssetRef(e.getKey(), href, i, asset.path("type").asText("")));
                }
            }
        }
        for (Band b : stac.bands()) {
            if (assets.containsKey(b)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> e : tree.path("assets").properties()) {
                String href = e.getValue().path("href").asText(null);
                if (href != null && BandIds.same(e.getKey(), b.id())) {
                    assets.put(
                            b,
                            new AssetRef(
                                    e.getKey(),
                                    href,
                                    0,
                                    e.getValue().path("type").asText("")));
                    break;
                }
            }
        }
        BandSelection selection = options.selection();
        List<Band[]> wanted = new ArrayList<>(); // {band to report, band of the item}
        boolean explicit = selection != null;
        Sensor sensor;
        if (selection != null) {
            if (selection.sensor().isEmpty()) {
                throw new SenseiException(
                        "STAC item " + item + " describes its own bands: select some by id (--sensor-file "
                                + itemFileName + " --bands ...) or none, not by --wavelengths");
            }
            sensor = selection.sensor().get();
            for (Band b : selection.bands()) {
                Optional<Band> described = findQuietly(stac, b.id());
                if (described.isEmpty()) {
                    // a band the item does not describe (no center_wavelength): the user's description maps it
                    AssetRef ref = assetNamed(tree, b.id());
                    if (ref == null) {
                        throw new SenseiException("STAC item " + item + " has no band " + b.id() + ": its bands are "
                                + String.join(", ", stac.bandIds()));
                    }
                    assets.put(b, ref);
                    wanted.add(new Band[] {b, b});
                    continue;
                }
                wanted.add(new Band[] {b, described.get()});
            }
        } else if (options.sensor() != null) {
            sensor = options.sensor();
            for (Band b : sensor.bands()) {
                findQuietly(stac, b.id()).ifPresent(s -> wanted.add(new Band[] {b, s}));
            }
            if (wanted.isEmpty()) {
                throw new SenseiException("STAC item " + item + " has none of the bands of sensor " + sensor.id()
                        + " (its bands are " + String.join(", ", stac.bandIds()) + "): leave out --sensor to use the"
                        + " item's own band descriptions");
            }
        } else {
            sensor = stac;
            stac.bands().forEach(b -> wanted.add(new Band[] {b, b}));
        }
        List<BandFile> files = new ArrayList<>();
        List<GeoTiffScene.BandValues> values = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Band[] pair : wanted) {
            AssetRef ref = assets.get(pair[1]);
            String problem = null;
            Path file = null;
            String url = null;
            if (ref == null) {
                problem = "no asset holds it";
            } else {
                boolean hasScheme = ref.href().matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
                if (ByteSource.isUrl(ref.href())) {
                    url = ref.href().trim();
                } else if (baseUri != null && !hasScheme) {
                    url = baseUri.resolve(ref.href().trim()).toString();
                } else if (hasScheme && !ref.href().startsWith("file:")) {
                    problem = "its asset '" + ref.key() + "' is remote (" + ref.href() + ") but not http(s)";
                } else if (baseUri != null) {
                    problem =
                            "its asset '" + ref.key() + "' (" + ref.href() + ") is a local file but the item is remote";
                } else {
                    file = ref.href().startsWith("file:")
                            ? fileUri(Path.of(item), ref)
                            : base.resolve(ref.href()).normalize();
                }
                String n = (url != null ? ByteSource.fileName(url) : file != null ? lowerName(file) : "")
                        .toLowerCase(Locale.ROOT);
                if (problem == null
                        && !(n.endsWith(".tif")
                                || n.endsWith(".tiff")
                                || ref.type().toLowerCase(Locale.ROOT).contains("tiff"))) {
                    problem = "its asset '" + ref.key() + "' (" + ref.href() + ") is not a GeoTIFF";
                } else if (problem == null && file != null && !Files.isRegularFile(file)) {
                    throw new SenseiException("STAC item " + item + ": asset '" + ref.key() + "' of band "
                            + pair[1].id()
                            + " points to " + file + ", which does not exist: download the assets next to the item"
                            + " (hrefs are relative to it) or fix the href");
                }
            }
            if (problem != null) {
                if (explicit) {
                    throw new SenseiException(
                            "STAC item " + item + ": band " + pair[1].id() + " cannot be read: " + problem
                                    + "; download its GeoTIFF next to the item and point the asset href to it, or "
                                    + "leave the"
                                    + " band out");
                }
                skipped.add(pair[1].id());
                continue;
            }
            files.add(
                    url != null
                            ? BandFile.remote(pair[0], url, ref.index())
                            : new BandFile(pair[0], file, ref.index()));
            values.add(rasterValues(tree, ref, item));
        }
        if (files.isEmpty()) {
            throw new SenseiException("STAC item " + item + " has no band with a readable GeoTIFF asset (bands "
                    + String.join(", ", skipped) + "): download the assets next to the item and make the hrefs"
                    + " relative to it");
        }
        if (!skipped.isEmpty()) {
            options.warnings()
                    .accept("STAC item " + itemId + ": band" + (skipped.size() > 1 ? "s " : " ")
                            + String.join(", ", skipped) + " left out (no readable GeoTIFF asset)");
        }
        return GeoTiffScene.open(
                itemId,
                "STAC item",
                sensor,
                files,
                options,
                false,
                values.stream().allMatch(Objects::isNull) ? null : values);
    }

    private static Optional<Band> findQuietly(Sensor sensor, String id) {
        try {
            return sensor.findBand(id);
        } catch (SenseiException ambiguous) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- names

    /** The words of a file name without its extension (split at anything but letters and digits), as band keys. */
    static List<String> nameKeys(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        if (dot > 0) {
            n = n.substring(0, dot);
        }
        List<String> keys = new ArrayList<>();
        for (String token : n.split("[^A-Za-z0-9]+")) {
            if (!token.isEmpty()) {
                keys.add(BandIds.key(token));
            }
        }
        return keys;
    }

    /** The one band among {@code bands} whose id is a word of the file name, if exactly one is. */
    private static Optional<Band> bandNamedIn(Path file, List<Band> bands) {
        List<String> keys = nameKeys(file);
        List<Band> hits =
                bands.stream().filter(b -> keys.contains(BandIds.key(b.id()))).toList();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }

    private static String lowerName(Path p) {
        Path f = p.getFileName();
        return f == null ? "" : f.toString().toLowerCase(Locale.ROOT);
    }

    private static String stem(Path p) {
        Path f = p.toAbsolutePath().normalize().getFileName();
        String n = f == null ? p.toString() : f.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static boolean hasTiffSignature(Path p) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(p)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        boolean little = head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0;
        boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return little || big;
    }
}
