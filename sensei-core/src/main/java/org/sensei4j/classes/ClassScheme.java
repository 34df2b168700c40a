package org.sensei4j.classes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;

/**
 * A set of label classes numbered 0..K−1, as stored in label and prediction rasters (one unsigned byte per
 * pixel; {@link #NODATA} marks pixels without a label).
 *
 * <table>
 *   <caption>Schemes</caption>
 *   <tr><th>scheme</th><th>id</th><th>0</th><th>1</th><th>2</th><th>3</th></tr>
 *   <tr><td>{@link #CLOUD_CLEAR}</td><td>cloud</td><td>clear</td><td>cloud</td><td></td><td></td></tr>
 *   <tr><td>{@link #CLEAR_CLOUD_SHADOW}</td><td>cloud-shadow</td><td>clear</td><td>cloud</td><td>shadow</td>
 *       <td></td></tr>
 *   <tr><td>{@link #CLEAR_THIN_THICK_SHADOW}</td><td>full</td><td>clear</td><td>thin_cloud</td>
 *       <td>thick_cloud</td><td>shadow</td></tr>
 * </table>
 *
 * <p>Labels convert from a finer scheme to a coarser one only (full → cloud-shadow → cloud): thin and thick
 * cloud become cloud, and in the two-class scheme of the paper shadow becomes clear ("clear" there means
 * "not cloud").
 */
public enum ClassScheme {
    /** The paper's scheme: 0 clear (everything that is not cloud), 1 cloud (thin + thick). */
    CLOUD_CLEAR("cloud", ClassKind.CLEAR, ClassKind.CLOUD),
    /** 0 clear, 1 cloud (thin + thick), 2 cloud shadow. */
    CLEAR_CLOUD_SHADOW("cloud-shadow", ClassKind.CLEAR, ClassKind.CLOUD, ClassKind.SHADOW),
    /** 0 clear, 1 thin cloud, 2 thick cloud, 3 cloud shadow. */
    CLEAR_THIN_THICK_SHADOW("full", ClassKind.CLEAR, ClassKind.THIN_CLOUD, ClassKind.THICK_CLOUD, ClassKind.SHADOW);

    /** Label value of a pixel without a label (outside the scene, fill, unlabelled); never a class. */
    public static final int NODATA = 255;

    /** Picture colour of {@link #NODATA} pixels, sRGB {@code 0xRRGGBB} (black). */
    public static final int NODATA_COLOUR = 0x000000;

    private final String id;
    private final ClassKind[] kinds;

    ClassScheme(String id, ClassKind... kinds) {
        this.id = id;
        this.kinds = kinds;
    }

    /** Name used in JSON and on the command line: {@code cloud}, {@code cloud-shadow} or {@code full}. */
    public String id() {
        return id;
    }

    /** Number of classes K; classes are 0..K−1. */
    public int classCount() {
        return kinds.length;
    }

    /** Meaning of class {@code cls}. */
    public ClassKind kind(int cls) {
        checkClass(cls);
        return kinds[cls];
    }

    /** Meanings of all classes, in class order. */
    public List<ClassKind> kinds() {
        return List.of(kinds);
    }

    /** Name of class {@code cls}, e.g. {@code thin_cloud} (used as JSON key). */
    public String className(int cls) {
        return kind(cls).label();
    }

    /** Names of all classes, in class order. */
    public List<String> classNames() {
        return Arrays.stream(kinds).map(ClassKind::label).toList();
    }

    /** True if class {@code cls} counts as cloud (cloud, thin cloud, thick cloud). */
    public boolean isCloud(int cls) {
        return kind(cls).isCloud();
    }

    /** Picture colour of class {@code cls}, opaque sRGB {@code 0xRRGGBB}; see {@link #NODATA_COLOUR}. */
    public int colour(int cls) {
        return kind(cls).colour();
    }

