package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.Objects;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.sensor.Band;

/**
 * Where one band of a scene is stored: a file (or an {@code http(s)://} URL) and the band within it (numbered
 * from 0).
 *
 * @param band     the band's description
 * @param file     the GeoTIFF holding it, or null when it is a URL
 * @param fileBand index of the band in the file, from 0
 * @param url      the {@code http(s)://} URL of the GeoTIFF holding it, or null when it is a local file
 */
public record BandFile(Band band, Path file, int fileBand, String url) {

    public BandFile {
        Objects.requireNonNull(band, "band");
        if ((file == null) == (url == null)) {
            throw new IllegalArgumentException("give a file or a URL for band " + band.id() + ", not both or neither");
        }
        if (url != null && !ByteSource.isUrl(url)) {
            throw new IllegalArgumentException(url + " is not an http(s) URL");
        }
        if (fileBand < 0) {
            throw new IllegalArgumentException("band index " + fileBand + " is negative: bands are numbered from 0");
        }
    }

    /** A band in a local file. */
    public BandFile(Band band, Path file, int fileBand) {
        this(band, Objects.requireNonNull(file, "file"), fileBand, null);
    }

    /** A band in a GeoTIFF behind an {@code http(s)://} URL. */
    public static BandFile remote(Band band, String url, int fileBand) {
        return new BandFile(band, null, fileBand, url);
    }

    /** The file's path or the URL. */
    public String location() {
        return url != null ? url : file.toString();
    }

    /** The file name at the end of the path or URL. */
    public String fileName() {
        return url != null ? ByteSource.fileName(url) : String.valueOf(file.getFileName());
    }

    /** Whether the band is read over HTTP(S). */
    public boolean isRemote() {
        return url != null;
    }
}
