package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        // its decision: smoothing 3, the snow and the cirrus tests
        JsonNode c = json.at("/model/spec/calibration");
        assertThat(c.get("smoothing").asInt()).isEqualTo(3);
        assertThat(c.at("/snow_test/low").asDouble()).isEqualTo(0.8);
        assertThat(c.at("/cirrus_test/low").asDouble()).isEqualTo(0.01);
        // fitted on the ukis top three quarters (all bands, RGB+NIR): held-out shadow F1 76.9 -> 84.0 (README)
        assertThat(c.get("shadow_threshold").asDouble()).isEqualTo(0.34);
    }

    @Test
    void theDemoScenesSnowIsNotCloud(@TempDir Path dir) throws Exception {
        // the demo's synthetic Landsat 7 scene holds a snowfield (NDSI 0.87-0.90) that the model alone calls cloud
        // (20,866 of its pixels); the bundled snow test makes them clear: 34 false cloud pixels are left
        CliRun r =
                CliRun.of("demo", "--json", "--output-dir", dir.resolve("demo").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode cloud = new ObjectMapper().readTree(r.out()).get("cloud");
        assertThat(cloud.get("fp").asLong()).isLessThan(1_000);
        assertThat(cloud.get("precision").asDouble()).isGreaterThan(99.5);
        assertThat(cloud.get("recall").asDouble()).isGreaterThan(95);
    }
}
