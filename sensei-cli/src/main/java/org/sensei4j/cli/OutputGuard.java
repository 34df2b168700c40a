package org.sensei4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sensei4j.file.UserPaths;
import org.sensei4j.io.product.ProductReaders;

/**
 * The paths a command reads and writes, checked before any work ({@link UserPaths#checkOutputs}): every output
 * writable, none an input, none the same as another.
 */
final class OutputGuard {

    private final List<Path> inputs = new ArrayList<>();
    private final Map<String, Path> outputs = new LinkedHashMap<>();

    /** A file or folder read as it is (null is skipped). */
    OutputGuard input(Path p) {
        if (p != null) {
            inputs.add(p);
        }
        return this;
    }

    /** Files or folders read (null is skipped). */
    OutputGuard inputs(List<Path> ps) {
        if (ps != null) {
            ps.forEach(this::input);
        }
        return this;
    }

    /**
     * A product input: the path itself and, for a file that describes a product whose bands lie next to it (a
     * STAC item, a Landsat MTL, a Sentinel-2 MTD XML, a VRT), its folder as well, and a VRT's source files.
     */
    OutputGuard product(Path p) {
        if (p == null) {
            return this;
        }
        input(p);
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(p) && !name.endsWith(".tif") && !name.endsWith(".tiff") && !name.endsWith(".npy")) {
            input(p.toAbsolutePath().getParent());
        }
        if (name.endsWith(".vrt") && Files.isRegularFile(p)) {
            inputs(ProductReaders.vrtSources(p)); // its GeoTIFFs may lie anywhere
        }
        return this;
    }

    /** A file given as a path or an {@code http(s)://} URL: the path as {@link #input(Path)}; a URL is skipped. */
    OutputGuard inputLocation(String location) {
        return input(local(location));
    }

    /** A product given as a path or an {@code http(s)://} URL: the path as {@link #product(Path)}; a URL is skipped. */
    OutputGuard productLocation(String location) {
        return product(local(location));
    }

    /** The path {@code location} names, or null for null or an {@code http(s)://} URL (nothing to overwrite). */
    static Path local(String location) {
        return location == null || ProductReaders.isRemote(location) ? null : Path.of(location);
    }

    /** An output, named by its option for messages (null is skipped). */
    OutputGuard output(String option, Path p) {
        if (p != null) {
            outputs.put(option, p);
        }
        return this;
    }

    /** Checks every output against the inputs and the other outputs; throws SenseiException. */
    void check() {
        UserPaths.checkOutputs(inputs, outputs);
    }
}
