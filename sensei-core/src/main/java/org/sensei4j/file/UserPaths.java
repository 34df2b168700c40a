package org.sensei4j.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sensei4j.error.SenseiException;

/**
 * Checks on the paths a user gives, made before any work: inputs must be regular files (a FIFO or a device would
 * block or never end), and every output must be writable and differ from every input and from the other outputs
 * (compared as real paths, after links), so that no command can overwrite what it reads.
 */
public final class UserPaths {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private UserPaths() {}

    /**
     * Refuses a path that is missing or is not a regular file (after links): a directory, a FIFO, a device or a
     * socket.
     *
     * @param what what the file is, for the message ("evaluation JSON", "sensor file", ...)
     */
    public static void requireRegularFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new SenseiException(what + " not found: " + file + ": check the path");
        }
        if (Files.isDirectory(file)) {
            throw new SenseiException(what + " " + file + " is a directory: give a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new SenseiException(
                    what + " " + file + " is not a regular file (a FIFO, device or socket): give a" + " regular file");
        }
    }

    /** Refuses an existing path that is neither a regular file nor a directory (a FIFO, a device, a socket). */
    public static void requireFileOrDirectory(Path path, String what) {
        if (Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw new SenseiException(what + " " + path + " is not a regular file or folder (a FIFO, device or"
                    + " socket): give a regular file");
        }
    }

    /**
     * Checks outputs before any work: each output's directory exists and is writable, an existing output is a
     * writable regular file, no output is an input (or, for an input folder, an existing file inside it), and no
     * two outputs are the same file.
     *
     * @param inputs  input files or folders (null entries are skipped); a folder protects every file under it
     * @param outputs option name (e.g. "-o", "--uncertainty") to output path; null paths are skipped
     * @throws SenseiException naming the paths and the fix
     */
    public static void checkOutputs(List<Path> inputs, Map<String, Path> outputs) {
        List<Map.Entry<String, Path>> outs = new ArrayList<>();
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
            if (e.getValue() != null) {
                outs.add(e);
                checkWritable(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Path> o : outs) {
            Path out = real(o.getValue());
            for (Path in : inputs) {
                if (in == null || !Files.exists(in)) {
                    continue;
                }
                Path rin = real(in);
                if (out.equals(rin) || sameFile(o.getValue(), in)) {
                    throw new SenseiException("output " + o.getValue() + " (" + o.getKey() + ") is the input " + in
                            + ": writing it would destroy the input; choose another output path");
                }
                if (Files.isDirectory(rin) && out.startsWith(rin) && Files.exists(o.getValue())) {
                    throw new SenseiException("output " + o.getValue() + " (" + o.getKey() + ") is a file of the input"
                            + " folder " + in
                            + ": writing it would overwrite an input; choose a path outside the folder"
                            + " or a new file name");
                }
            }
        }
        for (int i = 0; i < outs.size(); i++) {
            for (int j = i + 1; j < outs.size(); j++) {
                Path a = outs.get(i).getValue();
                Path b = outs.get(j).getValue();
                if (real(a).equals(real(b)) || sameFile(a, b)) {
                    throw new SenseiException(outs.get(i).getKey() + " " + a + " and "
                            + outs.get(j).getKey() + " " + b + " are the same file: give each output its own path");
                }
            }
        }
    }

    /** Refuses an output that cannot be written: no or read-only directory, a directory or read-only file there. */
    public static void checkWritable(String option, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new SenseiException("cannot write " + file + " (" + option + "): directory " + dir
                    + " does not exist: create it first");
        }
        if (!writable(dir)) {
            throw new SenseiException("cannot write " + file + " (" + option + "): directory " + dir
                    + " is not writable: choose another directory or fix its permissions");
        }
        if (Files.isDirectory(file)) {
            throw new SenseiException(
                    "cannot write " + file + " (" + option + "): it is a directory: give a file name");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new SenseiException("cannot write " + file + " (" + option + "): it is not a regular file (a FIFO,"
                    + " device or socket): give another path");
        }
        if (Files.isRegularFile(file) && !writable(file)) {
            throw new SenseiException("cannot write " + file + " (" + option + "): the file is read-only: make it"
                    + " writable (chmod u+w) or choose another path");
        }
    }

    /** The real path: of the file itself when it exists (links resolved), else of its directory plus its name. */
    public static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
            Path parent = abs.getParent();
            if (parent != null && Files.exists(parent)) {
                return parent.toRealPath().resolve(abs.getFileName());
            }
        } catch (IOException e) {
            // fall back to the normalised absolute path
        }
        return abs;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writable for us: the owner's write bit on POSIX (root ignores it, but a read-only file is a user's choice). */
    private static boolean writable(Path p) {
        if (!Files.isWritable(p)) {
            return false;
        }
        if (POSIX) {
            try {
                return Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_WRITE);
            } catch (IOException | UnsupportedOperationException e) {
                return true;
            }
        }
        return true;
    }
}
