package org.sensei4j.floor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.train.sample.Seeds;

/**
 * Labelled pixels for a per-pixel classifier: {@link PixelFeatures} and a class per pixel.
 *
 * @param features {@code count × PixelFeatures.COUNT} values, pixel-major
 * @param labels   {@code count} class numbers of {@code scheme}
 * @param scheme   the classes
 * @param perGroup   pixels drawn from each group (data set), by name, in order
 * @param bandSubset the random band subsets the pixels' features were computed from, or null for all bands
 */
public record PixelSample(
        float[] features,
        byte[] labels,
        ClassScheme scheme,
        Map<String, Integer> perGroup,
        PixelBandSubset bandSubset) {

    public PixelSample {
        if (features.length != (long) labels.length * PixelFeatures.COUNT) {
            throw new IllegalArgumentException(features.length + " feature values for " + labels.length
                    + " labels: expected " + PixelFeatures.COUNT + " per pixel");
        }
        perGroup = Collections.unmodifiableMap(new LinkedHashMap<>(perGroup));
    }

    /** Pixels whose features use all their scene's bands. */
    public PixelSample(float[] features, byte[] labels, ClassScheme scheme, Map<String, Integer> perGroup) {
        this(features, labels, scheme, perGroup, null);
    }

    /** Number of pixels. */
    public int count() {
        return labels.length;
    }

    /**
     * Scenes sampled together with one share of the pixels.
     *
     * @param name   the group's name (the data set's)
     * @param weight relative share of the pixels (> 0)
     * @param scenes openers of the scenes, each closed after reading
     */
    public record Group(String name, double weight, List<Supplier<LabelledScene>> scenes) {

        public Group {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("group " + name + ": weight " + weight + " must be positive");
            }
            scenes = List.copyOf(scenes);
        }
    }

    private static final int STRIP_ROWS = 256;

    /**
     * Draws a balanced, seeded random sample: each group gets {@code maxPixels · weight / Σ weights} pixels split
     * equally between the classes of {@code scheme}, each share a uniform random choice (reservoir sampling)
     * among the group's labelled pixels of that class; a class with fewer pixels than its share gives all it
     * has. Labels are converted to {@code scheme}; unlabelled and nodata pixels are skipped. Scenes are read one
     * at a time in strips, so memory is bounded by the sample and one scene.
     *
     * @throws org.sensei4j.error.SenseiException when a scene's labels cannot be converted to {@code scheme}
     */
    public static PixelSample draw(List<Group> groups, ClassScheme scheme, int maxPixels, long seed) {
        return draw(groups, scheme, maxPixels, seed, null);
    }

    /**
     * As {@link #draw(List, ClassScheme, int, long)}, but each pixel, when it enters the sample, draws its own
     * band subset of its scene's bands ({@code bandSubset}, null for all bands) and its features are computed
     * from those bands only. The subsets come from a random stream of their own ({@code Seeds.derive(seed, g,
     * 1)} for group g), so the same pixels are drawn as without subsets, and a seed gives the same subsets.
     */
    public static PixelSample draw(
            List<Group> groups, ClassScheme scheme, int maxPixels, long seed, PixelBandSubset bandSubset) {
        if (maxPixels < scheme.classCount()) {
            throw new IllegalArgumentException(
                    "max pixels " + maxPixels + " must be at least the class count " + scheme.classCount());
        }
        double total = groups.stream().mapToDouble(Group::weight).sum();
        int k = scheme.classCount();
        int f = PixelFeatures.COUNT;
        List<float[]> features = new ArrayList<>();
        List<byte[]> labels = new ArrayList<>();
        Map<String, Integer> perGroup = new LinkedHashMap<>();
        int count = 0;
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            int quota = (int) Math.max(1, Math.floor(maxPixels * group.weight() / total / k));
            SplittableRandom random = new SplittableRandom(Seeds.derive(seed, g));
            SplittableRandom bandRandom = new SplittableRandom(Seeds.derive(seed, g, 1));
            float[][] reservoir = new float[k][quota * f];
            long[] seen = new long[k];
            for (Supplier<LabelledScene> opener : group.scenes()) {
                try (LabelledScene scene = opener.get()) {
                    byte[] truth = scene.labels(scheme);
                    int w = scene.width();
                    PixelFeatures pf = PixelFeatures.of(scene.source().bands());
                    int bandCount = scene.source().bands().size();
                    for (int y0 = 0; y0 < scene.height(); y0 += STRIP_ROWS) {
                        int rows = Math.min(STRIP_ROWS, scene.height() - y0);
                        SceneWindow win = scene.source().read(new PixelWindow(0, y0, w, rows));
                        float[] d = win.values().data();
                        int n = rows * w;
                        for (int i = 0; i < n; i++) {
                            int c = truth[y0 * w + i] & 0xff;
                            if (c >= k || win.invalid()[i] == SceneWindow.NODATA) {
                                continue;
                            }
                            long s = seen[c]++;
                            long slot = s < quota ? s : random.nextLong(s + 1);
                            if (slot < quota) {
                                if (bandSubset == null) {
                                    pf.pixel(d, n, i, reservoir[c], (int) slot * f);
                                } else {
                                    pf.pixel(
                                            d,
                                            n,
                                            i,
                                            reservoir[c],
                                            (int) slot * f,
                                            pf.slotsOf(bandSubset.draw(bandCount, bandRandom)));
                                }
                            }
                        }
                    }
                }
            }
            int inGroup = 0;
            for (int c = 0; c < k; c++) {
                int m = (int) Math.min(quota, seen[c]);
                features.add(Arrays.copyOf(reservoir[c], m * f));
                byte[] l = new byte[m];
                Arrays.fill(l, (byte) c);
                labels.add(l);
                inGroup += m;
            }
            perGroup.merge(group.name(), inGroup, Integer::sum);
            count += inGroup;
        }
        float[] allFeatures = new float[count * f];
        byte[] allLabels = new byte[count];
        int at = 0;
        for (int p = 0; p < labels.size(); p++) {
            System.arraycopy(features.get(p), 0, allFeatures, at * f, labels.get(p).length * f);
            System.arraycopy(labels.get(p), 0, allLabels, at, labels.get(p).length);
            at += labels.get(p).length;
        }
        return new PixelSample(allFeatures, allLabels, scheme, perGroup, bandSubset);
    }
}
