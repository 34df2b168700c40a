package org.sensei4j.io.product;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sensei4j.io.remote.ByteSource;

/**
 * An input as the {@link SceneProvider}s see it (the role of Apache SIS's {@code StorageConnector}): a local path or
 * an {@code http(s)://} URL, with what probing needs (its kind, its lower-case name, whether it starts with the TIFF
 * signature) worked out once.
 */
public final class ProductInput {

    private final Path path;
    private final String url;
    private Boolean tiffSignature;

    private ProductInput(Path path, String url) {
        this.path = path;
        this.url = url;
    }

    /** A local file or folder. */
    public static ProductInput local(Path path) {
        return new ProductInput(Objects.requireNonNull(path, "path"), null);
    }

    /** An {@code http(s)://} URL. */
    public static ProductInput remote(String url) {
        if (!ByteSource.isUrl(url)) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        return new ProductInput(null, url);
    }

    /** The local path; empty for a URL. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The URL; empty for a local path. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** Whether the input is an {@code http(s)://} URL. */
    public boolean isRemote() {
        return url != null;
    }

    /** Whether the input is a local folder. */
    public boolean isDirectory() {
        return path != null && Files.isDirectory(path);
    }

    /** Whether the input is a local file (not a folder). */
    public boolean isFile() {
        return path != null && !Files.isDirectory(path);
    }

    /** The file name (of the path, or the URL's last segment), lower case; "" when there is none. */
    public String lowerName() {
        return url != null ? ByteSource.fileName(url).toLowerCase(Locale.ROOT) : ProductNames.lowerName(path);
    }

    /** Whether a local file starts with the TIFF (or BigTIFF) signature; read once. */
    public boolean hasTiffSignature() {
        if (tiffSignature == null) {
            tiffSignature = isFile() && signature(path);
        }
        return tiffSignature;
    }

    private static boolean signature(Path p) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(p)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        boolean little = head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0;
        boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return little || big;
    }

    @Override
    public String toString() {
        return url != null ? url : path.toString();
    }
}
