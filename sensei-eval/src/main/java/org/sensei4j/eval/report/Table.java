package org.sensei4j.eval.report;

import java.util.List;

/**
 * A table of text cells with a title and notes under it, rendered as Markdown ({@link #toMarkdown()}) or HTML
 * ({@link HtmlReport#add(Table)}).
 */
public record Table(String title, List<String> header, List<List<String>> rows, List<String> notes) {

    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table '" + title + "' has " + header.size() + " columns but a row "
                        + "has " + r.size() + ": " + r);
            }
        }
    }

    /** A GitHub-flavoured Markdown table under a bold title, with the notes as paragraphs after it. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            sb.append("**").append(cell(title)).append("**\n\n");
        }
        sb.append('|');
        header.forEach(h -> sb.append(' ').append(cell(h)).append(" |"));
        sb.append("\n|");
        header.forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append('|');
            r.forEach(c -> sb.append(' ').append(cell(c)).append(" |"));
            sb.append('\n');
        }
        for (String n : notes) {
            sb.append('\n').append(n).append('\n');
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
