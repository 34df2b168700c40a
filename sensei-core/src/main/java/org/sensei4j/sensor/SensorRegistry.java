package org.sensei4j.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sensei4j.error.SenseiException;

/**
 * Sensors by id or alias.
 *
 * <p>Look-up ignores case, blanks and the characters {@code _ - .} ({@code "Sentinel-2"}, {@code "S2B"} and
 * {@code "sentinel2"} all work). Registering a sensor whose id is already known replaces that sensor; an alias
 * that another sensor already uses then finds the newer sensor (the last registered wins), so user files can
 * override built-ins.
 */
public final class SensorRegistry {

    /** Environment variable: {@link File#pathSeparator}-separated directories (or files) of sensor definitions. */
    public static final String SENSOR_PATH_ENV = "SENSEI_SENSOR_PATH";
    /** Classpath resource (next to this class) holding the built-in sensors. */
    public static final String BUILTIN_RESOURCE = "builtin-sensors.yaml";

    private static volatile SensorRegistry builtIn;

    private final Map<String, Sensor> byId = new LinkedHashMap<>();
    private final Map<String, Sensor> byKey = new HashMap<>();
    private final boolean readOnly;

    /** An empty registry. */
    public SensorRegistry() {
        this(false);
    }

    private SensorRegistry(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** The built-in sensors (see {@code builtin-sensors.yaml}): a shared, read-only registry. */
    public static SensorRegistry builtIn() {
        SensorRegistry r = builtIn;
        if (r == null) {
            synchronized (SensorRegistry.class) {
                r = builtIn;
                if (r == null) {
                    r = loadBuiltIns();
                    builtIn = r;
                }
            }
        }
        return r;
    }

    private static SensorRegistry loadBuiltIns() {
        String text;
        try (InputStream in = SensorRegistry.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUILTIN_RESOURCE + " missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SensorRegistry r = new SensorRegistry(false);
        SensorDefinitions.parse(text, true, BUILTIN_RESOURCE).forEach(r::register);
        SensorRegistry frozen = new SensorRegistry(true);
        frozen.byId.putAll(r.byId);
        frozen.byKey.putAll(r.byKey);
        return frozen;
    }

    /**
     * A new registry with the built-ins, then every {@code *.json/*.yaml/*.yml} in {@code ~/.sensei4j/sensors/}
     * (if present), then every such file in the directories named by {@link #SENSOR_PATH_ENV} (so these win).
     *
     * @throws SenseiException for a missing {@code SENSEI_SENSOR_PATH} entry or an invalid file
     */
    public static SensorRegistry defaultRegistry() {
        return defaultRegistry(
                System.getenv(SENSOR_PATH_ENV), Path.of(System.getProperty("user.home"), ".sensei4j", "sensors"));
    }

    /**
     * As {@link #defaultRegistry()} with the search path and user directory given.
     *
     * @param sensorPath {@link File#pathSeparator}-separated directories or files, or null
     * @param userDir    the user's sensor directory, read when it exists; may be null
     */
    public static SensorRegistry defaultRegistry(String sensorPath, Path userDir) {
        SensorRegistry r = builtIn().copy();
        if (userDir != null && Files.isDirectory(userDir)) {
            r.registerDirectory(userDir);
        }
        if (sensorPath != null) {
            for (String entry : sensorPath.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path p = Path.of(entry.trim());
                if (Files.isDirectory(p)) {
                    r.registerDirectory(p);
                } else if (Files.isRegularFile(p)) {
                    r.registerFile(p);
                } else {
                    throw new SenseiException(SENSOR_PATH_ENV + " entry '" + entry + "' does not exist: fix the path"
                            + " or remove it from " + SENSOR_PATH_ENV);
                }
            }
        }
        return r;
    }

    /** Registers every {@code *.json}, {@code *.yaml} and {@code *.yml} file of a directory, in name order. */
    public List<Sensor> registerDirectory(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(SensorRegistry::isSensorFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SenseiException("cannot list sensor directory '" + dir + "': " + e.getMessage(), e);
        }
        List<Sensor> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(registerFile(f));
        }
        return out;
    }

    private static boolean isSensorFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** A mutable copy of this registry. */
    public SensorRegistry copy() {
        SensorRegistry r = new SensorRegistry(false);
        r.byId.putAll(byId);
        r.byKey.putAll(byKey);
        return r;
    }

    /** The look-up form of a sensor name: lower case without blanks, '_', '-' and '.'. */
    static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_.-]+", "");
    }

    /**
     * Adds a sensor; a sensor with the same id (as looked up) is replaced, and aliases already used by
     * other sensors now find this one.
     *
     * @throws UnsupportedOperationException on the shared {@link #builtIn()} registry
     * @return this registry
     */
    public SensorRegistry register(Sensor sensor) {
        if (readOnly) {
            throw new UnsupportedOperationException("the built-in sensor registry is shared and read-only:"
                    + " register on SensorRegistry.defaultRegistry() or builtIn().copy()");
        }
        Sensor old = byKey.get(key(sensor.id()));
        if (old != null && key(old.id()).equals(key(sensor.id()))) {
            byId.remove(old.id());
            byKey.values().removeIf(s -> s == old);
        }
        byId.put(sensor.id(), sensor);
        byKey.put(key(sensor.id()), sensor);
        for (String alias : sensor.aliases()) {
            byKey.put(key(alias), sensor);
        }
        return this;
    }

    /** Loads a sensor file (see {@link #loadFile(Path)}) and registers its sensors. */
    public List<Sensor> registerFile(Path file) {
        List<Sensor> sensors = loadFile(file);
        sensors.forEach(this::register);
        return sensors;
    }

    /** The sensor with this id or alias, if registered. */
    public Optional<Sensor> find(String idOrAlias) {
        if (idOrAlias == null || idOrAlias.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(key(idOrAlias)));
    }

    /**
     * The sensor with this id or alias.
     *
     * @throws SenseiException naming the known sensors, the closest id and how to add a sensor
     */
    public Sensor get(String idOrAlias) {
        return find(idOrAlias).orElseThrow(() -> {
            String suggestion = closest(idOrAlias == null ? "" : idOrAlias)
                    .map(id -> " (did you mean '" + id + "'?)")
                    .orElse("");
            return new SenseiException("unknown sensor '" + idOrAlias + "'" + suggestion + ": known sensors are "
                    + String.join(", ", byId.keySet())
                    + "; add your own with --sensor-file FILE (JSON/YAML) or a STAC item");
        });
    }

    /** The id of the sensor whose id or alias is closest (edit distance) to the text, if reasonably close. */
    Optional<String> closest(String text) {
        String k = key(text);
        Sensor best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Sensor s : byId.values()) {
            List<String> names = new ArrayList<>(s.aliases());
            names.add(0, s.id());
            for (String n : names) {
                int d = editDistance(k, key(n));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = s;
                }
            }
        }
        return best != null && bestDistance <= Math.max(2, k.length() / 3) ? Optional.of(best.id()) : Optional.empty();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** All sensors in registration order. */
    public List<Sensor> all() {
        return List.copyOf(byId.values());
    }

    /** The ids of all sensors in registration order, comma-separated. */
    public String ids() {
        return byId.keySet().stream().collect(Collectors.joining(", "));
    }

    /**
     * Reads a sensor file: a definition in the {@link SensorDefinitions} schema (JSON or YAML; one sensor or a
     * list), or a STAC item (JSON with {@code "type": "Feature"} or {@code stac_version}, see {@link StacItems}).
     *
     * @throws SenseiException naming the file, sensor and band of any problem and the fix
     */
    public static List<Sensor> loadFile(Path file) {
        JsonNode tree = SensorDefinitions.readTree(file);
        if (StacItems.isStacItem(tree)) {
            return List.of(StacItems.toSensor(tree, StacItems.fileStem(file), file.toString()));
        }
        return SensorDefinitions.fromTree(tree, file.toString());
    }

    /** A sensor from a STAC item file (see {@link StacItems}). */
    public static Sensor fromStacItem(Path item) {
        return StacItems.read(item);
    }

    /** A sensor from a parsed STAC item (see {@link StacItems}); {@code fallbackId} is used without platform. */
    public static Sensor fromStacItem(JsonNode item, String fallbackId) {
        return StacItems.toSensor(item, fallbackId, "STAC item");
    }
}
