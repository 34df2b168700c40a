package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.SavedProperty;

/** How many of DeepLabv3+'s first convolutions an int8 head keeps in float32, and its override. */
class Int8FloatConvolutionsTest {

    @Test
    void theFirstThirteenBlocksByDefaultOrWhatThePropertySays() {
        try (SavedProperty saved = new SavedProperty(CloudPredictor.INT8_FLOAT_PROPERTY)) {
            saved.clear();
            // block 0 has no expansion (2 convolutions), blocks 1-12 have 3 each
            assertThat(CloudPredictor.int8FloatConvolutions()).isEqualTo(2 + 12 * 3);
            saved.set(" 0 ");
            assertThat(CloudPredictor.int8FloatConvolutions()).isZero();
            for (String bad : new String[] {"-1", "all"}) {
                saved.set(bad);
                assertThatThrownBy(CloudPredictor::int8FloatConvolutions)
                        .isInstanceOf(SenseiException.class)
                        .hasMessage("-Dsensei.int8.float-convolutions must be a number of convolutions ≥ 0, got '" + bad
                                + "' (38, the default, keeps the first 13 blocks in float32)");
            }
        }
    }
}
