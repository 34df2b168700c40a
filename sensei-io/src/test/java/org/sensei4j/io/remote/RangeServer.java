package org.sensei4j.io.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test HTTP server on 127.0.0.1 with a hand-written Range handler: serves byte arrays by path, answers
 * {@code Range: bytes=a-b} with 206, unknown paths with 404; can ignore Range (200 with the whole body) or fail
 * every n-th request with 503. Counts requests and body bytes served.
 */
public final class RangeServer implements AutoCloseable {

    /** How the server answers. */
    public enum Mode {
        RANGE,
        IGNORE_RANGE
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private volatile Mode mode = Mode.RANGE;
    private volatile int failEvery;

    public RangeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    /** Serves {@code bytes} at {@code /name}; returns its URL. */
    public String put(String name, byte[] bytes) {
        files.put("/" + name, bytes);
        return url(name);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    public RangeServer mode(Mode m) {
        mode = m;
        return this;
    }

    /** Answers every n-th request (counting from the first) with 503; 0 for never. */
    public RangeServer failEvery(int n) {
        failEvery = n;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public long bytesServed() {
        return served.get();
    }

    public void reset() {
        requests.set(0);
        served.set(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            int n = requests.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            if (failEvery > 0 && n % failEvery == 0) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            byte[] file = files.get(ex.getRequestURI().getPath());
            if (file == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String range = ex.getRequestHeaders().getFirst("Range");
            if (mode == Mode.IGNORE_RANGE || range == null) {
                send(ex, 200, file, 0, file.length);
                return;
            }
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches()) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            long from = Long.parseLong(m.group(1));
            long to = m.group(2).isEmpty() ? file.length - 1 : Math.min(Long.parseLong(m.group(2)), file.length - 1);
            if (from >= file.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + file.length);
                ex.sendResponseHeaders(416, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + file.length);
            send(ex, 206, file, (int) from, (int) (to - from + 1));
        }
    }

    private void send(HttpExchange ex, int status, byte[] file, int from, int length) throws IOException {
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            // counted before the body is sent: a client that has read the body must see it counted (counting
            // after the write raced with the client's assertions on a loaded machine: 0 bytes served, once in CI)
            served.addAndGet(length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(file, from, length);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
