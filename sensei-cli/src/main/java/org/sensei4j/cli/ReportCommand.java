package org.sensei4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.report.EvaluationReport;
import org.sensei4j.file.UserPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sensei report}: an offline HTML report of evaluation JSON files and a training log. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Builds an offline HTML report (no scripts, no network) from evaluation JSON files written by "
                    + "'sensei evaluate --json': comparison, per-class, interval, category and per-scene tables and "
                    + "the "
                    + "scenes' pictures (when evaluate wrote them with --pictures), plus training curves from a "
                    + "training "
                    + "log CSV.",
            "Example: sensei report eval-s2.json eval-l8.json -o report.html --title 'SEnSeI vs baseline' "
                    + "--training-log run/log.csv"
        })
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT.json", description = "evaluation JSON files")
    List<Path> inputs;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "REPORT.html",
            description = "the report to write")
    Path output;

    @Option(
            names = "--title",
            defaultValue = "sensei evaluation report",
            paramLabel = "T",
            description = "the report's title (default: ${DEFAULT-VALUE})")
    String title;

    @Option(
            names = "--training-log",
            paramLabel = "RUN.csv",
            description = "training log CSV (header row; columns like epoch, step, train_loss, val_loss) to plot")
    Path trainingLog;

    @Option(
            names = "--max-pictured-scenes",
            paramLabel = "N",
            defaultValue = "100",
            description = "show pictures of at most N scenes per input (default: ${DEFAULT-VALUE})")
    int maxPicturedScenes;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                throw new SenseiException(
                        "evaluation JSON " + in + " does not exist: give files written by " + "sensei evaluate --json");
            }
            UserPaths.requireRegularFile(in, "evaluation JSON");
        }
        if (trainingLog != null && !Files.exists(trainingLog)) {
            throw new SenseiException("training log " + trainingLog + " does not exist: give the CSV that training "
                    + "wrote, or leave out --training-log");
        }
        if (trainingLog != null) {
            UserPaths.requireRegularFile(trainingLog, "training log");
        }
        new OutputGuard().inputs(inputs).input(trainingLog).output("-o", output).check();
        if (maxPicturedScenes < 0) {
            throw new SenseiException("--max-pictured-scenes must be >= 0, got " + maxPicturedScenes);
        }
        Path dir = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new SenseiException(
                    "cannot write " + output + ": directory " + dir + " does not exist or is not " + "writable");
        }
        EvaluationReport.Summary s = EvaluationReport.write(title, inputs, output, trainingLog, maxPicturedScenes);
        err.printf(
                "wrote %s: %d evaluation(s), %d picture(s)%s%s%s%n",
                output,
                s.evaluations(),
                s.pictures(),
                s.missingPictures() > 0 ? ", " + s.missingPictures() + " picture(s) not found" : "",
                s.charts() > 0 ? ", " + s.charts() + " training chart(s)" : "",
                s.reliabilityCharts() > 0 ? ", " + s.reliabilityCharts() + " reliability diagram(s)" : "");
        return 0;
    }
}
