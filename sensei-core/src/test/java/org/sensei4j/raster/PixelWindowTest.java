package org.sensei4j.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PixelWindowTest {

    @Test
    void knowsItsEndsAndSize() {
        PixelWindow w = new PixelWindow(3, 5, 10, 7);
        assertThat(w.endX()).isEqualTo(13);
        assertThat(w.endY()).isEqualTo(12);
        assertThat(w.pixelCount()).isEqualTo(70);
        assertThat(w.fitsIn(13, 12)).isTrue();
        assertThat(w.fitsIn(12, 12)).isFalse();
        assertThat(w.fitsIn(13, 11)).isFalse();
        assertThat(PixelWindow.full(4, 2)).isEqualTo(new PixelWindow(0, 0, 4, 2));
    }

    @Test
    void rejectsNegativeOriginAndEmptySize() {
        assertThatThrownBy(() -> new PixelWindow(-1, 0, 2, 2)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new PixelWindow(0, 0, 0, 2)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new PixelWindow(0, 0, 2, -3)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new PixelWindow(Integer.MAX_VALUE, 0, 2, 2)).hasMessageContaining("overflows");
    }

    @Test
    void requireInsideNamesBothSizes() {
        assertThatThrownBy(() -> new PixelWindow(8, 0, 4, 4).requireInside(10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 12")
                .hasMessageContaining("10x10");
        assertThat(new PixelWindow(6, 6, 4, 4).requireInside(10, 10)).isEqualTo(new PixelWindow(6, 6, 4, 4));
    }
}
