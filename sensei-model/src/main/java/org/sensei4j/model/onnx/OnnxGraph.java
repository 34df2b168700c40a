package org.sensei4j.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds a small ONNX model (opset 13, float32 tensors) node by node and serialises it, without the ONNX
 * library: the graph's float inputs and outputs have shapes whose unknown axes are named (e.g. "height").
 * Only what the exported heads need: nodes with int, ints, float and string attributes; float, int64 and (for
 * quantised graphs, {@link Int8Quantiser}) int8, uint8 and int32 initialisers.
 */
public final class OnnxGraph {

    /** ONNX TensorProto.DataType FLOAT. */
    private static final int FLOAT = 1;
    /** ONNX TensorProto.DataType UINT8. */
    static final int UINT8 = 2;
    /** ONNX TensorProto.DataType INT8. */
    static final int INT8 = 3;
    /** ONNX TensorProto.DataType INT32. */
    static final int INT32 = 6;
    /** ONNX TensorProto.DataType INT64. */
    private static final int INT64 = 7;

    private static final int OPSET = 13;
    private static final int IR_VERSION = 7;

    private final String name;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private int counter;
    private Int8Quantiser quantiser;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /**
     * Quantises (or, recording, marks for calibration) the convolutions built with {@link Int8Quantiser#conv} on
     * this graph; null (the default): every convolution in float32.
     */
    public OnnxGraph quantiser(Int8Quantiser q) {
        this.quantiser = q;
        return this;
    }

    /** The graph's quantiser, or null. */
    public Int8Quantiser quantiser() {
        return quantiser;
    }

    /** A fresh tensor name starting with {@code prefix}. */
    public String fresh(String prefix) {
        return prefix + "_" + (counter++);
    }

    /** Adds a float input; {@code dims} entries are Long (fixed) or String (named, any size). */
    public OnnxGraph input(String tensor, Object... dims) {
        inputs.add(valueInfo(tensor, dims));
        return this;
    }

    /** Marks a float tensor as a graph output. */
    public OnnxGraph output(String tensor, Object... dims) {
        outputs.add(valueInfo(tensor, dims));
        return this;
    }

    /** Marks a float tensor as a graph output of any shape (e.g. an intermediate result for calibration). */
    public OnnxGraph outputAnyShape(String tensor) {
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT);
        ProtoWriter type = new ProtoWriter().message(1, tensorType);
        outputs.add(new ProtoWriter().string(1, tensor).message(2, type));
        return this;
    }

    /**
     * Adds a constant of the given ONNX data type ({@link #INT8}, {@link #UINT8}, {@link #INT32}) from its
     * little-endian bytes and returns its name; no dims: a scalar.
     */
    String constantRaw(String prefix, int dataType, byte[] raw, long... dims) {
        String tensor = fresh(prefix);
        ProtoWriter t = new ProtoWriter();
        if (dims.length > 0) {
            t.packedVarints(1, dims);
        }
        t.varint(2, dataType).string(8, tensor).bytes(9, raw);
        initializers.add(t);
        return tensor;
    }

    /** Adds a float constant and returns its name. */
    public String constant(String prefix, float[] values, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(values.length + " values for dims " + Arrays.toString(dims));
        }
        String tensor = fresh(prefix);
        ProtoWriter t = new ProtoWriter();
        if (dims.length > 0) {
            t.packedVarints(1, dims);
        }
        t.varint(2, FLOAT).string(8, tensor).bytes(9, ProtoWriter.littleEndian(values));
        initializers.add(t);
        return tensor;
    }

    /** Adds an int64 constant and returns its name. */
    public String constantInt64(String prefix, long... values) {
        String tensor = fresh(prefix);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        ProtoWriter t = new ProtoWriter()
                .packedVarints(1, values.length)
                .varint(2, INT64)
                .string(8, tensor)
                .bytes(9, raw.array());
        initializers.add(t);
        return tensor;
    }

    /** Adds a node; returns its (single) output's name. */
    public String node(String opType, List<String> in, Attribute... attributes) {
        String y = fresh(opType.toLowerCase(Locale.ROOT));
        ProtoWriter n = new ProtoWriter();
        for (String i : in) {
            n.string(1, i);
        }
        n.string(2, y).string(3, y).string(4, opType);
        for (Attribute a : attributes) {
            n.message(5, a.encode());
        }
        nodes.add(n);
        return y;
    }

    /** The serialised ModelProto. */
    public byte[] toModelBytes() {
        ProtoWriter g = new ProtoWriter();
        for (ProtoWriter n : nodes) {
            g.message(1, n);
        }
        g.string(2, name);
        for (ProtoWriter t : initializers) {
            g.message(5, t);
        }
        for (ProtoWriter i : inputs) {
            g.message(11, i);
        }
        for (ProtoWriter o : outputs) {
            g.message(12, o);
        }
        ProtoWriter opset = new ProtoWriter().string(1, "").varint(2, OPSET);
        return new ProtoWriter()
                .varint(1, IR_VERSION)
                .string(2, "sensei4j")
                .message(7, g)
                .message(8, opset)
                .toByteArray();
    }

    private static ProtoWriter valueInfo(String tensor, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof String s) {
                dim.string(2, s);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        ProtoWriter type = new ProtoWriter().message(1, tensorType);
        return new ProtoWriter().string(1, tensor).message(2, type);
    }

    /** A node attribute. */
    public record Attribute(String name, int type, long i, long[] ints, float f, String s) {

        /** An INT attribute. */
        public static Attribute of(String name, long value) {
            return new Attribute(name, 2, value, null, 0f, null);
        }

        /** An INTS attribute. */
        public static Attribute ints(String name, long... values) {
            return new Attribute(name, 7, 0, values.clone(), 0f, null);
        }

        /** A FLOAT attribute. */
        public static Attribute of(String name, float value) {
            return new Attribute(name, 1, 0, null, value, null);
        }

        /** A STRING attribute. */
        public static Attribute of(String name, String value) {
            return new Attribute(name, 3, 0, null, 0f, value);
        }

        ProtoWriter encode() {
            ProtoWriter a = new ProtoWriter().string(1, name);
            switch (type) {
                case 1 -> a.float32(2, f);
                case 2 -> a.varint(3, i);
                case 3 -> a.string(4, s);
                case 7 -> {
                    for (long v : ints) {
                        a.varint(8, v);
                    }
                }
                default -> throw new IllegalStateException("attribute type " + type);
            }
            return a.varint(20, type);
        }
    }
}
