package org.sensei4j.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of an evaluation JSON document (as {@code sensei evaluate --json} writes it, see
 * {@code DatasetEvaluation.toJson}): the comparison (rows = model × band set, columns OA/BA/P/R/F1, like the
 * paper's Tables II–V), and per evaluation the per-class metrics, bootstrap intervals, categories and scenes.
 * Works on both layouts: one evaluation, or {@code comparison} + {@code evaluations}. Values in percent with two
 * decimals; undefined metrics (0/0) show as {@code undefined}.
 */
public final class EvaluationTables {

    private static final String[] METRICS = {"oa", "ba", "precision", "recall", "f1"};
    private static final String[] METRIC_NAMES = {"OA", "BA", "P", "R", "F1"};

    private EvaluationTables() {}

    /** The evaluations of a document: its {@code evaluations}, or the document itself. */
    public static List<JsonNode> evaluations(JsonNode doc) {
        List<JsonNode> out = new ArrayList<>();
        if (doc.has("evaluations")) {
            doc.get("evaluations").forEach(out::add);
        } else {
            out.add(doc);
        }
        return out;
    }

    /** "model [band set]" of an evaluation (from its {@code run}). */
    public static String label(JsonNode eval) {
        JsonNode run = eval.path("run");
        String model = run.path("model").asText("model");
        String bandSet = run.path("band_set").asText("ALL");
        return model + " [" + bandSet + "]";
    }

    /** One row per evaluation: model, band set, OA, BA, P, R, F1, scenes, pixels. */
    public static Table comparison(JsonNode doc) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode e : evaluations(doc)) {
            List<String> r = new ArrayList<>();
            r.add(e.path("run").path("model").asText("model"));
            r.add(e.path("run").path("band_set").asText("ALL"));
            JsonNode cloud = e.path("cloud");
            for (String m : METRICS) {
                r.add(fmt(cloud.get(m)));
            }
            r.add(Long.toString(e.path("scenes").asLong()));
            r.add(Long.toString(cloud.path("pixels").asLong()));
            rows.add(r);
        }
        List<String> header = new ArrayList<>(List.of("model", "band set"));
        header.addAll(List.of(METRIC_NAMES));
        header.addAll(List.of("scenes", "pixels"));
        JsonNode first = evaluations(doc).get(0);
        String dataset = doc.path("run")
                .path("dataset")
                .asText(first.path("run").path("dataset").asText(""));
        return new Table(
                "Cloud vs not cloud" + (dataset.isEmpty() ? "" : " on " + dataset)
                        + " (percent, pixel-summed over all scenes)",
                header,
                rows,
                List.of());
    }

    /**
     * The reliability diagram of an evaluation's cloud probability as a table (bin, pixels, mean predicted and
     * observed cloud, percent), titled with the expected calibration error and noted with the decision rule; null
     * when the evaluation has none.
     */
    public static Table reliability(JsonNode eval) {
        JsonNode r = eval.get("reliability");
        if (r == null) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode b : r.path("diagram")) {
            rows.add(List.of(
                    String.format(
                            Locale.ROOT,
                            "%.2f-%.2f",
                            b.path("lower").asDouble(),
                            b.path("upper").asDouble()),
                    Long.toString(b.path("pixels").asLong()),
                    percent(b.get("predicted")),
                    percent(b.get("observed"))));
        }
        List<String> notes = new ArrayList<>();
        notes.add("ECE = sum over bins of (pixels in bin / all pixels) x |mean predicted - observed|; 0 is perfectly "
                + "calibrated.");
        String decision = eval.path("run").path("decision").asText("");
        if (!decision.isEmpty()) {
            notes.add("Decision: " + decision + ".");
        }
        return new Table(
                "Reliability of the cloud probability (" + label(eval) + "): expected calibration error "
                        + percent(r.get("ece")) + "%",
                List.of("predicted cloud probability", "pixels", "mean predicted %", "observed cloud %"),
                rows,
                notes);
    }

    private static String percent(JsonNode v) {
        return v == null || v.isNull() || !v.isNumber() ? "" : String.format(Locale.ROOT, "%.2f", 100 * v.asDouble());
    }

    /** Cloud vs rest and each class one-vs-rest: OA, BA, precision, recall, F1, pixels. */
    public static Table classes(JsonNode eval) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(metricRow("cloud (vs rest)", eval.get("cloud")));
        JsonNode classes = eval.get("classes");
        if (classes != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = classes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                rows.add(metricRow(c.getKey(), c.getValue()));
            }
        }
        return new Table(
                "Per class (scheme " + eval.path("scheme").asText("?") + ")",
                List.of("class", "OA", "BA", "precision", "recall", "F1", "pixels"),
                rows,
                List.of());
    }

    private static List<String> metricRow(String name, JsonNode n) {
        List<String> r = new ArrayList<>();
        r.add(name);
        for (String m : METRICS) {
            r.add(fmt(n == null ? null : n.get(m)));
        }
        r.add(Long.toString(n == null ? 0 : n.path("pixels").asLong()));
        return r;
    }

    /** The bootstrap intervals of the cloud metrics, or null when the evaluation has none. */
    public static Table intervals(JsonNode eval) {
        JsonNode ci = eval.path("cloud").get("ci");
        if (ci == null) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < METRICS.length; i++) {
            JsonNode m = ci.get(METRICS[i]);
            rows.add(List.of(
                    METRIC_NAMES[i],
                    fmt(eval.path("cloud").get(METRICS[i])),
                    fmt(m == null ? null : m.get("lower")),
                    fmt(m == null ? null : m.get("upper"))));
        }
        return new Table(
                String.format(
                        Locale.ROOT,
                        "%.0f%% bootstrap intervals (%d resamples of the %d scenes, seed %d)",
                        ci.path("level").asDouble(),
                        ci.path("resamples").asInt(),
                        eval.path("scenes").asInt(),
                        ci.path("seed").asLong()),
                List.of("metric", "value", "lower", "upper"),
                rows,
                List.of());
    }

    /** Metrics per scene category, or null when the evaluation has no categories at all. */
    public static Table categories(JsonNode eval) {
        JsonNode cat = eval.get("categories");
        if (cat == null || (cat.path("rows").isEmpty() && cat.path("omitted").isEmpty())) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : cat.path("rows")) {
            List<String> row = new ArrayList<>();
            row.add(r.path("category").asText());
            row.add(Integer.toString(r.path("scenes").asInt()));
            for (String m : METRICS) {
                row.add(fmt(r.path("cloud").get(m)));
            }
            rows.add(row);
        }
        List<String> notes = new ArrayList<>();
        int min = cat.path("min_scenes").asInt();
        if (!cat.path("omitted").isEmpty()) {
            List<String> om = new ArrayList<>();
            cat.path("omitted")
                    .forEach(o -> om.add(o.path("category").asText() + " ("
                            + o.path("scenes").asInt() + ")"));
            notes.add("Omitted, fewer than " + min + " scenes: " + String.join(", ", om) + ".");
        }
        List<String> header = new ArrayList<>(List.of("category", "scenes"));
        header.addAll(List.of(METRIC_NAMES));
        return new Table(
                "Per category (cloud vs not cloud, categories of at least " + min + " scenes)", header, rows, notes);
    }

    /** One row per scene: pixels, cloud share of the truth, OA, BA, F1. */
    public static Table scenes(JsonNode eval) {
        List<List<String>> rows = new ArrayList<>();
        JsonNode per = eval.path("per_scene");
        for (Iterator<Map.Entry<String, JsonNode>> it = per.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            JsonNode c = s.getValue().path("cloud");
            long px = c.path("pixels").asLong();
            long cloudy = c.path("tp").asLong() + c.path("fn").asLong();
            rows.add(List.of(
                    s.getKey(),
                    Long.toString(px),
                    px == 0 ? "undefined" : String.format(Locale.ROOT, "%.2f", 100.0 * cloudy / px),
                    fmt(c.get("oa")),
                    fmt(c.get("ba")),
                    fmt(c.get("f1"))));
        }
        return new Table("Per scene", List.of("scene", "pixels", "cloud % (truth)", "OA", "BA", "F1"), rows, List.of());
    }

    /**
     * The whole document as Markdown: the comparison table when there are several evaluations, then per
     * evaluation its class, interval, category and (with {@code perScene}) scene tables.
     */
    public static String markdown(JsonNode doc, boolean perScene) {
        StringBuilder sb = new StringBuilder();
        List<JsonNode> evals = evaluations(doc);
        if (evals.size() > 1) {
            sb.append(comparison(doc).toMarkdown()).append('\n');
        }
        for (JsonNode e : evals) {
            JsonNode run = e.path("run");
            sb.append("### ").append(label(e));
            if (run.has("dataset")) {
                sb.append(" on ")
                        .append(run.get("dataset").asText())
                        .append(" (")
                        .append(e.path("scenes").asInt())
                        .append(e.path("scenes").asInt() == 1 ? " scene)" : " scenes)");
            }
            sb.append("\n\n").append(classes(e).toMarkdown()).append('\n');
            Table rel = reliability(e);
            if (rel != null) {
                sb.append(rel.toMarkdown()).append('\n');
            }
            Table ci = intervals(e);
            if (ci != null) {
                sb.append(ci.toMarkdown()).append('\n');
            }
            Table cat = categories(e);
            if (cat != null) {
                sb.append(cat.toMarkdown()).append('\n');
            }
            if (perScene) {
                sb.append(scenes(e).toMarkdown()).append('\n');
            }
        }
        return sb.toString();
    }

    /** A percentage with two decimals, or {@code undefined} for a missing or null value. */
    static String fmt(JsonNode v) {
        return v == null || v.isNull() || !v.isNumber()
                ? "undefined"
                : String.format(Locale.ROOT, "%.2f", v.asDouble());
    }
}
