package org.sensei4j.train.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.sensei4j.error.SenseiException;

/**
 * Writes output files whole or not at all: to a temp file in the same folder, then renamed over the target.
 * The file gets the usual permissions {@code rw-r--r--} (a temp file would be private).
 */
public final class OutputFiles {

    private OutputFiles() {}

    /**
     * Writes {@code bytes} to {@code file} atomically, creating its folder.
     *
     * @throws SenseiException when the file cannot be written, naming it
     */
    public static void write(Path file, byte[] bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: keep its default permissions
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SenseiException("cannot write " + file + ": " + e.getMessage() + ": check the folder exists and "
                    + "is writable");
        }
    }
}
