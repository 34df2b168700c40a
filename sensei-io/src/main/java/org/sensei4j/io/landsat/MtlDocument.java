package org.sensei4j.io.landsat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sensei4j.error.SenseiException;

/**
 * The {@code GROUP = … / KEY = value / END_GROUP = …} text of a Landsat MTL file, as key/value maps per group.
 *
 * <p>Nested groups are stored under their own (innermost) name; quotes around values are removed.
 */
final class MtlDocument {

    private final Path source;
    private final String root;
    private final Map<String, Map<String, String>> groups;

    private MtlDocument(Path source, String root, Map<String, Map<String, String>> groups) {
        this.source = source;
        this.root = root;
        this.groups = groups;
    }

    static MtlDocument read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot read Landsat MTL file " + file + ": " + e.getMessage()
                            + ": give the path of an existing, readable *_MTL.txt",
                    e);
        }
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Deque<String> open = new ArrayDeque<>();
        String root = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("END")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw malformed(file, i + 1, "'" + line + "' is not KEY = VALUE");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            // a parenthesised list may continue on the following lines
            while (value.startsWith("(") && !value.endsWith(")") && i + 1 < lines.size()) {
                value = value + " " + lines.get(++i).strip();
            }
            value = unquote(value);
            if (key.equals("GROUP")) {
                if (root == null) {
                    root = value;
                } else if (open.isEmpty()) {
                    throw malformed(file, i + 1, "GROUP " + value + " after the root group " + root + " closed");
                }
                open.push(value);
                groups.computeIfAbsent(value, g -> new LinkedHashMap<>());
            } else if (key.equals("END_GROUP")) {
                if (open.isEmpty() || !open.peek().equals(value)) {
                    throw malformed(
                            file,
                            i + 1,
                            "END_GROUP = " + value + " does not close "
                                    + (open.isEmpty() ? "any open group" : "the open group " + open.peek()));
                }
                open.pop();
            } else {
                if (open.isEmpty()) {
                    throw malformed(file, i + 1, "key " + key + " outside of any GROUP");
                }
                groups.get(open.peek()).put(key, value);
            }
        }
        if (root == null) {
            throw new SenseiException(file + " has no GROUP: it is not a Landsat MTL file; give the *_MTL.txt "
                    + "delivered with a Landsat Collection 1 or 2 Level-1 product");
        }
        if (!open.isEmpty()) {
            throw new SenseiException(file + " ends inside GROUP " + open.peek()
                    + ": the MTL file is truncated; download the product's *_MTL.txt again");
        }
        return new MtlDocument(file, root, groups);
    }

    private static SenseiException malformed(Path file, int line, String what) {
        return new SenseiException("malformed Landsat MTL file " + file + " at line " + line + ": " + what
                + "; give the *_MTL.txt delivered with the product (GROUP/END_GROUP, KEY = VALUE lines)");
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    Path source() {
        return source;
    }

    /** Name of the outermost group: {@code L1_METADATA_FILE} (Collection 1) or {@code LANDSAT_METADATA_FILE}. */
    String root() {
        return root;
    }

    boolean hasGroup(String group) {
        return groups.containsKey(group);
    }

    /** The group's key/value map (empty when the group is absent), in file order. */
    Map<String, String> group(String group) {
        return groups.getOrDefault(group, Map.of());
    }

    /** The value of {@code key} in the first of {@code inGroups} that holds it. */
    Optional<String> find(String key, List<String> inGroups) {
        for (String g : inGroups) {
            String v = group(g).get(key);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    String require(String key, List<String> inGroups) {
        return find(key, inGroups).orElseThrow(() -> missing(key, inGroups));
    }

    double requireNumber(String key, List<String> inGroups) {
        return number(key, require(key, inGroups));
    }

    Optional<Double> findNumber(String key, List<String> inGroups) {
        return find(key, inGroups).map(v -> number(key, v));
    }

    double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new SenseiException(
                    "key " + key + " in " + source + " is '" + value
                            + "', not a number: the MTL file is corrupt; download the product's *_MTL.txt again",
                    e);
        }
    }

    SenseiException missing(String key, List<String> inGroups) {
        return new SenseiException("key " + key + " missing from Landsat MTL file " + source + " (looked in group"
                + (inGroups.size() > 1 ? "s " : " ") + String.join(", ", inGroups)
                + "): give the complete *_MTL.txt delivered with the Collection 1 or 2 Level-1 product");
    }
}
