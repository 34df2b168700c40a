package org.sensei4j.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

class AtomicFilesTest {

    @Test
    void writesWithOrdinaryPermissionsAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                    .isEqualTo("rw-r--r--");
        }
        AtomicFiles.write(target, new byte[] {9});
        assertThat(Files.readAllBytes(target)).containsExactly(9);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aFailingWriterKeepsTheOldFileAndRemovesTheTemporaryOne(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.bin");
        Files.write(target, new byte[] {7});
        assertThatThrownBy(() -> AtomicFiles.write(target, tmp -> {
                    Files.write(tmp, new byte[] {1});
                    throw new IOException("disk full");
                }))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("cannot write")
                .hasMessageContaining("disk full");
        assertThat(Files.readAllBytes(target)).containsExactly(7);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("missing/x.bin"), new byte[0]))
                .hasMessageContaining("does not exist");
    }
}
