package org.sensei4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A progress bar on standard error (progressbar library) for a command that can take a while: drawn only on a
 * terminal and without {@code --quiet} (see {@link GlobalOptions#progress}); otherwise every method does nothing,
 * so output captured by a script or a test never holds one.
 */
final class CliProgress implements AutoCloseable {

    private ProgressBar bar;

    private CliProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar over {@code total} {@code unit}s for {@code spec}'s command, or one that does nothing. */
    static CliProgress start(CommandSpec spec, String task, long total, String unit) {
        if (!GlobalOptions.progress(spec)) {
            return new CliProgress(null);
        }
        return new CliProgress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUnit(unit, 1)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .clearDisplayOnFinish()
                .build());
    }

    /** True when a bar is drawn. */
    boolean isEnabled() {
        return bar != null;
    }

    /** Moves the bar to {@code done}; thread safe. */
    synchronized void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Adds {@code n} done; thread safe. */
    synchronized void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /** Sets the total when it is known only once the work started; thread safe. */
    synchronized void max(long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    /** Names the stage the work is in, shown after the bar; thread safe. */
    synchronized void stage(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
            bar.refresh();
        }
    }

    /**
     * Prints a formatted line on {@code out} (standard output or error: both reach the terminal the bar is drawn
     * on), over the bar's line when a bar is drawn, as {@link #println}.
     */
    void printf(PrintWriter out, String format, Object... args) {
        println(out, String.format(Locale.ROOT, format, args).stripTrailing());
    }

    /** Prints {@code line} on {@code err}, over the bar's line when a bar is drawn (the bar is drawn again below). */
    synchronized void println(PrintWriter err, String line) {
        err.println(bar == null ? line : "\r\033[2K" + line);
        err.flush();
        if (bar != null) {
            bar.refresh();
        }
    }

    /** Removes the bar (it is cleared from the terminal); later calls do nothing. Idempotent. */
    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
