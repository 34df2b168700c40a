package org.sensei4j.sensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.UserPaths;
import org.sensei4j.file.YamlAliases;

/**
 * Reads and writes sensor definition files (JSON or YAML).
 *
 * <p>A file holds one sensor, a list of sensors, or an object {@code {sensors: [...]}}. One sensor:
 *
 * <pre>{@code
 * id: mysat                  # required: lower-case letters, digits and . _ + -
 * name: My Satellite MSI     # optional display name (default: the id)
 * aliases: [mysat-1, ms1]    # optional other names, matched case-insensitively
 * source: "where the values come from"   # optional citation
 * bands:                     # required, at least one, in the order the products store them
 *   - id: B1                 # required, unique (case, '_', '-' and leading zeros ignored)
 *     common_name: blue      # optional STAC eo common name (see CommonName)
 *     min_nm: 450            # wavelengths in nm: min_nm, centre_nm and max_nm ...
 *     centre_nm: 485         #   ("center_nm" is accepted too)
 *     max_nm: 520
 *   - id: B2
 *     centre_nm: 560         # ... or centre_nm and fwhm_nm (full width at half maximum):
 *     fwhm_nm: 80            #     min = centre - fwhm/2, max = centre + fwhm/2
 *     resolution_m: 30       # optional native pixel size in m
 *     quantity: toa_reflectance  # optional: toa_reflectance, surface_reflectance or
 *                                #   brightness_temperature; default: brightness_temperature
 *                                #   from 3000 nm on, else toa_reflectance
 *     description: Green     # optional
 * }</pre>
 *
 * <p>Wavelengths must be above 300 nm and min ≤ centre ≤ max. Unknown fields are errors (they are usually
 * typos). Every error names the file, the sensor and the band, and says how to fix it. The field
 * {@code normalised}, written by {@code sensei sensors show --json}, is ignored on reading, so that output
 * can be read back.
 */
public final class SensorDefinitions {

    private static final Set<String> SENSOR_FIELDS = Set.of("id", "name", "aliases", "source", "bands");
    private static final Set<String> BAND_FIELDS = Set.of(
            "id",
            "common_name",
            "min_nm",
            "centre_nm",
            "center_nm",
            "max_nm",
            "fwhm_nm",
            "resolution_m",
            "quantity",
            "description",
            "normalised");

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SensorDefinitions() {}

    /**
     * Reads the sensors of a definition file ({@code .json}, {@code .yaml} or {@code .yml}).
     *
     * @throws SenseiException when the file is missing, unreadable or invalid, naming the problem and the fix
     */
    public static List<Sensor> read(Path file) {
        return fromTree(readTree(file), file.toString());
    }

    /** Reads a sensor definition text; {@code sourceName} names it in error messages. */
    public static List<Sensor> parse(String text, boolean yaml, String sourceName) {
        if (yaml) {
            YamlAliases.refuse(text, "sensor file '" + sourceName + "'");
        }
        try {
            return fromTree((yaml ? YAML : JSON).readTree(text), sourceName);
        } catch (JsonProcessingException e) {
            throw syntaxError(sourceName, e);
        }
    }

    /** Parses a JSON or YAML file (by extension) into a tree. */
    static JsonNode readTree(Path file) {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        if (!yaml && !lower.endsWith(".json")) {
            throw new SenseiException("sensor file '" + file + "' is neither .json nor .yaml/.yml:"
                    + " give a JSON or YAML sensor definition or STAC item with one of those extensions");
        }
        if (Files.exists(file)) {
            UserPaths.requireRegularFile(file, "sensor file");
        }
        try {
            String text = Files.readString(file);
            if (yaml) {
                YamlAliases.refuse(text, "sensor file '" + file + "'");
            }
            JsonNode tree = (yaml ? YAML : JSON).readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new SenseiException("sensor file '" + file + "' is empty: give at least one sensor");
            }
            return tree;
        } catch (NoSuchFileException e) {
            throw new SenseiException("sensor file '" + file + "' not found: check the path", e);
        } catch (JsonProcessingException e) {
            throw syntaxError(file.toString(), e);
        } catch (CharacterCodingException e) {
            throw new SenseiException(
                    "sensor file '" + file + "' is not UTF-8 text (a binary file?): give a JSON or"
                            + " YAML sensor definition",
                    e);
        } catch (IOException e) {
            throw new SenseiException("cannot read sensor file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static SenseiException syntaxError(String source, JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return new SenseiException(
                "cannot parse '" + source + "'" + where + ": " + e.getOriginalMessage() + ": fix the JSON/YAML syntax",
                e);
    }

