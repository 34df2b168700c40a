package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Garbage-collection stress for training tests: a background thread that collects garbage and reallocates small
 * direct buffers filled with NaN, over and over, so that any array whose Java buffer was freed while autograd still
 * needed it is overwritten before backward reads it. Also compares two runs' checkpoints.
 */
public final class GcStress implements AutoCloseable {

    private final Thread thread;
    private volatile boolean stop;
    private volatile long collections;

    private GcStress() {
        thread = new Thread(this::loop, "gc-stress");
        thread.setDaemon(true);
    }

    /** Starts the stress thread; {@link #close()} stops it. */
    public static GcStress start() {
        GcStress s = new GcStress();
        s.thread.start();
        return s;
    }

    private void loop() {
        List<ByteBuffer> keep = new ArrayList<>();
        while (!stop) {
            System.gc();
            collections++;
            keep.clear();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 + (i % 8) * 4).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(Float.NaN);
                }
                keep.add(b);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Garbage collections requested so far. */
    public long collections() {
        return collections;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }

    /** A training run writing its output into a folder. */
    public interface RunInto {
        void run(Path outputDir) throws Exception;
    }

    /**
     * Runs {@code run} into {@code tmp/plain}, then under GC stress into {@code tmp/stressed}, and asserts that
     * collections ran during the stressed run and that both runs left identical checkpoints in their
     * {@code checkpoints} folder.
     */
    public static void assertRunsIdentical(Path tmp, String checkpoints, RunInto run) throws Exception {
        run.run(tmp.resolve("plain"));
        long collections;
        try (GcStress gc = start()) {
            run.run(tmp.resolve("stressed"));
            collections = gc.collections();
        }
        assertThat(collections)
                .as("garbage collections during the stressed run")
                .isGreaterThan(4);
        assertIdenticalCheckpoints(
                tmp.resolve("plain").resolve(checkpoints),
                tmp.resolve("stressed").resolve(checkpoints));
    }

    /**
     * Asserts that two runs' checkpoint directories hold the same epochs with byte-identical blobs (parameters,
     * optimizer state) and the same {@code state.json} apart from wall-clock fields and the output folder.
     */
    public static void assertIdenticalCheckpoints(Path a, Path b) throws IOException {
        List<String> epochsA = list(a);
        assertThat(epochsA).as("checkpoints in %s", a).isNotEmpty();
        assertThat(list(b)).isEqualTo(epochsA);
        for (String epoch : epochsA) {
            List<String> files = list(a.resolve(epoch));
            assertThat(list(b.resolve(epoch))).isEqualTo(files);
            for (String f : files) {
                Path fa = a.resolve(epoch).resolve(f);
                Path fb = b.resolve(epoch).resolve(f);
                if (f.equals(Checkpoints.STATE_JSON)) {
                    assertThat(withoutClock(fb)).as("%s/%s", epoch, f).isEqualTo(withoutClock(fa));
                } else {
                    assertThat(Files.readAllBytes(fb)).as("%s/%s", epoch, f).isEqualTo(Files.readAllBytes(fa));
                }
            }
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The state without wall-clock fields and the output folder (they differ between identical runs). */
    private static JsonNode withoutClock(Path stateJson) throws IOException {
        JsonNode n = new ObjectMapper().readTree(stateJson.toFile());
        strip(n);
        return n;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.contains("second") || k.contains("time") || k.contains("created") || k.equals("output_dir")) {
                    it.remove();
                } else {
                    strip(o.get(k));
                }
            }
        } else if (n.isArray()) {
            n.forEach(GcStress::strip);
        }
    }
}
