package org.sensei4j.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables for the commands' standard output ({@code sensei info}, {@code sensei sensors}). */
final class TextTables {

    private TextTables() {}

    /** Prints rows as columns separated by two blanks; numeric columns right-aligned; no trailing blanks. */
    static void print(PrintWriter out, List<String[]> rows, boolean[] rightAligned) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[c] - r[c].length());
                line.append(rightAligned[c] ? pad + r[c] : r[c] + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
