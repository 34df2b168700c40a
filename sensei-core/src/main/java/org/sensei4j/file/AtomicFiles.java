package org.sensei4j.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import org.sensei4j.error.SenseiException;

/**
 * Writing outputs so that they are never half-written: write a hidden temporary sibling of the target, then
 * move it over the target atomically. Temporary files get ordinary permissions (rw-r--r--, directories
 * rwxr-xr-x) so that the renamed output is readable like any other file.
 */
public final class AtomicFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {}

    /** A new empty temporary file next to {@code target} (same directory, so the final move is atomic). */
    public static Path tempFileFor(Path target) throws IOException {
        Path dir = directoryOf(target);
        String prefix = "." + target.getFileName() + ".";
        return POSIX ? Files.createTempFile(dir, prefix, ".part", perms("rw-r--r--"))
                : Files.createTempFile(dir, prefix, ".part");
    }

    /** A new empty temporary directory next to {@code target}. */
    public static Path tempDirectoryFor(Path target) throws IOException {
        Path dir = directoryOf(target);
        String prefix = "." + target.getFileName() + ".";
        return POSIX ? Files.createTempDirectory(dir, prefix, perms("rwxr-xr-x")) : Files.createTempDirectory(dir, prefix);
    }

    /** Moves {@code temp} over {@code target} atomically, replacing an existing file. */
    public static void commit(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code target} through {@code writer} (which fills the temporary file it is given), atomically. */
    public static void write(Path target, IoConsumer writer) {
        Path temp = null;
        try {
            temp = tempFileFor(target);
            writer.accept(temp);
            commit(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new SenseiException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named .part
                }
            }
        }
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /** Writes bytes atomically, creating the target's directory first if needed. */
    public static void writeCreatingDirectories(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SenseiException("cannot write " + target + ": cannot create its directory (" + e.getMessage()
                    + "): check the path and permissions", e);
        }
        write(target, bytes);
    }

    /** Writes {@code target} atomically from what {@code writer} writes to a stream. */
    public static void writeStream(Path target, StreamWriter writer) {
        write(target, tmp -> {
            try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }

    /** Deletes a file or a directory tree; nothing if absent. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    /** A step that writes a file. */
    @FunctionalInterface
    public interface IoConsumer {
        void accept(Path file) throws IOException;
    }

    private static Path directoryOf(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null,
                    "the output directory does not exist: create it first");
        }
        return dir;
    }

    private static FileAttribute<?> perms(String p) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(p));
    }
}
