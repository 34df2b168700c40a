package org.sensei4j.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.UserPaths;
import org.sensei4j.file.YamlAliases;

/**
 * Reading of run config files (YAML, or JSON for a {@code .json} name, snake_case keys), shared by the training
 * and pretraining configs: the file's text, a strict mapper, the top-level mapping, and error messages that name
 * the file, the key and the fix; also the settings tree a checkpoint keeps and the keys that changed since.
 */
public final class ConfigFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigFiles() {}

    /**
     * The text of config file {@code file} (UTF-8).
     *
     * @throws SenseiException when it does not exist or cannot be read
     */
    public static String read(Path file) {
        if (Files.exists(file)) {
            UserPaths.requireRegularFile(file, "config file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SenseiException("config file not found: " + file + ": check the path");
        } catch (CharacterCodingException e) {
            throw new SenseiException(
                    "config file " + file + " is not UTF-8 text (a binary file?): give a YAML or" + " JSON config", e);
        } catch (IOException e) {
            throw new SenseiException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is JSON (a {@code .json} name, any case) rather than YAML. */
    public static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** A JSON or YAML mapper that fails on unknown keys, on null for primitives and on trailing tokens. */
    public static ObjectMapper strictMapper(boolean json) {
        return (json ? new ObjectMapper() : new YAMLMapper())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The top-level mapping of config text.
     *
     * @param origin             names the text in error messages
     * @param exampleKeys        the first keys of such a config, named when the text is not a mapping
     * @param lineOfSyntaxErrors whether a syntax error names its line (as {@code (line N)})
     * @throws SenseiException for invalid syntax, an empty text or one that is not a mapping
     */
    public static JsonNode readMapping(
            ObjectMapper mapper,
            String text,
            String origin,
            boolean json,
            String exampleKeys,
            boolean lineOfSyntaxErrors) {
        JsonNode tree;
        if (!json) {
            YamlAliases.refuse(text, "config " + origin);
        }
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String line = lineOfSyntaxErrors && e.getLocation() != null
                    ? " (line " + e.getLocation().getLineNr() + ")"
                    : "";
            throw new SenseiException("config " + origin + " is not valid " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage() + line + ": fix the syntax");
        }
        if (tree == null || !tree.isObject()) {
            throw new SenseiException("config " + origin + " must be a mapping of keys (" + exampleKeys + ", ...), "
                    + "got " + (tree == null || tree.isMissingNode() ? "an empty file" : tree.getNodeType()));
        }
        return tree;
    }

    /** The configuration as written, for provenance: {@code tree} as nested maps and lists in file order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> verbatim(ObjectMapper mapper, JsonNode tree) {
        return mapper.convertValue(tree, LinkedHashMap.class);
    }

    /** Where Jackson failed: dotted keys, {@code [i]} for list items; empty at the top. */
    public static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The keys Jackson knew where it met an unknown one, sorted. */
    public static Set<String> knownKeys(UnrecognizedPropertyException e) {
        return e.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A value Jackson could not read at {@code path} (empty: the top), with the first line of its message. */
    public static SenseiException badValue(String origin, String path, JsonMappingException e) {
        return new SenseiException("config " + origin + ": bad value" + (path.isEmpty() ? "" : " for '" + path + "'")
                + ": " + e.getOriginalMessage().lines().findFirst().orElse("") + ": fix the value");
    }

    /**
     * Checks a count setting.
     *
     * @throws SenseiException "KEY must be >= 1, got VALUE" when {@code value < 1}
     */
    public static void requirePositive(String key, long value) {
        if (value < 1) {
            throw new SenseiException(key + " must be >= 1, got " + value);
        }
    }

    /**
     * {@code settings} (a map or a Jackson-annotated record) as a JSON tree, made through text so that its numbers
     * have the node types of a tree read back from a checkpoint file.
     */
    public static JsonNode settingsTree(Object settings) {
        try {
            return JSON.readTree(JSON.writeValueAsString(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The top-level keys of two settings trees whose values differ (a key in only one of them differs), sorted,
     * leaving out {@code mayChange}.
     */
    public static List<String> changedKeys(JsonNode saved, JsonNode now, Set<String> mayChange) {
        Set<String> keys = new TreeSet<>();
        now.fieldNames().forEachRemaining(keys::add);
        saved.fieldNames().forEachRemaining(keys::add);
        List<String> changed = new ArrayList<>();
        for (String k : keys) {
            if (!mayChange.contains(k) && !now.path(k).equals(saved.path(k))) {
                changed.add(k);
            }
        }
        return changed;
    }
}
