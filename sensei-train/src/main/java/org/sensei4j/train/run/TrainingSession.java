package org.sensei4j.train.run;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one run of a trainer's loop keeps that the pretrainer and the segmentation trainer have in common: the
 * output folder, its checkpoints, the commit, the clock, the learning-rate schedule, the global step and the best
 * epoch so far; and the keys their checkpoint states share.
 */
public abstract class TrainingSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected final Path out;
    protected final Checkpoints checkpoints;
    protected final String commit;
    protected final RunClock clock = new RunClock();
    protected PlateauSchedule schedule;
    protected long step;
    protected int bestEpoch = -1;

    protected TrainingSession(Path out, Checkpoints checkpoints, String commit) {
        this.out = out;
        this.checkpoints = checkpoints;
        this.commit = commit;
    }

    /** Starts the schedule of {@code settings} at {@code learningRate}, for a run from the beginning. */
    protected void startSchedule(PlateauSchedule.Settings settings, double learningRate) {
        schedule = new PlateauSchedule(settings, PlateauSchedule.initial(learningRate));
    }

    /**
     * A checkpoint state: {@code format}, {@code format_version} 1, what {@code counters} puts, the run's
     * {@code seconds} and the schedule's state ({@code plateau}), in this order.
     */
    protected ObjectNode checkpointState(String format, Consumer<ObjectNode> counters) {
        ObjectNode s = JSON.createObjectNode();
        s.put("format", format);
        s.put("format_version", 1);
        counters.accept(s);
        s.put("seconds", clock.seconds());
        schedule.writeState(s.putObject("plateau"));
        return s;
    }

    /**
     * Saves checkpoint {@code epoch}: {@code state}, the parameters of {@code net} as blob {@code params} and, when
     * {@code optimizer} is SGD, its momentum as blob {@code momentum}.
     */
    protected void writeCheckpoint(
            int epoch, ObjectNode state, Block net, String params, Optimizer optimizer, String momentum)
            throws IOException {
        Map<String, byte[]> blobs = new TreeMap<>();
        blobs.put(params, ParameterBlob.save(net));
        if (optimizer instanceof Sgd sgd) {
            blobs.put(momentum, SgdMomentumState.save(sgd, net));
        }
        checkpoints.save(epoch, state, blobs);
    }

    /** Continues the clock, the schedule (of {@code settings}) and the best epoch from checkpoint state {@code s}. */
    protected void resume(JsonNode s, PlateauSchedule.Settings settings) {
        clock.resumeAt(s.path("seconds").asDouble());
        schedule = new PlateauSchedule(settings, PlateauSchedule.readState(s.path("plateau")));
        bestEpoch = CheckpointValidations.bestEpoch(s);
    }
}
