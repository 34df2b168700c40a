package org.sensei4j.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.sensei4j.error.SenseiException;

/**
 * Which scene of a data set belongs to which {@link Split}: an immutable map from scene id to split. Scenes
 * it does not name have no split.
 */
public final class SplitAssignment {

    private static final SplitAssignment NONE = new SplitAssignment(Map.of());

    private final Map<String, Split> bySceneId;

    private SplitAssignment(Map<String, Split> bySceneId) {
        this.bySceneId = Collections.unmodifiableMap(new LinkedHashMap<>(bySceneId));
    }

    /** No scene has a split. */
    public static SplitAssignment none() {
        return NONE;
    }

    /** The given assignment (copied). */
    public static SplitAssignment of(Map<String, Split> bySceneId) {
        bySceneId.forEach((k, v) -> {
            Objects.requireNonNull(k, "scene id");
            Objects.requireNonNull(v, "split of " + k);
        });
        return new SplitAssignment(bySceneId);
    }

    /** Every id of {@code ids} in one split. */
    public static SplitAssignment all(Collection<String> ids, Split split) {
        Map<String, Split> m = new LinkedHashMap<>();
        ids.forEach(id -> m.put(id, split));
        return new SplitAssignment(m);
    }

    /**
     * Reads split lists from a directory: one file per split, named after it ({@code train}, {@code valid},
     * {@code validation}, {@code val}, {@code test}) with extension {@code .csv}, {@code .txt} or none, holding
     * one scene id per line (the first comma-separated field; blank lines and lines starting with {@code #}
     * are skipped). This is the format of the SEnSeI authors' Sentinel-2 split files.
     *
     * @throws SenseiException when the directory holds no split file, cannot be read, or names a scene in two
     *     splits
     */
    public static SplitAssignment read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new SenseiException("split directory " + directory + " does not exist: give a directory with "
                    + "train.csv, valid.csv and test.csv (one scene id per line)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new SenseiException("cannot list split directory " + directory + ": " + e.getMessage(), e);
        }
        Map<String, Split> m = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        boolean any = false;
        for (Split split : Split.values()) {
            for (Path f : files) {
                if (splitOfFile(f).orElse(null) != split) {
                    continue;
                }
                any = true;
                readInto(f, split, m, from, directory);
            }
        }
        if (!any) {
            throw new SenseiException("split directory " + directory + " has no split file: add train.csv, "
                    + "valid.csv and/or test.csv with one scene id per line");
        }
        return new SplitAssignment(m);
    }

    private static Optional<Split> splitOfFile(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        return ext.isEmpty() || ext.equals("csv") || ext.equals("txt") ? Split.fromName(stem) : Optional.empty();
    }

    private static void readInto(Path f, Split split, Map<String, Split> m, Map<String, Path> from, Path directory) {
        for (String id : readIds(f)) {
            Split before = m.putIfAbsent(id, split);
            if (before != null) {
                throw new SenseiException(
                        "scene '" + id + "' is listed in both " + from.get(id).getFileName() + " and " + f.getFileName()
                                + " in " + directory + ": list each scene in one split");
            }
            from.put(id, f);
        }
    }

    private static List<String> readIds(Path f) {
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SenseiException("cannot read split file " + f + ": " + e.getMessage(), e);
        }
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int comma = t.indexOf(',');
            String id = (comma >= 0 ? t.substring(0, comma) : t).strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The split of a scene, if it has one. */
    public Optional<Split> split(String sceneId) {
        return Optional.ofNullable(bySceneId.get(sceneId));
    }

    /** The scene ids of one split, in the order they were given. */
    public List<String> sceneIds(Split split) {
        return bySceneId.entrySet().stream()
                .filter(e -> e.getValue() == split)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Number of scenes per split (splits without scenes are left out). */
    public Map<Split, Integer> counts() {
        Map<Split, Integer> c = new EnumMap<>(Split.class);
        bySceneId.values().forEach(s -> c.merge(s, 1, Integer::sum));
        return Collections.unmodifiableMap(c);
    }

    /** Every scene id named, in the order given. */
    public Set<String> sceneIds() {
        return bySceneId.keySet();
    }

    /** The ids this assignment names that {@code available} does not hold (e.g. scenes not downloaded). */
    public List<String> missingFrom(Collection<String> available) {
        Set<String> have = available instanceof Set<String> s ? s : Set.copyOf(available);
        return bySceneId.keySet().stream().filter(id -> !have.contains(id)).toList();
    }

    /** True when no scene has a split. */
    public boolean isEmpty() {
        return bySceneId.isEmpty();
    }

    /** The assignment as a map (unmodifiable). */
    public Map<String, Split> asMap() {
        return bySceneId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitAssignment s && s.bySceneId.equals(bySceneId);
    }

    @Override
    public int hashCode() {
        return bySceneId.hashCode();
    }

    @Override
    public String toString() {
        return "SplitAssignment" + counts();
    }
}
