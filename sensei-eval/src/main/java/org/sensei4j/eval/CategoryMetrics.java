package org.sensei4j.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.ConfusionMatrix;
import org.sensei4j.metrics.DatasetMetrics;

/**
 * Metrics per scene category, from the data set's per-scene tags (e.g. the Sentinel-2 Cloud Mask Catalogue's
 * surface types and cloud types): each category's pixel counts are summed over the scenes in it, as for the
 * whole data set. A yes/no tag (values 0/1, true/false, yes/no) gives one category, the scenes that have it;
 * another tag gives one category per value ({@code tag=value}), unless it has more than
 * {@value #MAX_VALUES} values (identifiers, measurements), when it is left out. Categories with fewer than
 * {@code minScenes} scenes are omitted, as in the paper (30), and listed as omitted.
 */
public final class CategoryMetrics {

    /** Most values a non-yes/no tag may have to be split into categories. */
    public static final int MAX_VALUES = 20;
    /** The paper's smallest category. */
    public static final int PAPER_MIN_SCENES = 30;

    /** One category: a tag (and value), its scenes and their summed counts. */
    public record Row(String category, String tag, String value, int scenes, ConfusionMatrix counts) {

        /** Cloud vs rest counts of the category. */
        public BinaryConfusion cloud() {
            return counts.cloud();
        }
    }

    private final int minScenes;
    private final List<Row> rows;
    private final List<Row> omitted;
    private final List<String> skippedTags;

    private CategoryMetrics(int minScenes, List<Row> rows, List<Row> omitted, List<String> skippedTags) {
        this.minScenes = minScenes;
        this.rows = List.copyOf(rows);
        this.omitted = List.copyOf(omitted);
        this.skippedTags = List.copyOf(skippedTags);
    }

    /**
     * Categories of a data set's scenes.
     *
     * @param metrics   per-scene counts
     * @param tags      scene id → tags (scenes without tags may be missing)
     * @param minScenes categories with fewer scenes are omitted
     */
    public static CategoryMetrics of(DatasetMetrics metrics, Map<String, Map<String, String>> tags, int minScenes) {
        if (minScenes < 1) {
            throw new IllegalArgumentException("the smallest category must have at least 1 scene, got " + minScenes);
        }
        Map<String, ConfusionMatrix> perScene = metrics.perScene();
        Set<String> tagNames = new LinkedHashSet<>();
        for (String id : perScene.keySet()) {
            tagNames.addAll(tags.getOrDefault(id, Map.of()).keySet());
        }
        List<Row> kept = new ArrayList<>();
        List<Row> small = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String tag : tagNames) {
            Map<String, List<String>> scenesByValue = new LinkedHashMap<>();
            for (String id : perScene.keySet()) {
                String v = tags.getOrDefault(id, Map.of()).get(tag);
                if (v != null && !v.isBlank()) {
                    scenesByValue
                            .computeIfAbsent(v.strip(), k -> new ArrayList<>())
                            .add(id);
                }
            }
            if (scenesByValue.isEmpty()) {
                continue;
            }
            List<Row> tagRows = new ArrayList<>();
            if (scenesByValue.keySet().stream().allMatch(CategoryMetrics::isYesNo)) {
                List<String> ids = new ArrayList<>();
                scenesByValue.forEach((v, s) -> {
                    if (isYes(v)) {
                        ids.addAll(s);
                    }
                });
                if (!ids.isEmpty()) {
                    tagRows.add(row(tag, tag, null, ids, perScene, metrics.scheme()));
                }
            } else if (scenesByValue.size() > MAX_VALUES) {
                skipped.add(tag);
            } else {
                scenesByValue.forEach((v, s) -> tagRows.add(row(tag + "=" + v, tag, v, s, perScene, metrics.scheme())));
            }
            for (Row r : tagRows) {
                (r.scenes() >= minScenes ? kept : small).add(r);
            }
        }
        return new CategoryMetrics(minScenes, kept, small, skipped);
    }

    private static Row row(
            String category,
            String tag,
            String value,
            List<String> ids,
            Map<String, ConfusionMatrix> perScene,
            ClassScheme scheme) {
        ConfusionMatrix sum = new ConfusionMatrix(scheme);
        ids.forEach(id -> sum.merge(perScene.get(id)));
        return new Row(category, tag, value, ids.size(), sum);
    }

    private static boolean isYesNo(String v) {
        String t = v.toLowerCase(Locale.ROOT);
        return isYes(t) || t.equals("0") || t.equals("0.0") || t.equals("false") || t.equals("no");
    }

    private static boolean isYes(String v) {
        String t = v.toLowerCase(Locale.ROOT);
        return t.equals("1") || t.equals("1.0") || t.equals("true") || t.equals("yes");
    }

    /** The smallest category kept. */
    public int minScenes() {
        return minScenes;
    }

    /** Categories with at least {@link #minScenes()} scenes, in tag order. */
    public List<Row> rows() {
        return rows;
    }

    /** Categories with fewer scenes. */
    public List<Row> omitted() {
        return omitted;
    }

    /** Tags with too many values to be categories. */
    public List<String> skippedTags() {
        return skippedTags;
    }

    /**
     * JSON: {@code {"min_scenes": 30, "rows": [{"category", "tag", "value", "scenes", "cloud": {oa, ba, ...}}],
     * "omitted": [{"category", "scenes"}], "skipped_tags": [..]}}; {@code value} is null for yes/no tags.
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("min_scenes", minScenes);
        ArrayNode a = o.putArray("rows");
        for (Row r : rows) {
            ObjectNode n = a.addObject();
            n.put("category", r.category());
            n.put("tag", r.tag());
            n.put("value", r.value());
            n.put("scenes", r.scenes());
            n.set("cloud", DatasetMetrics.binaryJson(r.cloud()));
        }
        ArrayNode om = o.putArray("omitted");
        for (Row r : omitted) {
            om.addObject().put("category", r.category()).put("scenes", r.scenes());
        }
        ArrayNode sk = o.putArray("skipped_tags");
        skippedTags.forEach(sk::add);
        return o;
    }
}
