package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.head.HeadConfig;
import org.sensei4j.model.head.HeadType;

class CloudModelTest {

    static final List<BandSpec> COMMON_BANDS = List.of(
            new BandSpec("B01", 425, 443, 461),
            new BandSpec("B02", 446, 494, 542),
            new BandSpec("B03", 537.5, 560, 582.5),
            new BandSpec("B04", 645.5, 665, 684.5),
            new BandSpec("B08", 763.5, 834, 904.5),
            new BandSpec("B10", 1337, 1375, 1413),
            new BandSpec("B11", 1541, 1612, 1683),
            new BandSpec("B12", 2074, 2194, 2314));

    private static CloudModel.ParameterCounts counts(String architecture, int bands, NDManager m) {
        return CloudModel.create(ModelSpec.architecture(architecture, bands, ClassScheme.CLOUD_CLEAR), m)
                .parameterCounts();
    }

    @Test
    void parameterCountsPerArchitecture() {
        try (NDManager m = NDManager.newBaseManager()) {
            CloudModel.ParameterCounts nn = counts("nn", 13, m);
            assertThat(nn).isEqualTo(new CloudModel.ParameterCounts(0, 1_154, 1_154));
            CloudModel.ParameterCounts dl = counts("deeplabv3plus", 13, m);
            assertThat(dl.sensei()).isZero();
            assertThat(dl.head()).isEqualTo(2_111_554);
            CloudModel.ParameterCounts sdl = counts("sensei-deeplabv3plus", 0, m);
            assertThat(sdl).isEqualTo(new CloudModel.ParameterCounts(210_544, 2_126_242, 2_336_786));
            CloudModel.ParameterCounts snn = counts("sensei-nn", 0, m);
            assertThat(snn.sensei()).isEqualTo(210_544);
            assertThat(snn.head()).isEqualTo(64 * 72 + 72 + 72 * 2 + 2);
        }
    }

    @Test
    void senseiModelIsInvariantToBandOrderAndTakesAnySubset() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            CloudModel model =
                    CloudModel.create(ModelSpec.sensei(HeadType.PIXEL_MLP, ClassScheme.CLEAR_CLOUD_SHADOW), m);
            ParameterStore ps = new ParameterStore(m, false);
            Random rnd = new Random(5);
            for (int n = 3; n <= 8; n++) {
                List<BandDescriptor> desc = new ArrayList<>();
                for (int b = 0; b < n; b++) {
                    desc.add(COMMON_BANDS.get(b).descriptor());
                }
                float[] v = new float[n * 6 * 5];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rnd.nextFloat();
                }
                NDArray values = m.create(v, new Shape(1, n, 6, 5));
                NDArray p = CloudPredictor.of(model).predict(ps, values, desc);
                assertThat(p.getShape()).isEqualTo(new Shape(1, 3, 6, 5));
                assertThat(p.sum(new int[] {1}).sub(1).abs().max().getFloat()).isLessThan(1e-5f);
                // reverse the band order (values and descriptors together)
                List<BandDescriptor> reversed = new ArrayList<>(desc);
                Collections.reverse(reversed);
                long[] rev = new long[n];
                for (int b = 0; b < n; b++) {
                    rev[b] = n - 1 - b;
                }
                NDArray rv = values.get(new NDIndex(":, {}", m.create(rev)));
                NDArray q = CloudPredictor.of(model).predict(ps, rv, reversed);
                assertThat(p.sub(q).abs().max().getFloat()).isLessThanOrEqualTo(1e-5f);
            }
        }
    }

    @Test
    void fixedBandModelRefusesAWrongBandSetListingWhatIsMissing() {
        try (NDManager m = NDManager.newBaseManager()) {
            CloudModel model = CloudModel.create(
                    ModelSpec.fixedBands(HeadType.PIXEL_MLP, COMMON_BANDS, ClassScheme.CLOUD_CLEAR), m);
            List<String> rgbNir = List.of("B2", "B3", "B4", "B8");
            assertThatThrownBy(() -> CloudPredictor.of(model).selectBands(rgbNir))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("missing [B01, B10, B11, B12]");
            // reordered and with extras: accepted, mapped by id
            List<String> all =
                    List.of("B12", "B11", "B10", "B09", "B8A", "B08", "B07", "B06", "B05", "B04", "B03", "B02", "B01");
            assertThat(CloudPredictor.of(model).selectBands(all)).containsExactly(12, 11, 10, 9, 5, 2, 1, 0);
            NDArray values = m.randomUniform(0, 1, new Shape(1, 13, 9, 9));
            NDArray p = CloudPredictor.of(model).predictFixed(new ParameterStore(m, false), values, all);
            assertThat(p.getShape()).isEqualTo(new Shape(1, 2, 9, 9));
            assertThatThrownBy(() -> CloudPredictor.of(model).predict(new ParameterStore(m, false), values, List.of()))
                    .hasMessageContaining("fixed-band model");
        }
    }

    @Test
    void specRejectsInconsistentSettings() {
        assertThatThrownBy(() -> ModelSpec.architecture("unet", 13, ClassScheme.CLOUD_CLEAR))
                .hasMessageContaining("unknown architecture 'unet'");
        assertThatThrownBy(() -> new ModelSpec("x", null, HeadConfig.pixelMlp(4, 8, 2), "cloud", COMMON_BANDS, null))
                .hasMessageContaining("head takes 4 channels but 8 bands");
        assertThatThrownBy(() -> new ModelSpec("x", null, HeadConfig.pixelMlp(8, 8, 3), "cloud", COMMON_BANDS, null))
                .hasMessageContaining("3 classes but class scheme 'cloud' has 2");
    }
}
