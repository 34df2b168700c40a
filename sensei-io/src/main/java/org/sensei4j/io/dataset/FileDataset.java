package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;

/** What every reader of a data set on disk shares: name, root folder, scene ids, split, scheme. */
abstract class FileDataset implements Dataset {

    private final String name;
    private final Path root;
    private final ClassScheme scheme;
    private final List<String> sceneIds;
    private final Set<String> idSet;
    private final SplitAssignment splits;

    FileDataset(String name, Path root, ClassScheme scheme, List<String> sceneIds, SplitAssignment splits) {
        this.name = Objects.requireNonNull(name, "name");
        this.root = Objects.requireNonNull(root, "root");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.sceneIds = List.copyOf(sceneIds);
        this.idSet = Set.copyOf(sceneIds);
        this.splits = Objects.requireNonNull(splits, "splits");
    }

    @Override
    public String name() {
        return name;
    }

    /** The folder the data set was read from. */
    public Path root() {
        return root;
    }

    @Override
    public ClassScheme scheme() {
        return scheme;
    }

    @Override
    public List<String> sceneIds() {
        return sceneIds;
    }

    @Override
    public SplitAssignment splits() {
        return splits;
    }

    @Override
    public boolean contains(String sceneId) {
        return idSet.contains(sceneId);
    }

    /** Throws naming the data set and some of its ids when {@code sceneId} is not one of them. */
    void requireScene(String sceneId) {
        if (!idSet.contains(sceneId)) {
            List<String> some = sceneIds.subList(0, Math.min(3, sceneIds.size()));
            throw new SenseiException("data set " + name + " in " + root + " has no scene '" + sceneId + "': it has "
                    + sceneIds.size() + " scenes" + (some.isEmpty() ? "" : ", e.g. " + String.join(", ", some))
                    + "; list them with sceneIds()");
        }
    }

    /** Throws when a data set folder holds no scene at all. */
    static void requireScenes(List<String> ids, String name, Path root, String layout) {
        if (ids.isEmpty()) {
            throw new SenseiException("no " + name + " scene found in " + root + ": expected " + layout);
        }
    }

    @Override
    public String toString() {
        return name + " (" + sceneIds.size() + " scenes, " + root + ")";
    }
}
