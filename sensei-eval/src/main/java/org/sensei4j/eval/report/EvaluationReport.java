package org.sensei4j.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sensei4j.error.SenseiException;
import org.sensei4j.metrics.Reliability;

/**
 * Builds the offline HTML report of one or more evaluation JSON files (as {@code sensei evaluate --json}
 * writes them): a comparison table per file (and one across files when there are several), per evaluation its
 * class, interval, category and scene tables, the scenes' pictures recorded in the JSON (quicklook and one
 * error overlay per evaluation, when the files exist), and optionally training curves from a training log.
 */
public final class EvaluationReport {

    /** What went into a report. */
    /** @param charts training charts; @param reliabilityCharts reliability diagrams (one per evaluation with one) */
    public record Summary(int evaluations, int pictures, int missingPictures, int charts, int reliabilityCharts) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationReport() {}

    /**
     * Writes the report (atomically).
     *
     * @param inputs           evaluation JSON files
     * @param trainingLog      a training log CSV for the training curves, or null
     * @param maxScenesPictured pictures of at most this many scenes per input file
     * @throws SenseiException when an input is not an evaluation JSON or cannot be read
     */
    public static Summary write(String title, List<Path> inputs, Path report, Path trainingLog, int maxScenesPictured) {
        if (inputs.isEmpty()) {
            throw new SenseiException(
                    "no evaluation JSON given: pass one or more files written by " + "sensei evaluate --json");
        }
        Path reportDir = report.toAbsolutePath().normalize().getParent();
        List<JsonNode> docs = new ArrayList<>();
        for (Path in : inputs) {
            docs.add(read(in));
        }
        HtmlReport html = new HtmlReport(title);
        html.note("Made from "
                + String.join(
                        ", ",
                        inputs.stream().map(p -> p.getFileName().toString()).toList())
                + ". Metrics in percent, cloud (thin + thick) vs everything else, pixel counts summed over all scenes"
                + " as in the SEnSeI paper; nodata excluded.");
        int evaluations = 0;
        int pictures = 0;
        int missing = 0;
        int charts = 0;
        int reliabilityCharts = 0;
        if (docs.size() > 1) {
            html.heading("All inputs", 2).add(across(inputs, docs));
        }
        for (int d = 0; d < docs.size(); d++) {
            JsonNode doc = docs.get(d);
            Path jsonDir = inputs.get(d).toAbsolutePath().normalize().getParent();
            html.heading(inputs.get(d).getFileName().toString(), 2).add(EvaluationTables.comparison(doc));
            List<JsonNode> evals = EvaluationTables.evaluations(doc);
            for (JsonNode e : evals) {
                evaluations++;
                html.heading(EvaluationTables.label(e), 3).add(EvaluationTables.classes(e));
                Table rel = EvaluationTables.reliability(e);
                if (rel != null) {
                    html.png(
                            "Reliability diagram, " + EvaluationTables.label(e) + ": predicted cloud probability vs "
                                    + "observed share of cloud",
                            ReliabilityChart.png(
                                    EvaluationTables.label(e), Reliability.fromJson(e.get("reliability")), 560, 480));
                    reliabilityCharts++;
                    html.add(rel);
                }
                Table ci = EvaluationTables.intervals(e);
                if (ci != null) {
                    html.add(ci);
                }
                Table cat = EvaluationTables.categories(e);
                if (cat != null) {
                    html.add(cat);
                }
                html.add(EvaluationTables.scenes(e));
            }
            // pictures: per scene, the quicklook and every evaluation's overlay side by side
            Map<String, List<Map.Entry<String, String>>> byScene = new LinkedHashMap<>();
            Set<String> quicklookTried = new HashSet<>();
            for (JsonNode e : evals) {
                String label = EvaluationTables.label(e);
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                e.path("per_scene").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> s = it.next();
                    JsonNode p = s.getValue().get("pictures");
                    if (p == null) {
                        continue;
                    }
                    if (!byScene.containsKey(s.getKey()) && byScene.size() >= maxScenesPictured) {
                        continue;
                    }
                    List<Map.Entry<String, String>> list = byScene.computeIfAbsent(s.getKey(), k -> new ArrayList<>());
                    if (p.has("quicklook") && quicklookTried.add(s.getKey())) {
                        String src = source(p.get("quicklook").asText(), jsonDir, reportDir);
                        if (src == null) {
                            missing++;
                        } else {
                            list.add(0, Map.entry(s.getKey() + ": RGB", src));
                            pictures++;
                        }
                    }
                    if (p.has("overlay")) {
                        String src = source(p.get("overlay").asText(), jsonDir, reportDir);
                        if (src == null) {
                            missing++;
                        } else {
                            list.add(Map.entry(s.getKey() + ": " + label, src));
                            pictures++;
                        }
                    }
                }
            }
            byScene.values().removeIf(List::isEmpty);
            if (!byScene.isEmpty()) {
                html.heading("Pictures (" + inputs.get(d).getFileName() + ")", 3)
                        .paragraph("Overlays: blue correct cloud, red missed cloud, yellow false cloud; elsewhere the "
                                + "dimmed quicklook; black nodata.");
                byScene.values().forEach(html::figures);
            }
        }
        if (missing > 0) {
            html.note(missing + " picture(s) named in the JSON were not found and are left out.");
        }
        if (trainingLog != null) {
            TrainingCurves curves = TrainingCurves.read(trainingLog);
            html.heading("Training (" + trainingLog.getFileName() + ")", 2);
            if (!curves.lossColumns().isEmpty()) {
                html.png(
                        "loss per " + (curves.xColumn() == null ? "row" : curves.xColumn()),
                        curves.chartPng("Training curves", "loss", curves.lossColumns(), 900, 450));
                charts++;
            }
            if (!curves.metricColumns().isEmpty()) {
                html.png("metrics", curves.chartPng("Validation metrics", "value", curves.metricColumns(), 900, 450));
                charts++;
            }
            if (charts == 0) {
                throw new SenseiException("training log " + trainingLog + " has no loss or metric column to plot "
                        + "(columns: " + curves.columns() + "): name loss columns like train_loss, val_loss");
            }
        }
        html.write(report);
        return new Summary(evaluations, pictures, missing, charts, reliabilityCharts);
    }

    private static JsonNode read(Path in) {
        JsonNode doc;
        try {
            doc = JSON.readTree(in.toFile());
        } catch (IOException e) {
            throw new SenseiException("cannot read evaluation JSON " + in + ": " + e.getMessage()
                    + ": give a file written by sensei evaluate --json");
        }
        if (doc == null || !(doc.has("evaluations") || doc.has("cloud"))) {
            throw new SenseiException(in + " is not an evaluation (no 'cloud' or 'evaluations' field): give a file "
                    + "written by sensei evaluate --json");
        }
        return doc;
    }

    private static Table across(List<Path> inputs, List<JsonNode> docs) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = null;
        for (int d = 0; d < docs.size(); d++) {
            Table t = EvaluationTables.comparison(docs.get(d));
            if (header == null) {
                header = new ArrayList<>(List.of("input", "dataset"));
                header.addAll(t.header());
            }
            JsonNode doc = docs.get(d);
            String dataset = doc.path("run")
                    .path("dataset")
                    .asText(EvaluationTables.evaluations(doc)
                            .get(0)
                            .path("run")
                            .path("dataset")
                            .asText(""));
            for (List<String> r : t.rows()) {
                List<String> row =
                        new ArrayList<>(List.of(inputs.get(d).getFileName().toString(), dataset));
                row.addAll(r);
                rows.add(row);
            }
        }
        return new Table("Cloud vs not cloud, every input (percent)", header, rows, List.of());
    }

    /** The picture's path relative to the report, or null when the file does not exist. */
    static String source(String recorded, Path jsonDir, Path reportDir) {
        Path p = Path.of(recorded);
        Path abs = (p.isAbsolute() ? p : jsonDir.resolve(p)).normalize();
        if (!Files.isRegularFile(abs)) {
            return null;
        }
        return reportDir.relativize(abs).toString().replace(File.separatorChar, '/');
    }
}
