package org.sensei4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The child JVM of {@link QuietOutputTest}: runs the sensei command lines of the file {@code args[0]} (one per line,
 * arguments separated by tabs) one after the other, as {@link SenseiCommand#main} runs one. What our code writes to
 * the command line's standard error (after {@code --quiet}'s filter) goes on to the real standard error and is
 * recorded in {@code args[1]/ours-N.txt}, so that anything else on the process's standard error (the engine's C++
 * logging, SLF4J, a library printing to {@code System.err}) shows as a line not recorded. Exit codes go to
 * {@code args[1]/exit-codes.txt}.
 */
final class StderrHarness {

    private StderrHarness() {}

    public static void main(String[] args) throws Exception {
        List<String> commands = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        Path dir = Path.of(args[1]);
        PrintStream realErr = System.err;
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < commands.size(); i++) {
            StringWriter ours = new StringWriter();
            Writer tee = new Writer() {
                @Override
                public void write(char[] chars, int off, int len) {
                    ours.write(chars, off, len);
                    realErr.print(new String(chars, off, len));
                }

                @Override
                public void flush() {
                    realErr.flush();
                }

                @Override
                public void close() {
                    flush();
                }
            };
            CommandLine cl = SenseiCommand.commandLine();
            cl.setErr(new PrintWriter(tee, true));
            int code = cl.execute(commands.get(i).split("\t"));
            cl.getErr().flush();
            System.out.flush();
            Files.writeString(dir.resolve("ours-" + i + ".txt"), ours.toString(), StandardCharsets.UTF_8);
            codes.append(code).append('\n');
        }
        Files.writeString(dir.resolve("exit-codes.txt"), codes);
        System.exit(0);
    }
}
