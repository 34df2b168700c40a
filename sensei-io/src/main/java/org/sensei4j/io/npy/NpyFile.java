package org.sensei4j.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;

/**
 * Reads and writes NumPy's .npy format (versions 1.0, 2.0 and 3.0): a magic string, a version, a Python-dict
 * header giving {@code descr}, {@code fortran_order} and {@code shape}, then the raw values.
 *
 * <p>Read: bool, int8/16/32/64, uint8/16/32/64, float32/64, little- or big-endian, C or Fortran order (Fortran
 * arrays are transposed to C order on reading). Not read: structured, complex, string and object arrays.
 * Write: float32, little-endian, C order, version 1.0 (what {@code numpy.save} writes for such arrays).
 *
 * <p>Hand-written rather than a library: the format is one page, and the JVM libraries on Maven Central
 * (org.jetbrains.bio:npy, Kotlin) refuse Fortran order and read unsigned types as signed.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {}

    /**
     * Reads a .npy file.
     *
     * @throws SenseiException when the file is missing, not a .npy file, truncated, or of an unsupported type
     */
    public static NpyArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SenseiException("file not found: " + file, e);
        } catch (IOException e) {
            throw new SenseiException("cannot read .npy file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Reads a .npy stream to its end; {@code source} names it in error messages. */
    public static NpyArray read(InputStream in, String source) {
        try {
            return parse(in.readAllBytes(), source);
        } catch (IOException e) {
            throw new SenseiException("cannot read .npy data " + source + ": " + e.getMessage(), e);
        }
    }

    static NpyArray parse(byte[] bytes, String source) {
        String where = ".npy data " + source;
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new SenseiException("cannot read " + where + ": not a .npy file (it does not start with \\x93NUMPY"
                    + (bytes.length < 10 ? "; it has only " + bytes.length + " bytes" : "")
                    + "): save arrays with numpy.save");
        }
        int major = bytes[6] & 0xFF;
        int minor = bytes[7] & 0xFF;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new SenseiException("cannot read " + where + ": the file is truncated inside its header");
            }
            headerLength = b.getInt(8) & 0xFFFFFFFFL;
            headerStart = 12;
        } else {
            throw new SenseiException("cannot read " + where + ": .npy format version " + major + "." + minor
                    + " is not supported (1.0, 2.0 and 3.0 are): save it again with a NumPy of 2024 or older");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new SenseiException("cannot read " + where + ": the file is truncated inside its header ("
                    + headerLength + " header bytes announced, " + (bytes.length - headerStart) + " present)");
        }
        String header = new String(
                bytes,
                headerStart,
                (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find()) {
            throw new SenseiException("cannot read " + where + ": header " + header.trim() + " has no simple 'descr'"
                    + (header.contains("'descr': [") ? " (structured arrays are not supported)" : "")
                    + ": save a plain numeric array");
        }
        if (!fortran.find() || !shapeText.find()) {
            throw new SenseiException("cannot read " + where + ": header " + header.trim()
                    + " lacks 'fortran_order' or 'shape'; the file is corrupt");
        }
        String d = descr.group(1);
        if (d.length() < 3) {
            throw new SenseiException("cannot read " + where + ": dtype '" + d + "' is not understood");
        }
        char orderChar = d.charAt(0);
        ByteOrder order = orderChar == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if ("<>|=".indexOf(orderChar) < 0) {
            throw new SenseiException("cannot read " + where + ": dtype '" + d + "' has no byte order mark");
        }
        NpyDtype dtype;
        try {
            dtype = NpyDtype.of(d.charAt(1), Integer.parseInt(d.substring(2)));
        } catch (NumberFormatException e) {
            dtype = null;
        }
        if (dtype == null) {
            throw new SenseiException("cannot read " + where + ": dtype '" + d + "' is not supported: convert it "
                    + "with array.astype(numpy.float32) before saving");
        }
        long[] shape = parseShape(shapeText.group(1), where);
        long count;
        long needed;
        try {
            count = elementCount(shape);
            needed = Math.multiplyExact(count, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new SenseiException("cannot read " + where + ": shape " + Arrays.toString(shape)
                    + " has more elements than a 64-bit count holds; the header is corrupt");
        }
        long dataStart = headerStart + headerLength;
        if (count > Integer.MAX_VALUE - 8 || needed > Integer.MAX_VALUE - 8) {
            throw new SenseiException("cannot read " + where + ": shape " + Arrays.toString(shape)
                    + " is too large for one Java array: save it in parts");
        }
        if (bytes.length - dataStart < needed) {
            throw new SenseiException("cannot read " + where + ": the file is truncated: shape "
                    + Arrays.toString(shape) + " of " + d + " needs " + needed + " bytes of data but only "
                    + (bytes.length - dataStart) + " follow the header; save the array again");
        }
        ByteBuffer raw =
                ByteBuffer.wrap(bytes, (int) dataStart, (int) needed).slice().order(order);
        ByteBuffer le = toLittleEndian(raw, dtype);
        if (fortran.group(1).equals("True") && shape.length > 1) {
            le = fortranToC(le, shape, dtype.bytes());
        }
        return new NpyArray(shape, dtype, le);
    }

    private static long[] parseShape(String text, String where) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new long[0];
        }
        String[] parts = t.split(",");
        int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].trim().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new SenseiException("cannot read " + where + ": shape (" + text + ") is not a tuple of integers");
            }
            if (shape[i] < 0) {
                throw new SenseiException("cannot read " + where + ": shape (" + text + ") has a negative size");
            }
        }
        return shape;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    private static ByteBuffer toLittleEndian(ByteBuffer raw, NpyDtype dtype) {
        byte[] out = new byte[raw.remaining()];
        int w = dtype.bytes();
        if (raw.order() == ByteOrder.LITTLE_ENDIAN || w == 1) {
            raw.duplicate().get(out);
        } else {
            for (int i = 0; i < out.length; i += w) {
                for (int k = 0; k < w; k++) {
                    out[i + k] = raw.get(i + w - 1 - k);
                }
            }
        }
        if (dtype == NpyDtype.BOOL) {
            for (int i = 0; i < out.length; i++) {
                out[i] = out[i] != 0 ? (byte) 1 : 0;
            }
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reorders elements from Fortran order (first index fastest) to C order (last index fastest). */
    private static ByteBuffer fortranToC(ByteBuffer f, long[] shape, int width) {
        int n = shape.length;
        long[] fStride = new long[n];
        long s = 1;
        for (int k = 0; k < n; k++) {
            fStride[k] = s;
            s *= shape[k];
        }
        int count = (int) s;
        byte[] src = new byte[f.remaining()];
        f.duplicate().get(src);
        byte[] out = new byte[src.length];
        long[] idx = new long[n];
        long fOffset = 0;
        for (int c = 0; c < count; c++) {
            System.arraycopy(src, (int) fOffset * width, out, c * width, width);
            // advance the C-order index (last axis fastest) and its Fortran offset
            for (int k = n - 1; k >= 0; k--) {
                idx[k]++;
                fOffset += fStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                fOffset -= idx[k] * fStride[k];
                idx[k] = 0;
            }
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The bytes of a version 1.0 .npy file holding a little-endian float32 C-order array. */
    static byte[] encodeFloat32(long[] shape, float[] values) {
        if (elementCount(shape) != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + elementCount(shape)
                    + " values but " + values.length + " were given");
        }
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        // pad with spaces so that the data starts at a multiple of 64 bytes, ending the header with '\n'
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        if (header.length() > 0xFFFF) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " makes the header too long");
        }
        ByteBuffer b =
                ByteBuffer.allocate(10 + header.length() + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /**
     * Writes {@code values} (C order) with {@code shape} as a float32 .npy file, through a temporary file in
     * the same directory renamed atomically over {@code file}.
     *
     * @throws SenseiException when the directory is missing or not writable
     */
    public static void writeFloat32(Path file, long[] shape, float[] values) {
        byte[] bytes = encodeFloat32(shape, values);
        AtomicFiles.writeChecked(file, bytes);
    }

    /** Writes a float32 array; see {@link #writeFloat32(Path, long[], float[])}. */
    public static void write(Path file, NpyArray array) {
        if (array.dtype() != NpyDtype.FLOAT32) {
            throw new IllegalArgumentException("only float32 arrays are written; this one is " + array.dtype());
        }
        writeFloat32(file, array.shape(), array.toFloats());
    }
}
