package org.sensei4j.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.sensei4j.error.SenseiException;

/**
 * Reads NumPy .npz archives ({@code numpy.savez} and {@code numpy.savez_compressed}): a zip file of .npy
 * members, stored or deflated. Arrays are named by their member name without ".npy".
 */
public final class NpzFile {

    private NpzFile() {}

    /**
     * Reads every array, in archive order.
     *
     * @throws SenseiException when the file is missing, not a zip archive, or holds a bad .npy member
     */
    public static Map<String, NpyArray> read(Path file) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                out.put(arrayName(e), readEntry(zip, e, file));
            }
        } catch (IOException e) {
            throw new SenseiException("cannot read .npz file " + file + ": " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The names of the arrays in the archive, without reading them. */
    public static List<String> names(Path file) {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = open(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory()) {
                    names.add(arrayName(e));
                }
            }
        } catch (IOException e) {
            throw new SenseiException("cannot read .npz file " + file + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** Reads one array by name ("img" reads member "img.npy"). */
    public static NpyArray read(Path file, String name) {
        try (ZipFile zip = open(file)) {
            ZipEntry e = zip.getEntry(name.endsWith(".npy") ? name : name + ".npy");
            if (e == null) {
                e = zip.getEntry(name);
            }
            if (e == null) {
                List<String> names = new ArrayList<>();
                zip.stream().filter(z -> !z.isDirectory()).forEach(z -> names.add(arrayName(z)));
                throw new SenseiException("array '" + name + "' not found in " + file + ": it holds " + names);
            }
            return readEntry(zip, e, file);
        } catch (IOException e) {
            throw new SenseiException("cannot read .npz file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path file) {
        if (!Files.exists(file)) {
            throw new SenseiException("file not found: " + file);
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new SenseiException(
                    "cannot read .npz file " + file + ": not a zip archive, or truncated (" + e.getMessage()
                            + "); a .npz is written by numpy.savez; for a single array use .npy",
                    e);
        } catch (IOException e) {
            throw new SenseiException("cannot read .npz file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String arrayName(ZipEntry e) {
        String n = e.getName();
        return n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
    }

    private static NpyArray readEntry(ZipFile zip, ZipEntry e, Path file) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return NpyFile.read(in, file + "!" + e.getName());
        } catch (ZipException ex) {
            throw new SenseiException(
                    "cannot read .npz file " + file + ": member " + e.getName() + " is corrupt (" + ex.getMessage()
                            + ")",
                    ex);
        }
    }
}
