package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of a checkpoint's state.json that both trainers write: schedule and validations. */
class CheckpointStateJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(double loss, int samples) {}

    @Test
    void plateauStateBeforeTheFirstEpochWritesBestAsNullAndReadsItBackAsInfinity() throws IOException {
        PlateauSchedule schedule = new PlateauSchedule(0.5, 1, 0, 0, PlateauSchedule.initial(0.01));
        ObjectNode node = JSON.createObjectNode();
        schedule.writeState(node);
        assertThat(node.toString()).isEqualTo("{\"learning_rate\":0.01,\"best\":null,\"waited\":0}");
        PlateauSchedule.State back = PlateauSchedule.readState(JSON.readTree(node.toString()));
        assertThat(back).isEqualTo(new PlateauSchedule.State(0.01, Double.POSITIVE_INFINITY, 0));
        // an absent best (hand-edited or older file) also reads as +inf
        assertThat(PlateauSchedule.readState(JSON.readTree("{\"learning_rate\":0.5,\"waited\":3}")))
                .isEqualTo(new PlateauSchedule.State(0.5, Double.POSITIVE_INFINITY, 3));
    }

    @Test
    void plateauStateRoundTripsAfterUpdates() throws IOException {
        PlateauSchedule schedule = new PlateauSchedule(0.5, 1, 0, 0, PlateauSchedule.initial(0.01));
        schedule.update(0.75);
        schedule.update(0.8); // no improvement, patience 1: rate halves, wait resets
        schedule.update(0.9);
        ObjectNode node = JSON.createObjectNode();
        schedule.writeState(node);
        assertThat(node.toString()).isEqualTo("{\"learning_rate\":0.0025,\"best\":0.75,\"waited\":0}");
        PlateauSchedule resumed =
                new PlateauSchedule(0.5, 1, 0, 0, PlateauSchedule.readState(JSON.readTree(node.toString())));
        assertThat(resumed.state()).isEqualTo(schedule.state());
        assertThat(resumed.update(0.7)).isEqualTo(schedule.update(0.7));
        assertThat(resumed.state()).isEqualTo(new PlateauSchedule.State(0.0025, 0.7, 0));
    }

    @Test
    void validationsWithoutScore() throws IOException {
        ObjectNode state = JSON.createObjectNode();
        CheckpointValidations.write(state, 3, new Result(0.25, 8), new Result(0.5, 8));
        assertThat(state.toString())
                .isEqualTo("{\"best\":{\"epoch\":3,\"validation\":{\"loss\":0.25,\"samples\":8}},"
                        + "\"last_validation\":{\"loss\":0.5,\"samples\":8}}");
        JsonNode back = JSON.readTree(state.toString());
        assertThat(CheckpointValidations.bestEpoch(back)).isEqualTo(3);
        assertThat(CheckpointValidations.best(back, Result.class)).isEqualTo(new Result(0.25, 8));
        assertThat(CheckpointValidations.last(back, Result.class)).isEqualTo(new Result(0.5, 8));
        assertThat(CheckpointValidations.bestScore(back)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void validationsWithScoreAndNoneYet() throws IOException {
        ObjectNode state = JSON.createObjectNode();
        CheckpointValidations.write(state, -1, Double.POSITIVE_INFINITY, null, null);
        assertThat(state.toString())
                .isEqualTo(
                        "{\"best\":{\"epoch\":-1,\"score\":null,\"validation\":null}," + "\"last_validation\":null}");
        JsonNode back = JSON.readTree(state.toString());
        assertThat(CheckpointValidations.bestEpoch(back)).isEqualTo(-1);
        assertThat(CheckpointValidations.bestScore(back)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CheckpointValidations.best(back, Result.class)).isNull();
        assertThat(CheckpointValidations.last(back, Result.class)).isNull();

        ObjectNode scored = JSON.createObjectNode();
        CheckpointValidations.write(scored, 2, 0.125, null, new Result(1, 2));
        assertThat(scored.toString())
                .isEqualTo("{\"best\":{\"epoch\":2,\"score\":0.125,\"validation\":null},"
                        + "\"last_validation\":{\"loss\":1.0,\"samples\":2}}");
        assertThat(CheckpointValidations.bestScore(JSON.readTree(scored.toString())))
                .isEqualTo(0.125);
    }

    @Test
    void seriesOfPointsSplitsXAndY() {
        LossPlot.Series s = LossPlot.Series.of("v", List.of(new double[] {0, 2.5}, new double[] {1, 1.5}));
        assertThat(s.name()).isEqualTo("v");
        assertThat(s.x()).containsExactly(0, 1);
        assertThat(s.y()).containsExactly(2.5, 1.5);
        assertThat(s.dashed()).isFalse();
        assertThat(LossPlot.Series.of("none", List.of()).x()).isEmpty();
    }
}
