package org.sensei4j.eval;

import java.util.List;
import java.util.Locale;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.model.cloud.CloudPredictor;
import org.sensei4j.model.cloud.Int8Check;
import org.sensei4j.model.cloud.Precision;
import org.sensei4j.model.onnx.Int8Weights;

/**
 * Int8 against fp32 masks of the same model on labelled scenes: pixels with the same class, overall accuracy of
 * each against the labels, and the largest and mean probability difference. Summed over every scene added; what
 * {@code sensei calibrate --int8-check} stores as an {@link Int8Check} ({@link #check()}).
 */
public final class Int8Parity {

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
    public void add(CloudMasker masker, Dataset data, MaskingOptions options) {
        add(masker, data, options, data.sceneIds());
    }

    /** Masks the scenes {@code ids} of {@code data} both ways with {@code masker} and adds them. */
    public void add(CloudMasker masker, Dataset data, MaskingOptions options, List<String> ids) {
        for (String id : ids) {
            try (LabelledScene scene = data.open(id)) {
                add(masker, data.name() + "/" + id, scene, options);
            }
        }
    }

    /**
     * Masks {@code scene} both ways with {@code masker} and adds it as {@code id}.
     *
     * @throws SenseiException when the int8 mask did not run in int8 (a head without an ONNX Runtime path, or no
     *     ONNX Runtime on this platform): there would be nothing to compare
     */
    public void add(CloudMasker masker, String id, LabelledScene scene, MaskingOptions options) {
        MaskResult fp = masker.mask(scene.source(), options.withPrecision(Precision.FP32));
        MaskResult i8 = masker.mask(scene.source(), options.withPrecision(Precision.INT8));
        quantisation = i8.stats().precision();
        if (!quantisation.startsWith("int8")) {
            throw new SenseiException(
                    "model '" + masker.model().spec().name() + "' did not run in int8 (" + quantisation
                            + "): int8 needs a DeepLabv3+ head on ONNX Runtime (not switched off with "
                            + "SENSEI_ONNX=off)");
        }
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

    /** Valid pixels compared. */
    public long pixels() {
        return valid;
    }

    /** Pixels with the same class in both, of the valid ones. */
    public double agreement() {
        return (double) same / valid;
    }

    /** Overall accuracy of the int8 mask minus that of the fp32 mask, in points. */
    public double overallAccuracyDifference() {
        return 100.0 * (correctInt8 - correctFp32) / labelled;
    }

    /** The largest difference of a class probability between the two masks. */
    public double maxProbabilityDifference() {
        return maxDiff;
    }

    /**
     * What was measured, as stored in a bundle: this machine's int8 weight range and float32 convolutions.
     *
     * @throws SenseiException when no labelled pixel was compared
     */
    public Int8Check check() {
        if (valid == 0 || labelled == 0) {
            throw new SenseiException("the int8 check compared no labelled pixels: give labelled data");
        }
        return new Int8Check(
                Int8Weights.forThisMachine().bits(),
                CloudPredictor.int8FloatConvolutions(),
                valid,
                100 * agreement(),
                overallAccuracyDifference(),
                maxDiff);
    }

    /** The per-scene table, a total row and how the int8 head was calibrated. */
    public String report() {
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
