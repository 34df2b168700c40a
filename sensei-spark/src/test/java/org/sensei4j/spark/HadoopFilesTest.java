package org.sensei4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesTest {

    @TempDir
    Path tmp;

    @Test
    void localMeansNoUriScheme() {
        assertThat(HadoopFiles.isLocal("/data/a.tif")).isTrue();
        assertThat(HadoopFiles.isLocal("rel/a.tif")).isTrue();
        assertThat(HadoopFiles.isLocal("a:b.tif")).isTrue(); // one letter is no scheme
        assertThat(HadoopFiles.isLocal("file:///data/a.tif")).isFalse();
        assertThat(HadoopFiles.isLocal("hdfs://nn:8020/a.tif")).isFalse();
        assertThat(HadoopFiles.isLocal("s3a://bucket/a.tif")).isFalse();
        assertThat(HadoopFiles.fileName("s3a://bucket/x/a_mask.tif")).isEqualTo("a_mask.tif");
        assertThat(HadoopFiles.fileName("/x/y/a_mask.tif")).isEqualTo("a_mask.tif");
    }

    @Test
    void stalePartsAreOnlyTheTargetsHiddenTemporaries() {
        Set<String> names = Set.of("a_mask.tif");
        assertThat(HadoopFiles.isStalePart(".a_mask.tif.123.part", names)).isTrue();
        assertThat(HadoopFiles.isStalePart(".a_mask.tif.0b1c-uuid.part", names)).isTrue();
        assertThat(HadoopFiles.isStalePart("a_mask.tif.123.part", names)).isFalse();
        assertThat(HadoopFiles.isStalePart(".a_mask.tif.part", names)).isFalse();
        assertThat(HadoopFiles.isStalePart(".b_mask.tif.123.part", names)).isFalse();
        assertThat(HadoopFiles.isStalePart(".a_mask.tif.123.tmp", names)).isFalse();
    }

    @Test
    void publishCopiesThenRenamesAndLeavesNothingElse() throws IOException {
        Configuration conf = new Configuration();
        Path src = Files.write(tmp.resolve("local.tif"), new byte[] {1, 2, 3, 4});
        Path target = tmp.resolve("remote/sub/out.tif");
        HadoopFiles.publish(src, target.toUri().toString(), conf);
        assertThat(target).hasBinaryContent(new byte[] {1, 2, 3, 4});
        // no checksum or temporary side files
        assertThat(SparkMaskJobTest.names(target.getParent())).containsExactly("out.tif");
        assertThat(HadoopFiles.exists(target.toUri().toString(), conf)).isTrue();
        assertThat(HadoopFiles.exists(target.toString(), conf)).isTrue();
        assertThat(HadoopFiles.exists(tmp.resolve("none").toUri().toString(), conf))
                .isFalse();
    }

    @Test
    void localizeCopiesRemoteFilesAndFoldersAndKeepsLocalPaths() throws IOException {
        Configuration conf = new Configuration();
        Path dir = Files.createDirectories(tmp.resolve("scene"));
        Files.write(dir.resolve("B02.tif"), new byte[] {7});
        Files.write(dir.resolve("B03.tif"), new byte[] {8, 9});
        Path work = tmp.resolve("work");
        Path copy = HadoopFiles.localize(dir.toUri().toString(), work, conf);
        assertThat(copy).isEqualTo(work.resolve("scene"));
        assertThat(SparkMaskJobTest.names(copy)).containsExactly("B02.tif", "B03.tif");
        assertThat(copy.resolve("B03.tif")).hasBinaryContent(new byte[] {8, 9});
        assertThat(HadoopFiles.localize(dir.toString(), work, conf)).isEqualTo(dir);
    }

    @Test
    void removeStalePartsDeletesLeftoversOfKilledTasksOnly() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.write(out.resolve(".a_mask.tif.99.part"), new byte[1]);
        Files.write(out.resolve(".zz_mask.tif.99.part"), new byte[1]); // not ours
        Files.write(out.resolve("a_mask.tif"), new byte[1]);
        Files.write(other.resolve(".b.tif.x1.part"), new byte[1]);
        int removed = HadoopFiles.removeStaleParts(
                List.of(
                        out.resolve("a_mask.tif").toString(),
                        other.toUri() + "b.tif",
                        tmp.resolve("missing/c.tif").toString()),
                new Configuration());
        assertThat(removed).isEqualTo(2);
        assertThat(SparkMaskJobTest.names(out)).containsExactly(".zz_mask.tif.99.part", "a_mask.tif");
        assertThat(SparkMaskJobTest.names(other)).isEmpty();
    }
}
