package org.sensei4j.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

/**
 * Builds a {@link Sensor} from the spectral band metadata of a STAC item.
 *
 * <p>Bands come from {@code properties["eo:bands"]} (STAC 1.0) or {@code properties.bands} (STAC 1.1) first,
 * then from each asset's {@code eo:bands}/{@code bands}, in document order; a band repeated in several assets
 * (e.g. a true-colour asset) is kept once. Per band: id = the band's {@code name}, else the asset key when the
 * asset holds one band; {@code center_wavelength} and {@code full_width_half_max} (or their {@code eo:}
 * prefixed STAC 1.1 forms) are in µm and become nm (min = centre − fwhm/2, max = centre + fwhm/2); resolution =
 * the band's, the asset's or the item's {@code gsd}. Bands without a centre wavelength (masks, metadata) are
 * skipped. Quantity: brightness temperature from 3000 nm on; otherwise surface reflectance when the item is a
 * level-2 product (collection, {@code processing:level}, product type or id say L2A/L2SP/L2SR/L2), else TOA
 * reflectance. Sensor id: {@code properties.platform}, else {@code properties.constellation}, else the file
 * name, lower-cased.
 */
public final class StacItems {

    private static final Pattern LEVEL2 =
            Pattern.compile("(^|[^a-z0-9])(l2a|l2sp|l2sr|l2|msil2a|s2msi2a)([^a-z0-9]|$)");
    /** Centre wavelengths above this many µm are taken as a unit mistake. */
    private static final double MAX_PLAUSIBLE_UM = 100.0;

    private StacItems() {}

    /** Reads a STAC item file (JSON) into a sensor; the file name is the fallback sensor id. */
    public static Sensor read(Path file) {
        return toSensor(SensorDefinitions.readTree(file), fileStem(file), file.toString());
    }

    /** Whether a parsed document looks like a STAC item (GeoJSON Feature or has {@code stac_version}). */
    public static boolean isStacItem(JsonNode root) {
        return root != null
                && root.isObject()
                && ("Feature".equals(root.path("type").asText()) || root.has("stac_version"));
    }

    static String fileStem(Path file) {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Builds a sensor from a parsed STAC item.
     *
     * @param item       the item
     * @param fallbackId sensor id when the item names no platform or constellation (e.g. the file name)
     * @param source     names the item in error messages
     * @throws SenseiException when the item has no usable spectral bands or a band lacks its width
     */
    public static Sensor toSensor(JsonNode item, String fallbackId, String source) {
        return toSensor(item, fallbackId, source, true);
    }

    /**
     * As {@link #toSensor(JsonNode, String, String)}; with {@code strict}, a band that names a spectral common name
     * but has no {@code center_wavelength}, or two bands of one name with different wavelengths, are refused
     * (naming the asset and the band) instead of left out. Pass {@code strict = false} when the user maps the
     * item's bands to a sensor of their own, so the item's descriptions are not used.
     */
    public static Sensor toSensor(JsonNode item, String fallbackId, String source, boolean strict) {
        if (item == null || !item.isObject()) {
            throw new SenseiException(source + ": not a STAC item (expected a JSON object): give a STAC item file");
        }
        JsonNode props = item.path("properties");
        String platform = textOrNull(props.get("platform"));
        String constellation = textOrNull(props.get("constellation"));
        String rawId = platform != null ? platform : constellation != null ? constellation : fallbackId;
        if (rawId == null || rawId.isBlank()) {
            rawId = "stac-sensor";
        }
        String id = rawId.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._+-]+", "-")
                .replaceAll("^[^a-z0-9]+", "");
        if (id.isEmpty()) {
            id = "stac-sensor";
        }
        boolean level2 = isLevel2(item, props);
        double itemGsd = positiveOrNaN(props.get("gsd"));

        Map<String, Band> bands = new LinkedHashMap<>();
        String ctx = source + ": STAC item '" + item.path("id").asText("?") + "'";
        addBands(bands, props, null, itemGsd, level2, ctx, strict);
        JsonNode assets = item.path("assets");
        for (Map.Entry<String, JsonNode> e : assets.properties()) {
            double gsd = positiveOrNaN(e.getValue().get("gsd"));
            addBands(bands, e.getValue(), e.getKey(), Double.isNaN(gsd) ? itemGsd : gsd, level2, ctx, strict);
        }
        if (bands.isEmpty()) {
            throw new SenseiException(ctx + " has no eo:bands with a center_wavelength in its properties or assets:"
                    + " it carries no spectral band metadata; define the sensor in a --sensor-file "
                    + "(JSON/YAML) instead");
        }
        List<String> instruments = new ArrayList<>();
        props.path("instruments").forEach(n -> instruments.add(n.asText()));
        String name = rawId + (instruments.isEmpty() ? "" : " " + String.join("/", instruments)) + " (from STAC item "
                + item.path("id").asText("?") + ")";
        try {
            return new Sensor(
                    id,
                    name,
                    List.of(),
                    new ArrayList<>(bands.values()),
                    "STAC item '" + item.path("id").asText("?") + "' (" + source + ")");
        } catch (IllegalArgumentException e) {
            throw new SenseiException(ctx + ": " + e.getMessage(), e);
        }
    }

