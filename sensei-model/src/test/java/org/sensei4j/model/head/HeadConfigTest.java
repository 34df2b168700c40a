package org.sensei4j.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class HeadConfigTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonRoundTrip() throws Exception {
        HeadConfig nn = HeadConfig.pixelMlp(13, 72, 2);
        String text = json.writeValueAsString(nn);
        assertThat(text)
                .isEqualTo("{\"type\":\"PIXEL_MLP\",\"inChannels\":13,\"classes\":2,\"hidden\":72,\"alpha\":null,"
                        + "\"outputStride\":null}");
        assertThat(json.readValue(text, HeadConfig.class)).isEqualTo(nn);

        HeadConfig dl = HeadConfig.deepLabV3Plus(64, 3);
        assertThat(json.readValue(json.writeValueAsString(dl), HeadConfig.class))
                .isEqualTo(dl);
        assertThat(json.readValue(
                        "{\"type\":\"DEEPLAB_V3_PLUS\",\"inChannels\":64,\"classes\":3,\"alpha\":1.0,"
                                + "\"outputStride\":8}",
                        HeadConfig.class))
                .isEqualTo(dl);
    }

    @Test
    void newBlockBuildsTheConfiguredHead() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block nn = HeadConfig.pixelMlp(13, 72, 2).newBlock();
            nn.initialize(manager, DataType.FLOAT32, new Shape(1, 13, 33, 33));
            assertThat(nn).isInstanceOf(PixelMlp.class);
            assertThat(ParameterCount.trainable(nn)).isEqualTo(1154);

            Block dl = HeadConfig.deepLabV3Plus(13, 2).newBlock();
            dl.initialize(manager, DataType.FLOAT32, new Shape(1, 13, 33, 33));
            assertThat(dl).isInstanceOf(DeepLabV3Plus.class);
            assertThat(ParameterCount.trainable(dl)).isEqualTo(2_111_554);
            assertThat(((DeepLabV3Plus) dl).config()).isEqualTo(HeadConfig.deepLabV3Plus(13, 2));
        }
    }

    @Test
    void invalidSettingsNameTheField() {
        assertThatThrownBy(() -> new HeadConfig(HeadType.PIXEL_MLP, 13, 2, null, null, null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("\"hidden\"");
        assertThatThrownBy(() -> new HeadConfig(HeadType.DEEPLAB_V3_PLUS, 13, 2, null, 1.0, 16))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("\"outputStride\": 8, got 16");
        assertThatThrownBy(() -> new HeadConfig(HeadType.DEEPLAB_V3_PLUS, 13, 2, null, null, 8))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("\"alpha\"");
        assertThatThrownBy(() -> new HeadConfig(HeadType.DEEPLAB_V3_PLUS, 13, 2, 72, 1.0, 8))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("hidden belongs to PIXEL_MLP");
        assertThatThrownBy(() -> new HeadConfig(HeadType.PIXEL_MLP, 0, 2, 72, null, null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("inChannels must be ≥ 1, got 0");
        assertThatThrownBy(() -> new HeadConfig(null, 13, 2, 72, null, null))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("PIXEL_MLP");
    }
}
