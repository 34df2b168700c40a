package org.sensei4j.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import org.sensei4j.error.SenseiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sensei} command: entry point of the fat jar. */
@Command(name = "sensei", mixinStandardHelpOptions = true, version = "sensei4j 0.1.0",
        description = "Sensor-independent cloud masking (SEnSeI) for multispectral satellite images.",
        subcommands = {DemoCommand.class, MaskCommand.class, SensorsCommand.class, InfoCommand.class, EncodeCommand.class, EvaluateCommand.class, CalibrateCommand.class, ReportCommand.class, ModelsCommand.class, PretrainCommand.class, TrainCommand.class, FloorCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class SenseiCommand implements Runnable {

    /** Exit code for user mistakes (bad option, bad file, bad value). */
    public static final int EXIT_USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with sensei's error handling: user errors print one line and exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SenseiCommand());
        cl.setExecutionExceptionHandler(SenseiCommand::handle);
        cl.setParameterExceptionHandler(SenseiCommand::handleParameterError);
        cl.setExecutionStrategy(parsed -> {
            if (parsed.subcommand() != null && ENGINE_COMMANDS.contains(parsed.subcommand().commandSpec().name())
                    && !parsed.subcommand().isUsageHelpRequested()) {
                quietEngine();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /** Commands that run PyTorch. */
    static final Set<String> ENGINE_COMMANDS = Set.of("demo", "mask", "encode", "evaluate", "calibrate", "models",
            "pretrain", "train", "bench");

    /**
     * Loads the engine and silences its C++ warnings ({@link EngineWarnings}) on a daemon thread, so that a command
     * refusing bad input does so at once, without waiting for the engine.
     */
    private static void quietEngine() {
        Thread t = new Thread(EngineWarnings::apply, "engine-warnings");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A bad option or argument: one line {@code error: <picocli's message>} and a hint where to read the usage,
     * exit 2 (not the full usage, which buries the problem).
     */
    static int handleParameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String message = ex.getMessage() == null ? "bad arguments" : ex.getMessage().lines().findFirst().orElse("");
        err.println("error: " + message);
        err.println("see '" + cl.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return EXIT_USER_ERROR;
    }

    static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Throwable t = ex;
        if (t instanceof SenseiException || t instanceof IllegalArgumentException) {
            err.println("error: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
            return EXIT_USER_ERROR;
        }
        if (t instanceof NoSuchFileException) {
            err.println("error: file not found: " + t.getMessage() + ": check the path");
            return EXIT_USER_ERROR;
        }
        if (t instanceof java.nio.file.FileSystemException f) {
            err.println("error: cannot access " + f.getFile() + (f.getOtherFile() == null ? "" : " / " + f.getOtherFile())
                    + ": " + (f.getReason() == null ? f.getClass().getSimpleName() : f.getReason())
                    + ": check the path, its permissions and the free disk space");
            return EXIT_USER_ERROR;
        }
        if (t instanceof java.nio.charset.CharacterCodingException) {
            err.println("error: a file that should be text is not UTF-8 text (a binary file?) ("
                    + t.getClass().getSimpleName() + "): check the files given to 'sensei "
                    + cl.getCommandSpec().name() + "'");
            return EXIT_USER_ERROR;
        }
        if (t instanceof java.io.IOException) {
            err.println("error: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())
                    + " (while running 'sensei " + cl.getCommandSpec().name() + "'): check its input and output paths"
                    + " and the free disk space");
            return EXIT_USER_ERROR;
        }
        err.println("internal error (please report): " + t);
        t.printStackTrace(err);
        return 1;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
