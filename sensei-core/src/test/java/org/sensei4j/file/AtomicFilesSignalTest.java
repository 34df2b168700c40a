package org.sensei4j.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
                "no kill command: cannot send SIGINT");
        for (String signal : new String[] {"TERM", "INT"}) {
            Path target = dir.resolve("out-" + signal + ".tif");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Holder.class.getName(), target.toString())
                    .redirectErrorStream(true).start();
            Path tmp;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                tmp = Path.of(r.readLine());
                assertThat(tmp.getFileName().toString()).matches("\\.out-" + signal + "\\.tif\\.\\d+\\.part");
                assertThat(Files.exists(tmp)).isTrue();
                assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("child exits on SIG" + signal).isTrue();
            } finally {
                p.destroyForcibly();
            }
            assertThat(Files.exists(tmp)).as("temporary file after SIG" + signal).isFalse();
            assertThat(Files.exists(target)).isFalse();
        }
    }
}
