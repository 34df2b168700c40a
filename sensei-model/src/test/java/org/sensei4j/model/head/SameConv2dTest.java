package org.sensei4j.model.head;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;

class SameConv2dTest {

    /** A 3×3 all-ones kernel sums each window; 'same' padding decides which window. */
    private static float[] sumWindows(int size, int stride, int dilation) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SameConv2d conv = new SameConv2d(1, 3, stride, dilation, 1, false);
            conv.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 1, size, size));
            NDArray x = manager.arange((float) size * size).reshape(1, 1, size, size);
            NDArray y = conv.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(conv.getOutputShapes(new Shape[] {x.getShape()})[0]);
            return y.toFloatArray();
        }
    }

    @Test
    void strideTwoOnAnEvenSizePadsOnlyBottomAndRightLikeKeras() {
        // 4×4 input 0..15; Keras pads 0 before and 1 after: windows start at rows/cols 0 and 2
        // top-left rows 0-2, cols 0-2: 0+1+2+4+5+6+8+9+10 = 45; top-right cols 2-3: 2+3+6+7+10+11 = 39
        // bottom-left rows 2-3: 8+9+10+12+13+14 = 66; bottom-right: 10+11+14+15 = 50
        // (symmetric padding would give windows centred on 0 and 2: 10, 27, 54, 90)
        assertThat(sumWindows(4, 2, 1)).containsExactly(45f, 39f, 66f, 50f);
    }

    @Test
    void strideTwoOnAnOddSizePadsOneEachSide() {
        // 3×3 input 0..8 padded by 1 all round: windows centred on (0,0), (0,2), (2,0), (2,2)
        assertThat(sumWindows(3, 2, 1)).containsExactly(0f + 1 + 3 + 4, 1f + 2 + 4 + 5, 3f + 4 + 6 + 7, 4f + 5 + 7 + 8);
    }

    @Test
    void dilatedStrideOneKeepsTheSize() {
        // 5×5 input, rate 2: the centre output sums the 9 pixels at rows/cols 0, 2, 4
        float[] y = sumWindows(5, 1, 2);
        assertThat(y).hasSize(25);
        assertThat(y[12]).isEqualTo(0f + 2 + 4 + 10 + 12 + 14 + 20 + 22 + 24);
        // the top-left output sees rows/cols 0 and 2 only
        assertThat(y[0]).isEqualTo(0f + 2 + 10 + 12);
    }

    @Test
    void samePaddingArithmetic() {
        assertThat(SameConv2d.samePadding(4, 3, 2, 1)).containsExactly(0, 1);
        assertThat(SameConv2d.samePadding(5, 3, 2, 1)).containsExactly(1, 1);
        assertThat(SameConv2d.samePadding(7, 3, 1, 4)).containsExactly(4, 4);
        assertThat(SameConv2d.samePadding(1, 3, 2, 1)).containsExactly(1, 1);
    }
}