    /** The sensors of a parsed definition: one sensor object, an array, or {@code {sensors: [...]}}. */
    public static List<Sensor> fromTree(JsonNode root, String source) {
        JsonNode list = root;
        if (root.isObject() && root.has("sensors") && !root.has("id")) {
            list = root.get("sensors");
        }
        List<Sensor> out = new ArrayList<>();
        if (list.isArray()) {
            if (list.isEmpty()) {
                throw new SenseiException(source + ": the sensor list is empty: give at least one sensor");
            }
            for (int i = 0; i < list.size(); i++) {
                out.add(sensorFromTree(list.get(i), source, i + 1));
            }
        } else if (list.isObject()) {
            out.add(sensorFromTree(list, source, 1));
        } else {
            throw new SenseiException(source + ": expected a sensor object or a list of sensors, found "
                    + list.getNodeType().toString().toLowerCase(Locale.ROOT) + ": see the sensor file schema");
        }
        return out;
    }

    private static Sensor sensorFromTree(JsonNode node, String source, int index) {
        if (!node.isObject()) {
            throw new SenseiException(source + ": sensor " + index + " is not an object: give id, name and bands");
        }
        String id = text(node, "id");
        if (id == null) {
            throw new SenseiException(
                    source + ": sensor " + index + " has no 'id': give a lower-case id such as" + " 'mysat'");
        }
        String ctx = source + ": sensor '" + id + "'";
        checkFields(node, SENSOR_FIELDS, ctx);
        List<String> aliases = new ArrayList<>();
        JsonNode al = node.get("aliases");
        if (al != null && !al.isNull()) {
            if (al.isTextual()) {
                aliases.add(al.asText());
            } else if (al.isArray()) {
                al.forEach(a -> aliases.add(a.asText()));
            } else {
                throw new SenseiException(ctx + ": 'aliases' must be a list of names, e.g. [s2, sentinel-2]");
            }
        }
        JsonNode bandsNode = node.get("bands");
        if (bandsNode == null || bandsNode.isNull()) {
            throw new SenseiException(ctx + " has no 'bands': give a list of bands with id and wavelengths in nm");
        }
        if (!bandsNode.isArray()) {
            throw new SenseiException(ctx + ": 'bands' must be a list of bands");
        }
        if (bandsNode.isEmpty()) {
            throw new SenseiException(ctx + " has an empty band list: give at least one band");
        }
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < bandsNode.size(); i++) {
            bands.add(bandFromTree(bandsNode.get(i), ctx, i + 1));
        }
        try {
            return new Sensor(id, text(node, "name"), aliases, bands, text(node, "source"));
        } catch (IllegalArgumentException e) {
            throw new SenseiException(source + ": " + e.getMessage(), e);
        }
    }

    private static Band bandFromTree(JsonNode node, String sensorCtx, int index) {
        if (!node.isObject()) {
            throw new SenseiException(sensorCtx + ": band " + index + " is not an object: give id and wavelengths");
        }
        String id = text(node, "id");
        if (id == null) {
            throw new SenseiException(sensorCtx + ": band " + index + " has no 'id': give the band's name, e.g. 'B02'");
        }
        String ctx = sensorCtx + ", band '" + id + "'";
        checkFields(node, BAND_FIELDS, ctx);
        if (node.has("centre_nm") && node.has("center_nm")) {
            throw new SenseiException(ctx + ": both centre_nm and center_nm given: give one");
        }
        Double min = number(node, "min_nm", ctx);
        Double centre = number(node, node.has("center_nm") ? "center_nm" : "centre_nm", ctx);
        Double max = number(node, "max_nm", ctx);
        Double fwhm = number(node, "fwhm_nm", ctx);
        BandDescriptor wavelengths;
        try {
            if (min == null && centre == null && max == null && fwhm == null) {
                throw new SenseiException(ctx + " has no wavelengths: give min_nm, centre_nm and max_nm"
                        + " (or centre_nm and fwhm_nm) in nm");
            } else if (fwhm != null) {
                if (min != null || max != null) {
                    throw new SenseiException(ctx + ": give either min_nm and max_nm or fwhm_nm, not both");
                }
                if (centre == null) {
                    throw new SenseiException(ctx + ": missing field 'centre_nm': fwhm_nm needs a centre_nm in nm");
                }
                if (!(fwhm > 0)) {
                    throw new SenseiException(ctx + ": fwhm_nm " + fwhm + " is not positive: give the full width at"
                            + " half maximum in nm");
                }
                wavelengths = BandDescriptor.fromCentreAndWidth(centre, fwhm);
            } else {
                List<String> missing = new ArrayList<>();
                if (min == null) {
                    missing.add("min_nm");
                }
                if (centre == null) {
                    missing.add("centre_nm");
                }
                if (max == null) {
                    missing.add("max_nm");
                }
                if (!missing.isEmpty()) {
                    throw new SenseiException(ctx + ": missing field" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing) + ": give min_nm, centre_nm and max_nm"
                            + " (or centre_nm and fwhm_nm) in nm");
                }
                wavelengths = new BandDescriptor(min, centre, max);
            }
        } catch (IllegalArgumentException e) {
            throw new SenseiException(ctx + ": " + e.getMessage(), e);
        }
        try {
            String cn = text(node, "common_name");
            CommonName commonName = cn == null ? null : CommonName.parse(cn);
            String q = text(node, "quantity");
            Quantity quantity = q == null ? Quantity.defaultFor(wavelengths) : Quantity.parse(q);
            Double res = number(node, "resolution_m", ctx);
            return new Band(
                    id, commonName, wavelengths, res == null ? Double.NaN : res, quantity, text(node, "description"));
        } catch (IllegalArgumentException e) {
            throw new SenseiException(ctx + ": " + e.getMessage(), e);
        }
    }

    private static void checkFields(JsonNode node, Set<String> known, String ctx) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new SenseiException(ctx + ": unknown field '" + f + "': known fields are "
                        + known.stream()
                                .filter(k -> !k.equals("normalised"))
                                .sorted()
                                .toList()
                        + " (see the sensor file schema)");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s.trim();
    }

    private static Double number(JsonNode node, String field, String ctx) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new SenseiException(ctx + ": " + field + " is '" + v.asText() + "', not a number: give a plain number"
                + (field.endsWith("_nm") ? " in nm" : " in m"));
    }

    /**
     * The sensor as a definition tree (the schema above); with {@code normalised}, adds each band's normalised triple.
     */
    public static ObjectNode toTree(Sensor sensor, boolean normalised) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", sensor.id());
        root.put("name", sensor.name());
        ArrayNode aliases = root.putArray("aliases");
        sensor.aliases().forEach(aliases::add);
        sensor.source().ifPresent(s -> root.put("source", s));
        ArrayNode bands = root.putArray("bands");
        for (Band b : sensor.bands()) {
            ObjectNode bn = bands.addObject();
            bn.put("id", b.id());
            if (b.commonName() != null) {
                bn.put("common_name", b.commonName().stacName());
            }
            bn.put("min_nm", b.wavelengths().minNm());
            bn.put("centre_nm", b.wavelengths().centreNm());
            bn.put("max_nm", b.wavelengths().maxNm());
            if (b.hasResolution()) {
                bn.put("resolution_m", b.resolutionM());
            }
            bn.put("quantity", b.quantity().key());
            if (b.description() != null) {
                bn.put("description", b.description());
            }
            if (normalised) {
                ArrayNode n = bn.putArray("normalised");
                for (float f : b.wavelengths().normalised()) {
                    n.add(f);
                }
            }
        }
        return root;
    }

    /** The sensor as indented JSON in the definition schema; reading it back gives an equal sensor. */
    public static String toJson(Sensor sensor) {
        try {
            return JSON.writeValueAsString(toTree(sensor, false));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
