package org.sensei4j.io.npy;

import java.nio.ByteOrder;

/** The NumPy element types this package reads, by kind and size (byte order is kept separately). */
public enum NpyDtype {
    BOOL('b', 1),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    UINT32('u', 4),
    INT64('i', 8),
    UINT64('u', 8),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private final char kind;
    private final int bytes;

    NpyDtype(char kind, int bytes) {
        this.kind = kind;
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /** The NumPy descr string for this type in the given byte order, e.g. "&lt;f4" or "|u1". */
    public String descr(ByteOrder order) {
        char o = bytes == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return "" + o + kind + bytes;
    }

    /** The type of a kind letter and size, or null when not supported. */
    static NpyDtype of(char kind, int bytes) {
        for (NpyDtype t : values()) {
            if (t.kind == kind && t.bytes == bytes) {
                return t;
            }
        }
        return null;
    }
}