    /** Class number of {@code kind} in this scheme, or −1 if the scheme has no such class. */
    public int indexOf(ClassKind kind) {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == kind) {
                return i;
            }
        }
        return -1;
    }

    /** Class number for a class name such as {@code shadow}; throws naming the valid names if unknown. */
    public int classIndex(String name) {
        ClassKind kind = ClassKind.parseOrNull(name);
        int index = kind == null ? -1 : indexOf(kind);
        if (index < 0) {
            throw new SenseiException(
                    "class '" + name + "' is not in scheme " + id + ": use one of " + String.join(", ", classNames()));
        }
        return index;
    }

    /** True if labels of this scheme can be converted to {@code target} (same or coarser scheme). */
    public boolean canConvertTo(ClassScheme target) {
        return target.ordinal() <= ordinal();
    }

    /**
     * Converts class {@code cls} of this scheme to {@code target}; {@link #NODATA} stays NODATA.
     *
     * @throws SenseiException if {@code target} is finer than this scheme
     */
    public int convert(int cls, ClassScheme target) {
        requireConvertible(target);
        if (cls == NODATA) {
            return NODATA;
        }
        return target.indexOf(convertKind(kind(cls), target));
    }

    /** Lookup table {@code t} with {@code t[cls]} = class in {@code target}, for every class of this scheme. */
    public int[] conversionTable(ClassScheme target) {
        requireConvertible(target);
        int[] table = new int[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            table[i] = target.indexOf(convertKind(kinds[i], target));
        }
        return table;
    }

    /**
     * Converts a label array (unsigned bytes) of this scheme to {@code target} in a new array; NODATA stays.
     *
     * @throws SenseiException for a value that is neither a class nor NODATA, or a finer target
     */
    public byte[] convert(byte[] labels, ClassScheme target) {
        return mapLabels(labels, conversionTable(target));
    }

    private byte[] mapLabels(byte[] labels, int[] table) {
        byte[] out = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i] & 0xFF;
            if (v < table.length) {
                out[i] = (byte) table[v];
            } else if (v == NODATA) {
                out[i] = (byte) NODATA;
            } else {
                throw new SenseiException("label value " + v + " at pixel " + i + " is not a class of scheme " + id
                        + " (0.." + (kinds.length - 1) + ") nor nodata " + NODATA
                        + ": convert the labels to this scheme first or pick the scheme they are written in");
            }
        }
        return out;
    }

    /**
     * First bit of a partial label: a training label value {@code PARTIAL | bits} (129..143, never {@link #NODATA})
     * means "one of the classes whose bit is set in {@code bits}" (bit c = class c). It arises when labels of a
     * coarser scheme are refined for training (On Cloud N's "not cloud" in scheme cloud-shadow is clear or shadow).
     */
    public static final int PARTIAL = 0x80;

    /** True if {@code value} (an unsigned label byte) is a partial label, see {@link #PARTIAL}. */
    public static boolean isPartial(int value) {
        return value != NODATA && (value & PARTIAL) != 0;
    }

    /**
     * Converts labels of this scheme to {@code target} for training, which may be finer: a class of this scheme
     * that is one class of {@code target} becomes it; one that stands for several becomes a {@link #PARTIAL}
     * label naming them (in scheme cloud-shadow, cloud's "clear" = "not cloud" becomes {clear, shadow}); NODATA
     * stays. To the same or a coarser scheme this is {@link #convert(byte[], ClassScheme)}.
     *
     * @throws SenseiException for a value that is neither a class nor NODATA
     */
    public byte[] refine(byte[] labels, ClassScheme target) {
        if (canConvertTo(target)) {
            return convert(labels, target);
        }
        int[] table = new int[kinds.length];
        for (int c = 0; c < kinds.length; c++) {
            int bits = 0;
            int count = 0;
            int last = -1;
            for (int t = 0; t < target.kinds.length; t++) {
                if (convertKind(target.kinds[t], this) == kinds[c]) {
                    bits |= 1 << t;
                    count++;
                    last = t;
                }
            }
            table[c] = count == 1 ? last : PARTIAL | bits;
        }
        return mapLabels(labels, table);
    }

    /** The coarsest meaning of {@code kind} that {@code target} can express. */
    static ClassKind convertKind(ClassKind kind, ClassScheme target) {
        if (target.indexOf(kind) >= 0) {
            return kind;
        }
        if (kind.isCloud() && target.indexOf(ClassKind.CLOUD) >= 0) {
            return ClassKind.CLOUD;
        }
        if (kind == ClassKind.SHADOW && target.indexOf(ClassKind.CLEAR) >= 0) {
            return ClassKind.CLEAR;
        }
        throw new SenseiException("class " + kind.label() + " has no counterpart in scheme " + target.id
                + ": a coarser scheme cannot be refined (thin and thick cloud cannot be told apart afterwards); "
                + "use scheme " + coarsestWith(kind).id + " or a coarser one");
    }

    private static ClassScheme coarsestWith(ClassKind kind) {
        for (ClassScheme s : values()) {
            if (s.indexOf(kind) >= 0) {
                return s;
            }
        }
        return CLEAR_THIN_THICK_SHADOW;
    }

    private void requireConvertible(ClassScheme target) {
        if (!canConvertTo(target)) {
            throw new SenseiException("labels of scheme " + id + " cannot be converted to the finer scheme "
                    + target.id + " (" + String.join(", ", target.classNames()) + "): evaluate with scheme " + id
                    + " or a coarser one");
        }
    }

    private void checkClass(int cls) {
        if (cls < 0 || cls >= kinds.length) {
            throw new IllegalArgumentException(
                    "class " + cls + " is not in scheme " + id + ": classes are 0.." + (kinds.length - 1));
        }
    }

    /** Scheme for an id ({@code cloud}, {@code cloud-shadow}, {@code full}); case-insensitive. */
    public static ClassScheme fromId(String id) {
        String n = id.trim().toLowerCase(Locale.ROOT);
        for (ClassScheme s : values()) {
            if (s.id.equals(n)) {
                return s;
            }
        }
        throw new SenseiException("unknown class scheme '" + id + "': use one of "
                + Arrays.stream(values()).map(ClassScheme::id).collect(Collectors.joining(", ")));
    }
}
