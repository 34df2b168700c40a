package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;

class ModelsAndPretrainCommandTest {

    @Test
    void describesArchitecturesWithExactCounts() throws Exception {
        CliRun r = CliRun.of("models", "describe", "sensei-deeplabv3plus");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("{\"sensei\":210544,\"head\":2126242,\"total\":2336786}");
        assertThat(CliRun.of("models", "describe", "deeplabv3plus", "--in-channels", "13")
                        .out()
                        .trim())
                .isEqualTo("{\"sensei\":0,\"head\":2111554,\"total\":2111554}");
        assertThat(CliRun.of("models", "describe", "nn").out().trim())
                .isEqualTo("{\"sensei\":0,\"head\":1154,\"total\":1154}");
        CliRun bad = CliRun.of("models", "describe", "resnet");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("neither a model bundle nor an architecture");
    }

    @Test
    void describesABundleWithItsMetadata(@TempDir Path dir) throws Exception {
        Path bundle =
                CliFixtures.untrainedBundle(dir.resolve("b.zip"), ClassScheme.CLEAR_CLOUD_SHADOW, 1, "for the test");
        CliRun r = CliRun.of("models", "describe", bundle.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("sensei").asLong()).isEqualTo(210_544);
        assertThat(json.at("/model/spec/class_scheme").asText()).isEqualTo("cloud-shadow");
        assertThat(json.at("/provenance/notes").asText()).isEqualTo("for the test");
        Files.write(bundle, new byte[] {1, 2, 3});
        CliRun corrupt = CliRun.of("models", "describe", bundle.toString());
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.err()).contains("corrupt or incompatible");
    }

    @Test
    void pretrainEvaluateOnThePublishedWeights() throws Exception {
        Path weights = CliFixtures.publishedWeights("pretrain evaluate");
        CliRun r = CliRun.of("pretrain", "evaluate", "--weights", weights.toString(), "--samples", "1024");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("loss").asDouble()).isBetween(0.171, 0.191);
        assertThat(json.get("candidate_accuracy").asDouble()).isBetween(0.66, 0.74);
        assertThat(json.has("band_mse")).isTrue();
        CliRun bad = CliRun.of("pretrain", "evaluate", "--weights", weights.toString(), "--bands", "41");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--bands must be between 1 and 40");
    }
}
