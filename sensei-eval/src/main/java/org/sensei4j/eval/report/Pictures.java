package org.sensei4j.eval.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.CommonName;

/**
 * Pictures of a scene and its mask, as PNG: an RGB quicklook with a percentile contrast stretch, an error overlay
 * in the paper's colours (correct cloud blue, missed cloud red, false cloud yellow, the quicklook elsewhere), and
 * a class map in the scheme's colours.
 */
public final class Pictures {

    public static final int CORRECT_CLOUD = 0x1f4fff;
    public static final int MISSED_CLOUD = 0xff2020;
    public static final int FALSE_CLOUD = 0xffd400;

    private Pictures() {}

    /**
     * An RGB quicklook: each band stretched from its 2nd to its 98th percentile (over finite values).
     *
     * @param red, green, blue row-major reflectances (NaN shown black)
     */
    public static BufferedImage quicklook(float[] red, float[] green, float[] blue, int width, int height) {
        float[][] ch = {red, green, blue};
        float[][] lim = new float[3][];
        for (int c = 0; c < 3; c++) {
            lim[c] = percentiles(ch[c], 0.02, 0.98);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < width * height; i++) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                float v = ch[c][i];
                int b = Float.isFinite(v)
                        ? (int) Math.round(255 * clamp((v - lim[c][0]) / (lim[c][1] - lim[c][0])))
                        : 0;
                rgb = (rgb << 8) | b;
            }
            img.setRGB(i % width, i / width, rgb);
        }
        return img;
    }

    /** A grey quicklook of one band, for scenes without RGB. */
    public static BufferedImage grey(float[] band, int width, int height) {
        return quicklook(band, band, band, width, height);
    }

    /**
     * The error overlay: cloud in truth and prediction blue, missed cloud red, false cloud yellow; other pixels
     * show {@code background} dimmed; nodata (either) black.
     */
    public static BufferedImage overlay(BufferedImage background, byte[] truth, byte[] predicted, ClassScheme scheme) {
        int w = background.getWidth();
        int h = background.getHeight();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w * h; i++) {
            int t = truth[i] & 0xFF;
            int p = predicted[i] & 0xFF;
            int x = i % w;
            int y = i / w;
            int rgb;
            if (t == ClassScheme.NODATA || p == ClassScheme.NODATA) {
                rgb = 0;
            } else {
                boolean tc = scheme.isCloud(t);
                boolean pc = scheme.isCloud(p);
                if (tc && pc) {
                    rgb = CORRECT_CLOUD;
                } else if (tc) {
                    rgb = MISSED_CLOUD;
                } else if (pc) {
                    rgb = FALSE_CLOUD;
                } else {
                    int bg = background.getRGB(x, y);
                    rgb = ((bg >> 17) & 0x7f) << 16 | ((bg >> 9) & 0x7f) << 8 | ((bg >> 1) & 0x7f);
                }
            }
            img.setRGB(x, y, rgb);
        }
        return img;
    }

    /** Classes in the scheme's colours (nodata black). */
    public static BufferedImage classes(byte[] classes, int width, int height, ClassScheme scheme) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < width * height; i++) {
            int c = classes[i] & 0xFF;
            img.setRGB(
                    i % width,
                    i / width,
                    c == ClassScheme.NODATA || c >= scheme.classCount() ? ClassScheme.NODATA_COLOUR : scheme.colour(c));
        }
        return img;
    }

    /**
     * The decimation step that brings a {@code width} × {@code height} grid to at most {@code maxSide} pixels a side.
     */
    public static int step(int width, int height, int maxSide) {
        if (maxSide < 1) {
            throw new IllegalArgumentException("picture size must be >= 1 pixel, got " + maxSide);
        }
        int longest = Math.max(width, height);
        return Math.max(1, (longest + maxSide - 1) / maxSide);
    }

    /** Every {@code step}-th pixel of every {@code step}-th row (nearest neighbour). */
    public static byte[] decimate(byte[] values, int width, int height, int step) {
        if (step == 1) {
            return values;
        }
        int w = (width + step - 1) / step;
        int h = (height + step - 1) / step;
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = values[y * step * width + x * step];
            }
        }
        return out;
    }

    /**
     * An RGB quicklook of a scene (its blue, green and red bands by common name; the first band in grey when it
     * has no RGB), decimated by {@code step} ({@link #step}) and read in row strips, so memory is bounded by one
     * strip and the picture. Nodata is black.
     */
    public static BufferedImage quicklook(SceneSource scene, int step) {
        int[] rgb = {find(scene, CommonName.RED), find(scene, CommonName.GREEN), find(scene, CommonName.BLUE)};
        if (rgb[0] < 0 || rgb[1] < 0 || rgb[2] < 0) {
            rgb = new int[] {0, 0, 0};
        }
        int width = scene.width();
        int height = scene.height();
        int w = (width + step - 1) / step;
        int h = (height + step - 1) / step;
        float[][] ch = new float[3][w * h];
        int stripRows = Math.max(1, 256 / step) * step;
        for (int y0 = 0; y0 < height; y0 += stripRows) {
            int rows = Math.min(stripRows, height - y0);
            SceneWindow win = scene.read(new PixelWindow(0, y0, width, rows));
            float[] d = win.values().data();
            int n = rows * width;
            for (int r = 0; r < rows; r += step) {
                int oy = (y0 + r) / step;
                for (int x = 0, ox = 0; x < width; x += step, ox++) {
                    int i = r * width + x;
                    boolean nodata = win.invalid()[i] == SceneWindow.NODATA;
                    for (int c = 0; c < 3; c++) {
                        ch[c][oy * w + ox] = nodata ? Float.NaN : d[rgb[c] * n + i];
                    }
                }
            }
        }
        return quicklook(ch[0], ch[1], ch[2], w, h);
    }

    private static int find(SceneSource scene, CommonName name) {
        for (int i = 0; i < scene.bands().size(); i++) {
            if (scene.bands().get(i).commonName() == name) {
                return i;
            }
        }
        return -1;
    }

    /** Writes a PNG atomically (temp file + rename). */
    public static void writePng(BufferedImage img, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", bytes)) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new SenseiException("cannot encode " + file + " as PNG: " + e.getMessage());
        }
        AtomicFiles.writeCreatingDirectories(file, bytes.toByteArray());
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    static float[] percentiles(float[] values, double lo, double hi) {
        float[] finite = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        if (n == 0) {
            return new float[] {0, 1};
        }
        float[] s = Arrays.copyOf(finite, n);
        Arrays.sort(s);
        float a = s[(int) Math.floor(lo * (n - 1))];
        float b = s[(int) Math.ceil(hi * (n - 1))];
        if (b <= a) {
            b = a + 1e-6f;
        }
        return new float[] {a, b};
    }
}
