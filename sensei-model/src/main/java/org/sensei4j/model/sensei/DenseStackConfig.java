package org.sensei4j.model.sensei;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import org.sensei4j.model.layer.DenseStack;

/**
 * Settings of one SEnSeI dense block: hidden layer widths, output width and whether equal-width layers get a
 * residual ("add") skip. Equivalent to one block entry of the paper's YAML config.
 */
public record DenseStackConfig(
        @JsonProperty("layers") int[] layers,
        @JsonProperty("output") int output,
        @JsonProperty("skips") boolean skips) {

    /** Widest layer of a SEnSeI block (the published ones are at most 256 wide). */
    public static final int MAX_WIDTH = 4096;
    /** Most layers of a SEnSeI block (the published ones have at most 8). */
    public static final int MAX_LAYERS = 64;

    public DenseStackConfig {
        if (layers == null) {
            throw new IllegalArgumentException("block config needs 'layers' (hidden widths, may be empty)");
        }
        if (layers.length > MAX_LAYERS) {
            throw new IllegalArgumentException(
                    "a block has " + layers.length + " layers, more than the " + MAX_LAYERS + " this tool accepts");
        }
        for (int w : layers) {
            if (w < 1 || w > MAX_WIDTH) {
                throw new IllegalArgumentException("block layer widths must be 1.." + MAX_WIDTH + ", got "
                        + (layers.length > 16 ? "a width of " + w : Arrays.toString(layers)));
            }
        }
        if (output < 1 || output > MAX_WIDTH) {
            throw new IllegalArgumentException("block output width must be 1.." + MAX_WIDTH + ", got " + output);
        }
        layers = layers.clone();
    }

    /** Builds the DJL block. */
    public DenseStack build(int groups, float epsilon, float leakyAlpha) {
        return new DenseStack(layers, output, skips, groups, epsilon, leakyAlpha);
    }

    /** Number of parameters of this block for a given input width (dense weights + biases + GroupNorm γ/β). */
    public long parameterCount(int inputWidth) {
        long count = 0;
        int in = inputWidth;
        for (int w : layers) {
            count += (long) in * w + w + 2L * w;
            in = w;
        }
        return count + (long) in * output + output;
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseStackConfig c
                && Arrays.equals(layers, c.layers)
                && output == c.output
                && skips == c.skips;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layers) * 31 + output * 2 + (skips ? 1 : 0);
    }

    @Override
    public String toString() {
        return "DenseStackConfig" + Arrays.toString(layers) + "->" + output + (skips ? " (skips add)" : "");
    }
}
