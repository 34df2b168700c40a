package org.sensei4j.train.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.sensor.Band;

/**
 * One square training sample: band values, the bands they come from and per-pixel labels.
 *
 * <p>The arrays are shared, not copied, and must not be modified once the sample is built: every operation of
 * this package returns a new sample with new arrays.
 *
 * @param values bands × size × size values in SEnSeI's quantities (reflectance 0–1, normalised brightness
 *               temperature), band-major: band b, row r, column c is {@code values[(b·size + r)·size + c]}
 * @param bands  the bands of {@code values}, in the same order (synthetic bands made by
 *               {@link BandSubsetter} included)
 * @param labels size × size class numbers of {@code scheme}, row-major; {@link ClassScheme#NODATA} (255) marks
 *               pixels without a label, which the loss ignores
 * @param size   width and height in pixels
 * @param scheme the class scheme of {@code labels}
 * @param origin where the sample was cut from
 */
public record TrainingSample(
        float[] values, List<Band> bands, byte[] labels, int size, ClassScheme scheme, SampleOrigin origin) {

    public TrainingSample {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(origin, "origin");
        bands = List.copyOf(bands);
        if (size <= 0) {
            throw new IllegalArgumentException("sample size " + size + " px is not positive");
        }
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("sample from " + origin + " has no bands: give at least one band");
        }
        long plane = (long) size * size;
        if (values.length != bands.size() * plane) {
            throw new IllegalArgumentException("sample from " + origin + " has " + values.length + " values but "
                    + bands.size() + " bands × " + size + " × " + size + " = " + bands.size() * plane);
        }
        if (labels.length != plane) {
            throw new IllegalArgumentException("sample from " + origin + " has " + labels.length + " labels but " + size
                    + " × " + size + " = " + plane + " pixels");
        }
    }

    /** Number of bands. */
    public int bandCount() {
        return bands.size();
    }

    /** Pixels per band (size²). */
    public int planeSize() {
        return size * size;
    }

    /** The value of band {@code band} at (row, column). */
    public float value(int band, int row, int column) {
        return values[(band * size + row) * size + column];
    }

    /** The label at (row, column) as an unsigned number (0..K−1 or 255). */
    public int label(int row, int column) {
        return labels[row * size + column] & 0xFF;
    }

    /** The band descriptors (min, centre, max in nm), in band order. */
    public List<BandDescriptor> descriptors() {
        return bands.stream().map(Band::wavelengths).toList();
    }

    /** The band ids, in band order (a synthetic band's id joins its inputs' ids with '+'). */
    public List<String> bandIds() {
        return bands.stream().map(Band::id).toList();
    }

    /** The normalised descriptors ({@link BandDescriptor#normalised()}), bands × 3, row-major. */
    public float[] normalisedDescriptors() {
        float[] out = new float[bands.size() * 3];
        for (int b = 0; b < bands.size(); b++) {
            System.arraycopy(bands.get(b).wavelengths().normalised(), 0, out, 3 * b, 3);
        }
        return out;
    }

    /** Fraction of pixels with a label (not {@link ClassScheme#NODATA}). */
    public double labelledFraction() {
        return labelledFraction(labels);
    }

    static double labelledFraction(byte[] labels) {
        long n = 0;
        for (byte b : labels) {
            if ((b & 0xFF) != ClassScheme.NODATA) {
                n++;
            }
        }
        return labels.length == 0 ? 0 : (double) n / labels.length;
    }

    /** A new sample with the chosen bands (by position), in the given order; labels shared. */
    public TrainingSample selectBands(int... indices) {
        int plane = planeSize();
        float[] out = new float[indices.length * plane];
        Band[] chosen = new Band[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int b = indices[i];
            if (b < 0 || b >= bands.size()) {
                throw new IndexOutOfBoundsException(
                        "band " + b + " does not exist: this sample has bands 0.." + (bands.size() - 1));
            }
            chosen[i] = bands.get(b);
            System.arraycopy(values, b * plane, out, i * plane, plane);
        }
        return new TrainingSample(out, List.of(chosen), labels, size, scheme, origin);
    }

    /** The same sample with new values and bands (same size, labels and origin). */
    public TrainingSample withValues(float[] newValues, List<Band> newBands) {
        return new TrainingSample(newValues, newBands, labels, size, scheme, origin);
    }

    /** The same sample with new values and labels (same bands), e.g. after a geometric transformation. */
    public TrainingSample withPixels(float[] newValues, byte[] newLabels) {
        return new TrainingSample(newValues, bands, newLabels, size, scheme, origin);
    }

    /**
     * The sample with labels in {@code target} (the same scheme or a coarser one).
     *
     * @throws org.sensei4j.error.SenseiException when {@code target} is finer than {@link #scheme()}
     */
    public TrainingSample withScheme(ClassScheme target) {
        if (target == scheme) {
            return this;
        }
        return new TrainingSample(values, bands, scheme.convert(labels, target), size, target, origin);
    }

    /**
     * The sample with labels for training in {@code target}, which may be finer than {@link #scheme()}: classes
     * that stand for several classes of {@code target} become {@link ClassScheme#PARTIAL} labels (see
     * {@link ClassScheme#refine}); the loss then rewards any of them.
     */
    public TrainingSample forTraining(ClassScheme target) {
        if (target == scheme) {
            return this;
        }
        return new TrainingSample(values, bands, scheme.refine(labels, target), size, target, origin);
    }

    /** Value equality: same arrays' contents, bands, size, scheme and origin. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingSample s
                && size == s.size
                && scheme == s.scheme
                && bands.equals(s.bands)
                && origin.equals(s.origin)
                && Arrays.equals(values, s.values)
                && Arrays.equals(labels, s.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, scheme, bands, origin, Arrays.hashCode(values), Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "TrainingSample[" + origin + ", " + size + "×" + size + ", bands " + bandIds() + ", scheme "
                + scheme.id() + "]";
    }
}
