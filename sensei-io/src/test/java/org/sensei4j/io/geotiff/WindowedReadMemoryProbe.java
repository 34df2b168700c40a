package org.sensei4j.io.geotiff;

import java.io.File;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import mil.nga.tiff.ImageWindow;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffReader;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;

/**
 * Not a test: measures the peak heap of reading one window of a large tiled GeoTIFF, with this project's
 * {@link GeoTiffReader} and with mil.nga's whole-file {@code TiffReader.readTiff(File)}. Run from the
 * sensei-io test classpath:
 * {@code java -cp ... org.sensei4j.io.geotiff.WindowedReadMemoryProbe FILE X Y SIZE (ours|nga)}.
 */
public final class WindowedReadMemoryProbe {

    private WindowedReadMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int x = Integer.parseInt(args[1]);
        int y = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        String how = args[4];
        System.gc();
        long before = heapUsed();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        float first;
        long bytesRead = -1;
        if (how.equals("ours")) {
            try (GeoTiffReader r = GeoTiffReader.open(file)) {
                FloatRaster w = r.read(new PixelWindow(x, y, size, size), 0);
                first = w.data()[0];
                bytesRead = r.bytesRead();
            }
        } else {
            TIFFImage image = TiffReader.readTiff(new File(file.toString()));
            Rasters w = image.getFileDirectory().readRasters(new ImageWindow(x, y, x + size, y + size), new int[] {0});
            first = w.getPixelSample(0, 0, 0).floatValue();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        long direct = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                direct = b.getMemoryUsed();
            }
        }
        System.out.printf(
                "%s: file %d MB, window %dx%d at (%d,%d): first value %.0f, %d ms, heap before %.1f MB, "
                        + "peak heap (sum of pool peaks) %.1f MB, direct buffers %.1f MB, bytes read from file %s%n",
                how,
                Files.size(file) >> 20,
                size,
                size,
                x,
                y,
                first,
                ms,
                before / 1e6,
                peak / 1e6,
                direct / 1e6,
                bytesRead < 0 ? "whole file" : String.valueOf(bytesRead));
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
