package org.sensei4j.floor.loso;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sensei4j.metrics.BinaryMetric;
import org.sensei4j.metrics.Metric;

/**
 * The leave-one-source-out table: per held-out source the fold's model, floor and threshold baseline, cloud vs
 * rest, OA/BA/precision/recall/F1 in percent with bootstrap intervals.
 *
 * @param config     the config's name
 * @param commit     the sensei4j commit that ran it
 * @param maxSteps   the training steps of each fold, or null for the config's schedule
 * @param seed       the config's seed
 * @param confidence the intervals' level
 * @param rows       the rows, source by source (model, floor, baseline)
 * @param folds      per fold what was trained on and tested on (for the JSON)
 */
public record LosoTable(
        String config,
        String commit,
        Long maxSteps,
        long seed,
        double confidence,
        List<LosoRow> rows,
        List<ObjectNode> folds) {

    public LosoTable {
        rows = List.copyOf(rows);
        folds = List.copyOf(folds);
    }

    /** The table in Markdown, with a heading line on what it is. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "Leave-one-source-out, config %s, %s, seed %d, commit %s: cloud vs rest "
                        + "on the held-out source, percent, [%.0f%% bootstrap interval]%n%n",
                config,
                maxSteps == null ? "the config's schedule" : maxSteps + " training steps per fold",
                seed,
                commit,
                100 * confidence));
        sb.append("| held-out source | kind | classifier | scenes | pixels | OA | BA | precision | recall | F1 | "
                + "resampled |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LosoRow r : rows) {
            sb.append("| ")
                    .append(r.source())
                    .append(" | ")
                    .append(r.kind())
                    .append(" | ")
                    .append(r.classifier())
                    .append(" | ")
                    .append(r.scenes())
                    .append(r.skipped() > 0 ? " (" + r.skipped() + " left out)" : "")
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", r.pixels()));
            for (BinaryMetric m : LosoRow.COLUMNS) {
                sb.append(" | ").append(cell(r.metrics().get(m)));
            }
            sb.append(" | ").append(r.units()).append(' ').append(r.unit()).append(" |\n");
        }
        List<LosoRow> skipped =
                rows.stream().filter(r -> r.skipReason() != null).toList();
        if (!skipped.isEmpty()) {
            sb.append('\n');
            for (LosoRow r : skipped) {
                sb.append("- ")
                        .append(r.source())
                        .append(", ")
                        .append(r.classifier())
                        .append(": ")
                        .append(r.skipped())
                        .append(" scene(s) left out: ")
                        .append(r.skipReason())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    static String cell(LosoRow.Cell c) {
        if (!c.value().isDefined()) {
            return "n/a";
        }
        String v = fmt(c.value());
        return c.hasInterval() ? v + " [" + fmt(c.lower()) + ", " + fmt(c.upper()) + "]" : v;
    }

    private static String fmt(Metric m) {
        return String.format(Locale.ROOT, "%.2f", m.value());
    }

    /**
     * The table as JSON: {@code {"config", "commit", "max_steps", "seed", "confidence", "rows": [{source, kind,
     * classifier, scenes, skipped, skip_reason, pixels, resampled: {unit, count}, oa: {value, lower, upper}, ba,
     * precision, recall, f1}], "folds": [...]}}; undefined values are null.
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("config", config);
        root.put("commit", commit);
        if (maxSteps == null) {
            root.putNull("max_steps");
        } else {
            root.put("max_steps", maxSteps);
        }
        root.put("seed", seed);
        root.put("confidence", confidence);
        ArrayNode rs = root.putArray("rows");
        for (LosoRow r : rows) {
            ObjectNode o = rs.addObject();
            o.put("source", r.source());
            o.put("kind", r.kind());
            o.put("classifier", r.classifier());
            o.put("scenes", r.scenes());
            o.put("skipped", r.skipped());
            if (r.skipReason() != null) {
                o.put("skip_reason", r.skipReason());
            }
            o.put("pixels", r.pixels());
            ObjectNode res = o.putObject("resampled");
            res.put("unit", r.unit());
            res.put("count", r.units());
            for (BinaryMetric m : LosoRow.COLUMNS) {
                LosoRow.Cell c = r.metrics().get(m);
                ObjectNode v = o.putObject(m.key());
                v.put("value", c.value().toJson());
                v.put("lower", c.lower().toJson());
                v.put("upper", c.upper().toJson());
            }
        }
        ArrayNode fs = root.putArray("folds");
        folds.forEach(fs::add);
        return root;
    }
}
