package org.sensei4j.cli;

import ai.djl.engine.Engine;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps PyTorch's C++ warnings off the command line's stderr. libtorch logs through c10's own logger, whose level
 * ({@code FLAGS_caffe2_log_level} in libc10) is read from {@code TORCH_CPP_LOG_LEVEL} only when
 * {@code c10::initLogging()} runs, which DJL never calls: so warnings such as "AutoNonVariableTypeMode is
 * deprecated" (training) or "Could not initialize NNPACK! Reason: Unsupported hardware" (DeepLab training on CPUs
 * without NNPACK, once per convolution call) reached the user. This sets the flag itself, through JNA (which DJL
 * already brings), from {@code TORCH_CPP_LOG_LEVEL}: INFO/0, WARNING/1, ERROR/2 (the default), FATAL/3.
 */
final class EngineWarnings {

    /** c10's log level for errors only ({@code c10::GLOG_ERROR}). */
    static final int ERROR = 2;

    private EngineWarnings() {}

    /** The level {@code TORCH_CPP_LOG_LEVEL} asks for; errors only when it is absent or not a level. */
    static int level(String env) {
        if (env == null) {
            return ERROR;
        }
        return switch (env.trim().toUpperCase(Locale.ROOT)) {
            case "INFO", "0" -> 0;
            case "WARNING", "1" -> 1;
            case "FATAL", "3" -> 3;
            default -> ERROR;
        };
    }

    /**
     * Loads the PyTorch engine and sets c10's log level (best effort: returns false, and changes nothing, where the
     * engine or its libc10 cannot be found, e.g. another platform's layout).
     */
    static boolean apply() {
        try {
            Engine.getEngine("PyTorch");
            Optional<Pointer> flag = flag();
            flag.ifPresent(p -> p.address.setInt(0, level(System.getenv("TORCH_CPP_LOG_LEVEL"))));
            return flag.isPresent();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The level c10 logs at now, if its flag can be found. */
    static Optional<Integer> current() {
        return flag().map(p -> p.address.getInt(0));
    }

    private record Pointer(com.sun.jna.Pointer address) {}

    /**
     * dlopen flags RTLD_LAZY | RTLD_NOLOAD: a handle on the copy DJL loaded, without loading anything or changing
     * its symbol scope. JNA's default adds RTLD_GLOBAL, which put libc10's symbols in the global scope, and
     * XGBoost's native library, loaded later in the same process, then crashed in free() ("munmap_chunk(): invalid
     * pointer", seen in FloorCommandTest after an engine command).
     */
    private static final int OPEN_FLAGS = 0x1 | 0x4;

    private static Optional<Pointer> flag() {
        return loaded("libc10.so")
                .map(lib -> new Pointer(
                        NativeLibrary.getInstance(lib.toString(), Map.of(Library.OPTION_OPEN_FLAGS, OPEN_FLAGS))
                                .getGlobalVariableAddress("FLAGS_caffe2_log_level")));
    }

    /** The path of a shared library this process has loaded (Linux: /proc/self/maps). */
    private static Optional<Path> loaded(String name) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith("/" + name)) {
                    return Optional.of(Path.of(line.substring(slash)));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
