package org.sensei4j.inference;

import java.io.Serializable;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.model.cloud.Precision;

/**
 * How to mask a scene; Serializable, so that it travels to Spark's executors as it is.
 *
 * @param tile          tile size in pixels (square)
 * @param overlap       overlap between neighbouring tiles in pixels (blended), less than half the tile; per-pixel
 *                      models (NN) need none and ignore it (same result, less work)
 * @param threads       tiles predicted in parallel
 * @param outputScheme  the classes to write (null: the model's scheme); must be the model's or coarser
 * @param threshold     if not NaN: a pixel is cloud when the summed cloud probability ≥ threshold, otherwise the
 *                      most probable non-cloud class; NaN: the calibrated threshold of the model's bundle if it has
 *                      one ({@link CloudMasker#threshold}), else the most probable class
 * @param ensemble      number of random band subsets to average (1: all bands once); SEnSeI models only
 * @param seed          seed for the ensemble's band subsets
 * @param minBands      smallest band subset in the ensemble
 * @param precision     the arithmetic of a DeepLabv3+ head run by ONNX Runtime ({@link Precision#INT8}: int8
 *                      convolutions calibrated on windows of the scene; {@link Precision#AUTO}: int8 where the
 *                      bundle's {@link org.sensei4j.model.cloud.Int8Check} holds here and the scene is large, else
 *                      fp32); never null: null is taken as {@link Precision#DEFAULT}. Heads
 *                      without an ONNX Runtime path (the per-pixel NN head, {@code SENSEI_ONNX=off}) run in fp32
 */
public record MaskingOptions(
        int tile,
        int overlap,
        int threads,
        ClassScheme outputScheme,
        double threshold,
        int ensemble,
        long seed,
        int minBands,
        Precision precision)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Most ensemble members (each is a full prediction of every tile). */
    public static final int MAX_ENSEMBLE = 64;
    /** Largest tile side: a tile's intermediate arrays grow with its area (4096² of DeepLabv3+ take ~50 GB). */
    public static final int MAX_TILE = 2048;
    /** Most tile threads. */
    public static final int MAX_THREADS = 256;

    public MaskingOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        if (threads > MAX_THREADS) {
            throw new IllegalArgumentException("--threads must be at most " + MAX_THREADS + ", got " + threads);
        }
        if (ensemble < 1 || ensemble > MAX_ENSEMBLE) {
            throw new IllegalArgumentException("--ensemble must be 1.." + MAX_ENSEMBLE + ", got " + ensemble
                    + ": each member costs a full prediction");
        }
        if (tile > MAX_TILE) {
            throw new IllegalArgumentException(
                    "--tile must be at most " + MAX_TILE + " pixels, got " + tile + " (512 is the default)");
        }
        if (!Double.isNaN(threshold) && (threshold <= 0 || threshold >= 1)) {
            throw new IllegalArgumentException("--threshold must be between 0 and 1 (exclusive), got " + threshold);
        }
        new TileGrid(tile, tile, tile, overlap); // validates tile and overlap
        precision = precision == null ? Precision.DEFAULT : precision;
    }

    /** The precision asked for, or {@link Precision#DEFAULT} when none was; the same as {@link #precision}. */
    public Precision precisionOrDefault() {
        return precision;
    }

    /**
     * 512 px tiles, 64 px overlap, one thread, the model's classes, its calibrated threshold or argmax, no ensemble.
     */
    public static MaskingOptions defaults() {
        return new MaskingOptions(512, 64, 1, null, Double.NaN, 1, 1L, 3, null);
    }

    public MaskingOptions withTile(int newTile, int newOverlap) {
        return new MaskingOptions(
                newTile, newOverlap, threads, outputScheme, threshold, ensemble, seed, minBands, precision);
    }

    public MaskingOptions withThreads(int newThreads) {
        return new MaskingOptions(
                tile, overlap, newThreads, outputScheme, threshold, ensemble, seed, minBands, precision);
    }

    public MaskingOptions withOutputScheme(ClassScheme scheme) {
        return new MaskingOptions(tile, overlap, threads, scheme, threshold, ensemble, seed, minBands, precision);
    }

    public MaskingOptions withThreshold(double t) {
        return new MaskingOptions(tile, overlap, threads, outputScheme, t, ensemble, seed, minBands, precision);
    }

    public MaskingOptions withPrecision(Precision p) {
        return new MaskingOptions(tile, overlap, threads, outputScheme, threshold, ensemble, seed, minBands, p);
    }

    public MaskingOptions withEnsemble(int k, long newSeed) {
        return new MaskingOptions(tile, overlap, threads, outputScheme, threshold, k, newSeed, minBands, precision);
    }
}
