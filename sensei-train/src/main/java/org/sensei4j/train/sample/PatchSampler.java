package org.sensei4j.train.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneWindow;

/**
 * Cuts square {@link TrainingSample}s from {@link LabelledScene}s: a random {@code patch_size} window of the scene
 * (the whole scene when it is no larger, e.g. a pre-cut 263 px patch), then a random {@code crop_size} crop
 * inside it, as in the paper (257 px from 263 px). Only the crop is read, through
 * {@link org.sensei4j.scene.SceneSource#read(PixelWindow)}, so whole scenes need not be in memory.
 *
 * <p>Labels are NODATA where the image has no data. A window whose labelled fraction is below
 * {@code min_labelled_fraction} is skipped and another is tried, up to {@code max_attempts} times. The sampler
 * holds no random state: every method that draws takes the {@link SplittableRandom} to draw from.
 */
public final class PatchSampler {

    private final PatchSamplerConfig config;

    public PatchSampler(PatchSamplerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public PatchSamplerConfig config() {
        return config;
    }

    /** Side of the samples, px ({@code crop_size}). */
    public int sampleSize() {
        return config.cropSize();
    }

    /**
     * A random crop of a random patch of the scene with at least {@code min_labelled_fraction} labelled pixels,
     * or empty when {@code max_attempts} windows all had fewer.
     *
     * @throws SenseiException when the scene is smaller than {@code crop_size}
     */
    public Optional<TrainingSample> sample(LabelledScene scene, SplittableRandom random) {
        requireFits(scene, scene.width(), scene.height());
        int pw = Math.min(config.patchSize(), scene.width());
        int ph = Math.min(config.patchSize(), scene.height());
        for (int attempt = 0; attempt < config.maxAttempts(); attempt++) {
            int px = random.nextInt(scene.width() - pw + 1);
            int py = random.nextInt(scene.height() - ph + 1);
            Optional<TrainingSample> s = tryCrop(scene, new PixelWindow(px, py, pw, ph), random);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /**
     * A random crop inside a given patch of the scene (e.g. one of {@link #patchGrid}), with at least
     * {@code min_labelled_fraction} labelled pixels, or empty when {@code max_attempts} crops all had fewer.
     */
    public Optional<TrainingSample> sample(LabelledScene scene, PixelWindow patch, SplittableRandom random) {
        patch.requireInside(scene.width(), scene.height());
        requireFits(scene, patch.width(), patch.height());
        for (int attempt = 0; attempt < config.maxAttempts(); attempt++) {
            Optional<TrainingSample> s = tryCrop(scene, patch, random);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    private Optional<TrainingSample> tryCrop(LabelledScene scene, PixelWindow patch, SplittableRandom random) {
        int c = config.cropSize();
        int x = patch.x() + random.nextInt(patch.width() - c + 1);
        int y = patch.y() + random.nextInt(patch.height() - c + 1);
        PixelWindow crop = new PixelWindow(x, y, c, c);
        // the labels alone bound the labelled fraction from above: skip before reading the image
        if (labelledFraction(scene, crop) < config.minLabelledFraction()) {
            return Optional.empty();
        }
        TrainingSample s = read(scene, crop);
        return s.labelledFraction() < config.minLabelledFraction() ? Optional.empty() : Optional.of(s);
    }

    private void requireFits(LabelledScene scene, int width, int height) {
        if (width < config.cropSize() || height < config.cropSize()) {
            throw new SenseiException("scene '" + scene.sceneId() + "' of " + scene.dataset() + " is " + width + "×"
                    + height + " px, smaller than crop_size " + config.cropSize()
                    + " px: lower crop_size or leave this scene out");
        }
    }

    /**
     * The non-overlapping {@code patch_size} patches of a {@code width × height} scene, row by row from the
     * upper left (partial patches at the right and bottom edges are left out; a scene smaller than
     * {@code patch_size} in a direction gives patches as large as the scene in that direction).
     */
    public List<PixelWindow> patchGrid(int width, int height) {
        int pw = Math.min(config.patchSize(), width);
        int ph = Math.min(config.patchSize(), height);
        List<PixelWindow> out = new ArrayList<>();
        if (pw < config.cropSize() || ph < config.cropSize()) {
            return out;
        }
        for (int y = 0; y + ph <= height; y += ph) {
            for (int x = 0; x + pw <= width; x += pw) {
                out.add(new PixelWindow(x, y, pw, ph));
            }
        }
        return out;
    }

    /** The patches of {@link #patchGrid} whose labels are at least {@code min_labelled_fraction} labelled. */
    public List<PixelWindow> labelledPatches(LabelledScene scene) {
        List<PixelWindow> out = new ArrayList<>();
        for (PixelWindow w : patchGrid(scene.width(), scene.height())) {
            if (labelledFraction(scene, w) >= config.minLabelledFraction()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Reads one square window of a scene as a sample: the values of every band and the labels, NODATA where the
     * image has no data.
     */
    public static TrainingSample read(LabelledScene scene, PixelWindow window) {
        if (window.width() != window.height()) {
            throw new IllegalArgumentException(
                    "samples are square but the window is " + window.width() + "×" + window.height());
        }
        window.requireInside(scene.width(), scene.height());
        SceneWindow w = scene.source().read(window);
        int n = window.width();
        byte[] labels = new byte[n * n];
        byte[] all = scene.labels();
        for (int r = 0; r < n; r++) {
            System.arraycopy(all, (window.y() + r) * scene.width() + window.x(), labels, r * n, n);
        }
        byte[] invalid = w.invalid();
        for (int i = 0; i < labels.length; i++) {
            if (invalid[i] == SceneWindow.NODATA) {
                labels[i] = (byte) ClassScheme.NODATA;
            }
        }
        return new TrainingSample(
                w.values().data(),
                scene.source().bands(),
                labels,
                n,
                scene.scheme(),
                new SampleOrigin(scene.dataset(), scene.sceneId(), window));
    }

    /** Fraction of a window's pixels whose label (as the scene gives it, image not read) is not NODATA. */
    public static double labelledFraction(LabelledScene scene, PixelWindow window) {
        byte[] labels = scene.labels();
        int w = scene.width();
        long n = 0;
        for (int r = window.y(); r < window.endY(); r++) {
            int row = r * w;
            for (int c = window.x(); c < window.endX(); c++) {
                if ((labels[row + c] & 0xFF) != ClassScheme.NODATA) {
                    n++;
                }
            }
        }
        return (double) n / window.pixelCount();
    }
}
