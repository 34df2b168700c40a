package org.sensei4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import org.sensei4j.error.SenseiException;
import picocli.CommandLine;

/**
 * How the {@code sensei} command reports errors, in one place: which exceptions are the user's (one {@code error:}
 * line, exit {@value #USER_ERROR}) and which are bugs (the stack trace, exit {@value #INTERNAL_ERROR}), for
 * picocli's exit-code mapper and its execution and parameter exception handlers.
 *
 * <ul>
 *   <li>{@link SenseiException} (any kind) and picocli's {@link CommandLine.ParameterException}: the user's.</li>
 *   <li>File-system and I/O failures ({@link IOException}, also inside an {@link UncheckedIOException}): the
 *       user's files or disk; reported as a {@link SenseiException.Kind#IO} problem with the path.</li>
 *   <li>Anything else, e.g. an {@code IllegalArgumentException}, {@code IllegalStateException} or
 *       {@code NullPointerException} that our code did not turn into a {@link SenseiException}: a bug.</li>
 * </ul>
 * With {@code --debug} the stack trace of a user error is printed too.
 */
final class CliErrors
        implements CommandLine.IExitCodeExceptionMapper,
                CommandLine.IExecutionExceptionHandler,
                CommandLine.IParameterExceptionHandler {

    /** Exit code for user mistakes (bad option, bad file, bad value). */
    static final int USER_ERROR = 2;

    /** Exit code for a bug (sysexits.h EX_SOFTWARE, "internal software error"). */
    static final int INTERNAL_ERROR = 70;

    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return USER_ERROR;
        }
        return userError(t, "sensei") != null ? USER_ERROR : INTERNAL_ERROR;
    }

    /**
     * The user's problem {@code t} stands for, or null when {@code t} is a bug; {@code command} names the command in
     * messages that need it.
     */
    static SenseiException userError(Throwable t, String command) {
        if (t instanceof SenseiException s) {
            return s;
        }
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            return userError(u.getCause(), command);
        }
        if (t instanceof NoSuchFileException) {
            return new SenseiException(
                    SenseiException.Kind.IO, "file not found: " + t.getMessage() + ": check the path", t);
        }
        if (t instanceof FileSystemException f) {
            return new SenseiException(
                    SenseiException.Kind.IO,
                    "cannot access " + f.getFile()
                            + (f.getOtherFile() == null ? "" : " / " + f.getOtherFile())
                            + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason())
                            + ": check the path, its permissions and the free disk space",
                    t);
        }
        if (t instanceof CharacterCodingException) {
            return new SenseiException(
                    SenseiException.Kind.DATA,
                    "a file that should be text is not UTF-8 text (a " + "binary file?) ("
                            + t.getClass().getSimpleName() + "): check the files given to '" + command + "'",
                    t);
        }
        if (t instanceof IOException) {
            return new SenseiException(
                    SenseiException.Kind.IO,
                    (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()) + " (while running '"
                            + command + "'): check its input and output paths and the "
                            + "free disk space",
                    t);
        }
        return null;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = errorWriter(cl);
        SenseiException user = userError(ex, "sensei " + cl.getCommandSpec().name());
        if (user != null) {
            err.println("error: " + (user.getMessage() == null ? ex.getClass().getSimpleName() : user.getMessage()));
            if (GlobalOptions.debug(parsed)) {
                ex.printStackTrace(err);
            }
        } else {
            err.println("internal error (please report, with the stack trace below): " + ex);
            ex.printStackTrace(err);
        }
        err.flush();
        return cl.getExitCodeExceptionMapper() == null
                ? getExitCode(ex)
                : cl.getExitCodeExceptionMapper().getExitCode(ex);
    }

    /**
     * A bad option or argument: one line {@code error: <picocli's message>} and a hint where to read the usage,
     * exit 2 (not the full usage, which buries the problem).
     */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = errorWriter(cl);
        String message = ex.getMessage() == null
                ? "bad arguments"
                : ex.getMessage().lines().findFirst().orElse("");
        if (message.startsWith("Error: ")) {
            // picocli's argument-group messages carry their own prefix
            message = message.substring("Error: ".length());
        }
        err.println("error: " + message);
        err.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        if (Arrays.asList(args).contains(GlobalOptions.DEBUG)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cl.getExitCodeExceptionMapper() == null
                ? getExitCode(ex)
                : cl.getExitCodeExceptionMapper().getExitCode(ex);
    }

    /** The top command's standard error: errors are never filtered by {@code --quiet} (which filters subcommands'). */
    private static PrintWriter errorWriter(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getErr();
    }
}
