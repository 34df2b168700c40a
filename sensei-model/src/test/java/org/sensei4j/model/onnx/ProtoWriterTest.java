package org.sensei4j.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wire format against hand-encoded bytes (protobuf encoding guide examples). */
class ProtoWriterTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void varintsStringsFloatsAndPackedFieldsEncodeAsProtobufDoes() {
        // field 1, varint 150: 08 96 01
        assertThat(new ProtoWriter().varint(1, 150).toByteArray()).containsExactly(bytes(0x08, 0x96, 0x01));
        // field 2, string "testing": 12 07 74 65 73 74 69 6e 67
        assertThat(new ProtoWriter().string(2, "testing").toByteArray())
                .containsExactly(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67));
        // a negative int64 takes ten bytes
        assertThat(new ProtoWriter().varint(3, -1).toByteArray()).hasSize(11).startsWith(bytes(0x18, 0xff));
        // field 2, fixed32 1.0f: 15 00 00 80 3f
        assertThat(new ProtoWriter().float32(2, 1f).toByteArray()).containsExactly(bytes(0x15, 0, 0, 0x80, 0x3f));
        // field 4, packed 3, 270, 86942: 22 06 03 8e 02 9e a7 05
        assertThat(new ProtoWriter().packedVarints(4, 3, 270, 86942).toByteArray())
                .containsExactly(bytes(0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05));
        // field 3, message {field 1 = 150}: 1a 03 08 96 01
        assertThat(new ProtoWriter()
                        .message(3, new ProtoWriter().varint(1, 150))
                        .toByteArray())
                .containsExactly(bytes(0x1a, 0x03, 0x08, 0x96, 0x01));
        assertThat(ProtoWriter.littleEndian(new float[] {1f})).containsExactly(bytes(0, 0, 0x80, 0x3f));
    }
}
