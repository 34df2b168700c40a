package org.sensei4j.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;

/**
 * One labelled scene of a data set: the image (a {@link SceneSource}, in SEnSeI's quantities), a per-pixel
 * class label in a {@link ClassScheme} (one unsigned byte per pixel, row-major, {@link ClassScheme#NODATA} where
 * unlabelled), the data set's tags for the scene (e.g. surface type, cloud type) and where it comes from.
 *
 * <p>Readers of small scenes give an in-memory {@link Scene} whose nodata pixels already have NODATA labels.
 * Readers of whole Landsat scenes give a source that reads windows from the files on demand: then {@link
 * #labels()} is the mask as the data set gives it, and {@link #window} and {@link #load} also set NODATA where
 * the image has no data. Close the scene when done (it may hold open files).
 */
public final class LabelledScene implements AutoCloseable {

    private final String dataset;
    private final SceneSource source;
    private final ClassScheme scheme;
    private final byte[] labels;
    private final Map<String, String> tags;
    private Scene loaded;

    /**
     * @param dataset the data set's name, e.g. {@code "sparcs"}
     * @param source  the image; its id is the scene id
     * @param scheme  the scheme of {@code labels}
     * @param labels  width × height class numbers of {@code scheme} or {@link ClassScheme#NODATA}, row-major;
     *                shared, not copied
     * @param tags    the data set's tags for this scene (copied), may be empty
     * @throws IllegalArgumentException when the labels do not fit the image or hold a value that is neither a
     *     class of the scheme nor NODATA
     */
    public LabelledScene(
            String dataset, SceneSource source, ClassScheme scheme, byte[] labels, Map<String, String> tags) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.source = Objects.requireNonNull(source, "source");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.labels = Objects.requireNonNull(labels, "labels");
        long pixels = (long) source.width() * source.height();
        if (labels.length != pixels) {
            throw new IllegalArgumentException("scene '" + source.id() + "' of " + dataset + " is " + source.width()
                    + "×" + source.height() + " pixels but its labels have " + labels.length + " values");
        }
        int k = scheme.classCount();
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i] & 0xFF;
            if (v >= k && v != ClassScheme.NODATA) {
                throw new IllegalArgumentException("label " + v + " at pixel " + i + " of scene '" + source.id()
                        + "' is not a class of scheme " + scheme.id() + " (0.." + (k - 1) + ") nor nodata "
                        + ClassScheme.NODATA);
            }
        }
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags == null ? Map.of() : tags));
        if (source instanceof Scene s) {
            this.loaded = s;
        }
    }

    /** The data set's name. */
    public String dataset() {
        return dataset;
    }

    /** The scene's id within its data set (the id of {@link #source()}). */
    public String sceneId() {
        return source.id();
    }

    /** The image, windowed. */
    public SceneSource source() {
        return source;
    }

    /** The whole image in memory (read on first call for sources that are not in memory, then kept). */
    public synchronized Scene scene() {
        if (loaded == null) {
            loaded = Scene.load(source);
        }
        return loaded;
    }

    /** True when the image is held in memory. */
    public synchronized boolean isLoaded() {
        return loaded != null;
    }

    /** The scheme of {@link #labels()}. */
    public ClassScheme scheme() {
        return scheme;
    }

    /** The labels, row-major, one unsigned byte per pixel (shared, not copied). */
    public byte[] labels() {
        return labels;
    }

    /**
     * The labels in {@code target} (the same scheme or a coarser one), in a new array.
     *
     * @throws org.sensei4j.error.SenseiException when {@code target} is finer than {@link #scheme()}
     */
    public byte[] labels(ClassScheme target) {
        return target == scheme ? labels.clone() : scheme.convert(labels, target);
    }

    /** The same scene with labels converted to {@code target} (the same scheme or a coarser one). */
    public LabelledScene withScheme(ClassScheme target) {
        if (target == scheme) {
            return this;
        }
        LabelledScene s = new LabelledScene(dataset, source, target, scheme.convert(labels, target), tags);
        synchronized (this) {
            s.loaded = loaded;
        }
        return s;
    }

    public int width() {
        return source.width();
    }

    public int height() {
        return source.height();
    }

    /** The data set's tags for this scene, in the data set's order (e.g. {@code snow/ice → 1}). */
    public Map<String, String> tags() {
        return tags;
    }

    /** The value of one tag. */
    public Optional<String> tag(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /** True when the tag is set: its value is {@code 1}, {@code true} or {@code yes} (any case). */
    public boolean hasTag(String name) {
        String v = tags.get(name);
        if (v == null) {
            return false;
        }
        String t = v.strip().toLowerCase(Locale.ROOT);
        return t.equals("1") || t.equals("true") || t.equals("yes") || t.equals("1.0");
    }

    /** Number of pixels of each class of {@link #scheme()}, in class order. */
    public long[] classCounts() {
        long[] c = new long[scheme.classCount()];
        for (byte b : labels) {
            int v = b & 0xFF;
            if (v != ClassScheme.NODATA) {
                c[v]++;
            }
        }
        return c;
    }

    /** Number of pixels without a label. */
    public long nodataCount() {
        long n = 0;
        for (byte b : labels) {
            if ((b & 0xFF) == ClassScheme.NODATA) {
                n++;
            }
        }
        return n;
    }

    /**
     * A window of the scene in memory: the image window and its labels, with NODATA labels where the image has
     * no data. The window keeps this scene's id, data set and tags.
     */
    public LabelledScene window(PixelWindow window) {
        window.requireInside(width(), height());
        SceneWindow w = source.read(window);
        byte[] l = new byte[(int) window.pixelCount()];
        for (int r = 0; r < window.height(); r++) {
            System.arraycopy(labels, (window.y() + r) * width() + window.x(), l, r * window.width(), window.width());
        }
        byte[] invalid = w.invalid();
        for (int i = 0; i < l.length; i++) {
            if (invalid[i] == SceneWindow.NODATA) {
                l[i] = (byte) ClassScheme.NODATA;
            }
        }
        Scene s = new Scene(
                sceneId(),
                source.bands(),
                source.sensor().orElse(null),
                w.values(),
                invalid,
                source.georeference().map(g -> g.forWindow(window)).orElse(null),
                source.resolutionM().orElse(Double.NaN));
        return new LabelledScene(dataset, s, scheme, l, tags);
    }

    /** The whole scene in memory, with NODATA labels where the image has no data ({@link #window} of all). */
    public LabelledScene load() {
        return window(source.fullWindow());
    }

    /** Closes the image source (open files); an in-memory scene needs no closing. */
    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return dataset + "/" + sceneId() + " [" + width() + "×" + height() + ", "
                + source.bands().size() + " bands, scheme " + scheme.id() + "]";
    }
}
