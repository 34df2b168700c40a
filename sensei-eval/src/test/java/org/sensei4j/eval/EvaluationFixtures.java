package org.sensei4j.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.io.npy.NpyFile;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.bundle.Provenance;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** Small labelled data sets in the On Cloud N and Cloud Mask Catalogue layouts, and a tiny untrained model. */
public final class EvaluationFixtures {

    /** Shared data folder (../shared from the repository root). */
    public static final Path SHARED = Path.of(System.getProperty("sensei.root", ".."))
            .resolve("../shared")
            .normalize();

    public static final int W = 48;
    public static final int H = 40;
    /** The bright white block: rows [8, 24), columns [8, 32). */
    public static final int BLOCK_Y0 = 8;

    public static final int BLOCK_Y1 = 24;
    public static final int BLOCK_X0 = 8;
    public static final int BLOCK_X1 = 32;

    private EvaluationFixtures() {}

    /** A SEnSeI + per-pixel NN model in the cloud scheme, untrained, seeded. */
    public static Path untrainedBundle(Path file) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(21);
            ModelBundle.save(
                    CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLOUD_CLEAR), m),
                    Provenance.untrained("test"),
                    file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static boolean inBlock(int i) {
        int y = i / W;
        int x = i % W;
        return y >= BLOCK_Y0 && y < BLOCK_Y1 && x >= BLOCK_X0 && x < BLOCK_X1;
    }

    /**
     * An On Cloud N chip: dark vegetated background (RGB 0.05, NIR 0.30), a bright white block (all bands 0.60),
     * image nodata (DN 0) in column 0 of rows 0–4. Labels: block cloud, background clear, missing (255) at every
     * pixel index divisible by 37; in chip variant {@code variant} ≥ 1, additionally the first {@code variant}
     * rows of the block are labelled clear and the last {@code variant} rows of the image cloud.
     */
    public static void onCloudNChip(Path root, String chip, int variant) {
        Path dir = root.resolve(chip);
        float[][] bands = new float[4][W * H];
        float[] label = new float[W * H];
        for (int i = 0; i < W * H; i++) {
            boolean block = inBlock(i);
            for (int b = 0; b < 4; b++) {
                float reflectance = block ? 0.60f : b == 3 ? 0.30f : 0.05f;
                bands[b][i] = Math.round(reflectance * 10000);
            }
            if (i % W == 0 && i / W < 5) {
                for (int b = 0; b < 4; b++) {
                    bands[b][i] = 0;
                }
            }
            label[i] = labelOf(i, variant);
        }
        Georeference geo = Georeference.northUp(32633, 500000, 5400000, 10, 10);
        String[] names = {"B02", "B03", "B04", "B08"};
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int b = 0; b < 4; b++) {
            GeoTiffWriter.create(SampleType.UINT16)
                    .write(dir.resolve(names[b] + ".tif"), new FloatRaster(1, H, W, bands[b], 0.0), geo);
        }
        GeoTiffWriter.create(SampleType.UINT8)
                .write(dir.resolve("label.tif"), new FloatRaster(1, H, W, label, 255.0), geo);
    }

    /** The label code (0, 1, 255) of pixel {@code i} of a chip variant. */
    public static int labelOf(int i, int variant) {
        if (i % 37 == 0) {
            return 255;
        }
        int y = i / W;
        if (variant > 0 && inBlock(i) && y < BLOCK_Y0 + variant) {
            return 0;
        }
        if (variant > 0 && y >= H - variant) {
            return 1;
        }
        return inBlock(i) ? 1 : 0;
    }

    /** True where the chip's image has no data. */
    public static boolean imageNodata(int i) {
        return i % W == 0 && i / W < 5;
    }

    /**
     * A Cloud Mask Catalogue subscene of {@code size}² pixels, 13 bands: a cloud block (visible 0.6, SWIR 0.4)
     * in the top-left quarter labelled cloud, a snow block (visible 0.8, SWIR 0.05) in the top-right quarter
     * labelled clear but for its first row (labelled cloud), dark ground elsewhere labelled clear, and in the
     * bottom-left quarter a shadow label.
     */
    public static void catalogueScene(Path root, String id, int size) {
        float[] v = new float[size * size * 13];
        float[] m = new float[size * size * 3];
        int half = size / 2;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = y * size + x;
                boolean cloud = y < half && x < half;
                boolean snow = y < half && x >= half;
                for (int b = 0; b < 13; b++) {
                    float r;
                    if (b == 10) { // B10 cirrus
                        r = 0.001f;
                    } else if (b >= 11) { // B11, B12 SWIR
                        r = cloud ? 0.4f : snow ? 0.05f : 0.1f;
                    } else {
                        r = cloud ? 0.6f : snow ? 0.8f : 0.06f;
                    }
                    v[p * 13 + b] = r;
                }
                int cls = cloud || (snow && y == 0) ? 1 : (y >= half && x < half ? 2 : 0);
                m[p * 3 + cls] = 1;
            }
        }
        NpyFile.writeFloat32(dir(root.resolve("subscenes")).resolve(id + ".npy"), new long[] {size, size, 13}, v);
        NpyFile.writeFloat32(dir(root.resolve("masks")).resolve(id + ".npy"), new long[] {size, size, 3}, m);
    }

    static Path dir(Path d) {
        try {
            return Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void text(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
