package org.sensei4j.inference;

import java.util.Objects;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;

/**
 * How many pixels of a mask have each class value: the one place the cloud fraction (and every other class
 * fraction) of a mask is computed. {@link GeoTiffMaskSink} counts the strips it writes, {@link MaskResult} its
 * classes, and readers of an existing mask the rows they read. Fractions are of the valid pixels (not
 * {@link ClassScheme#NODATA}). Not thread-safe: one counter per mask.
 */
public final class MaskCounts {

    private final ClassScheme scheme;
    private final long[] counts = new long[256];

    /** An empty count of masks in the classes of {@code scheme}. */
    public MaskCounts(ClassScheme scheme) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
    }

    /** The counts of a whole mask held in memory. */
    public static MaskCounts of(byte[] classes, ClassScheme scheme) {
        MaskCounts c = new MaskCounts(scheme);
        c.add(classes, 0, classes.length);
        return c;
    }

    /** Counts {@code length} class values of {@code classes} from {@code from}. */
    public void add(byte[] classes, int from, int length) {
        Objects.checkFromIndexSize(from, length, classes.length);
        long[] n = counts;
        for (int i = from, end = from + length; i < end; i++) {
            n[classes[i] & 0xFF]++;
        }
    }

    /** The classes counted. */
    public ClassScheme scheme() {
        return scheme;
    }

    /** Pixels with value {@code value} (0..255; {@link ClassScheme#NODATA} counts the nodata pixels). */
    public long count(int value) {
        return counts[value];
    }

    /** Pixels with a class value (neither nodata nor a value outside the scheme). */
    public long valid() {
        long v = 0;
        for (int c = 0; c < scheme.classCount(); c++) {
            v += counts[c];
        }
        return v;
    }

    /** Pixels of a cloud class (thin and thick cloud in the full scheme). */
    public long cloud() {
        long v = 0;
        for (int c = 0; c < scheme.classCount(); c++) {
            if (scheme.isCloud(c)) {
                v += counts[c];
            }
        }
        return v;
    }

    /** Cloud pixels over valid pixels; NaN without valid pixels. */
    public double cloudFraction() {
        long valid = valid();
        return valid == 0 ? Double.NaN : (double) cloud() / valid;
    }

    /** Pixels of class {@code cls} over valid pixels; NaN without valid pixels. */
    public double fraction(int cls) {
        long valid = valid();
        return valid == 0 ? Double.NaN : (double) counts[cls] / valid;
    }

    /** The fraction of the scheme's class of this kind, or NaN when the scheme has none (or no valid pixel). */
    public double fraction(ClassKind kind) {
        int c = scheme.indexOf(kind);
        return c < 0 ? Double.NaN : fraction(c);
    }

    @Override
    public String toString() {
        return "MaskCounts[" + scheme.id() + ", " + valid() + " valid, cloud fraction " + cloudFraction() + "]";
    }
}
