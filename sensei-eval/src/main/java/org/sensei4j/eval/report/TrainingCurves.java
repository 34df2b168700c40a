package org.sensei4j.eval.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sensei4j.error.SenseiException;

/**
 * Training curves from a training log CSV (a header row, then one row per logged step, e.g. columns
 * {@code epoch, step, train_loss, val_loss, lr, ...}), drawn as PNG line charts with XChart (headless).
 *
 * <p>Reading is lenient: the separator is a comma, semicolon or tab (from the header); blank lines and lines
 * starting with {@code #} are skipped; quotes around names and values are dropped; empty, {@code nan} or
 * unparsable cells are gaps; short rows are padded. The x axis is {@code step} when that column has values,
 * else {@code epoch}, else the row number. Loss curves are the columns whose name contains {@code loss};
 * metric curves those named like {@code oa, ba, f1, iou, acc, precision, recall} (percent or fraction).
 */
public final class TrainingCurves {

    private final List<String> columns;
    private final Map<String, double[]> values;
    private final int rows;

    private TrainingCurves(List<String> columns, Map<String, double[]> values, int rows) {
        this.columns = List.copyOf(columns);
        this.values = values;
        this.rows = rows;
    }

    /**
     * Reads a training log.
     *
     * @throws SenseiException when the file cannot be read, has no header or no numeric data row
     */
    public static TrainingCurves read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SenseiException("cannot read training log " + csv + ": " + e.getMessage() + ": give the CSV "
                    + "that training wrote (columns epoch, step, train_loss, val_loss, ...)");
        }
        List<String> content = lines.stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        if (content.isEmpty()) {
            throw new SenseiException("training log " + csv + " is empty: give the CSV that training wrote, with a "
                    + "header row (epoch, step, train_loss, val_loss, ...)");
        }
        String head = content.get(0);
        String sep = head.contains(",") ? "," : head.contains(";") ? ";" : head.contains("\t") ? "\t" : ",";
        List<String> columns = new ArrayList<>();
        for (String h : head.split(sep, -1)) {
            columns.add(unquote(h).toLowerCase(Locale.ROOT));
        }
        int n = content.size() - 1;
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String c : columns) {
            values.put(c, new double[n]);
        }
        boolean anyNumber = false;
        for (int r = 0; r < n; r++) {
            String[] cells = content.get(r + 1).split(sep, -1);
            for (int c = 0; c < columns.size(); c++) {
                double v = c < cells.length ? parse(cells[c]) : Double.NaN;
                values.get(columns.get(c))[r] = v;
                anyNumber |= Double.isFinite(v);
            }
        }
        if (n == 0 || !anyNumber) {
            throw new SenseiException("training log " + csv + " has a header (" + columns + ") but no numeric rows: "
                    + "give a log with at least one logged step");
        }
        return new TrainingCurves(columns, values, n);
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static double parse(String cell) {
        try {
            double v = Double.parseDouble(unquote(cell));
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The column names (lower case), in file order. */
    public List<String> columns() {
        return columns;
    }

    /** Number of data rows. */
    public int rows() {
        return rows;
    }

    /** A column's values (NaN for gaps). */
    public double[] column(String name) {
        double[] v = values.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw new IllegalArgumentException(
                    "no column '" + name + "' in the training log (columns: " + columns + ")");
        }
        return v.clone();
    }

    /** The x axis column: step, else epoch, else null (row number). */
    public String xColumn() {
        for (String c : List.of("step", "epoch")) {
            double[] v = values.get(c);
            if (v != null && Arrays.stream(v).anyMatch(Double::isFinite)) {
                return c;
            }
        }
        return null;
    }

    /** Loss columns: names containing {@code loss}. */
    public List<String> lossColumns() {
        return columns.stream().filter(c -> c.contains("loss") && hasValues(c)).toList();
    }

    /** Metric columns: names like {@code val_oa, f1, accuracy, iou, precision, recall}. */
    public List<String> metricColumns() {
        return columns.stream()
                .filter(c -> !c.contains("loss")
                        && hasValues(c)
                        && c.matches(".*(^|_)(oa|ba|f1|iou|acc|accuracy|precision|recall)($|_).*"))
                .toList();
    }

    private boolean hasValues(String c) {
        return Arrays.stream(values.get(c)).anyMatch(Double::isFinite);
    }

    /**
     * A line chart of some columns against {@link #xColumn()}, as PNG bytes; columns without values are left
     * out.
     *
     * @throws SenseiException when none of {@code series} has a value
     */
    public byte[] chartPng(String title, String yTitle, List<String> series, int width, int height) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        String xName = xColumn();
        double[] x = new double[rows];
        double[] xs = xName == null ? null : values.get(xName);
        for (int i = 0; i < rows; i++) {
            x[i] = xs == null ? i + 1 : xs[i];
        }
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xName == null ? "row" : xName)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int added = 0;
        for (String s : series) {
            double[] y = values.get(s);
            if (y == null) {
                continue;
            }
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    px.add(x[i]);
                    py.add(y[i]);
                }
            }
            if (px.isEmpty()) {
                continue;
            }
            XYSeries xy = chart.addSeries(s, px, py);
            xy.setMarker(px.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            added++;
        }
        if (added == 0) {
            throw new SenseiException(
                    "none of the columns " + series + " has values to plot (columns: " + columns + ")");
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new SenseiException("cannot draw the chart '" + title + "': " + e.getMessage());
        }
    }
}
