package org.sensei4j.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloatRasterTest {

    /** 2 bands x 3 rows x 4 columns, value = 100*b + 10*r + c. */
    private static FloatRaster sample() {
        float[] d = new float[24];
        for (int b = 0; b < 2; b++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    d[(b * 3 + r) * 4 + c] = 100 * b + 10 * r + c;
                }
            }
        }
        return new FloatRaster(2, 3, 4, d, -1.0);
    }

    @Test
    void indexesBandMajor() {
        FloatRaster r = sample();
        assertThat(r.get(1, 2, 3)).isEqualTo(123f);
        assertThat(r.get(0, 1, 0)).isEqualTo(10f);
        assertThat(r.band(1)).containsExactly(100, 101, 102, 103, 110, 111, 112, 113, 120, 121, 122, 123);
        assertThat(r.bandOffset(1)).isEqualTo(12);
        assertThat(r.planeSize()).isEqualTo(12);
    }

    @Test
    void cropsAndSelects() {
        FloatRaster c = sample().crop(new PixelWindow(1, 1, 2, 2));
        assertThat(c.data()).containsExactly(11, 12, 21, 22, 111, 112, 121, 122);
        assertThat(c.nodata()).isEqualTo(-1.0);
        FloatRaster s = sample().selectBands(1, 0);
        assertThat(s.get(0, 0, 0)).isEqualTo(100f);
        assertThat(s.get(1, 0, 0)).isEqualTo(0f);
        assertThat(FloatRaster.ofBands(1, 2, null, new float[] {1, 2}, new float[] {3, 4})
                        .data())
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void nodataMatchesNaN() {
        FloatRaster nan = new FloatRaster(1, 1, 2, new float[] {Float.NaN, 0}, Double.NaN);
        assertThat(nan.isNodata(Float.NaN)).isTrue();
        assertThat(nan.isNodata(0f)).isFalse();
        assertThat(sample().isNodata(-1f)).isTrue();
        assertThat(sample().withNodata(null).isNodata(-1f)).isFalse();
    }

    @Test
    void rejectsWrongShapesAndIndices() {
        assertThatThrownBy(() -> new FloatRaster(2, 3, 4, new float[23], null)).hasMessageContaining("needs 24");
        assertThatThrownBy(() -> new FloatRaster(0, 3, 4, new float[0], null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> sample().band(2)).hasMessageContaining("bands 0..1");
        assertThatThrownBy(() -> sample().get(0, 3, 0)).hasMessageContaining("outside");
        assertThatThrownBy(() -> sample().crop(new PixelWindow(3, 0, 2, 1))).hasMessageContaining("outside");
        assertThatThrownBy(() -> FloatRaster.ofBands(2, 2, null, new float[3])).hasMessageContaining("band 0 has 3");
    }

    @Test
    void equalityIsByValue() {
        assertThat(sample()).isEqualTo(sample()).hasSameHashCodeAs(sample());
        assertThat(sample()).isNotEqualTo(sample().withNodata(null));
    }

    @Test
    void sampleTypesKnowTheirRanges() {
        assertThat(SampleType.UINT16.holds(65535)).isTrue();
        assertThat(SampleType.UINT16.holds(65536)).isFalse();
        assertThat(SampleType.INT16.holds(-32768)).isTrue();
        assertThat(SampleType.UINT8.holds(1.5)).isFalse();
        assertThat(SampleType.FLOAT32.holds(1.5)).isTrue();
        assertThat(SampleType.parse("UInt16")).isEqualTo(SampleType.UINT16);
        assertThat(SampleType.parse("float32")).isEqualTo(SampleType.FLOAT32);
        assertThatThrownBy(() -> SampleType.parse("complex64")).hasMessageContaining("uint8");
    }
}
