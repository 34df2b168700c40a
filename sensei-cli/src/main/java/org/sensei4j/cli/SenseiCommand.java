package org.sensei4j.cli;

import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code sensei} command: entry point of the fat jar. */
@Command(
        name = "sensei",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Sensor-independent cloud masking (SEnSeI) for multispectral satellite images.",
        subcommands = {
            DemoCommand.class,
            MaskCommand.class,
            SensorsCommand.class,
            InfoCommand.class,
            EncodeCommand.class,
            EvaluateCommand.class,
            CalibrateCommand.class,
            ReportCommand.class,
            ModelsCommand.class,
            PretrainCommand.class,
            TrainCommand.class,
            FloorCommand.class,
            LosoCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SenseiCommand implements Runnable {

    /** Exit code for user mistakes (bad option, bad file, bad value). */
    public static final int EXIT_USER_ERROR = CliErrors.USER_ERROR;

    /** Exit code for a bug: an exception that is not the user's (sysexits.h EX_SOFTWARE). */
    public static final int EXIT_INTERNAL_ERROR = CliErrors.INTERNAL_ERROR;

    @Option(
            names = GlobalOptions.DEBUG,
            scope = ScopeType.INHERIT,
            description = "print the stack trace of any error (user errors too)")
    boolean debug;

    @Option(
            names = {"-q", GlobalOptions.QUIET},
            scope = ScopeType.INHERIT,
            description = "no progress and no information lines on standard error; warnings and errors still shown")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with sensei's error handling ({@link CliErrors}): user errors print one line and exit
     * 2, bugs print their stack trace and exit 70; {@code --quiet} filters the information lines of the command run.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SenseiCommand());
        CliErrors errors = new CliErrors();
        cl.setExitCodeExceptionMapper(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(parsed -> {
            if (parsed.subcommand() != null
                    && ENGINE_COMMANDS.contains(
                            parsed.subcommand().commandSpec().name())
                    && !parsed.subcommand().isUsageHelpRequested()) {
                quietEngine();
            }
            if (parsed.subcommand() != null && GlobalOptions.quiet(parsed)) {
                // the subcommands' standard error: warnings only (errors go to the top command's, unfiltered)
                CommandLine sub = parsed.subcommand().commandSpec().commandLine();
                sub.setErr(new PrintWriter(new GlobalOptions.QuietWriter(sub.getErr()), true));
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /** Commands that run PyTorch. */
    static final Set<String> ENGINE_COMMANDS =
            Set.of("demo", "mask", "encode", "evaluate", "calibrate", "models", "pretrain", "train", "bench");

    /**
     * Loads the engine and silences its C++ warnings ({@link EngineWarnings}) on a daemon thread, so that a command
     * refusing bad input does so at once, without waiting for the engine.
     */
    private static void quietEngine() {
        Thread t = new Thread(EngineWarnings::apply, "engine-warnings");
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
