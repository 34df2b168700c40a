package org.sensei4j.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class ConfigFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void changedKeysAreSortedCountKeysInOnlyOneTreeAndSkipThoseThatMayChange() throws IOException {
        var saved = JSON.readTree("{\"b\":1,\"a\":{\"x\":[1,2]},\"gone\":true,\"epochs\":3,\"same\":null}");
        var now = JSON.readTree("{\"a\":{\"x\":[1,3]},\"b\":1,\"new\":\"v\",\"epochs\":4,\"same\":null}");
        assertThat(ConfigFiles.changedKeys(saved, now, Set.of("epochs"))).containsExactly("a", "gone", "new");
        assertThat(ConfigFiles.changedKeys(saved, saved, Set.of())).isEmpty();
    }

    @Test
    void settingsTreeGoesThroughTextSoNumbersReadAsFromAFile() throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed", 7L);
        settings.put("rate", 0.01f);
        settings.put("sizes", List.of(3, 13));
        assertThat(ConfigFiles.settingsTree(settings))
                .isEqualTo(JSON.readTree("{\"seed\":7,\"rate\":0.01,\"sizes\":[3,13]}"));
    }

    @Test
    void readMappingNamesTheLineOnlyWhenAsked() {
        ObjectMapper yaml = ConfigFiles.strictMapper(false);
        assertThatThrownBy(() -> ConfigFiles.readMapping(yaml, "a: 1\nb: [", "c.yaml", false, "a, b", true))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("config c.yaml is not valid YAML: ")
                .hasMessageEndingWith(" (line 2): fix the syntax");
        assertThatThrownBy(() -> ConfigFiles.readMapping(yaml, "a: 1\nb: [", "c.yaml", false, "a, b", false))
                .hasMessageNotContaining("(line 2)")
                .hasMessageEndingWith(": fix the syntax");
        assertThatThrownBy(() -> ConfigFiles.readMapping(yaml, "- 1\n", "c.yaml", false, "a, b", true))
                .hasMessage("config c.yaml must be a mapping of keys (a, b, ...), got ARRAY");
        ObjectMapper json = ConfigFiles.strictMapper(true);
        assertThatThrownBy(() -> ConfigFiles.readMapping(json, " ", "c.json", true, "a", true))
                .hasMessage("config c.json must be a mapping of keys (a, ...), got an empty file");
    }

    @Test
    void jsonByNameAndCountsAtLeastOne() {
        assertThat(ConfigFiles.isJson(Path.of("dir.yaml/run.JSON"))).isTrue();
        assertThat(ConfigFiles.isJson(Path.of("run.json.yaml"))).isFalse();
        ConfigFiles.requirePositive("epochs", 1);
        assertThatThrownBy(() -> ConfigFiles.requirePositive("epochs", 0))
                .isInstanceOf(SenseiException.class)
                .hasMessage("epochs must be >= 1, got 0");
    }
}
