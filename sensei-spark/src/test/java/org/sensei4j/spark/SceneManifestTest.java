package org.sensei4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

class SceneManifestTest {

    @TempDir
    Path tmp;

    static SceneManifest parse(String csv) throws IOException {
        return SceneManifest.parse(new StringReader(csv), "m.csv");
    }

    @Test
    void readsColumnsInAnyOrderWithQuotesOptionalFieldsAndBlankLines() throws IOException {
        SceneManifest m = parse("Sensor , scene_id,input,notes,bands,output\n"
                + "sentinel2,a,/data/a.tif,x,B02;B03; B04 ;B08,\n"
                + "\n"
                + "landsat8,b,\"hdfs://nn:8020/scenes/b,1.tif\",\"say \"\"hi\"\"\",,s3a://bucket/masks/b.tif\n"
                + "l8,c,c.tif\n");
        assertThat(m.entries())
                .containsExactly(
                        new SceneEntry("a", "/data/a.tif", "sentinel2", List.of("B02", "B03", "B04", "B08"), null),
                        new SceneEntry(
                                "b",
                                "hdfs://nn:8020/scenes/b,1.tif",
                                "landsat8",
                                List.of(),
                                "s3a://bucket/masks/b.tif"),
                        new SceneEntry("c", "c.tif", "l8", List.of(), null));
        assertThat(m.entries().get(0).resolvedOutput("hdfs://nn/out")).isEqualTo("hdfs://nn/out/a_mask.tif");
        assertThat(m.entries().get(0).resolvedOutput("/out/")).isEqualTo("/out/a_mask.tif");
        assertThat(m.entries().get(1).resolvedOutput("/out")).isEqualTo("s3a://bucket/masks/b.tif");
    }

    @Test
    void readsThroughTheHadoopFileSystemApi() throws IOException {
        Path f = Files.writeString(tmp.resolve("m.csv"), "scene_id,input,sensor\nx,x.tif,sentinel2\n");
        assertThat(SceneManifest.read(f.toUri().toString(), new Configuration()).entries())
                .extracting(SceneEntry::sceneId)
                .containsExactly("x");
        assertThat(SceneManifest.read(f.toString(), new Configuration()).size()).isEqualTo(1);
        assertThatThrownBy(() -> SceneManifest.read(tmp.resolve("none.csv").toString(), new Configuration()))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("manifest not found: " + tmp.resolve("none.csv"));
    }

    @Test
    void errorsNameTheLineAndTheFix() {
        assertThatThrownBy(() -> parse("scene_id,path,sensor\na,a.tif,s2\n"))
                .isInstanceOf(SenseiException.class)
                .hasMessage("manifest m.csv has no column 'input' (header: scene_id,path,sensor): the first line must"
                        + " name the columns scene_id,input,sensor and optionally bands,output");
        assertThatThrownBy(() -> parse("scene_id,input,sensor\na,a.tif,s2\nb,,s2\n"))
                .hasMessage("manifest m.csv line 3: the field 'input' is empty: every scene needs scene_id, input and"
                        + " sensor");
        assertThatThrownBy(() -> parse("scene_id,input,sensor\na,a.tif,s2\nb,b.tif,s2\na,c.tif,s2\n"))
                .hasMessage("manifest m.csv line 4: scene id 'a' already appears on line 2: scene ids name the"
                        + " outputs, so make them unique");
        assertThatThrownBy(() -> parse("scene_id,input,sensor\n../up,a.tif,s2\n"))
                .hasMessageContaining("scene id '../up' cannot name a file");
        assertThatThrownBy(() -> parse("scene_id,input,sensor\n\"a,a.tif,s2\n"))
                .hasMessageContaining("is not valid CSV");
        assertThatThrownBy(() -> SceneManifest.of(List.of(
                        new SceneEntry("a", "x", "s2", null, null), new SceneEntry("a", "y", "s2", null, null))))
                .hasMessageContaining("appears twice (scenes 1 and 2)");
    }
}
