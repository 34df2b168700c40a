package org.sensei4j.train.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws each sample from one of several sources (data sets), picked at random in proportion to the sources'
 * weights, e.g. {@code {s2: 0.7, l8: 0.3}}. Draws only from the generator it is given.
 */
public final class DatasetMixer implements SampleProvider {

    /**
     * One source of samples.
     *
     * @param name     a label (e.g. the data set's name)
     * @param weight   relative weight, positive; weights need not sum to 1
     * @param provider where its samples come from
     */
    public record Source(String name, double weight, SampleProvider provider) {
        public Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(provider, "provider");
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of source " + name + " is " + weight
                        + ": give a positive number (weights are relative, e.g. s2 0.7, l8 0.3)");
            }
        }
    }

    private final List<Source> sources;
    private final double[] cumulative;

    /** Mixes the sources in the given order (the order is part of what a seed reproduces). */
    public DatasetMixer(List<Source> sources) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("no sources to mix: give at least one data set");
        }
        this.sources = List.copyOf(sources);
        this.cumulative = new double[this.sources.size()];
        double total = 0;
        for (int i = 0; i < cumulative.length; i++) {
            total += this.sources.get(i).weight();
            cumulative[i] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
        cumulative[cumulative.length - 1] = 1.0;
    }

    /**
     * Mixes named providers with named weights, sources sorted by name (so the order does not depend on the
     * maps' iteration order).
     *
     * @throws IllegalArgumentException when the two maps do not name the same sources
     */
    public static DatasetMixer of(Map<String, Double> weights, Map<String, ? extends SampleProvider> providers) {
        if (!weights.keySet().equals(providers.keySet())) {
            throw new IllegalArgumentException("weights name " + new TreeMap<>(weights).keySet()
                    + " but providers name " + new TreeMap<>(providers).keySet() + ": give one weight per data set");
        }
        List<Source> list = new ArrayList<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(weights).entrySet()) {
            list.add(new Source(e.getKey(), e.getValue(), providers.get(e.getKey())));
        }
        return new DatasetMixer(list);
    }

    public List<Source> sources() {
        return sources;
    }

    /** The share of samples that source {@code index} gets (its weight over the total). */
    public double share(int index) {
        return cumulative[index] - (index == 0 ? 0 : cumulative[index - 1]);
    }

    /** Draws the index of a source, each with probability {@link #share}. */
    public int pick(SplittableRandom random) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    @Override
    public TrainingSample next(SplittableRandom random) {
        return sources.get(pick(random)).provider().next(random);
    }
}
