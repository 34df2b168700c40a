package org.sensei4j.model.sensei;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.sensei4j.model.head.HeadConfig;

/**
 * Architecture of a SEnSeI encoder, the equivalent of the paper's YAML config.
 *
 * <ul>
 *   <li>{@code descriptorBlock}: 3 → ... → E, embeds each band's normalised (min, centre, max) descriptor;</li>
 *   <li>{@code permutedBlock}: 2E → ... → P on every ordered pair (e_j, e_i), averaged over i;</li>
 *   <li>{@code combinedBlock}: P + E → ... → F on concat(pair mean, e_j): the final band embedding;</li>
 *   <li>band multiplication: features = mean over bands of (value + {@code bandOffset}) × embedding (F wide).</li>
 * </ul>
 * Every hidden layer is Dense → LeakyReLU({@code leakyAlpha}) → GroupNorm({@code groups}, {@code epsilon}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SenseiConfig(
        DenseStackConfig descriptorBlock,
        @JsonProperty("permuted_descriptor_block") DenseStackConfig permutedBlock,
        @JsonProperty("combined_descriptor_block") DenseStackConfig combinedBlock,
        float bandOffset,
        int groups,
        float epsilon,
        float leakyAlpha) {

    /** Width of a band descriptor: (min, centre, max). */
    public static final int DESCRIPTOR_WIDTH = 3;

    public SenseiConfig {
        if (descriptorBlock == null || permutedBlock == null || combinedBlock == null) {
            throw new IllegalArgumentException("SEnSeI config needs descriptor_block, permuted_descriptor_block and "
                    + "combined_descriptor_block");
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        long params = descriptorBlock.parameterCount(DESCRIPTOR_WIDTH)
                + permutedBlock.parameterCount(2 * descriptorBlock.output())
                + combinedBlock.parameterCount(permutedBlock.output() + descriptorBlock.output());
        if (params > HeadConfig.MAX_PARAMETERS) {
            throw new IllegalArgumentException("the SEnSeI encoder would have " + params + " parameters, more than the "
                    + HeadConfig.MAX_PARAMETERS + " this tool accepts");
        }
    }

    /** The published SEnSeI v1 configuration (210,544 parameters, 64 output channels). */
    public static SenseiConfig published() {
        return new SenseiConfig(
                new DenseStackConfig(new int[] {16, 16, 32, 16, 16, 64, 128, 64}, 64, true),
                new DenseStackConfig(new int[] {128, 128, 128, 64}, 64, false),
                new DenseStackConfig(new int[] {128, 256, 128, 96, 64, 128, 64}, 64, true),
                0.5f,
                2,
                1e-3f,
                0.01f);
    }

    /** Width of the descriptor embedding e. */
    public int embeddingWidth() {
        return descriptorBlock.output();
    }

    /** Number of output feature channels. */
    public int featureChannels() {
        return combinedBlock.output();
    }

    public long descriptorBlockParameters() {
        return descriptorBlock.parameterCount(DESCRIPTOR_WIDTH);
    }

    public long permutedBlockParameters() {
        return permutedBlock.parameterCount(2 * embeddingWidth());
    }

    public long combinedBlockParameters() {
        return combinedBlock.parameterCount(permutedBlock.output() + embeddingWidth());
    }

    public long parameterCount() {
        return descriptorBlockParameters() + permutedBlockParameters() + combinedBlockParameters();
    }
}
