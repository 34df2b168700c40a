package org.sensei4j.io.testdata;

import java.io.IOException;
import java.nio.file.Path;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TiffReader;

/** Reads the small multiband GeoTIFF crops of the shared ukis-pysat reference data (test helper). */
public final class ReferenceCrops {

    private ReferenceCrops() {}

    /** {@code ../shared/data/real/ukis-pysat}; skips the calling test when it is absent. */
    public static Path directory() {
        return SharedData.require("data/real/ukis-pysat", "ukis-pysat reference crops");
    }

    /** Band-major, row-major integer samples: {@code [band][y * width + x]}. */
    public static int[][] readInts(Path tif) throws IOException {
        Rasters r = rasters(tif);
        int[][] out = new int[r.getSamplesPerPixel()][r.getWidth() * r.getHeight()];
        for (int b = 0; b < out.length; b++) {
            for (int y = 0; y < r.getHeight(); y++) {
                for (int x = 0; x < r.getWidth(); x++) {
                    out[b][y * r.getWidth() + x] = r.getPixelSample(b, x, y).intValue();
                }
            }
        }
        return out;
    }

    /** Band-major, row-major float samples: {@code [band][y * width + x]}. */
    public static float[][] readFloats(Path tif) throws IOException {
        Rasters r = rasters(tif);
        float[][] out = new float[r.getSamplesPerPixel()][r.getWidth() * r.getHeight()];
        for (int b = 0; b < out.length; b++) {
            for (int y = 0; y < r.getHeight(); y++) {
                for (int x = 0; x < r.getWidth(); x++) {
                    out[b][y * r.getWidth() + x] = r.getPixelSample(b, x, y).floatValue();
                }
            }
        }
        return out;
    }

    private static Rasters rasters(Path tif) throws IOException {
        FileDirectory dir = TiffReader.readTiff(tif.toFile()).getFileDirectory();
        return dir.readRasters();
    }
}
