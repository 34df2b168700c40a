package org.sensei4j.model.sensei;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.IntConsumer;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

/**
 * Computes SEnSeI's feature map for a whole image held in memory, so users can bolt SEnSeI onto their own
 * models. The band embeddings are computed once; the band multiplication runs in row strips, each in its own
 * NDManager, so memory stays bounded by the strip size plus input and output.
 */
public final class FeatureExtractor {

    private static final long STRIP_PIXELS = 1 << 18;

    private final SenseiEncoder encoder;
    private final NDManager manager;

    public FeatureExtractor(SenseiEncoder encoder, NDManager manager) {
        this.encoder = encoder;
        this.manager = manager;
    }

    /**
     * @param bands       N band images, each height·width values in row-major order (reflectance 0–1)
     * @param descriptors one descriptor per band, in the same order
     * @return features channel-major: {@code [c * height * width + y * width + x]}, F = feature channels
     */
    public float[] extract(List<float[]> bands, List<BandDescriptor> descriptors, int height, int width) {
        return extract(bands, descriptors, height, width, null);
    }

    /**
     * As {@link #extract(List, List, int, int)}, telling {@code rowsDone} (when not null) how many rows are encoded
     * after each strip: for a progress bar.
     */
    public float[] extract(
            List<float[]> bands, List<BandDescriptor> descriptors, int height, int width, IntConsumer rowsDone) {
        int n = bands.size();
        if (n == 0) {
            throw new SenseiException("no bands given: SEnSeI needs at least one band");
        }
        if (n != descriptors.size()) {
            throw new SenseiException(n + " bands but " + descriptors.size()
                    + " descriptors: give exactly one descriptor (sensor band or wavelength) per band");
        }
        long pixels = (long) height * width;
        for (int b = 0; b < n; b++) {
            float[] band = bands.get(b);
            if (band.length != pixels) {
                throw new SenseiException("band " + (b + 1) + " has " + band.length + " values, expected " + height
                        + "×" + width + " = " + pixels);
            }
            for (int i = 0; i < band.length; i++) {
                if (!Float.isFinite(band[i])) {
                    throw new SenseiException("band " + (b + 1) + " has a non-finite value (" + band[i] + ") at row "
                            + (i / width) + ", column " + (i % width)
                            + ": replace NaN/infinite values (e.g. nodata) with numbers before encoding");
                }
            }
        }
        int channels = encoder.config().featureChannels();
        float[] out = new float[Math.toIntExact(pixels * channels)];
        float[] desc = BandDescriptor.normalised(descriptors);
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray embeddings = encoder.embed(ps, scope.create(desc, new Shape(1, n, 3)), false);
            int rowsPerStrip = (int) Math.max(1, STRIP_PIXELS / Math.max(1, width));
            for (int y0 = 0; y0 < height; y0 += rowsPerStrip) {
                int rows = Math.min(rowsPerStrip, height - y0);
                int stripPixels = rows * width;
                float[] strip = new float[n * stripPixels];
                for (int b = 0; b < n; b++) {
                    System.arraycopy(bands.get(b), y0 * width, strip, b * stripPixels, stripPixels);
                }
                try (NDManager step = scope.newSubManager()) {
                    NDArray values = step.create(strip, new Shape(1, n, rows, width));
                    float[] f = encoder.multiplyBands(values, embeddings).toFloatArray();
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(f, c * stripPixels, out, (int) (c * pixels + (long) y0 * width), stripPixels);
                    }
                }
                if (rowsDone != null) {
                    rowsDone.accept(y0 + rows);
                }
            }
        }
        return out;
    }
}
