package org.sensei4j.inference;

/**
 * Where the time went while masking a scene (seconds summed over threads) and how many tiles were predicted or
 * skipped (all nodata).
 */
public record MaskingStats(
        double readSeconds,
        double predictSeconds,
        double blendSeconds,
        double wallSeconds,
        int tilesPredicted,
        int tilesSkipped) {}
