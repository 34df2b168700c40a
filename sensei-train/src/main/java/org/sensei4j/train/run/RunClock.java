package org.sensei4j.train.run;

import java.util.Locale;

/**
 * Seconds a training run has taken over all its sessions: the seconds of the sessions before (read from the
 * checkpoint it resumes) plus the wall-clock seconds since this session's {@link #start}.
 */
public final class RunClock {

    private double secondsBefore;
    private long startNanos;

    /** Sets the seconds of the earlier sessions (0 for a new run). */
    public void resumeAt(double seconds) {
        this.secondsBefore = seconds;
    }

    /** Starts this session's count. */
    public void start() {
        this.startNanos = System.nanoTime();
    }

    /** Seconds of the earlier sessions. */
    public double secondsBefore() {
        return secondsBefore;
    }

    /** Seconds of this session since {@link #start}. */
    public double sessionSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Seconds of the whole run so far. */
    public double seconds() {
        return secondsBefore + sessionSeconds();
    }

    /** {@link #seconds()} as a log cell: three decimals. */
    public String secondsCell() {
        return String.format(Locale.ROOT, "%.3f", seconds());
    }
}
