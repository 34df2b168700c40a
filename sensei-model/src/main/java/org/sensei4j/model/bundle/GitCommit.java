package org.sensei4j.model.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The git commit of the working directory, for provenance ("unknown" when git or a checkout is absent). */
public final class GitCommit {

    private GitCommit() {}

    public static String current() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) {
                return "unknown";
            }
            Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true)
                    .start();
            String changes = new String(dirty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            dirty.waitFor(5, TimeUnit.SECONDS);
            return changes.isEmpty() ? out : out + "-dirty";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
