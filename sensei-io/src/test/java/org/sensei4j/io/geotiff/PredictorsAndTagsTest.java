package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for the predictors and the GDAL_NODATA text. */
class PredictorsAndTagsTest {

    @Test
    void horizontalPredictorAddsTheLeftNeighbourPerSampleInEitherByteOrder() {
        // one row of 3 pixels x 2 samples of uint16, stored as differences: [10, 20, +1, -2, +65535(= -1), +3]
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer b = ByteBuffer.allocate(12).order(order);
            for (int v : new int[] {10, 20, 1, 65534, 65535, 3}) {
                b.putShort((short) v);
            }
            byte[] block = b.array();
            Predictors.undoHorizontal(block, order, 3, 1, 2, 2);
            ByteBuffer r = ByteBuffer.wrap(block).order(order);
            int[] got = new int[6];
            for (int i = 0; i < 6; i++) {
                got[i] = r.getShort(2 * i) & 0xFFFF;
            }
            // sample 0: 10, 11, 10; sample 1: 20, 18, 21 (wrapping modulo 2^16)
            assertThat(got).as(order.toString()).containsExactly(10, 20, 11, 18, 10, 21);
        }
        // two rows restart the sum
        byte[] bytes = {5, 1, 1, 7, 2, 2};
        Predictors.undoHorizontal(bytes, ByteOrder.LITTLE_ENDIAN, 3, 2, 1, 1);
        assertThat(bytes).containsExactly(5, 6, 7, 7, 9, 11);
    }

    @Test
    void floatingPointPredictorUnshufflesMostSignificantBytesFirst() {
        // two float32 values 1.0f (3F 80 00 00) and -2.0f (C0 00 00 00) in one row, one sample per pixel.
        // Encoder: byte planes MSB first -> [3F C0 | 80 00 | 00 00 | 00 00], then byte differences.
        byte[] planes = {0x3F, (byte) 0xC0, (byte) 0x80, 0x00, 0x00, 0x00, 0x00, 0x00};
        byte[] diff = new byte[8];
        diff[0] = planes[0];
        for (int i = 1; i < 8; i++) {
            diff[i] = (byte) (planes[i] - planes[i - 1]);
        }
        byte[] out = Predictors.undoFloatingPoint(diff, 2, 1, 1, 4);
        ByteBuffer r = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
        assertThat(r.getFloat(0)).isEqualTo(1.0f);
        assertThat(r.getFloat(4)).isEqualTo(-2.0f);
    }

    @Test
    void nodataTextAsGdalWritesIt() {
        assertThat(GeoTiffTags.parseNodata("0")).isEqualTo(0.0);
        assertThat(GeoTiffTags.parseNodata(" -9999 ")).isEqualTo(-9999.0);
        assertThat(GeoTiffTags.parseNodata("nan")).isNaN();
        assertThat(GeoTiffTags.parseNodata("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(GeoTiffTags.parseNodata("-3.4028234663852886e+38")).isEqualTo(-3.4028234663852886e+38);
        assertThat(GeoTiffTags.parseNodata("")).isNull();
        assertThat(GeoTiffTags.parseNodata("none")).isNull();
        assertThat(GeoTiffTags.parseNodata(null)).isNull();
        assertThat(GeoTiffTags.formatNodata(0)).isEqualTo("0");
        assertThat(GeoTiffTags.formatNodata(65535)).isEqualTo("65535");
        assertThat(GeoTiffTags.formatNodata(-9999.5)).isEqualTo("-9999.5");
        assertThat(GeoTiffTags.formatNodata(Double.NaN)).isEqualTo("nan");
        assertThat(GeoTiffTags.formatNodata(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(GeoTiffTags.compressionName(8)).isEqualTo("DEFLATE");
        assertThat(GeoTiffTags.compressionName(50000)).isEqualTo("ZSTD");
        assertThat(GeoTiffTags.compressionSupported(50000)).isFalse();
    }
}
