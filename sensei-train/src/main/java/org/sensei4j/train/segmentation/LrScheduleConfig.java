package org.sensei4j.train.segmentation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.sensei4j.error.SenseiException;
import org.sensei4j.train.run.PlateauSchedule;

/**
 * Reduce-on-plateau learning rate of a {@link TrainConfig} ({@code lr_schedule:}), as Keras'
 * {@code ReduceLROnPlateau} in the authors' training code: after {@code patience} epochs without the monitored
 * loss dropping below its best minus {@code min_delta}, the rate is multiplied by {@code factor}, never below
 * {@code min_lr}.
 *
 * @param factor   multiplier on a plateau, in (0, 1) (default 0.25)
 * @param patience epochs without improvement before reducing (default 3, as the authors' code)
 * @param minLr    {@code min_lr}, lowest learning rate (default 2e-5)
 * @param minDelta {@code min_delta}, smallest decrease that counts as an improvement (default 0)
 * @param monitor  {@code train_loss} (default, as the authors' code) or {@code val_loss}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LrScheduleConfig(double factor, int patience, double minLr, double minDelta, String monitor)
        implements PlateauSchedule.Settings {

    public static final List<String> MONITORS = List.of("train_loss", "val_loss");

    public LrScheduleConfig {
        if (!(factor > 0 && factor < 1)) {
            throw new SenseiException("lr_schedule.factor must be in (0, 1), got " + factor + " (the paper: 0.25)");
        }
        if (patience < 0) {
            throw new SenseiException("lr_schedule.patience must be >= 0, got " + patience);
        }
        if (!(minLr >= 0) || !(minDelta >= 0)) {
            throw new SenseiException("lr_schedule.min_lr and min_delta must be >= 0, got " + minLr + ", " + minDelta);
        }
        monitor = monitor == null ? "train_loss" : monitor;
        if (!MONITORS.contains(monitor)) {
            throw new SenseiException("lr_schedule.monitor '" + monitor + "' is not one of " + MONITORS);
        }
    }

    /** The paper's schedule: ×0.25 after 3 epochs without a lower training loss, down to 2e-5. */
    public static LrScheduleConfig defaults() {
        return new LrScheduleConfig(0.25, 3, 2e-5, 0, "train_loss");
    }

    @JsonCreator
    static LrScheduleConfig fromJson(
            @JsonProperty("factor") Double factor,
            @JsonProperty("patience") Integer patience,
            @JsonProperty("min_lr") Double minLr,
            @JsonProperty("min_delta") Double minDelta,
            @JsonProperty("monitor") String monitor) {
        LrScheduleConfig d = defaults();
        return new LrScheduleConfig(
                factor != null ? factor : d.factor(),
                patience != null ? patience : d.patience(),
                minLr != null ? minLr : d.minLr(),
                minDelta != null ? minDelta : d.minDelta(),
                monitor != null ? monitor : d.monitor());
    }
}
