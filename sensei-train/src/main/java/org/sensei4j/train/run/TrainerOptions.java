package org.sensei4j.train.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trainer is told before it runs, shared by the pretrainer and the segmentation trainer: where to print
 * one line per epoch, whether to show a progress bar, and who listens to its steps and epochs.
 *
 * @param <T> the trainer, which the setters return for chaining
 * @param <L> its listener type
 */
public abstract class TrainerOptions<T extends TrainerOptions<T, L>, L> {

    /** Where to print one line per epoch; null: nowhere. */
    protected PrintWriter log;
    /** Whether to show a progress bar on stderr when it is a terminal. */
    protected boolean progressBar;
    /** Told of every step and epoch, in the order they were added. */
    protected final List<L> listeners = new ArrayList<>();

    /** Where to print one line per epoch (null: nowhere). */
    public T log(PrintWriter out) {
        this.log = out;
        return self();
    }

    /** Shows a progress bar (steps, loss, speed, ETA) on stderr when it is a terminal. */
    public T progressBar(boolean enabled) {
        this.progressBar = enabled;
        return self();
    }

    public T listener(L listener) {
        listeners.add(listener);
        return self();
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }
}
