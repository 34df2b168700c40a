package org.sensei4j.io.geotiff;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sensei4j.io.geotiff.GeoTiffWriter.Compression;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * Not a test: streams a 10980x10980 class-mask pattern through {@link StreamingGeoTiffWriter} in 512-row chunks
 * and prints the time spent in the writer and the peak heap. Run from the sensei-io test classpath, e.g. with
 * {@code -Xmx64m}: {@code java -cp ... org.sensei4j.io.geotiff.StreamingWriteMemoryProbe OUT.tif bytes|floats
 * [BANDS] [deflate|none|predictor]}. With "floats" the pattern goes through the float path into Byte samples.
 */
public final class StreamingWriteMemoryProbe {

    private StreamingWriteMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean floats = args[1].equals("floats");
        int bands = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String how = args.length > 3 ? args[3] : "deflate";
        int size = 10980;
        int chunkRows = 512;
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        byte[] bytes = floats ? null : new byte[bands * chunkRows * size];
        float[] values = floats ? new float[bands * chunkRows * size] : null;
        long inWriter = 0;
        long t0 = System.nanoTime();
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(
                file,
                size,
                size,
                bands,
                SampleType.UINT8,
                Georeference.northUp(32632, 399960, 5000040, 10, 10),
                255.0,
                how.equals("none") ? Compression.NONE : Compression.DEFLATE,
                how.equals("predictor"))) {
            for (int y = 0; y < size; y += chunkRows) {
                int n = Math.min(chunkRows, size - y);
                for (int b = 0; b < bands; b++) {
                    for (int r = 0; r < n; r++) {
                        for (int c = 0; c < size; c++) {
                            byte v = StreamingGeoTiffWriterTest.maskValue(y + r + 37 * b, c);
                            int at = (b * n + r) * size + c;
                            if (floats) {
                                values[at] = v & 0xFF;
                            } else {
                                bytes[at] = v;
                            }
                        }
                    }
                }
                long s = System.nanoTime();
                if (floats) {
                    w.writeRows(n, n == chunkRows ? values : Arrays.copyOf(values, bands * n * size));
                } else {
                    w.writeRows(n, n == chunkRows ? bytes : Arrays.copyOf(bytes, bands * n * size));
                }
                inWriter += System.nanoTime() - s;
            }
            long s = System.nanoTime();
            w.commit();
            inWriter += System.nanoTime() - s;
        }
        long total = (System.nanoTime() - t0) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                "%dx%d x %d band(s) Byte via %s, %s, chunks of %d rows: %d ms in the writer (%d ms in all, "
                        + "incl. making the pattern), file %.1f MB, heap before %.1f MB, peak heap (sum of pool peaks) "
                        + "%.1f MB, chunk array %.1f MB, max heap %.0f MB%n",
                size,
                size,
                bands,
                floats ? "float rows" : "byte rows",
                how,
                chunkRows,
                inWriter / 1_000_000,
                total,
                Files.size(file) / 1e6,
                before / 1e6,
                peak / 1e6,
                (double) bands * chunkRows * size * (floats ? 4 : 1) / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }
}
