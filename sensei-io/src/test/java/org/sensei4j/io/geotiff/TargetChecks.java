package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.sensei4j.error.SenseiException;

/** Checks of how a writer treats the file it is asked to write (test helper). */
final class TargetChecks {

    private TargetChecks() {}

    /**
     * Asserts that {@code write}, given a target in a missing directory under {@code dir} and then one in an
     * unwritable directory, fails naming that directory and leaves no file.
     */
    static void assertUnwritableOrMissingDirectoryIsNamed(Path dir, Consumer<Path> write) throws IOException {
        Path missing = dir.resolve("no/such/dir/out.tif");
        assertThatThrownBy(() -> write.accept(missing))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(missing.getParent().toString())
                .hasMessageContaining("does not exist");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores directory permissions; /sys refuses new files even to root
            Path unwritable = Files.isWritable(locked) ? Path.of("/sys") : locked;
            Assumptions.assumeTrue(Files.isDirectory(unwritable), "no unwritable directory to test with");
            Path target = unwritable.resolve("out.tif");
            assertThatThrownBy(() -> write.accept(target))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining(unwritable.toString())
                    .hasMessageContaining("not writable");
            assertThat(target).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
