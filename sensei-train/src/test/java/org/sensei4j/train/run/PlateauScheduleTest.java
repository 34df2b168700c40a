package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlateauScheduleTest {

    @Test
    void followsKerasReduceLrOnPlateau() {
        PlateauSchedule s = new PlateauSchedule(0.25, 2, 2e-5, 1e-4, PlateauSchedule.initial(0.01));
        assertThat(s.update(1.0)).isEqualTo(0.01);
        assertThat(s.update(0.9)).isEqualTo(0.01);
        // not below best - min_delta (0.8999): no improvement
        assertThat(s.update(0.89995)).isEqualTo(0.01);
        assertThat(s.state()).isEqualTo(new PlateauSchedule.State(0.01, 0.9, 1));
        assertThat(s.update(0.95)).isEqualTo(0.0025);
        assertThat(s.state().waited()).isZero();
        assertThat(s.update(0.8)).isEqualTo(0.0025);
        assertThat(s.update(0.8)).isEqualTo(0.0025);
        assertThat(s.update(0.8)).isEqualTo(0.000625);
        s.update(0.8);
        assertThat(s.update(0.8)).isEqualTo(0.00015625);
        s.update(0.8);
        assertThat(s.update(0.8)).isEqualTo(3.90625e-5);
        s.update(0.8);
        // 3.90625e-5 * 0.25 < min_lr: clamped
        assertThat(s.update(0.8)).isEqualTo(2e-5);
        s.update(0.8);
        assertThat(s.update(0.8)).isEqualTo(2e-5);
        // at min_lr the wait counter is not reset (as in Keras)
        assertThat(s.state()).isEqualTo(new PlateauSchedule.State(2e-5, 0.8, 2));
        assertThat(s.update(0.5)).isEqualTo(2e-5);
        assertThat(s.state()).isEqualTo(new PlateauSchedule.State(2e-5, 0.5, 0));
    }

    @Test
    void continuesFromASavedState() {
        PlateauSchedule s = new PlateauSchedule(0.5, 1, 0, 0, new PlateauSchedule.State(0.1, 0.3, 0));
        assertThat(s.update(0.3)).isEqualTo(0.05);
        assertThat(s.update(0.29)).isEqualTo(0.05);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new PlateauSchedule(1.0, 2, 0, 0, PlateauSchedule.initial(0.1)))
                .hasMessageContaining("factor must be in (0, 1)");
        assertThatThrownBy(() -> new PlateauSchedule(0.5, -1, 0, 0, PlateauSchedule.initial(0.1)))
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new AdjustableLearningRate(0f)).hasMessageContaining("positive");
        AdjustableLearningRate lr = new AdjustableLearningRate(0.5f);
        lr.set(0.25f);
        assertThat(lr.getNewValue(123)).isEqualTo(0.25f);
    }
}
