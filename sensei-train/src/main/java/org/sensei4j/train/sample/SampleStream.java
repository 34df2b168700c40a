package org.sensei4j.train.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.sensei4j.classes.ClassScheme;

/**
 * An endless, reproducible stream of training batches: B samples from a {@link SampleProvider}, labels converted
 * to one class scheme, bands chosen by a {@link BandSubsetter} and augmented by an {@link Augmenter}.
 *
 * <p>In random band mode every batch has one band count (a tensor must be rectangular, and SEnSeI's GroupNorm
 * runs over each sample's bands): the samples are drawn and given their synthetic bands first, then the count is
 * drawn from [{@code min_bands}, min({@code max_bands}, fewest bands among the batch's samples)], then each
 * sample keeps that many of its bands, chosen at random and in random order. In fixed mode every sample gets the
 * fixed list.
 *
 * <p>All randomness comes from one {@link SplittableRandom} seeded with {@code seed}: the same seed, provider and
 * settings give the same batches. Use {@link Seeds#forEpoch} / {@link Seeds#forWorker} for one stream per epoch
 * or worker. Not thread-safe: give each worker its own stream.
 */
public final class SampleStream {

    private final SampleProvider provider;
    private final BandSubsetter bands;
    private final Augmenter augmenter;
    private final ClassScheme scheme;
    private final int batchSize;
    private final long seed;
    private final SplittableRandom random;

    /**
     * @param scheme    the class scheme of the batches' labels; samples in a finer scheme are converted, samples
     *                  in a coarser one get partial labels ({@link TrainingSample#forTraining})
     * @param batchSize samples per batch (the paper uses 8)
     */
    public SampleStream(
            SampleProvider provider,
            BandSubsetter bands,
            Augmenter augmenter,
            ClassScheme scheme,
            int batchSize,
            long seed) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.bands = Objects.requireNonNull(bands, "bands");
        this.augmenter = Objects.requireNonNull(augmenter, "augmenter");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be >= 1 (the paper uses 8)");
        }
        this.batchSize = batchSize;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The seed this stream started from. */
    public long seed() {
        return seed;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The next batch. */
    public Batch next() {
        List<TrainingSample> samples = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            TrainingSample s = provider.next(random).forTraining(scheme);
            samples.add(bands.isFixed() ? bands.select(s) : bands.synthesise(s, random));
        }
        if (!bands.isFixed()) {
            int fewest =
                    samples.stream().mapToInt(TrainingSample::bandCount).min().orElseThrow();
            int count = bands.drawCount(fewest, random);
            samples.replaceAll(s -> BandSubsetter.subset(s, count, random));
        }
        samples.replaceAll(s -> augmenter.apply(s, random));
        return BatchBuilder.build(samples);
    }
}
