package org.sensei4j.train.segmentation;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import org.sensei4j.error.SenseiException;

/**
 * The optimiser of a {@link TrainConfig} ({@code optimiser:}): momentum SGD as in the paper (learning rate 1e-3,
 * momentum 0.99), or Adam.
 *
 * <p>SGD follows DJL's (and Keras') rule {@code v ← momentum·v − lr·grad; w ← w + v}; its momentum buffers are
 * saved in checkpoints, so a resumed run continues exactly. Adam's moment estimates are not saved: a resumed
 * Adam run restarts them (the trainer says so).
 *
 * @param type         {@code sgd} (default) or {@code adam}
 * @param learningRate {@code learning_rate}, initial learning rate (default 1e-3)
 * @param momentum     SGD momentum in [0, 1) (default 0.99)
 * @param beta1        Adam β1 (default 0.9)
 * @param beta2        Adam β2 (default 0.999)
 * @param epsilon      Adam ε (default 1e-7, as Keras)
 * @param weightDecay  {@code weight_decay}, L2 factor added to the gradient (default 0)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OptimiserConfig(
        String type,
        Double learningRate,
        Double momentum,
        Double beta1,
        Double beta2,
        Double epsilon,
        Double weightDecay) {

    public static final List<String> TYPES = List.of("sgd", "adam");

    /** Null components (names left out of the JSON) take their defaults; Adam takes no momentum. */
    public OptimiserConfig {
        if ("adam".equalsIgnoreCase(type) && momentum != null) {
            throw new SenseiException("optimiser.momentum is for sgd: Adam uses beta1 and beta2");
        }
        type = type == null ? "sgd" : type.strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new SenseiException("optimiser.type '" + type + "' is not one of " + TYPES);
        }
        learningRate = requireNonNullElse(learningRate, 1e-3);
        momentum = requireNonNullElse(momentum, 0.99);
        beta1 = requireNonNullElse(beta1, 0.9);
        beta2 = requireNonNullElse(beta2, 0.999);
        epsilon = requireNonNullElse(epsilon, 1e-7);
        weightDecay = requireNonNullElse(weightDecay, 0.0);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new SenseiException("optimiser.learning_rate must be a positive number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new SenseiException("optimiser.momentum must be in [0, 1), got " + momentum + " (the paper: 0.99)");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new SenseiException("optimiser.beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new SenseiException("optimiser.epsilon must be > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new SenseiException("optimiser.weight_decay must be >= 0, got " + weightDecay);
        }
    }

    /** The paper's optimiser: SGD, learning rate 1e-3, momentum 0.99. */
    public static OptimiserConfig defaults() {
        return new OptimiserConfig(null, null, null, null, null, null, null);
    }

    @JsonIgnore
    public boolean isSgd() {
        return "sgd".equals(type);
    }
}
