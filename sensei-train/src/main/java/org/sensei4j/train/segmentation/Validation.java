package org.sensei4j.train.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.metrics.BinaryMetric;
import org.sensei4j.metrics.DatasetMetrics;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.train.sample.Batch;
import org.sensei4j.train.sample.BatchBuilder;
import org.sensei4j.train.sample.TrainingSample;

/**
 * The result of validating a model on fixed tiles: the masked cross-entropy over all labelled pixels and the
 * cloud-vs-rest metrics, pixel-summed over the tiles as {@link DatasetMetrics} does (percent; NaN when
 * undefined).
 *
 * @param loss      mean loss per labelled pixel
 * @param patches   number of tiles
 * @param pixels    labelled pixels
 * @param tp        cloud predicted cloud
 * @param fp        clear predicted cloud
 * @param fn        cloud predicted clear
 * @param tn        clear predicted clear
 * @param perDataset cloud-vs-rest counts of each data set's tiles, by data set name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Validation(
        double loss,
        int patches,
        long pixels,
        long tp,
        long fp,
        long fn,
        long tn,
        Map<String, BinaryConfusion> perDataset) {

    public Validation {
        perDataset = perDataset == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(perDataset));
    }

    /** OA, BA, precision, recall, F1 (percent, null when undefined) of cloud-vs-rest counts, by key. */
    public static Map<String, Object> cloudMetrics(BinaryConfusion c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (BinaryMetric b : List.of(
                BinaryMetric.OA, BinaryMetric.BA, BinaryMetric.PRECISION, BinaryMetric.RECALL, BinaryMetric.F1)) {
            m.put(b.key(), b.of(c).toJson());
        }
        m.put("pixels", c.total());
        return m;
    }

    /** Cloud-vs-rest counts. */
    public BinaryConfusion cloud() {
        return new BinaryConfusion(tp, fp, fn, tn);
    }

    public double oa() {
        return metric(BinaryMetric.OA);
    }

    public double ba() {
        return metric(BinaryMetric.BA);
    }

    public double precision() {
        return metric(BinaryMetric.PRECISION);
    }

    public double recall() {
        return metric(BinaryMetric.RECALL);
    }

    public double f1() {
        return metric(BinaryMetric.F1);
    }

    /** {@code format} (root locale) filled with the loss and the cloud OA, BA, precision, recall and F1, in order. */
    public String format(String format) {
        return String.format(Locale.ROOT, format, loss, oa(), ba(), precision(), recall(), f1());
    }

    /** A cloud metric in percent, NaN when undefined. */
    public double metric(BinaryMetric m) {
        return m.of(cloud()).orElse(Double.NaN);
    }

    /** Loss, OA, BA, precision, recall, F1 by key ({@code val_loss}, {@code val_oa}, ...), for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("val_loss", loss);
        for (BinaryMetric b : List.of(
                BinaryMetric.OA, BinaryMetric.BA, BinaryMetric.PRECISION, BinaryMetric.RECALL, BinaryMetric.F1)) {
            m.put("val_" + b.key(), b.of(cloud()).toJson());
        }
        m.put("val_patches", patches);
        m.put("val_pixels", pixels);
        m.put("val_cloud_confusion", Map.of("tp", tp, "fp", fp, "fn", fn, "tn", tn));
        Map<String, Object> per = new LinkedHashMap<>();
        perDataset.forEach((name, c) -> per.put(name, cloudMetrics(c)));
        m.put("val_per_dataset", per);
        return m;
    }

    /**
     * Replaces partial labels ({@link ClassScheme#PARTIAL}, "one of these classes") in {@code truth} by the
     * predicted class when it is one of them, else by the lowest of them: the metrics then count a prediction as
     * right exactly when the partial label allows it (e.g. shadow predicted where On Cloud N says "not cloud").
     */
    static void resolvePartial(byte[] truth, byte[] pred) {
        for (int i = 0; i < truth.length; i++) {
            int v = truth[i] & 0xFF;
            if (ClassScheme.isPartial(v)) {
                int bits = v & ~ClassScheme.PARTIAL;
                int p = pred[i] & 0xFF;
                truth[i] = (byte) ((bits & (1 << p)) != 0 ? p : Integer.numberOfTrailingZeros(bits));
            }
        }
    }

    /**
     * Validates {@code model} (inference mode) on {@code samples}, whose bands are already as the model takes
     * them. Consecutive samples with the same band count and size are batched, up to {@code batchSize}.
     */
    public static Validation run(
            CloudModel model, NDManager manager, List<TrainingSample> samples, int batchSize, ClassScheme scheme) {
        DatasetMetrics metrics = new DatasetMetrics(scheme);
        Map<String, DatasetMetrics> byDataset = new LinkedHashMap<>();
        double lossSum = 0;
        long count = 0;
        int i = 0;
        while (i < samples.size()) {
            List<TrainingSample> group = new ArrayList<>();
            TrainingSample first = samples.get(i);
            while (i < samples.size()
                    && group.size() < batchSize
                    && samples.get(i).bandCount() == first.bandCount()
                    && samples.get(i).size() == first.size()) {
                group.add(samples.get(i++));
            }
            Batch batch = BatchBuilder.build(group);
            try (NDManager scope = manager.newSubManager()) {
                NDList inputs = BatchTensors.inputs(scope, batch, model.isSensorIndependent());
                NDArray logits = model.forward(new ParameterStore(scope, false), inputs, false)
                        .singletonOrThrow();
                NDArray labels = BatchTensors.labels(scope, batch);
                MaskedCrossEntropy.Terms t = MaskedCrossEntropy.terms(logits, labels);
                lossSum += t.sum().getFloat();
                count += (long) t.count().getFloat();
                byte[] predicted =
                        logits.argMax(1).toType(DataType.UINT8, false).toByteArray();
                int plane = batch.size() * batch.size();
                for (int s = 0; s < group.size(); s++) {
                    byte[] truth = new byte[plane];
                    byte[] pred = new byte[plane];
                    System.arraycopy(batch.labels(), s * plane, truth, 0, plane);
                    System.arraycopy(predicted, s * plane, pred, 0, plane);
                    resolvePartial(truth, pred);
                    var origin = group.get(s).origin();
                    metrics.add(origin.dataset() + "/" + origin.sceneId(), truth, pred);
                    byDataset
                            .computeIfAbsent(origin.dataset(), k -> new DatasetMetrics(scheme))
                            .add(origin.sceneId(), truth, pred);
                }
            }
        }
        BinaryConfusion c = metrics.sceneCount() == 0 ? new BinaryConfusion(0, 0, 0, 0) : metrics.cloud();
        Map<String, BinaryConfusion> per = new LinkedHashMap<>();
        byDataset.forEach((name, dm) -> per.put(name, dm.cloud()));
        return new Validation(
                count == 0 ? Double.NaN : lossSum / count, samples.size(), count, c.tp(), c.fp(), c.fn(), c.tn(), per);
    }
}
