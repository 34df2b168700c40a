package org.sensei4j.io.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;

/**
 * A file behind an {@code http://} or {@code https://} URL, read with HTTP range requests ({@code Range: bytes=a-b})
 * through the JDK's {@link HttpClient}: only the blocks a read touches are fetched.
 *
 * <ul>
 *   <li><b>Blocks and cache</b>: bytes are fetched in aligned blocks of {@link #BLOCK_SIZE} (64 KiB), consecutive
 *       missing blocks of one read in one request (at most {@link #MAX_RUN_BLOCKS} blocks), and kept in an LRU
 *       cache of at most {@link Settings#cacheBytes()} (32 MiB by default).</li>
 *   <li><b>Retries</b>: a 5xx answer, an I/O error, a timeout or a short body is retried with exponential
 *       back-off ({@link Settings#firstBackoff()}, doubled each time) up to {@link Settings#attempts()} attempts
 *       in all; then one error line names the URL and the last problem.</li>
 *   <li><b>4xx</b>: refused at once with one line naming the URL and the status (no retry).</li>
 *   <li><b>Servers that ignore Range</b> (200 with the whole body): the whole body is read into memory when it is at
 *       most {@link Settings#maxWholeBytes()} (64 MiB by default), and served from there; a larger file is refused
 *       (download it and give the local file), before its body is read when the server sends Content-Length.</li>
 * </ul>
 * No credentials are sent; redirects are followed (not from https to http). Thread safe (reads are synchronised).
 */
public final class HttpByteSource implements ByteSource {

    /** Bytes per fetched block. */
    public static final int BLOCK_SIZE = 64 * 1024;
    /** Most blocks fetched in one request. */
    static final int MAX_RUN_BLOCKS = 64;

    /**
     * How remote files are read.
     *
     * @param attempts       requests per block run before giving up (at least 1)
     * @param firstBackoff   the wait before the second attempt; doubled for each further one
     * @param timeout        the time one request (connect, answer and body) may take
     * @param cacheBytes     most bytes of blocks kept
     * @param maxWholeBytes  the largest file read whole from a server that ignores Range
     */
    public record Settings(int attempts, Duration firstBackoff, Duration timeout, long cacheBytes, long maxWholeBytes) {
        public Settings {
            if (attempts < 1 || cacheBytes < BLOCK_SIZE || maxWholeBytes < 0) {
                throw new IllegalArgumentException("attempts " + attempts + ", cache " + cacheBytes + ", whole "
                        + maxWholeBytes + ": give at least 1 attempt and a cache of at least one block");
            }
        }

        /** 4 attempts from 250 ms back-off, 60 s per request, a 32 MiB cache, whole bodies up to 64 MiB. */
        public static Settings defaults() {
            return new Settings(4, Duration.ofMillis(250), Duration.ofSeconds(60), 32L << 20, 64L << 20);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    private final URI uri;
    private final String name;
    private final Settings settings;
    private final LinkedHashMap<Long, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;
    private long size = -1;
    private byte[] whole;
    private long fetched;
    private int requests;

    private HttpByteSource(URI uri, Settings settings) {
        this.uri = uri;
        this.name = uri.toString();
        this.settings = settings;
    }

    /** Opens a URL with the default settings: fetches its first block (and so learns its size). */
    public static HttpByteSource open(String url) {
        return open(url, Settings.defaults());
    }

    /**
     * Opens a URL: fetches its first block (and so learns its size).
     *
     * @throws SenseiException for a malformed URL, an HTTP error, a server that cannot be reached after the
     *                         retries, or a server that ignores Range for a file over the limit
     */
    public static HttpByteSource open(String url, Settings settings) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new SenseiException(
                    "'" + url + "' is not a valid URL (" + e.getMessage() + "): give" + " https://host/path/file.tif",
                    e);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SenseiException("URL " + url + " has no host: give https://host/path/file.tif");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new SenseiException(
                    "URL " + url + " is not http(s): give an http:// or https:// URL or a local file");
        }
        HttpByteSource s = new HttpByteSource(uri, settings);
        synchronized (s) {
            s.fetch(0, BLOCK_SIZE, true);
        }
        return s;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    /** HTTP requests sent so far (retries included). */
    public synchronized int requests() {
        return requests;
    }

