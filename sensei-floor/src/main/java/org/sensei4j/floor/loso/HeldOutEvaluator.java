package org.sensei4j.floor.loso;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.PixelClassifier;
import org.sensei4j.eval.SceneEvaluator;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.BinaryMetric;
import org.sensei4j.metrics.BootstrapInterval;
import org.sensei4j.metrics.BootstrapIntervals;
import org.sensei4j.metrics.ConfusionMatrix;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.metrics.Metric;

/**
 * Evaluates the classifiers of a fold on its held-out source, scene by scene, with the evaluation code of
 * {@code sensei evaluate} ({@link SceneEvaluator}: all bands, native resolution, prediction and truth in their
 * common scheme; {@link DatasetMetrics}: pixel-summed cloud-vs-rest metrics and percentile bootstrap intervals).
 *
 * <p>The bootstrap resamples scenes when the source has at least {@link LosoOptions#MIN_SCENES} of them; a source
 * with fewer (e.g. one labelled scene) is cut into square blocks of {@code blockSize} px that are resampled
 * instead (neighbouring blocks are correlated, so these intervals are narrower than scene-level ones would be).
 * A classifier that cannot take a scene (the threshold baseline without blue, green and red bands) leaves that
 * scene out of its row, which says how many it left out and why.
 */
final class HeldOutEvaluator {

    /** A classifier with its row label. */
    record Named(String label, PixelClassifier classifier) {}

    private HeldOutEvaluator() {}

    static List<LosoRow> evaluate(
            LosoSource source,
            Dataset dataset,
            List<String> ids,
            List<Named> classifiers,
            LosoOptions options,
            Consumer<String> log) {
        if (ids.isEmpty()) {
            throw new SenseiException(
                    "held-out source '" + source.name() + "' has no scene to test on: check its data");
        }
        boolean blocks = ids.size() < LosoOptions.MIN_SCENES;
        int k = classifiers.size();
        List<Map<String, ConfusionMatrix>> units = new ArrayList<>();
        int[] scenes = new int[k];
        int[] skipped = new int[k];
        String[] reasons = new String[k];
        List<SceneEvaluator> evaluators = new ArrayList<>();
        for (Named n : classifiers) {
            units.add(new LinkedHashMap<>());
            evaluators.add(new SceneEvaluator(n.classifier(), SceneEvaluator.Settings.defaults()));
        }
        for (int s = 0; s < ids.size(); s++) {
            String id = ids.get(s);
            try (LabelledScene scene = dataset.open(id)) {
                for (int c = 0; c < k; c++) {
                    SceneEvaluator.Prediction p;
                    try {
                        p = evaluators.get(c).predict(id, scene.source(), scene.labels(), scene.scheme());
                    } catch (SenseiException e) {
                        skipped[c]++;
                        if (reasons[c] == null) {
                            reasons[c] = e.getMessage();
                        }
                        continue;
                    }
                    scenes[c]++;
                    if (blocks) {
                        addBlocks(units.get(c), p, options.blockSize());
                    } else {
                        units.get(c)
                                .put(
                                        id,
                                        new ConfusionMatrix(p.scheme())
                                                .add(p.truth(), p.predicted(), ClassScheme.NODATA));
                    }
                }
            }
            if (log != null) {
                log.accept(String.format(
                        Locale.ROOT, "tested %s: scene %d/%d (%s)", source.name(), s + 1, ids.size(), id));
            }
        }
        String unit = blocks ? "blocks of " + options.blockSize() + " px" : "scenes";
        List<LosoRow> rows = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            rows.add(row(
                    source,
                    classifiers.get(c).label(),
                    scenes[c],
                    skipped[c],
                    reasons[c],
                    units.get(c),
                    unit,
                    options));
        }
        return rows;
    }

    private static LosoRow row(
            LosoSource source,
            String label,
            int scenes,
            int skipped,
            String reason,
            Map<String, ConfusionMatrix> units,
            String unit,
            LosoOptions options) {
        Map<BinaryMetric, LosoRow.Cell> cells = new EnumMap<>(BinaryMetric.class);
        if (units.isEmpty()) {
            LosoRow.COLUMNS.forEach(
                    m -> cells.put(m, new LosoRow.Cell(Metric.undefined(), Metric.undefined(), Metric.undefined())));
            return new LosoRow(source.name(), source.kind(), label, scenes, skipped, reason, 0, unit, 0, cells);
        }
        ClassScheme scheme = units.values().stream()
                .map(ConfusionMatrix::scheme)
                .min(Comparator.comparingInt(ClassScheme::classCount))
                .orElseThrow();
        DatasetMetrics metrics = new DatasetMetrics(scheme);
        units.forEach((id, m) -> metrics.add(id, m.scheme() == scheme ? m : m.toScheme(scheme)));
        BinaryConfusion cloud = metrics.cloud();
        BootstrapIntervals ci = units.size() < 2
                ? null
                : metrics.bootstrapCloud(options.resamples(), options.bootstrapSeed(), options.confidence());
        for (BinaryMetric m : LosoRow.COLUMNS) {
            BootstrapInterval i = ci == null ? null : ci.get(m);
            cells.put(
                    m,
                    new LosoRow.Cell(
                            m.of(cloud),
                            i == null ? Metric.undefined() : i.lower(),
                            i == null ? Metric.undefined() : i.upper()));
        }
        return new LosoRow(
                source.name(), source.kind(), label, scenes, skipped, reason, cloud.total(), unit, units.size(), cells);
    }

    /** Counts of square blocks of a prediction, one entry per block with labelled pixels. */
    private static void addBlocks(Map<String, ConfusionMatrix> out, SceneEvaluator.Prediction p, int block) {
        byte[] truth = p.truth();
        byte[] predicted = p.predicted();
        for (int by = 0; by < p.height(); by += block) {
            for (int bx = 0; bx < p.width(); bx += block) {
                ConfusionMatrix m = new ConfusionMatrix(p.scheme());
                for (int y = by; y < Math.min(by + block, p.height()); y++) {
                    for (int x = bx; x < Math.min(bx + block, p.width()); x++) {
                        int i = y * p.width() + x;
                        int t = truth[i] & 0xff;
                        int q = predicted[i] & 0xff;
                        if (t != ClassScheme.NODATA && q != ClassScheme.NODATA) {
                            m.add(t, q);
                        }
                    }
                }
                if (m.total() > 0) {
                    out.put(p.sceneId() + "#" + bx + "," + by, m);
                }
            }
        }
    }
}
