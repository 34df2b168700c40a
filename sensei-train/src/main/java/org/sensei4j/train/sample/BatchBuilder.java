package org.sensei4j.train.sample;

import java.util.ArrayList;
import java.util.List;

/** Packs samples of one band count, size and class scheme into a {@link Batch}. */
public final class BatchBuilder {

    private BatchBuilder() {}

    /**
     * @throws IllegalArgumentException when the samples differ in band count, size or scheme (a tensor must be
     *     rectangular and SEnSeI normalises over the bands of each sample), naming the first that differs
     */
    public static Batch build(List<TrainingSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to batch");
        }
        TrainingSample first = samples.get(0);
        int n = first.bandCount();
        int s = first.size();
        for (TrainingSample t : samples) {
            if (t.bandCount() != n || t.size() != s || t.scheme() != first.scheme()) {
                throw new IllegalArgumentException("sample " + t.origin() + " has " + t.bandCount() + " bands, "
                        + t.size() + " px, scheme " + t.scheme().id() + " but the batch's first sample has " + n
                        + " bands, " + s + " px, scheme " + first.scheme().id()
                        + ": subset every sample to one band count and cut one size per batch");
            }
        }
        int b = samples.size();
        int plane = s * s;
        float[] values = new float[b * n * plane];
        float[] descriptors = new float[b * n * 3];
        byte[] labels = new byte[b * plane];
        List<List<String>> ids = new ArrayList<>(b);
        List<SampleOrigin> origins = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            TrainingSample t = samples.get(i);
            System.arraycopy(t.values(), 0, values, i * n * plane, n * plane);
            System.arraycopy(t.normalisedDescriptors(), 0, descriptors, i * n * 3, n * 3);
            System.arraycopy(t.labels(), 0, labels, i * plane, plane);
            ids.add(t.bandIds());
            origins.add(t.origin());
        }
        return new Batch(b, n, s, values, descriptors, labels, first.scheme(), ids, origins);
    }
}
