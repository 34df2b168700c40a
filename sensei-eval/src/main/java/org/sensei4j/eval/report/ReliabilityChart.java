package org.sensei4j.eval.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sensei4j.error.SenseiException;
import org.sensei4j.metrics.Reliability;

/** A reliability diagram as a PNG (XChart, headless): observed share of cloud against mean predicted probability. */
public final class ReliabilityChart {

    private ReliabilityChart() {}

    /**
     * The diagram: one point per non-empty bin (mean predicted, observed), the diagonal of perfect calibration, and
     * the expected calibration error in the title.
     *
     * @throws SenseiException when the diagram has no pixels or the chart cannot be drawn
     */
    public static byte[] png(String title, Reliability r, int width, int height) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int b = 0; b < r.bins(); b++) {
            if (r.count(b) > 0) {
                px.add(r.meanPredicted(b));
                py.add(r.observed(b));
            }
        }
        if (px.isEmpty()) {
            throw new SenseiException("the reliability diagram of " + title + " has no pixels to plot");
        }
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(String.format(Locale.ROOT, "%s: ECE %.2f%%", title, 100 * r.ece()))
                .xAxisTitle("predicted cloud probability")
                .yAxisTitle("observed share of cloud")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries diagonal = chart.addSeries("perfect calibration", List.of(0.0, 1.0), List.of(0.0, 1.0));
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        XYSeries s = chart.addSeries("model (" + r.pixels() + " px, " + r.bins() + " bins)", px, py);
        s.setMarker(SeriesMarkers.CIRCLE);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new SenseiException("cannot draw the reliability diagram of " + title + ": " + e.getMessage());
        }
    }
}
