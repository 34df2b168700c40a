package org.sensei4j.io.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The data shared beside the repository in {@code ../shared} (test helper); tests that need some of it skip without
 * it.
 */
public final class SharedData {

    /** {@code ../shared}, beside the repository ({@code -Dsensei.root} names the repository; default {@code ..}). */
    public static final Path ROOT = Path.of(System.getProperty("sensei.root", ".."))
            .resolve("../shared")
            .normalize();

    private SharedData() {}

    /** {@code ../shared/<relative>}; skips the calling test, naming {@code what} it skips, when that is absent. */
    public static Path require(String relative, String what) {
        Path p = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "../shared absent: skipping " + what);
        return p;
    }
}
