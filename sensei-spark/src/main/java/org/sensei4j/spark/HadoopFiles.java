package org.sensei4j.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Moves scene inputs and masks between the executor's local disk and Hadoop file systems.
 *
 * <p>A location is <em>local</em> when it has no URI scheme ({@code /data/x.tif}, {@code x.tif}); anything with a
 * scheme ({@code hdfs://}, {@code s3a://}, {@code file://}, ...) goes through the Hadoop {@link FileSystem} API.
 * Outputs are published by a two-step commit: the file is first copied to a hidden temporary name
 * ({@code .NAME.<random>.part}) next to the target and then renamed to the target, so only a complete file ever
 * carries the target name; the local writer ({@link org.sensei4j.inference.GeoTiffMaskSink}) uses the same naming.
 * A task killed before the rename leaves only the hidden temporary file, which {@link #removeStaleParts} deletes
 * at the start of the next run. On HDFS the rename is atomic; on object stores (S3A) it is a copy, but the target
 * object still only appears once complete.
 */
public final class HadoopFiles {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private HadoopFiles() {}

    /** True when {@code location} is a plain local path (no URI scheme). */
    public static boolean isLocal(String location) {
        return !SCHEME.matcher(location).matches();
    }

    /** True when the file or folder exists. */
    public static boolean exists(String location, Configuration conf) throws IOException {
        if (isLocal(location)) {
            return Files.exists(Path.of(location));
        }
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        return fileSystem(p, conf).exists(p);
    }

    /**
     * A local path holding {@code location}: the path itself when local, otherwise a copy (file or whole folder)
     * under {@code workDir}.
     */
    public static Path localize(String location, Path workDir, Configuration conf) throws IOException {
        if (isLocal(location)) {
            return Path.of(location);
        }
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(location);
        FileSystem fs = fileSystem(src, conf);
        if (!fs.exists(src)) {
            throw new FileNotFoundException(location + " does not exist");
        }
        Files.createDirectories(workDir);
        Path local = workDir.resolve(src.getName().isEmpty() ? "input" : src.getName());
        fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return local;
    }

    /**
     * Copies the local file {@code file} to {@code target} (a URI) under a hidden temporary name and renames it to
     * the target. When another attempt published the target first, the copy is dropped.
     */
    public static void publish(Path file, String target, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(target);
        FileSystem fs = fileSystem(dst, conf);
        org.apache.hadoop.fs.Path dir = dst.getParent();
        if (dir != null) {
            fs.mkdirs(dir);
        }
        org.apache.hadoop.fs.Path temp =
                new org.apache.hadoop.fs.Path(dir, "." + dst.getName() + "." + UUID.randomUUID() + ".part");
        try {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), temp);
            if (!fs.rename(temp, dst)) {
                if (fs.exists(dst)) {
                    return; // a speculative or retried attempt won; its file is complete too
                }
                throw new IOException("cannot rename " + temp + " to " + dst);
            }
        } finally {
            if (fs.exists(temp)) {
                fs.delete(temp, false);
            }
        }
    }

    /**
     * Deletes the hidden temporary files ({@code .NAME.*.part}) that killed tasks left next to the given targets.
     * Call it on the driver before tasks start; returns the number of files deleted.
     */
    public static int removeStaleParts(Collection<String> targets, Configuration conf) throws IOException {
        Map<String, Set<String>> namesByDir = new HashMap<>();
        for (String t : targets) {
            String dir;
            String name;
            if (isLocal(t)) {
                Path p = Path.of(t).toAbsolutePath();
                dir = p.getParent().toString();
                name = p.getFileName().toString();
            } else {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(t);
                dir = p.getParent() == null ? t : p.getParent().toString();
                name = p.getName();
            }
            namesByDir.computeIfAbsent(dir, k -> new HashSet<>()).add(name);
        }
        int removed = 0;
        for (Map.Entry<String, Set<String>> e : namesByDir.entrySet()) {
            String dir = e.getKey();
            if (isLocal(dir)) {
                Path d = Path.of(dir);
                if (!Files.isDirectory(d)) {
                    continue;
                }
                List<Path> stale = new ArrayList<>();
                try (var s = Files.list(d)) {
                    s.filter(p -> isStalePart(p.getFileName().toString(), e.getValue()))
                            .forEach(stale::add);
                }
                for (Path p : stale) {
                    if (Files.deleteIfExists(p)) {
                        removed++;
                    }
                }
            } else {
                org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dir);
                FileSystem fs = fileSystem(d, conf);
                if (!fs.exists(d)) {
                    continue;
                }
                for (FileStatus st : fs.listStatus(d)) {
                    if (st.isFile()
                            && isStalePart(st.getPath().getName(), e.getValue())
                            && fs.delete(st.getPath(), false)) {
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    /** True for {@code .NAME.<anything>.part} with NAME one of {@code names}. */
    static boolean isStalePart(String fileName, Set<String> names) {
        if (!fileName.startsWith(".") || !fileName.endsWith(".part")) {
            return false;
        }
        for (String n : names) {
            if (fileName.startsWith("." + n + ".") && fileName.length() > n.length() + 7) {
                return true;
            }
        }
        return false;
    }

    /** The file system of {@code p}; for {@code file:} the raw local one (no {@code .crc} side files). */
    static FileSystem fileSystem(org.apache.hadoop.fs.Path p, Configuration conf) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            return local.getRawFileSystem();
        }
        return fs;
    }

    /** The file name part of a local path or URI. */
    static String fileName(String location) {
        if (isLocal(location)) {
            Path f = Path.of(location).getFileName();
            return f == null ? location : f.toString();
        }
        return new org.apache.hadoop.fs.Path(location).getName();
    }
}
