package org.sensei4j.model;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared} (reference data kept outside the repository); tests skip when it is absent. */
public final class SharedData {

    private SharedData() {}

    public static Path root() {
        return Path.of(System.getProperty("sensei.root", ".."))
                .toAbsolutePath()
                .resolve("../shared")
                .normalize();
    }

    /** The path under ../shared, or skips the calling test with a message when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "../shared absent (" + p + "): skipping test that needs " + relative);
        return p;
    }

    public static Path publishedWeights() {
        return require("conformance/sensei-v1/sensei-epoch043-loss0.198.hdf5");
    }
}
