package org.sensei4j.eval;

import java.util.List;
import java.util.Locale;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.model.cloud.Precision;

/**
 * Int8 against fp32 masks of the same model on labelled scenes: pixels with the same class, overall accuracy of
 * each against the labels, and the largest and mean probability difference. Summed over every scene added.
 */
final class Int8Parity {

    private final StringBuilder table =
            new StringBuilder("| scene | pixels | same class | OA fp32 | OA int8 | max Δp | mean Δp |\n"
                    + "|---|---|---|---|---|---|---|\n");
    private long valid;
    private long same;
    private long labelled;
    private long correctFp32;
    private long correctInt8;
    private double maxDiff;
    private double sumDiff;
    private long diffs;
    private String quantisation = "";

    /** Masks every scene of {@code data} both ways with {@code masker} and adds it. */
    void add(CloudMasker masker, Dataset data, MaskingOptions options) {
        add(masker, data, options, data.sceneIds());
    }

    /** Masks the scenes {@code ids} of {@code data} both ways with {@code masker} and adds them. */
    void add(CloudMasker masker, Dataset data, MaskingOptions options, List<String> ids) {
        for (String id : ids) {
            try (LabelledScene scene = data.open(id)) {
                add(masker, data.name() + "/" + id, scene, options);
            }
        }
    }

    /** Masks {@code scene} both ways with {@code masker} and adds it as {@code id}. */
    void add(CloudMasker masker, String id, LabelledScene scene, MaskingOptions options) {
        MaskResult fp = masker.mask(scene.source(), options.withPrecision(Precision.FP32));
        MaskResult i8 = masker.mask(scene.source(), options.withPrecision(Precision.INT8));
        quantisation = i8.stats().precision();
        add(id, fp, i8, scene.labels(fp.scheme()));
    }

    private void add(String id, MaskResult fp, MaskResult i8, byte[] labels) {
        int n = fp.classes().length;
        long v = 0;
        long s = 0;
        long l = 0;
        long cf = 0;
        long ci = 0;
        double max = 0;
        double sum = 0;
        float[] pf = fp.probabilities();
        float[] pi = i8.probabilities();
        for (int i = 0; i < n; i++) {
            int a = fp.classes()[i] & 0xFF;
            int b = i8.classes()[i] & 0xFF;
            if (a == ClassScheme.NODATA) {
                continue;
            }
            v++;
            s += a == b ? 1 : 0;
            int t = labels[i] & 0xFF;
            if (t != ClassScheme.NODATA) {
                l++;
                cf += a == t ? 1 : 0;
                ci += b == t ? 1 : 0;
            }
        }
        for (int i = 0; i < pf.length; i++) {
            if (Float.isNaN(pf[i]) || Float.isNaN(pi[i])) {
                continue;
            }
            double d = Math.abs(pf[i] - pi[i]);
            max = Math.max(max, d);
            sum += d;
            diffs++;
        }
        table.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.3f%% | %.2f%% | %.2f%% | %.4f | %.5f |%n",
                id,
                v,
                100.0 * s / v,
                100.0 * cf / l,
                100.0 * ci / l,
                max,
                sum / pf.length));
        valid += v;
        same += s;
        labelled += l;
        correctFp32 += cf;
        correctInt8 += ci;
        maxDiff = Math.max(maxDiff, max);
        sumDiff += sum;
    }

    /** Pixels with the same class in both, of the valid ones. */
    double agreement() {
        return (double) same / valid;
    }

    /** Overall accuracy of the int8 mask minus that of the fp32 mask, in points. */
    double overallAccuracyDifference() {
        return 100.0 * (correctInt8 - correctFp32) / labelled;
    }

    double maxProbabilityDifference() {
        return maxDiff;
    }

    /** The per-scene table, a total row and how the int8 head was calibrated. */
    String report() {
        return table
                + String.format(
                        Locale.ROOT,
                        "| all | %d | %.3f%% | %.2f%% | %.2f%% | %.4f | %.5f |%n",
                        valid,
                        100 * agreement(),
                        100.0 * correctFp32 / labelled,
                        100.0 * correctInt8 / labelled,
                        maxDiff,
                        sumDiff / diffs)
                + "int8 head: " + quantisation + "\n";
    }
}
