package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class ParameterBlobTest {

    private static Block linear(NDManager manager) {
        Block b = Linear.builder().setUnits(2).build();
        b.setInitializer(new NormalInitializer(), Parameter.Type.WEIGHT);
        b.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return b;
    }

    @Test
    void parametersRoundTripAndAreTrainableAgain() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block a = linear(manager);
            Block b = linear(manager);
            assertThat(b.getParameters().get("weight").getArray())
                    .isNotEqualTo(a.getParameters().get("weight").getArray());
            ParameterBlob.load(b, manager, ParameterBlob.save(a));
            assertThat(b.getParameters().get("weight").getArray().toFloatArray())
                    .containsExactly(a.getParameters().get("weight").getArray().toFloatArray());
            assertThat(b.getParameters().get("weight").getArray().hasGradient()).isTrue();
            assertThat(b.getParameters().get("bias").getArray().hasGradient()).isTrue();
        }
    }

    @Test
    void parametersInAnotherFormatAreRefusedNamingTheFix() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            byte[] bytes = ParameterBlob.save(linear(manager));
            bytes[0] = 99; // the block's encoding version
            assertThatThrownBy(() -> ParameterBlob.load(linear(manager), manager, bytes))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageStartingWith("checkpoint parameters do not fit the model: ")
                    .hasMessageEndingWith(": resume with the original config");
        }
    }
}
