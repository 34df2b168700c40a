package org.sensei4j.train.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sensei4j.classes.ClassScheme;

/**
 * A batch of training samples as flat arrays ready for tensors. All samples have the same band count and size.
 *
 * @param batchSize   B, number of samples
 * @param bands       N, bands per sample
 * @param size        S, pixels per side
 * @param values      (B, N, S, S) band values, row-major
 * @param descriptors (B, N, 3) normalised band descriptors {@code log10(λ − 300) − 2} of (min, centre, max)
 * @param labels      (B, S, S) class numbers as unsigned bytes; {@link ClassScheme#NODATA} (255) = no label
 * @param scheme      the class scheme of the labels
 * @param bandIds     per sample, its band ids in value order
 * @param origins     per sample, where it was cut from
 */
public record Batch(
        int batchSize,
        int bands,
        int size,
        float[] values,
        float[] descriptors,
        byte[] labels,
        ClassScheme scheme,
        List<List<String>> bandIds,
        List<SampleOrigin> origins) {

    public Batch {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(descriptors, "descriptors");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scheme, "scheme");
        bandIds = List.copyOf(bandIds.stream().map(List::copyOf).toList());
        origins = List.copyOf(origins);
        long plane = (long) size * size;
        if (values.length != batchSize * bands * plane
                || descriptors.length != batchSize * bands * 3
                || labels.length != batchSize * plane
                || bandIds.size() != batchSize
                || origins.size() != batchSize) {
            throw new IllegalArgumentException(
                    "batch arrays do not match B=" + batchSize + ", N=" + bands + ", S=" + size);
        }
    }

    /** {B, N, S, S}. */
    public long[] valuesShape() {
        return new long[] {batchSize, bands, size, size};
    }

    /** {B, N, 3}. */
    public long[] descriptorsShape() {
        return new long[] {batchSize, bands, 3};
    }

    /** {B, S, S}. */
    public long[] labelsShape() {
        return new long[] {batchSize, size, size};
    }

    /** The labels as ints (0..K−1, or 255 for no label), for frameworks that read bytes as signed. */
    public int[] labelsAsInts() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }

    /** Value equality over the arrays' contents. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Batch b
                && batchSize == b.batchSize
                && bands == b.bands
                && size == b.size
                && scheme == b.scheme
                && bandIds.equals(b.bandIds)
                && origins.equals(b.origins)
                && Arrays.equals(values, b.values)
                && Arrays.equals(descriptors, b.descriptors)
                && Arrays.equals(labels, b.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                batchSize,
                bands,
                size,
                scheme,
                bandIds,
                origins,
                Arrays.hashCode(values),
                Arrays.hashCode(descriptors),
                Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "Batch[B=" + batchSize + ", N=" + bands + ", S=" + size + ", scheme " + scheme.id() + "]";
    }
}
