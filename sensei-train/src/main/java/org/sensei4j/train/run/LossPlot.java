package org.sensei4j.train.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sensei4j.file.AtomicFiles;

/** Loss curves as a PNG line chart (XChart, works headless). */
public final class LossPlot {

    /** One curve; {@code dashed} for reference lines. Series with no points are left out. */
    public record Series(String name, double[] x, double[] y, boolean dashed) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series " + name + ": " + x.length + " x values, " + y.length + " y");
            }
        }

        /** A solid curve through {@code points}, each {x, y}. */
        public static Series of(String name, List<double[]> points) {
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            return new Series(name, x, y, false);
        }
    }

    private LossPlot() {}

    /**
     * Writes a {@code width}×{@code height} PNG to {@code png} (atomically). {@code yMax} caps the y axis (points
     * above it are cut off, e.g. the loss of an untrained model); null fits all points.
     */
    public static void save(
            Path png,
            String title,
            String xTitle,
            String yTitle,
            List<Series> series,
            int width,
            int height,
            Double yMax)
            throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        if (yMax != null) {
            chart.getStyler().setYAxisMax(yMax);
        }
        boolean any = false;
        for (Series s : series) {
            if (s.x().length == 0) {
                continue;
            }
            any = true;
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setMarker(s.x().length > 40 || s.dashed() ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            if (s.dashed()) {
                xy.setLineStyle(new BasicStroke(
                        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        if (!any) {
            // XChart needs at least one series to draw axes
            chart.addSeries(" ", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, bytes);
    }
}
