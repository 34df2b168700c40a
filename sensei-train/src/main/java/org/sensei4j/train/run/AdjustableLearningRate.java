package org.sensei4j.train.run;

import ai.djl.training.tracker.Tracker;

/**
 * A DJL learning-rate {@link Tracker} whose value the training loop sets (e.g. a plateau schedule between
 * epochs); it ignores DJL's update counter.
 */
public final class AdjustableLearningRate implements Tracker {

    private volatile float value;

    public AdjustableLearningRate(float initial) {
        set(initial);
    }

    /** Sets the learning rate used from the next optimizer update on. */
    public void set(float learningRate) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        value = learningRate;
    }

    public float get() {
        return value;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }
}
