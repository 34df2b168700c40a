package org.sensei4j.dataset;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sensei4j.classes.ClassScheme;

/**
 * A labelled data set on disk: a name, its scene ids, their split assignment and a way to open each scene.
 * Listing is cheap (file names only); {@link #open} reads one scene's files when asked.
 */
public interface Dataset {

    /** Short name, e.g. {@code s2-cloud-mask-catalogue}. */
    String name();

    /** The scene ids, in a stable order (sorted unless the data set defines an order). */
    List<String> sceneIds();

    /** The finest scheme this data set's labels come in; a scene may come in a coarser one. */
    ClassScheme scheme();

    /** Which scene is in which split; {@link SplitAssignment#none()} when the data set has no split. */
    SplitAssignment splits();

    /**
     * Reads one scene.
     *
     * @throws org.sensei4j.error.SenseiException for an unknown id, a missing or unreadable file, mismatched
     *     image and mask sizes or an unknown class code, naming the file and the fix
     */
    LabelledScene open(String sceneId);

    /** The split of a scene, if any. */
    default Optional<Split> split(String sceneId) {
        return splits().split(sceneId);
    }

    /** The ids of the scenes of one split that this data set holds, in {@link #sceneIds()} order. */
    default List<String> sceneIds(Split split) {
        SplitAssignment s = splits();
        return sceneIds().stream()
                .filter(id -> s.split(id).orElse(null) == split)
                .toList();
    }

    /** True when the data set holds a scene of this id. */
    default boolean contains(String sceneId) {
        return Set.copyOf(sceneIds()).contains(sceneId);
    }

    /** Number of scenes. */
    default int size() {
        return sceneIds().size();
    }
}
