package org.sensei4j.model.sensei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;

class FeatureExtractorTest {

    @Test
    void stripwiseExtractionEqualsOneForwardPass() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            SenseiEncoder encoder = SenseiEncoder.published();
            encoder.initialize(m);
            int h = 5;
            int w = 7;
            Random rnd = new Random(9);
            List<float[]> bands = new ArrayList<>();
            List<BandDescriptor> desc = List.of(
                    new BandDescriptor(446, 494, 542),
                    new BandDescriptor(645.5, 665, 684.5),
                    new BandDescriptor(763.5, 834, 904.5),
                    new BandDescriptor(1541, 1612, 1683));
            float[] flat = new float[desc.size() * h * w];
            float[] d = new float[desc.size() * 3];
            for (int b = 0; b < desc.size(); b++) {
                float[] band = new float[h * w];
                for (int i = 0; i < band.length; i++) {
                    band[i] = rnd.nextFloat();
                }
                bands.add(band);
                System.arraycopy(band, 0, flat, b * h * w, h * w);
                System.arraycopy(desc.get(b).normalised(), 0, d, b * 3, 3);
            }
            float[] extracted = new FeatureExtractor(encoder, m).extract(bands, desc, h, w);
            float[] direct = encoder.forward(
                            new ParameterStore(m, false),
                            new NDList(m.create(flat, new Shape(1, 4, h, w)), m.create(d, new Shape(1, 4, 3))),
                            false)
                    .singletonOrThrow()
                    .toFloatArray();
            assertThat(extracted).hasSize(64 * h * w);
            for (int i = 0; i < direct.length; i++) {
                assertThat(extracted[i]).isCloseTo(direct[i], Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void rejectsNaNAndCountMismatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            SenseiEncoder encoder = SenseiEncoder.published();
            encoder.initialize(m);
            FeatureExtractor fx = new FeatureExtractor(encoder, m);
            float[] band = {0.1f, Float.NaN, 0.2f, 0.3f};
            assertThatThrownBy(() -> fx.extract(List.of(band), List.of(new BandDescriptor(446, 494, 542)), 2, 2))
                    .hasMessageContaining("non-finite")
                    .hasMessageContaining("row 0, column 1");
            assertThatThrownBy(() -> fx.extract(
                            List.of(new float[4], new float[4]), List.of(new BandDescriptor(446, 494, 542)), 2, 2))
                    .hasMessageContaining("2 bands but 1 descriptors");
        }
    }
}
