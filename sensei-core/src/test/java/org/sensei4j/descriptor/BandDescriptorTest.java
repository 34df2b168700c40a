package org.sensei4j.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BandDescriptorTest {

    @Test
    void normalisesAsInThePaper() {
        // log10(400 - 300) - 2 = 0; log10(1300 - 300) - 2 = 1
        assertThat(BandDescriptor.normalise(400)).isCloseTo(0.0, within(1e-12));
        assertThat(BandDescriptor.normalise(1300)).isCloseTo(1.0, within(1e-12));
        assertThat(BandDescriptor.denormalise(BandDescriptor.normalise(865))).isCloseTo(865, within(1e-9));
        float[] n = new BandDescriptor(446, 494, 542).normalised();
        assertThat(n[1]).isCloseTo((float) (Math.log10(194) - 2), within(1e-6f));
    }

    @Test
    void rejectsWavelengthsAtOrBelow300nm() {
        assertThatThrownBy(() -> new BandDescriptor(300, 400, 500)).hasMessageContaining("<= 300 nm");
        assertThatThrownBy(() -> new BandDescriptor(0.4, 0.5, 0.6)).hasMessageContaining("µm");
    }

    @Test
    void rejectsUnorderedLimits() {
        assertThatThrownBy(() -> new BandDescriptor(500, 490, 540)).hasMessageContaining("minimum");
        assertThatThrownBy(() -> new BandDescriptor(480, 560, 540)).hasMessageContaining("centre");
        assertThatThrownBy(() -> new BandDescriptor(480, Double.NaN, 540)).hasMessageContaining("finite");
    }

    @Test
    void parsesTriples() {
        assertThat(BandDescriptor.parse(" 446:494:542 ")).isEqualTo(new BandDescriptor(446, 494, 542));
        assertThatThrownBy(() -> BandDescriptor.parse("446:494")).hasMessageContaining("min:centre:max");
        assertThatThrownBy(() -> BandDescriptor.parse("a:b:c")).hasMessageContaining("not numeric");
    }

    @Test
    void aListNormalisesToConsecutiveTriples() {
        float[] v = BandDescriptor.normalised(
                List.of(new BandDescriptor(350, 400, 1300), new BandDescriptor(400, 1300, 10300)));
        // log10(50) - 2, 0, 1 then 0, 1, 2
        assertThat(v)
                .containsExactly(new float[] {(float) (Math.log10(50) - 2), 0f, 1f, 0f, 1f, 2f}, Offset.offset(1e-6f));
    }
}
