package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.sensei4j.inference.ModelLocator;

/** The default model ships in the CLI jar, is sensor independent and carries its provenance. */
class BundledModelTest {

    @Test
    void theDefaultModelIsBundledListedAndDescribed() throws Exception {
        assertThat(ModelLocator.hasDefault()).isTrue();
        assertThat(Files.size(ModelLocator.resolve("default"))).isLessThan(20L << 20);
        CliRun list = CliRun.of("models");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("default").contains("cloud-shadow").contains("ukis-csmask");
        CliRun describe = CliRun.of("models", "describe", "default");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(describe.out());
        assertThat(json.get("sensei").asLong()).isEqualTo(210_544);
        assertThat(json.at("/model/spec/class_scheme").asText()).isEqualTo("cloud-shadow");
        assertThat(json.at("/provenance/git_commit").asText()).isNotEmpty();
        assertThat(json.at("/provenance/training_data").toString()).doesNotContain("landsat7");
    }
}