    private static void addBands(
            Map<String, Band> out,
            JsonNode holder,
            String assetKey,
            double gsd,
            boolean level2,
            String ctx,
            boolean strict) {
        List<JsonNode> list = new ArrayList<>();
        for (String field : new String[] {"eo:bands", "bands"}) {
            JsonNode arr = holder.get(field);
            if (arr != null && arr.isArray()) {
                arr.forEach(list::add);
                break;
            }
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = list.get(i);
            Double centreUm = number(b, "center_wavelength");
            String name = textOrNull(b.get("name"));
            String commonText = textOrNull(b.has("common_name") ? b.get("common_name") : b.get("eo:common_name"));
            String id = name != null
                    ? name
                    : assetKey != null && list.size() == 1
                            ? assetKey
                            : assetKey != null
                                    ? assetKey + "_" + (i + 1)
                                    : commonText != null ? commonText : "band" + (i + 1);
            String where =
                    ctx + (assetKey == null ? ", properties" : ", asset '" + assetKey + "'") + ", band '" + id + "'";
            if (centreUm == null) {
                if (strict && commonText != null && CommonName.find(commonText).isPresent()) {
                    throw new SenseiException(where + " is a spectral band (common_name '" + commonText + "') without"
                            + " center_wavelength, so it cannot be described: add center_wavelength and"
                            + " full_width_half_max (µm) to the item, or map the bands yourself (--sensor ID --bands"
                            + " ..., or a --sensor-file)");
                }
                continue; // not a spectral band (mask, metadata)
            }
            String key = BandIds.key(id);
            if (out.containsKey(key)) {
                double before = out.get(key).wavelengths().centreNm();
                if (strict && Math.abs(before - centreUm * 1000.0) > 0.5) {
                    throw new SenseiException(where + " has center_wavelength " + centreUm + " µm, but another band of"
                            + " that name has " + before / 1000.0 + " µm: give each band its own name, or map the"
                            + " bands yourself (--sensor ID --bands ..., or a --sensor-file)");
                }
                continue; // the same band listed again (item level and asset, or a composite asset)
            }
            String bctx = where;
            if (centreUm > MAX_PLAUSIBLE_UM) {
                throw new SenseiException(bctx + ": center_wavelength " + centreUm + " is not plausible in µm, the"
                        + " unit STAC requires: fix the item (e.g. 0.665 for 665 nm)");
            }
            Double fwhmUm = number(b, "full_width_half_max");
            if (fwhmUm == null || !(fwhmUm > 0)) {
                throw new SenseiException(bctx + " has center_wavelength but no positive full_width_half_max, so its"
                        + " band limits are unknown: add full_width_half_max (µm) to the item, or define the sensor"
                        + " in a --sensor-file with min_nm/centre_nm/max_nm");
            }
            BandDescriptor d;
            try {
                d = BandDescriptor.fromCentreAndWidth(centreUm * 1000.0, fwhmUm * 1000.0);
            } catch (IllegalArgumentException e) {
                throw new SenseiException(bctx + ": " + e.getMessage(), e);
            }
            double bandGsd = positiveOrNaN(b.get("gsd"));
            Quantity q = Quantity.defaultFor(d);
            if (q == Quantity.TOA_REFLECTANCE && level2) {
                q = Quantity.SURFACE_REFLECTANCE;
            }
            out.put(
                    key,
                    new Band(
                            id,
                            CommonName.find(commonText).orElse(null),
                            d,
                            Double.isNaN(bandGsd) ? gsd : bandGsd,
                            q,
                            textOrNull(b.get("description"))));
        }
    }

    private static boolean isLevel2(JsonNode item, JsonNode props) {
        String text = String.join(
                        " ",
                        item.path("collection").asText(""),
                        item.path("id").asText(""),
                        props.path("processing:level").asText(""),
                        props.path("s2:product_type").asText(""),
                        props.path("landsat:correction").asText(""))
                .toLowerCase(Locale.ROOT);
        return LEVEL2.matcher(text).find();
    }

    private static Double number(JsonNode band, String field) {
        JsonNode v = band.has(field) ? band.get(field) : band.get("eo:" + field);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    private static double positiveOrNaN(JsonNode v) {
        return v != null && v.isNumber() && v.doubleValue() > 0 ? v.doubleValue() : Double.NaN;
    }

    private static String textOrNull(JsonNode v) {
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }
}
