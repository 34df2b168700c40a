package org.sensei4j.cli;

import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options every command has ({@code --debug}, {@code --quiet}: declared on {@link SenseiCommand}, inherited by
 * the subcommands, so they may come before or after the command's name) and what they change.
 */
final class GlobalOptions {

    static final String DEBUG = "--debug";
    static final String QUIET = "--quiet";

    private GlobalOptions() {}

    /**
     * True when {@code --debug} was given anywhere on the command line that {@code parsed} (the top command's) holds.
     */
    static boolean debug(CommandLine.ParseResult parsed) {
        return matched(parsed, DEBUG);
    }

    /** True when {@code --quiet} was given anywhere on the command line that {@code parsed} holds. */
    static boolean quiet(CommandLine.ParseResult parsed) {
        return matched(parsed, QUIET);
    }

    /** True when {@code --quiet} was given to the command line that runs the command {@code spec}. */
    static boolean quiet(CommandSpec spec) {
        CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
        return parsed != null && quiet(parsed);
    }

    /**
     * True when a progress bar should be drawn for the command {@code spec}: standard streams on a terminal and no
     * {@code --quiet}.
     */
    static boolean progress(CommandSpec spec) {
        return System.console() != null && !quiet(spec);
    }

    private static boolean matched(CommandLine.ParseResult parsed, String option) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A standard error for {@code --quiet}: passes whole lines that start with {@code warning:} or {@code error:}
     * and drops the rest (progress and information lines).
     */
    static final class QuietWriter extends Writer {

        private final PrintWriter target;
        private final StringBuilder line = new StringBuilder();

        QuietWriter(PrintWriter target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            for (int i = off; i < off + len; i++) {
                line.append(chars[i]);
                if (chars[i] == '\n') {
                    emit();
                }
            }
        }

        private void emit() {
            String s = line.toString();
            line.setLength(0);
            if (s.startsWith("warning:") || s.startsWith("error:")) {
                target.write(s);
                target.flush();
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() {
            if (line.length() > 0) {
                line.append(System.lineSeparator());
                emit();
            }
            target.flush();
        }
    }
}
