package org.sensei4j.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reduce-on-plateau learning-rate schedule with the semantics of Keras' {@code ReduceLROnPlateau} (mode "min",
 * no cooldown): after {@code patience} epochs in a row without the monitored value dropping below
 * {@code best − minDelta}, the rate is multiplied by {@code factor}, never going below {@code minLr}.
 */
public final class PlateauSchedule {

    /**
     * What a checkpoint must keep to continue the schedule.
     *
     * @param learningRate the current learning rate
     * @param best         the best monitored value so far ({@code +∞} before the first epoch)
     * @param waited       epochs since the last improvement (reset when the rate is reduced)
     */
    public record State(double learningRate, double best, int waited) {}

    private final double factor;
    private final int patience;
    private final double minLr;
    private final double minDelta;
    private State state;

    /** A schedule's settings, as the run configs give them. */
    public interface Settings {
        double factor();

        int patience();

        double minLr();

        double minDelta();
    }

    /** The schedule of {@code settings}, continuing from {@code state}. */
    public PlateauSchedule(Settings settings, State state) {
        this(settings.factor(), settings.patience(), settings.minLr(), settings.minDelta(), state);
    }

    public PlateauSchedule(double factor, int patience, double minLr, double minDelta, State state) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("plateau factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || minLr < 0 || minDelta < 0) {
            throw new IllegalArgumentException("patience, min_lr and min_delta must be >= 0");
        }
        this.factor = factor;
        this.patience = patience;
        this.minLr = minLr;
        this.minDelta = minDelta;
        this.state = state;
    }

    /** The state before the first epoch. */
    public static State initial(double learningRate) {
        return new State(learningRate, Double.POSITIVE_INFINITY, 0);
    }

    public State state() {
        return state;
    }

    public double learningRate() {
        return state.learningRate();
    }

    /**
     * Writes the state into {@code node} as a checkpoint keeps it: {@code learning_rate}, {@code best} (null while
     * it is not finite, i.e. before the first epoch) and {@code waited}.
     */
    public void writeState(ObjectNode node) {
        node.put("learning_rate", state.learningRate());
        if (Double.isFinite(state.best())) {
            node.put("best", state.best());
        } else {
            node.putNull("best");
        }
        node.put("waited", state.waited());
    }

    /** The state {@link #writeState} wrote into {@code node}; a null or absent {@code best} reads as {@code +∞}. */
    public static State readState(JsonNode node) {
        return new State(
                node.path("learning_rate").asDouble(),
                node.path("best").isNumber() ? node.path("best").asDouble() : Double.POSITIVE_INFINITY,
                node.path("waited").asInt());
    }

    /** Feeds one epoch's monitored value (e.g. validation loss); returns the learning rate for the next epoch. */
    public double update(double value) {
        double lr = state.learningRate();
        double best = state.best();
        int wait = state.waited();
        if (value < best - minDelta) {
            best = value;
            wait = 0;
        } else {
            wait++;
            if (wait >= patience) {
                if (lr > minLr) {
                    lr = Math.max(lr * factor, minLr);
                    wait = 0;
                }
            }
        }
        state = new State(lr, best, wait);
        return lr;
    }
}
