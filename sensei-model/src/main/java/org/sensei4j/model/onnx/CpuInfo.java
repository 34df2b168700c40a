package org.sensei4j.model.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fields of Linux's {@code /proc/cpuinfo}: what the CPU is and can do (int8 kernels, benchmark lines). */
public final class CpuInfo {

    /** Where Linux describes the CPUs. */
    public static final Path PROC = Path.of("/proc/cpuinfo");

    private CpuInfo() {}

    /**
     * The first non-empty value of the lines starting with {@code key} (e.g. "flags", "model name") in a
     * {@code /proc/cpuinfo}-style file, trimmed; null where there is none or the file cannot be read (not Linux).
     */
    public static String field(Path cpuinfo, String key) {
        if (!Files.isReadable(cpuinfo)) {
            return null;
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .filter(v -> !v.isEmpty())
                    .findFirst()
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
