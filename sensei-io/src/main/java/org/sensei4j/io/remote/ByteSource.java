package org.sensei4j.io.remote;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Random access to the bytes of a file, local ({@link FileByteSource}) or behind an {@code http(s)://} URL
 * ({@link HttpByteSource}): what the GeoTIFF reader reads headers, directories and blocks through.
 */
public interface ByteSource extends Closeable {

    /** The path or URL, for messages. */
    String name();

    /** The size in bytes. */
    long size() throws IOException;

    /**
     * Reads bytes from {@code position} into {@code dst} until it is full or the source ends.
     *
     * @return the number of bytes read, or -1 when {@code position} is at or past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Bytes fetched from the file or the server so far (to check that reads stay small). */
    long bytesFetched();

    @Override
    void close() throws IOException;

    /** Whether {@code location} is an {@code http://} or {@code https://} URL. */
    static boolean isUrl(String location) {
        String l = location == null ? "" : location.trim().toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /** The file name at the end of a path or URL (without query), e.g. "scene.tif". */
    static String fileName(String location) {
        if (isUrl(location)) {
            String p;
            try {
                p = URI.create(location.trim()).getPath();
            } catch (IllegalArgumentException e) {
                return location; // HttpByteSource.open refuses it with the reason
            }
            if (p == null || p.isEmpty() || p.endsWith("/")) {
                return location;
            }
            return p.substring(p.lastIndexOf('/') + 1);
        }
        Path f = Path.of(location).getFileName();
        return f == null ? location : f.toString();
    }
}
