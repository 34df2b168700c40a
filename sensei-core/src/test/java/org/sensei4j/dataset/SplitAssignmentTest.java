package org.sensei4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

class SplitAssignmentTest {

    @TempDir
    Path dir;

    @Test
    void readsOneIdPerLineIgnoringBlanksCommentsAndExtraColumns() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "a\nb,extra\n\n# comment\n");
        Files.writeString(dir.resolve("valid.txt"), "c\n");
        Files.writeString(dir.resolve("test"), "  d  \r\ne\n");
        Files.writeString(dir.resolve("README.md"), "not a split\n");
        SplitAssignment s = SplitAssignment.read(dir);
        assertThat(s.sceneIds(Split.TRAIN)).containsExactly("a", "b");
        assertThat(s.sceneIds(Split.VALIDATION)).containsExactly("c");
        assertThat(s.sceneIds(Split.TEST)).containsExactly("d", "e");
        assertThat(s.split("c")).contains(Split.VALIDATION);
        assertThat(s.split("zzz")).isEmpty();
        assertThat(s.counts())
                .containsExactly(Map.entry(Split.TRAIN, 2), Map.entry(Split.VALIDATION, 1), Map.entry(Split.TEST, 2));
        assertThat(s.missingFrom(List.of("a", "c", "x"))).containsExactly("b", "d", "e");
    }

    @Test
    void splitNames() {
        assertThat(Split.fromName("Validation")).contains(Split.VALIDATION);
        assertThat(Split.fromName("val")).contains(Split.VALIDATION);
        assertThat(Split.fromName("training")).contains(Split.TRAIN);
        assertThat(Split.fromName("holdout")).isEmpty();
        assertThat(Split.VALIDATION.id()).isEqualTo("valid");
    }

    @Test
    void aSceneInTwoSplitsIsAnError() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "a\nb\n");
        Files.writeString(dir.resolve("test.csv"), "b\n");
        assertThatThrownBy(() -> SplitAssignment.read(dir))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("scene 'b' is listed in both train.csv and test.csv")
                .hasMessageContaining("list each scene in one split");
    }

    @Test
    void missingOrEmptyDirectoryNamesTheFix() throws IOException {
        assertThatThrownBy(() -> SplitAssignment.read(dir.resolve("nope")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("train.csv");
        Files.writeString(dir.resolve("notes.txt"), "x\n");
        assertThatThrownBy(() -> SplitAssignment.read(dir))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("has no split file");
    }

    @Test
    void theSEnSeIAuthorsCatalogueSplit() {
        Path splits = Path.of(System.getProperty("sensei.root", ".."))
                .toAbsolutePath()
                .resolve("../shared/data/splits/sentinel2-cloud-mask-catalogue")
                .normalize();
        Assumptions.assumeTrue(Files.isDirectory(splits), "../shared absent: skipping the catalogue split files");
        SplitAssignment s = SplitAssignment.read(splits);
        // 40:10:50 of 513 scenes, as published (train 205, valid 51, test 257)
        assertThat(s.counts())
                .containsExactly(
                        Map.entry(Split.TRAIN, 205), Map.entry(Split.VALIDATION, 51), Map.entry(Split.TEST, 257));
        assertThat(s.split("S2A_MSIL1C_20180101T010721_N0206_R045_T53HLD_20180101T041600"))
                .contains(Split.TEST);
        assertThat(s.split("S2A_MSIL1C_20180102T084341_N0206_R064_T36TVP_20180102T110333"))
                .contains(Split.TRAIN);
        assertThat(s.split("S2A_MSIL1C_20180217T230821_N0206_R015_T52CEU_20180218T001105"))
                .contains(Split.VALIDATION);
    }
}
