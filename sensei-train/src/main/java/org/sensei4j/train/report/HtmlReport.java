package org.sensei4j.train.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sensei4j.file.AtomicFiles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sensei4j.error.SenseiException;

/**
 * A self-contained HTML report (no scripts, no network): metric tables from evaluation JSON, pictures (paths
 * relative to the report) and optional training curves. Viewable offline in any browser.
 */
public final class HtmlReport {

    /** One section: a title, evaluation JSON (from DatasetMetrics.toJson) and pictures with captions. */
    public record Section(String title, JsonNode metrics, List<Map.Entry<String, String>> pictures) {}

    private final String title;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport add(Section s) {
        sections.add(s);
        return this;
    }

    public HtmlReport note(String text) {
        notes.add(text);
        return this;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 10px;"
                        + "text-align:right}th:first-child,td:first-child{text-align:left}"
                        + "figure{display:inline-block;margin:0 1em 1em 0}img{max-width:420px;image-rendering:pixelated;"
                        + "border:1px solid #888}.legend span{display:inline-block;width:1em;height:1em;"
                        + "vertical-align:middle;margin:0 .3em 0 1em}</style></head><body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        for (String n : notes) {
            sb.append("<p>").append(esc(n)).append("</p>\n");
        }
        sb.append(String.format(Locale.ROOT, "<p class=\"legend\">Overlay colours:<span style=\"background:#%06x\">"
                + "</span>correct cloud<span style=\"background:#%06x\"></span>missed cloud<span style=\"background:#%06x\">"
                + "</span>false cloud</p>%n", Pictures.CORRECT_CLOUD, Pictures.MISSED_CLOUD, Pictures.FALSE_CLOUD));
        for (Section s : sections) {
            sb.append("<h2>").append(esc(s.title())).append("</h2>\n");
            if (s.metrics() != null) {
                table(sb, s.metrics());
            }
            for (Map.Entry<String, String> p : s.pictures()) {
                sb.append("<figure><img src=\"").append(esc(p.getValue())).append("\" alt=\"").append(esc(p.getKey()))
                        .append("\"><figcaption>").append(esc(p.getKey())).append("</figcaption></figure>\n");
            }
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, JsonNode m) {
        sb.append("<table><tr><th>class</th><th>OA</th><th>BA</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>pixels</th></tr>\n");
        row(sb, "cloud (vs rest)", m.get("cloud"));
        JsonNode classes = m.get("classes");
        if (classes != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = classes.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                row(sb, e.getKey(), e.getValue());
            }
        }
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String name, JsonNode n) {
        if (n == null) {
            return;
        }
        sb.append("<tr><td>").append(esc(name)).append("</td>");
        for (String k : new String[] {"oa", "ba", "precision", "recall", "f1"}) {
            JsonNode v = n.get(k);
            sb.append("<td>").append(v == null || v.isNull() ? "undefined"
                    : String.format(Locale.ROOT, "%.2f", v.asDouble())).append("</td>");
        }
        sb.append("<td>").append(n.path("pixels").asLong()).append("</td></tr>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Writes the report atomically. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SenseiException("cannot write " + file + ": " + e.getMessage());
        }
        AtomicFiles.write(file, render().getBytes(StandardCharsets.UTF_8));
    }
}
