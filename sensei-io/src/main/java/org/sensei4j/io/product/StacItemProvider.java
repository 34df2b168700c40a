package org.sensei4j.io.product;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
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
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.io.remote.HttpByteSource;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandIds;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.StacItems;

/**
 * A STAC item ({@code .json}, {@code .geojson}) with {@code eo:bands} and asset hrefs (relative to the item, or
 * {@code http(s)://} URLs): bands come from {@link StacItems}, files from the assets, nodata, scale and offset from the
 * assets' {@code raster:bands} when given. Remote items are opened through {@link RemoteProvider}.
 */
public final class StacItemProvider implements SceneProvider {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return "stac";
    }

    @Override
    public String description() {
        return "a STAC item (.json) with eo:bands and GeoTIFF assets";
    }

    @Override
    public ProbeResult probe(ProductInput input) {
        String name = input.lowerName();
        return input.isFile() && (name.endsWith(".json") || name.endsWith(".geojson"))
                ? ProbeResult.SUPPORTED
                : ProbeResult.UNSUPPORTED;
    }

    @Override
    public SceneSource open(ProductInput input, ProductOptions options) {
        return openStacItem(input.path().orElseThrow(), options);
    }

    // ---------------------------------------------------------------- STAC item

    record AssetRef(String key, String href, int index, String type) {}

    /**
     * A band's {@code raster:bands} entry (the one at the band's index in its asset): nodata, scale and offset, or
     * null when the asset has none of them.
     */
    static GeoTiffScene.BandValues rasterValues(JsonNode tree, AssetRef ref, String item) {
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

    static Double number(JsonNode n, String field, AssetRef ref, String item) {
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
        JsonNode tree = parseItem(item.toString(), () -> JSON.readTree(item.toFile()));
        return openStacItem(
                tree,
                item.toString(),
                ProductNames.stem(item),
                String.valueOf(item.getFileName()),
                item.toAbsolutePath().getParent(),
                null,
                options);
    }

    /** Reads a JSON tree. */
    private interface JsonSource {
        JsonNode read() throws IOException;
    }

    /** The STAC item {@code source} reads; {@code where} (its path or URL) names it when it cannot be read. */
    private static JsonNode parseItem(String where, JsonSource source) {
        try {
            return source.read();
        } catch (JsonProcessingException e) {
            throw new SenseiException(
                    where + " is not valid JSON (" + e.getOriginalMessage() + "): give "
                            + SceneProviders.supportedInputs(),
                    e);
        } catch (IOException e) {
            throw new SenseiException("cannot read " + where + ": " + e.getMessage(), e);
        }
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
        JsonNode tree = parseItem(url, () -> JSON.readTree(body));
        String fileName = ByteSource.fileName(url);
        return openStacItem(
                tree, url, ProductNames.stem(Path.of(fileName)), fileName, null, URI.create(url.trim()), options);
    }

    /**
     * A STAC item read from {@code item} (a path or URL, for messages); asset hrefs are relative to
     * {@code base} (a local item's folder) or {@code baseUri} (a remote item's URL); {@code http(s)} hrefs are
     * read remotely.
     */
    static GeoTiffScene openStacItem(
            JsonNode tree,
            String item,
            String itemStem,
            String itemFileName,
            Path base,
            URI baseUri,
            ProductOptions options) {
        if (!StacItems.isStacItem(tree)) {
            throw new SenseiException(item + " is JSON but not a STAC item (no \"type\": \"Feature\" nor stac_version):"
                    + " give " + SceneProviders.supportedInputs());
        }
        String itemId = tree.path("id").asText(itemStem);
        // the item's own band descriptions must be complete unless the user maps its bands to a sensor
        boolean mapped = options.selection() != null || options.sensor() != null;
        Sensor stac = StacItems.toSensor(tree, itemStem, item, !mapped);
        Map<Band, AssetRef> assets = new LinkedHashMap<>();
        for (LinkedAsset a : linkedAssets(tree)) {
            JsonNode arr = a.bands();
            if (arr == null) {
                continue;
            }
            for (int i = 0; i < arr.size(); i++) {
                JsonNode b = arr.get(i);
                String name = b.path("name").asText(null);
                String id = name != null ? name : arr.size() == 1 ? a.key() : a.key() + "_" + (i + 1);
                Optional<Band> band = ProductNames.findQuietly(stac, id);
                if (band.isPresent() && !assets.containsKey(band.get())) {
                    assets.put(band.get(), a.ref(i));
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
                Optional<Band> described = ProductNames.findQuietly(stac, b.id());
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
                ProductNames.findQuietly(stac, b.id()).ifPresent(s -> wanted.add(new Band[] {b, s}));
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
                String n = (url != null ? ByteSource.fileName(url) : file != null ? ProductNames.lowerName(file) : "")
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

    /** An asset of an item with a non-blank href: its key, its JSON and the href. */
    private record LinkedAsset(String key, JsonNode asset, String href) {

        /** Its band list ({@code eo:bands}, else {@code bands}), or null when it has none. */
        JsonNode bands() {
            JsonNode arr = asset.has("eo:bands") ? asset.get("eo:bands") : asset.get("bands");
            return arr != null && arr.isArray() ? arr : null;
        }

        /** A reference to its band {@code band} (0-based). */
        AssetRef ref(int band) {
            return new AssetRef(key, href, band, asset.path("type").asText(""));
        }
    }

    /** The item's assets that have a non-blank href, in order. */
    private static List<LinkedAsset> linkedAssets(JsonNode tree) {
        List<LinkedAsset> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : tree.path("assets").properties()) {
            String href = e.getValue().path("href").asText(null);
            if (href != null && !href.isBlank()) {
                out.add(new LinkedAsset(e.getKey(), e.getValue(), href));
            }
        }
        return out;
    }

    /** The asset holding a band named {@code id} (by eo:bands name, else by asset key), or null. */
    static AssetRef assetNamed(JsonNode tree, String id) {
        String key = BandIds.key(id);
        for (LinkedAsset a : linkedAssets(tree)) {
            JsonNode arr = a.bands();
            if (arr != null) {
                for (int i = 0; i < arr.size(); i++) {
                    if (key.equals(BandIds.key(arr.get(i).path("name").asText("")))) {
                        return a.ref(i);
                    }
                }
            }
            if (key.equals(BandIds.key(a.key()))) {
                return a.ref(0);
            }
        }
        return null;
    }

    /** The local file of a {@code file:} href, or a refusal that names the item, the asset and the href. */
    static Path fileUri(Path item, AssetRef ref) {
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
}