    /** Whether the server ignored Range and the whole file is held in memory. */
    public synchronized boolean readWhole() {
        return whole != null;
    }

    /** Bytes held in the block cache now. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    @Override
    public synchronized long bytesFetched() {
        return fetched;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        if (position >= size) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int want = (int) Math.min(dst.remaining(), size - position);
        if (whole != null) {
            dst.put(whole, (int) position, want);
            return want;
        }
        long end = position + want;
        long pos = position;
        while (pos < end) {
            long blockIndex = pos / BLOCK_SIZE;
            byte[] block = cache.get(blockIndex);
            if (block == null) {
                // a run of missing blocks up to the end of this read, fetched in one request
                long last = blockIndex;
                long lastNeeded = (end - 1) / BLOCK_SIZE;
                while (last + 1 <= lastNeeded
                        && last + 1 - blockIndex < MAX_RUN_BLOCKS
                        && !cache.containsKey(last + 1)) {
                    last++;
                }
                long from = blockIndex * BLOCK_SIZE;
                long to = Math.min(size, (last + 1) * BLOCK_SIZE);
                byte[] run = fetch(from, to, false);
                if (whole != null) { // the server ignored Range this time: the whole file is here now
                    int rest = (int) (end - pos);
                    dst.put(whole, (int) pos, rest);
                    return want;
                }
                int at = (int) (pos - from);
                int n = (int) Math.min(end, to) - (int) pos;
                dst.put(run, at, n);
                pos += n;
                for (long b = blockIndex; b <= last; b++) {
                    int off = (int) ((b - blockIndex) * BLOCK_SIZE);
                    int len = Math.min(BLOCK_SIZE, run.length - off);
                    byte[] copy = new byte[len];
                    System.arraycopy(run, off, copy, 0, len);
                    remember(b, copy);
                }
                continue;
            }
            int at = (int) (pos - blockIndex * BLOCK_SIZE);
            int n = (int) Math.min(block.length - at, end - pos);
            dst.put(block, at, n);
            pos += n;
        }
        return want;
    }

    private void remember(long index, byte[] block) {
        byte[] before = cache.put(index, block);
        if (before != null) {
            cachedBytes -= before.length;
        }
        cachedBytes += block.length;
        var it = cache.entrySet().iterator();
        while (cachedBytes > settings.cacheBytes() && it.hasNext()) {
            Map.Entry<Long, byte[]> e = it.next();
            if (e.getKey() == index) {
                continue;
            }
            cachedBytes -= e.getValue().length;
            it.remove();
        }
    }

    /**
     * Fetches bytes [from, to) (for the first request, to is a guess: the size is not known yet) with retries.
     * The first request sets {@link #size}; a 200 answer sets {@link #whole}.
     */
    private byte[] fetch(long from, long to, boolean first) {
        String last = null;
        long wait = settings.firstBackoff().toMillis();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                sleep(wait);
                wait *= 2;
            }
            try {
                byte[] b = request(from, to, first);
                if (b != null) {
                    return b;
                }
                last = "a short answer";
            } catch (Retry r) {
                last = r.getMessage();
            } catch (IOException e) {
                last = (e instanceof HttpTimeoutException
                        ? "timed out"
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
        throw new SenseiException("cannot read " + name + ": " + last + " (" + settings.attempts() + " attempt"
                + (settings.attempts() == 1 ? "" : "s") + "): check the URL and the connection, or download the file"
                + " and give the local path");
    }

    /** A failure worth retrying (5xx). */
    private static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;

        Retry(String message) {
            super(message, null, false, false);
        }
    }

