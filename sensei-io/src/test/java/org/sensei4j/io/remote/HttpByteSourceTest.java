package org.sensei4j.io.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

/** Range requests, the block cache, retries and refusals against a local server. */
class HttpByteSourceTest {

    static final int SIZE = 1_000_003;
    static final HttpByteSource.Settings FAST =
            new HttpByteSource.Settings(4, Duration.ofMillis(1), Duration.ofSeconds(20), 32L << 20, 64L << 20);

    RangeServer server;
    byte[] file;
    String url;

    @BeforeEach
    void start() throws Exception {
        server = new RangeServer();
        file = new byte[SIZE];
        new Random(7).nextBytes(file);
        url = server.put("data/file.bin", file);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] read(ByteSource s, long pos, int len) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(len);
        int n = s.read(b, pos);
        return Arrays.copyOf(b.array(), Math.max(n, 0));
    }

    /** Seeded random reads: the same bytes as the array, at every position, of every length. */
    private void randomReadsMatch(ByteSource s, int reads) throws Exception {
        Random rnd = new Random(11);
        for (int i = 0; i < reads; i++) {
            long pos = rnd.nextInt(SIZE);
            int len = 1 + rnd.nextInt(i % 5 == 0 ? 300_000 : 5000);
            byte[] got = read(s, pos, len);
            int expected = (int) Math.min(len, SIZE - pos);
            assertThat(got)
                    .as("read %d at %d", len, pos)
                    .hasSize(expected)
                    .isEqualTo(Arrays.copyOfRange(file, (int) pos, (int) pos + expected));
        }
        assertThat(s.read(ByteBuffer.allocate(4), SIZE)).isEqualTo(-1);
    }

    @Test
    void rangeReadsReturnTheFileBytesAndFetchOnlyTheBlocksTouched() throws Exception {
        try (HttpByteSource s = HttpByteSource.open(url, FAST)) {
            assertThat(s.size()).isEqualTo(SIZE);
            assertThat(server.requests()).isEqualTo(1);
            assertThat(server.bytesServed()).isEqualTo(HttpByteSource.BLOCK_SIZE);
            // a few bytes in the middle: one more block
            assertThat(read(s, 500_000, 10)).isEqualTo(Arrays.copyOfRange(file, 500_000, 500_010));
            assertThat(server.bytesServed()).isEqualTo(2L * HttpByteSource.BLOCK_SIZE);
            // again: from the cache
            assertThat(read(s, 500_001, 10)).isEqualTo(Arrays.copyOfRange(file, 500_001, 500_011));
            assertThat(server.requests()).isEqualTo(2);
            // the last, short block
            assertThat(read(s, SIZE - 3, 10)).isEqualTo(Arrays.copyOfRange(file, SIZE - 3, SIZE));
            randomReadsMatch(s, 200);
            assertThat(s.bytesFetched()).isEqualTo(server.bytesServed());
            assertThat(s.readWhole()).isFalse();
        }
    }

    @Test
    void theBlockCacheIsBoundedLeastRecentlyUsedFirst() throws Exception {
        HttpByteSource.Settings small = new HttpByteSource.Settings(
                2, Duration.ofMillis(1), Duration.ofSeconds(20), 4L * HttpByteSource.BLOCK_SIZE, 1L << 20);
        try (HttpByteSource s = HttpByteSource.open(url, small)) {
            for (int pass = 0; pass < 2; pass++) {
                for (long pos = 0; pos < SIZE; pos += 10_000) {
                    read(s, pos, 10_000);
                    assertThat(s.cachedBytes()).isLessThanOrEqualTo(4L * HttpByteSource.BLOCK_SIZE);
                }
            }
            // 16 blocks, cache of 4: the second pass fetched everything again
            assertThat(server.bytesServed()).isEqualTo(2L * SIZE);
            randomReadsMatch(s, 50);
        }
    }

    @Test
    void a503EveryThirdRequestIsRetriedAndReadsTheSameBytes() throws Exception {
        server.failEvery(3);
        try (HttpByteSource s = HttpByteSource.open(url, FAST)) {
            randomReadsMatch(s, 100);
            assertThat(server.requests()).isGreaterThan(3);
        }
    }

    @Test
    void aServerThatAlwaysFailsIsGivenUpAfterTheAttemptsInOneLine() {
        server.failEvery(1);
        assertThatThrownBy(() -> HttpByteSource.open(url, FAST))
                .isInstanceOf(SenseiException.class)
                .hasMessage("cannot read " + url + ": HTTP 503 (4 attempts): check the URL and the connection, or"
                        + " download the file and give the local path");
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void a404IsRefusedAtOnceNamingTheUrlAndTheStatus() {
        String missing = server.url("nope.tif");
        assertThatThrownBy(() -> HttpByteSource.open(missing, FAST))
                .isInstanceOf(SenseiException.class)
                .hasMessage("cannot read " + missing + ": HTTP 404 (not found): check the URL");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aServerThatIgnoresRangeIsReadWholeUpToTheLimit() throws Exception {
        server.mode(RangeServer.Mode.IGNORE_RANGE);
        try (HttpByteSource s = HttpByteSource.open(url, FAST)) {
            assertThat(s.readWhole()).isTrue();
            assertThat(s.size()).isEqualTo(SIZE);
            randomReadsMatch(s, 100);
            assertThat(server.requests()).isEqualTo(1);
        }
        HttpByteSource.Settings limited =
                new HttpByteSource.Settings(4, Duration.ofMillis(1), Duration.ofSeconds(20), 32L << 20, 512L << 10);
        assertThatThrownBy(() -> HttpByteSource.open(url, limited))
                .isInstanceOf(SenseiException.class)
                .hasMessage("cannot read " + url + ": the server ignores HTTP range requests (it sent the whole file, "
                        + SIZE
                        + " bytes) and the file is larger than the 524288 bytes read whole into memory: download it"
                        + " (e.g. curl -O " + url + ") and give the local file");
    }

    @Test
    void anUnreachableServerIsRetriedThenRefused() throws Exception {
        String dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = "http://127.0.0.1:" + socket.getLocalPort() + "/x.tif";
        }
        assertThatThrownBy(() -> HttpByteSource.open(dead, FAST))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("cannot read " + dead + ": ")
                .hasMessageEndingWith(" (4 attempts): check the URL and the connection, or download the file and give"
                        + " the local path");
    }
}
