package org.sensei4j.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sensei4j.file.AtomicFiles;

/**
 * A self-contained HTML report (no scripts, no network): metric tables from evaluation JSON, {@link Table}s,
 * pictures (paths relative to the report) and embedded PNGs (e.g. training curves, as data URIs). Viewable
 * offline in any browser. Parts are rendered in the order they were added, after the title and notes.
 */
public final class HtmlReport {

    /** One section: a title, evaluation JSON (from DatasetMetrics.toJson) and pictures with captions. */
    public record Section(String title, JsonNode metrics, List<Map.Entry<String, String>> pictures) {}

    private interface Part {
        void render(StringBuilder sb);
    }

    private final String title;
    private final List<Part> parts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    /** Adds a section: a heading, the class table of its metrics, its pictures. */
    public HtmlReport add(Section s) {
        parts.add(sb -> {
            sb.append("<h2>").append(esc(s.title())).append("</h2>\n");
            if (s.metrics() != null) {
                table(sb, s.metrics());
            }
            figures(sb, s.pictures());
        });
        return this;
    }

    /** Adds a heading (level 2 or 3). */
    public HtmlReport heading(String text, int level) {
        int l = Math.max(2, Math.min(3, level));
        parts.add(sb -> sb.append("<h")
                .append(l)
                .append('>')
                .append(esc(text))
                .append("</h")
                .append(l)
                .append(">\n"));
        return this;
    }

    /** Adds a paragraph. */
    public HtmlReport paragraph(String text) {
        parts.add(sb -> sb.append("<p>").append(esc(text)).append("</p>\n"));
        return this;
    }

    /** Adds a table with its title as caption and its notes after it. */
    public HtmlReport add(Table t) {
        parts.add(sb -> {
            sb.append("<table>");
            if (t.title() != null && !t.title().isEmpty()) {
                sb.append("<caption>").append(esc(t.title())).append("</caption>");
            }
            sb.append("<tr>");
            t.header().forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
            sb.append("</tr>\n");
            for (List<String> r : t.rows()) {
                sb.append("<tr>");
                r.forEach(c -> sb.append(isNumber(c) ? "<td>" : "<td class=\"t\">")
                        .append(esc(c == null ? "" : c))
                        .append("</td>"));
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
            t.notes()
                    .forEach(n -> sb.append("<p class=\"note\">").append(esc(n)).append("</p>\n"));
        });
        return this;
    }

    /** Adds pictures side by side: caption → image path (relative to the report). */
    public HtmlReport figures(List<Map.Entry<String, String>> pictures) {
        parts.add(sb -> figures(sb, pictures));
        return this;
    }

    /** Embeds a PNG (as a data URI) with a caption. */
    public HtmlReport png(String caption, byte[] png) {
        String src = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        parts.add(sb -> sb.append("<figure class=\"chart\"><img src=\"")
                .append(src)
                .append("\" alt=\"")
                .append(esc(caption))
                .append("\"><figcaption>")
                .append(esc(caption))
                .append("</figcaption></figure>\n"));
        return this;
    }

    public HtmlReport note(String text) {
        notes.add(text);
        return this;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 10px;"
                        + "text-align:right}th:first-child,td:first-child{text-align:left}"
                        + "td.t{text-align:left}caption{text-align:left;font-weight:bold;padding:4px "
                        + "0;white-space:nowrap}"
                        + ".note{color:#444;font-size:90%}"
                        + "figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}"
                        + "img{max-width:420px;image-rendering:pixelated;border:1px solid #888}"
                        + "figure.chart img{max-width:100%;image-rendering:auto}"
                        + ".legend span{display:inline-block;width:1em;height:1em;"
                        + "vertical-align:middle;margin:0 .3em 0 1em}</style></head><body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        for (String n : notes) {
            sb.append("<p>").append(esc(n)).append("</p>\n");
        }
        sb.append(String.format(
                Locale.ROOT,
                "<p class=\"legend\">Overlay colours:<span style=\"background:#%06x\">"
                        + "</span>correct cloud<span style=\"background:#%06x\"></span>missed cloud<span "
                        + "style=\"background:#%06x\">"
                        + "</span>false cloud</p>%n",
                Pictures.CORRECT_CLOUD,
                Pictures.MISSED_CLOUD,
                Pictures.FALSE_CLOUD));
        for (Part p : parts) {
            p.render(sb);
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void figures(StringBuilder sb, List<Map.Entry<String, String>> pictures) {
        for (Map.Entry<String, String> p : pictures) {
            sb.append("<figure><img src=\"")
                    .append(esc(p.getValue()))
                    .append("\" alt=\"")
                    .append(esc(p.getKey()))
                    .append("\"><figcaption>")
                    .append(esc(p.getKey()))
                    .append("</figcaption></figure>\n");
        }
    }

    private static void table(StringBuilder sb, JsonNode m) {
        sb.append("<table><tr><th>class</th><th>OA</th><th>BA</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>pixels</th></tr>\n");
        row(sb, "cloud (vs rest)", m.get("cloud"));
        JsonNode classes = m.get("classes");
        if (classes != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = classes.fields(); it.hasNext(); ) {
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
            sb.append("<td>")
                    .append(v == null || v.isNull() ? "undefined" : String.format(Locale.ROOT, "%.2f", v.asDouble()))
                    .append("</td>");
        }
        sb.append("<td>").append(n.path("pixels").asLong()).append("</td></tr>\n");
    }

    /** Numbers (and "undefined", a number's absence) are right-aligned, text left-aligned. */
    private static boolean isNumber(String c) {
        if (c == null || c.equals("undefined")) {
            return true;
        }
        try {
            Double.parseDouble(c);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Writes the report atomically. */
    public void write(Path file) {
        AtomicFiles.writeCreatingDirectories(file, render().getBytes(StandardCharsets.UTF_8));
    }
}
