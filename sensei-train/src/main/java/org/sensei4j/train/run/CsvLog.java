package org.sensei4j.train.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;

/**
 * A training log as CSV (comma separated, one header line, no quoting: values are numbers or simple names).
 * Each row is flushed when appended, so the file can be followed while training runs. A resumed run first drops
 * the rows written after its checkpoint.
 */
public final class CsvLog implements Closeable {

    private final Path file;
    private final List<String> header;
    private final BufferedWriter out;

    CsvLog(Path file, List<String> header, BufferedWriter out) {
        this.file = file;
        this.header = List.copyOf(header);
        this.out = out;
    }

    /** Starts a new log (replacing any file at {@code file}) with the given columns. */
    public static CsvLog create(Path file, List<String> header) throws IOException {
        AtomicFiles.write(file, (String.join(",", header) + "\n").getBytes(StandardCharsets.UTF_8));
        return new CsvLog(
                file, header, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /**
     * Continues an existing log, keeping only the rows for which {@code keep} is true (rewritten atomically).
     *
     * @throws SenseiException if the file is missing or its header differs from {@code header}
     */
    public static CsvLog resume(Path file, List<String> header, Predicate<Map<String, String>> keep)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SenseiException("training log " + file + " is missing: it is needed to resume; start a new run "
                    + "in another directory");
        }
        List<Map<String, String>> rows = read(file);
        List<String> found = headerOf(file);
        if (!found.equals(header)) {
            throw new SenseiException("training log " + file + " has columns " + found + ", expected " + header
                    + ": it was written by another version; start a new run in another directory");
        }
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, String> row : rows) {
            if (keep.test(row)) {
                List<String> values = new ArrayList<>();
                for (String h : header) {
                    values.add(row.getOrDefault(h, ""));
                }
                sb.append(String.join(",", values)).append('\n');
            }
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        return new CsvLog(
                file, header, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one row; {@code null} becomes an empty cell, floats and doubles use their shortest exact decimal
     * form ({@link Float#toString}, {@link Double#toString}).
     */
    public void append(Object... values) throws IOException {
        if (values.length != header.size()) {
            throw new IllegalArgumentException(values.length + " values for " + header.size() + " columns " + header);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            String s = v == null ? "" : v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("CSV value with a comma or newline: " + s);
            }
            sb.append(s);
        }
        try {
            out.write(sb.append('\n').toString());
            out.flush();
        } catch (IOException e) {
            // e.g. "No space left on device": name the file, which the engine's message does not
            throw new IOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** All rows of a log, each as column → value (empty cells as ""). */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] header = lines.get(0).split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != header.length) {
                // a row cut short by a kill while writing: ignore it
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> headerOf(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(l -> List.of(l.split(",", -1))).orElse(List.of());
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
