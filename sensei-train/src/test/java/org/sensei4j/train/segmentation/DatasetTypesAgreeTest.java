package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.DatasetReaders;
import org.sensei4j.io.dataset.DatasetTypes;

/** Evaluation's TYPE:PATH and training configs accept the same data set formats, from one list. */
class DatasetTypesAgreeTest {

    @Test
    void trainingConfigsAcceptEveryFormatEvaluateReadsAndTheirOwnTwo() {
        assertThat(DatasetReaders.types()).isEqualTo(DatasetTypes.names()).hasSize(10);
        assertThat(DatasetConfig.TYPES)
                .containsExactlyElementsOf(Stream.concat(DatasetTypes.names().stream(), Stream.of("image", "synthetic"))
                        .toList());
        // the readers' own names are aliases in both places
        DatasetConfig c = TrainConfig.parse(
                        TinyTrainConfigs.yaml(Path.of("unused"), TinyTrainConfigs.SENSEI_NN, 1, 1, "")
                                .replace("datasets:\n", "datasets:\n  - type: UKIS-CSMASK\n    path: x.npz\n"),
                        "c.yaml",
                        false)
                .datasets()
                .get(0);
        assertThat(c.type()).isEqualTo("ukis");
        assertThat(c.name()).isEqualTo("ukis");
        assertThatThrownBy(() -> DatasetReaders.open("l8-biome-x", Path.of(".")))
                .isInstanceOf(SenseiException.class)
                .hasMessage("unknown data set type 'l8-biome-x': use one of "
                        + "[catalogue, sparcs, biome, l7-irish, cloudperu2, 38-cloud, cloudsen12, eo4ai, ukis, "
                        + "on-cloud-n]");
    }
}
