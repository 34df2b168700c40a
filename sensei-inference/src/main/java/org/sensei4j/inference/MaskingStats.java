package org.sensei4j.inference;

/**
 * Where the time went while masking a scene (seconds summed over threads), how many tiles were predicted or
 * skipped (all nodata), and in which precision the head ran ({@link CloudMasker#mask}: "fp32", or "int8: ..." with
 * how the int8 head was calibrated).
 */
public record MaskingStats(
        double readSeconds,
        double predictSeconds,
        double blendSeconds,
        double wallSeconds,
        int tilesPredicted,
        int tilesSkipped,
        String precision) {}
