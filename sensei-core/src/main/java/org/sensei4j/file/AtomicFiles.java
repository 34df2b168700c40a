package org.sensei4j.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;

/**
 * Writing outputs so that they are never half-written: write a hidden temporary sibling of the target, then
 * move it over the target atomically. Temporary files get ordinary permissions (rw-r--r--, directories
 * rwxr-xr-x) so that the renamed output is readable like any other file.
 *
 * <p>Temporary files are named {@code .NAME.<digits>.part} (directories {@code .NAME.<digits>}). Those not yet
 * committed are deleted by a shutdown hook when the JVM exits (also on SIGINT and SIGTERM), and a new temporary
 * file for a target first deletes leftovers of that naming next to it that have not been modified for
 * {@link #STALE_AFTER} (left by a process that was killed outright).
 */
public final class AtomicFiles {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Age from which a leftover temporary file of our naming next to a target counts as abandoned. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);

    /** Temporary files and directories not yet committed or deleted: removed on the way out. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteLive, "sensei-temp-cleanup"));
    }

    private AtomicFiles() {}

    /** A new empty temporary file next to {@code target} (same directory, so the final move is atomic). */
    public static Path tempFileFor(Path target) throws IOException {
        Path dir = directoryOf(target);
        deleteStale(target);
        String prefix = "." + target.getFileName() + ".";
        Path tmp = POSIX
                ? Files.createTempFile(dir, prefix, ".part", perms("rw-r--r--"))
                : Files.createTempFile(dir, prefix, ".part");
        LIVE.add(tmp.toAbsolutePath());
        return tmp;
    }

    /** A new empty temporary directory next to {@code target}. */
    public static Path tempDirectoryFor(Path target) throws IOException {
        Path dir = directoryOf(target);
        String prefix = "." + target.getFileName() + ".";
        Path tmp = POSIX
                ? Files.createTempDirectory(dir, prefix, perms("rwxr-xr-x"))
                : Files.createTempDirectory(dir, prefix);
        LIVE.add(tmp.toAbsolutePath());
        return tmp;
    }

    /** Moves {@code temp} over {@code target} atomically, replacing an existing file. */
    public static void commit(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LIVE.remove(temp.toAbsolutePath());
    }

    /**
     * Deletes an abandoned temporary file (if it exists) and forgets it; best effort: when the delete fails the
     * shutdown hook retries.
     */
    public static void discard(Path temp) {
        try {
            Files.deleteIfExists(temp);
            released(temp);
        } catch (IOException ignored) {
            // still listed: the shutdown hook retries
        }
    }

    /** Forgets a temporary file or directory that its writer has deleted or moved itself. */
    public static void released(Path temp) {
        LIVE.remove(temp.toAbsolutePath());
    }

    /**
     * Deletes leftovers of our naming ({@code .NAME.<digits>.part}) next to {@code target} that have not been
     * modified for {@link #STALE_AFTER}; returns how many. Best effort: problems are ignored.
     */
    public static int deleteStale(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || target.getFileName() == null || !Files.isDirectory(dir)) {
            return 0;
        }
        Pattern ours = Pattern.compile(Pattern.quote("." + target.getFileName() + ".") + "-?\\d+\\.part");
        long cutoff = System.currentTimeMillis() - STALE_AFTER.toMillis();
        int deleted = 0;
        try (var list = Files.newDirectoryStream(
                dir, p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path p : list) {
                try {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && !LIVE.contains(p.toAbsolutePath())
                            && Files.getLastModifiedTime(p).toMillis() < cutoff) {
                        Files.delete(p);
                        deleted++;
                    }
                } catch (IOException ignored) {
                    // best effort
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
        return deleted;
    }

    /** Deletes every temporary file and directory not yet committed (the shutdown hook; also for tests). */
    static void deleteLive() {
        for (Path p : LIVE.toArray(Path[]::new)) {
            try {
                deleteTree(p);
            } catch (IOException | RuntimeException ignored) {
                // best effort on the way out
            }
            LIVE.remove(p);
        }
    }

    /** True while {@code temp} is a temporary file that the shutdown hook would delete (for tests). */
    static boolean isLive(Path temp) {
        return LIVE.contains(temp.toAbsolutePath());
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
                    released(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named .part (the shutdown hook retries)
                }
            }
        }
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /**
     * The absolute path of {@code file} once its directory exists.
     *
     * @throws SenseiException otherwise, naming the fix (messages name {@code file} as given)
     */
    public static Path requireDirectoryOf(Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SenseiException(
                    "cannot write " + file + ": directory " + dir + " does not exist: create it first");
        }
        return target;
    }

    /**
     * {@link #requireDirectoryOf}, and {@code file} is not a directory.
     *
     * @throws SenseiException otherwise
     */
    public static Path requireFileTarget(Path file) {
        Path target = requireDirectoryOf(file);
        if (Files.isDirectory(target)) {
            throw new SenseiException("cannot write " + file + ": it is a directory: give a file name");
        }
        return target;
    }

    /**
     * A new temporary file next to {@code file} ({@link #tempFileFor}).
     *
     * @throws SenseiException when it cannot be created: the directory is not writable, or another reason
     */
    public static Path newTempFileNextTo(Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        try {
            return tempFileFor(target);
        } catch (AccessDeniedException e) {
            throw notWritable(file, dir, e);
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot write " + file + ": cannot create a file in " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    /** The failure to create a file in {@code dir}, a directory this process may not write in. */
    public static SenseiException notWritable(Path file, Path dir, IOException cause) {
        return new SenseiException(
                "cannot write " + file + ": directory " + dir
                        + " is not writable: choose another output directory or fix its permissions",
                cause);
    }

    /**
     * Writes {@code bytes} to {@code file} atomically, with the failures a user can act on named: its directory
     * checked ({@link #requireDirectoryOf}), a temporary file ({@link #newTempFileNextTo}) renamed over it, and
     * deleted when writing fails.
     *
     * @throws SenseiException when the file cannot be written
     */
    public static void writeChecked(Path file, byte[] bytes) {
        Path target = requireDirectoryOf(file);
        Path temp = newTempFileNextTo(file);
        try {
            Files.write(temp, bytes);
            commit(temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
                released(temp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new SenseiException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes bytes atomically, creating the target's directory first if needed. */
    public static void writeCreatingDirectories(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot write " + target + ": cannot create its directory (" + e.getMessage()
                            + "): check the path and permissions",
                    e);
        }
        write(target, bytes);
    }

    /** Writes {@code target} atomically from what {@code writer} writes to a stream. */
    public static void writeStream(Path target, StreamWriter writer) {
        write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
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
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A step that writes a file. */
    @FunctionalInterface
    public interface IoConsumer {
        void accept(Path file) throws IOException;
    }

    private static Path directoryOf(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(
                    String.valueOf(dir), null, "the output directory does not exist: create it first");
        }
        return dir;
    }

    private static FileAttribute<?> perms(String p) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(p));
    }
}
