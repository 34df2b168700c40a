package org.sensei4j.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.sensei4j.io.geotiff.StreamingGeoTiffWriter;
import org.sensei4j.io.synthetic.SyntheticBand;
import org.sensei4j.io.synthetic.SyntheticScene;
import org.sensei4j.io.synthetic.SyntheticSceneGenerator;
import org.sensei4j.io.synthetic.SyntheticSceneSpec;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * Writes a large synthetic Sentinel-2-like 13-band uint16 (reflectance × 10000) GeoTIFF for masking benchmarks,
 * e.g. a full 20 m tile of 5490 × 5490 px, without holding it in memory: one synthetic scene of {@code block}
 * pixels is rendered and mirrored across the tile, row strip by row strip.
 */
public final class SyntheticTileWriter {

    private SyntheticTileWriter() {}

    public static void write(Path file, int size, int block, long seed) {
        write(file, size, block, seed, null);
    }

    /** As {@link #write(Path, int, int, long)}, telling {@code rowsDone} (when not null) the rows written so far. */
    public static void write(Path file, int size, int block, long seed, IntConsumer rowsDone) {
        List<SyntheticBand> bands = SyntheticSceneGenerator.sentinel2Like();
        SyntheticScene scene = new SyntheticSceneGenerator(
                        SyntheticSceneSpec.defaults(block, block, seed).withPixelSizeM(20))
                .render(bands);
        int n = bands.size();
        float[][] src = new float[n][];
        for (int b = 0; b < n; b++) {
            src[b] = scene.band(b);
        }
        Georeference geo = Georeference.northUp(32632, 300000, 5100000, 20, 20);
        int rowsPerChunk = 64;
        try (StreamingGeoTiffWriter w = StreamingGeoTiffWriter.open(file, size, size, n, SampleType.UINT16, geo, 0.0)) {
            for (int y0 = 0; y0 < size; y0 += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, size - y0);
                float[] chunk = new float[n * rows * size];
                for (int b = 0; b < n; b++) {
                    for (int r = 0; r < rows; r++) {
                        int sy = mirror(y0 + r, block);
                        for (int x = 0; x < size; x++) {
                            float v = src[b][sy * block + mirror(x, block)];
                            chunk[(b * rows + r) * size + x] = Math.max(1f, Math.min(65534f, Math.round(v * 10000f)));
                        }
                    }
                }
                w.writeRows(rows, chunk);
                if (rowsDone != null) {
                    rowsDone.accept(y0 + rows);
                }
            }
            w.commit();
        }
    }

    private static int mirror(int i, int block) {
        int period = 2 * block;
        int m = i % period;
        return m < block ? m : period - 1 - m;
    }
}
