package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

class CsvLogTest {

    private static final List<String> HEADER = List.of("epoch", "step", "loss");

    /** A full disk (Linux's /dev/full answers every write with ENOSPC): the error names the log file. */
    @Test
    void aFailedAppendNamesTheFile() throws Exception {
        Path full = Path.of("/dev/full");
        assertThat(Files.isWritable(full)).as("Linux's /dev/full").isTrue();
        try (CsvLog log = new CsvLog(
                full, HEADER, Files.newBufferedWriter(full, StandardCharsets.UTF_8, StandardOpenOption.APPEND))) {
            assertThatThrownBy(() -> log.append(1, 1L, 0.5f))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot append to /dev/full: ")
                    .hasMessageContaining("No space left");
        } catch (IOException closing) {
            // closing flushes nothing more; a second ENOSPC on close is fine
        }
    }

    @Test
    void writesReadsAndResumesAfterACheckpoint(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("log.csv");
        try (CsvLog log = CsvLog.create(f, HEADER)) {
            log.append(1, 1L, 0.5f);
            log.append(1, 2L, null);
            log.append(2, 3L, 0.1f + 0.2f);
        }
        assertThat(Files.readString(f)).isEqualTo("epoch,step,loss\n1,1,0.5\n1,2,\n2,3,0.3\n");
        // a row cut short by a kill is ignored when read
        Files.writeString(f, "2,4", StandardOpenOption.APPEND);
        List<Map<String, String>> rows = CsvLog.read(f);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly(Map.entry("epoch", "1"), Map.entry("step", "2"), Map.entry("loss", ""));
        try (CsvLog log = CsvLog.resume(f, HEADER, row -> Long.parseLong(row.get("step")) <= 2)) {
            log.append(2, 3L, 0.25);
        }
        assertThat(Files.readAllLines(f, StandardCharsets.UTF_8))
                .containsExactly("epoch,step,loss", "1,1,0.5", "1,2,", "2,3,0.25");
    }

    @Test
    void refusesBadRowsAndForeignLogs(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("log.csv");
        try (CsvLog log = CsvLog.create(f, HEADER)) {
            assertThatThrownBy(() -> log.append(1, 2)).hasMessageContaining("2 values for 3 columns");
            assertThatThrownBy(() -> log.append(1, 2, "a,b")).hasMessageContaining("comma");
        }
        assertThatThrownBy(() -> CsvLog.resume(f, List.of("epoch", "loss"), r -> true))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("has columns [epoch, step, loss]");
        assertThatThrownBy(() -> CsvLog.resume(dir.resolve("none.csv"), HEADER, r -> true))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is missing");
    }
}
