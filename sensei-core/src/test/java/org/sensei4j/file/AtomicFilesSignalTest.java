package org.sensei4j.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process stopped by SIGTERM or SIGINT while writing leaves no {@code .NAME.<digits>.part} file behind (issue 16
 * #7): a child JVM opens a temporary file through {@link AtomicFiles} and is signalled.
 */
class AtomicFilesSignalTest {

    /** The child: creates a temporary file for args[0], prints its path, then waits to be signalled. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Path tmp = AtomicFiles.tempFileFor(Path.of(args[0]));
            Files.write(tmp, new byte[] {1, 2, 3});
            System.out.println(tmp);
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void sigtermAndSigintDeleteUncommittedTemporaryFiles(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
                "no kill command: cannot send SIGINT");
        // a process started in the background by a non-interactive shell inherits SIGINT as ignored, and so does
        // its child JVM (which then installs no handler): SIGINT is only sent where it can be delivered
        List<String> signals = sigintIgnored() ? List.of("TERM") : List.of("TERM", "INT");
        for (String signal : signals) {
            Path target = dir.resolve("out-" + signal + ".tif");
            ProcessBuilder child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Holder.class.getName(),
                            target.toString())
                    .redirectErrorStream(true);
            // the child's first line must be the temporary file's path: a JVM that picks up JAVA_TOOL_OPTIONS
            // (e.g. a GC setting for the whole test run) prints a notice first
            child.environment().remove("JAVA_TOOL_OPTIONS");
            Process p = child.start();
            Path tmp;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                tmp = Path.of(r.readLine());
                assertThat(tmp.getFileName().toString()).matches("\\.out-" + signal + "\\.tif\\.\\d+\\.part");
                assertThat(Files.exists(tmp)).isTrue();
                assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                                .start()
                                .waitFor())
                        .isZero();
                assertThat(p.waitFor(30, TimeUnit.SECONDS))
                        .as("child exits on SIG" + signal)
                        .isTrue();
            } finally {
                p.destroyForcibly();
            }
            assertThat(Files.exists(tmp))
                    .as("temporary file after SIG" + signal)
                    .isFalse();
            assertThat(Files.exists(target)).isFalse();
        }
    }

    /** Whether this process ignores SIGINT (the SigIgn mask of /proc/self/status; false where it cannot be read). */
    static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (new BigInteger(line.substring(7).trim(), 16).longValue() & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }
}
