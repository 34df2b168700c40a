package org.sensei4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

class ModelLocatorTest {

    @Test
    void theLibraryAloneHasNoDefaultModelAndSaysWhatToGive() {
        // no application registered a BundledModel on this module's classpath
        assertThat(ModelLocator.hasDefault()).isFalse();
        assertThatThrownBy(() -> ModelLocator.resolve(ModelLocator.DEFAULT))
                .isInstanceOf(SenseiException.class)
                .hasMessage("this build has no bundled default model: give --model BUNDLE "
                        + "(a model bundle directory or .zip)");
    }

    @Test
    void aPathIsResolvedAsItIs(@TempDir Path dir) {
        assertThat(ModelLocator.resolve(dir.toString())).isEqualTo(dir);
        assertThatThrownBy(() -> ModelLocator.resolve(dir.resolve("none.zip").toString()))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("model not found");
    }
}