    /** One request: the bytes, or null for a short body (retried). */
    private byte[] request(long from, long to, boolean first) throws IOException, Retry {
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Range", "bytes=" + from + "-" + (to - 1))
                .header("User-Agent", "sensei4j")
                .GET()
                .build();
        HttpResponse<InputStream> res;
        requests++;
        try {
            res = CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SenseiException("reading " + name + " was interrupted", e);
        }
        int status = res.statusCode();
        try (InputStream body = res.body()) {
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(
                        res.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != from) {
                    throw new SenseiException("cannot read " + name + ": the server answered the range request for"
                            + " bytes " + from + "-" + (to - 1) + " with Content-Range '"
                            + res.headers().firstValue("Content-Range").orElse("") + "': download the file and give"
                            + " the local path");
                }
                long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                if (first) {
                    if (total < 0) {
                        throw new SenseiException("cannot read " + name + ": the server does not say the file's size"
                                + " (Content-Range '" + m.group() + "'): download the file and give the local path");
                    }
                    size = total;
                    to = Math.min(to, size);
                }
                long expected = Math.min(to, size) - from;
                byte[] b = body.readNBytes((int) expected);
                fetched += b.length;
                if (b.length < expected) {
                    return null;
                }
                if (first) {
                    for (long i = 0; i * BLOCK_SIZE < b.length; i++) {
                        int off = (int) (i * BLOCK_SIZE);
                        byte[] copy = new byte[Math.min(BLOCK_SIZE, b.length - off)];
                        System.arraycopy(b, off, copy, 0, copy.length);
                        remember(i, copy);
                    }
                }
                return b;
            }
            if (status == 200) {
                // the server ignored Range: the body is the whole file
                OptionalLong length = res.headers().firstValueAsLong("Content-Length");
                if (length.isPresent() && length.getAsLong() > settings.maxWholeBytes()) {
                    throw tooBig(length.getAsLong() + " bytes");
                }
                byte[] b = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxWholeBytes() + 1));
                fetched += b.length;
                if (b.length > settings.maxWholeBytes()) {
                    throw tooBig("more than " + settings.maxWholeBytes() + " bytes");
                }
                if (length.isPresent() && b.length < length.getAsLong()) {
                    return null;
                }
                if (!first && b.length != size) {
                    throw new SenseiException("cannot read " + name + ": the file changed on the server while it was"
                            + " read (" + size + " bytes, now " + b.length + "): try again");
                }
                whole = b;
                size = b.length;
                cache.clear();
                cachedBytes = 0;
                return b;
            }
            if (status == 416 && first) {
                size = 0;
                whole = new byte[0];
                return whole;
            }
            if (status >= 500) {
                throw new Retry("HTTP " + status);
            }
            throw new SenseiException("cannot read " + name + ": HTTP " + status + " (" + reason(status) + "): "
                    + (status == 401 || status == 403
                            ? "the file must be readable without credentials (sensei sends"
                                    + " none); download it and give the local path"
                            : status == 404 || status == 410
                                    ? "check the URL"
                                    : "check the URL, or download the file" + " and give the local path"));
        }
    }

    private SenseiException tooBig(String what) {
        return new SenseiException("cannot read " + name + ": the server ignores HTTP range requests (it sent the"
                + " whole file, " + what + ") and the file is larger than the " + bytes(settings.maxWholeBytes())
                + " read whole into memory: download it (e.g. curl -O " + name + ") and give the local file");
    }

    private static String bytes(long n) {
        return n % (1 << 20) == 0 ? (n >> 20) + " MiB" : n + " bytes";
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "unauthorised";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 410 -> "gone";
            case 416 -> "range not satisfiable";
            case 429 -> "too many requests";
            default -> status >= 300 && status < 400 ? "a redirect that was not followed" : "client error";
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SenseiException("interrupted while waiting to retry", e);
        }
    }

    @Override
    public synchronized void close() {
        cache.clear();
        cachedBytes = 0;
        whole = null;
    }

    @Override
    public String toString() {
        return "HttpByteSource[" + name + ", " + size + " bytes]";
    }
}
