package org.sensei4j.train.run;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar over training steps (progressbar library): steps done, steps/s, ETA and a message such
 * as the running loss. When disabled (no terminal, or quiet) every method does nothing.
 */
public final class TrainingProgress implements AutoCloseable {

    private final ProgressBar bar;
    private final PrintStream stream;

    private TrainingProgress(ProgressBar bar, PrintStream stream) {
        this.bar = bar;
        this.stream = stream;
    }

    /** A bar that does nothing. */
    public static TrainingProgress disabled() {
        return new TrainingProgress(null, null);
    }

    /** True if standard streams are attached to a terminal (Java 17: {@code System.console() != null}). */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /**
     * A bar on {@code stream} over {@code total} steps, starting at {@code done} after {@code elapsed} earlier
     * training time (for a resumed run's ETA).
     */
    public static TrainingProgress start(PrintStream stream, String task, long total, long done, Duration elapsed) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUnit(" steps", 1)
                .showSpeed(new DecimalFormat("0.00"))
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .startsFrom(done, elapsed)
                .build();
        return new TrainingProgress(bar, stream);
    }

    public boolean isEnabled() {
        return bar != null;
    }

    /** Moves the bar to {@code step} steps done, with {@code message} after it. */
    public void update(long step, String message) {
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(message);
        }
    }

    /** Moves the bar to {@code step} steps done, with "epoch E/N loss L lr R" after it. */
    public void update(long step, int epoch, int epochs, double meanLoss, double learningRate) {
        update(
                step,
                String.format(
                        Locale.ROOT,
                        "epoch %d/%d loss %.4f lr %s",
                        epoch,
                        epochs,
                        meanLoss,
                        String.format(Locale.ROOT, "%.3g", learningRate)));
    }

    /** Prints a line above the bar (clearing the bar's line first). */
    public void println(String line) {
        if (bar != null) {
            stream.print("\r\033[2K");
            stream.println(line);
            stream.flush();
            bar.refresh();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
