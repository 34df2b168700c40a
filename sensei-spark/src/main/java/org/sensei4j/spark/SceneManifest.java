package org.sensei4j.spark;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sensei4j.error.SenseiException;

/**
 * The scenes of a Spark masking job, read from a CSV file with a header row naming the columns
 * {@value #SCENE_ID}, {@value #INPUT}, {@value #SENSOR} and optionally {@value #BANDS} (band ids separated by
 * {@code ;}, in file order) and {@value #OUTPUT} (where the mask goes). Columns may come in any order; other
 * columns are ignored. Fields may be quoted (RFC 4180); blank lines are skipped. Parsed by Apache Commons CSV.
 */
public final class SceneManifest {

    public static final String SCENE_ID = "scene_id";
    public static final String INPUT = "input";
    public static final String SENSOR = "sensor";
    public static final String BANDS = "bands";
    public static final String OUTPUT = "output";

    /** Scene ids name files: letters, digits, '.', '_' and '-', not starting with '.'. */
    private static final Pattern SCENE_ID_PATTERN = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final List<SceneEntry> entries;

    private SceneManifest(List<SceneEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * A manifest of the given scenes.
     *
     * @throws SenseiException for a duplicate or unusable scene id
     */
    public static SceneManifest of(List<SceneEntry> entries) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            SceneEntry e = entries.get(i);
            checkSceneId(e.sceneId(), "scene " + (i + 1));
            Integer before = seen.putIfAbsent(e.sceneId(), i + 1);
            if (before != null) {
                throw new SenseiException("scene id '" + e.sceneId() + "' appears twice (scenes " + before + " and "
                        + (i + 1) + "): scene ids name the outputs, so make them unique");
            }
        }
        return new SceneManifest(entries);
    }

    /**
     * Reads a manifest from a local path or a Hadoop file system URI.
     *
     * @throws SenseiException when the file cannot be read or is not a valid manifest (the message names the line)
     */
    public static SceneManifest read(String location, Configuration conf) {
        Path p = new Path(location);
        try {
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                throw new SenseiException("manifest not found: " + location + ": give a CSV file with the columns "
                        + SCENE_ID + "," + INPUT + "," + SENSOR + "[," + BANDS + "][," + OUTPUT + "]");
            }
            try (FSDataInputStream in = fs.open(p);
                    Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(r, location);
            }
        } catch (IOException e) {
            throw new SenseiException("cannot read manifest " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses manifest CSV text.
     *
     * @param source name of the text for messages
     * @throws SenseiException for a missing column, an empty required field, a bad or duplicate scene id
     */
    public static SceneManifest parse(Reader csv, String source) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        List<SceneEntry> entries = new ArrayList<>();
        try (CSVParser parser =
                CSVParser.builder().setReader(csv).setFormat(format).get()) {
            Map<String, String> columns = new HashMap<>();
            for (String h : parser.getHeaderNames()) {
                columns.putIfAbsent(h.trim().toLowerCase(Locale.ROOT), h);
            }
            for (String required : List.of(SCENE_ID, INPUT, SENSOR)) {
                if (!columns.containsKey(required)) {
                    throw new SenseiException("manifest " + source + " has no column '" + required + "' (header: "
                            + String.join(",", parser.getHeaderNames()) + "): the first line must name the columns "
                            + SCENE_ID + "," + INPUT + "," + SENSOR + " and optionally " + BANDS + "," + OUTPUT);
                }
            }
            Map<String, Long> lines = new HashMap<>();
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                String where = "manifest " + source + " line " + line;
                String id = field(rec, columns, SCENE_ID, where, true);
                String input = field(rec, columns, INPUT, where, true);
                String sensor = field(rec, columns, SENSOR, where, true);
                String bandText = field(rec, columns, BANDS, where, false);
                String output = field(rec, columns, OUTPUT, where, false);
                checkSceneId(id, where);
                Long before = lines.putIfAbsent(id, line);
                if (before != null) {
                    throw new SenseiException(where + ": scene id '" + id + "' already appears on line " + before
                            + ": scene ids name the outputs, so make them unique");
                }
                List<String> bands = bandText == null
                        ? List.of()
                        : Arrays.stream(bandText.split(";"))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList();
                entries.add(new SceneEntry(id, input, sensor, bands, output));
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new SenseiException(
                    "manifest " + source + " is not valid CSV: " + e.getMessage()
                            + ": check quotes and the number of fields per line",
                    e);
        }
        return new SceneManifest(entries);
    }

    private static String field(
            CSVRecord rec, Map<String, String> columns, String name, String where, boolean required) {
        String header = columns.get(name);
        String v = header == null || !rec.isSet(header) ? null : rec.get(header);
        if (v != null && v.isBlank()) {
            v = null;
        }
        if (v == null && required) {
            throw new SenseiException(where + ": the field '" + name + "' is empty: every scene needs " + SCENE_ID
                    + ", " + INPUT + " and " + SENSOR);
        }
        return v;
    }

    private static void checkSceneId(String id, String where) {
        if (!SCENE_ID_PATTERN.matcher(id).matches()) {
            throw new SenseiException(where + ": scene id '" + id + "' cannot name a file: use letters, digits,"
                    + " '.', '_' and '-' (not starting with '.')");
        }
    }

    public List<SceneEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "SceneManifest[" + entries.size() + " scenes]";
    }
}
