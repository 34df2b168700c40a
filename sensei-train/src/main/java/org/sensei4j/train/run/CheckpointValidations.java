package org.sensei4j.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The validation results a checkpoint's state keeps: {@code "best": {"epoch", ["score",] "validation"}} and
 * {@code "last_validation"}, each result (a record, or null before any) as Jackson writes it.
 */
public final class CheckpointValidations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointValidations() {}

    /** Writes the best epoch and its validation, and the last validation, into {@code state}. */
    public static void write(ObjectNode state, int bestEpoch, Object best, Object last) {
        ObjectNode node = state.putObject("best");
        node.put("epoch", bestEpoch);
        node.set("validation", JSON.valueToTree(best));
        state.set("last_validation", JSON.valueToTree(last));
    }

    /** {@link #write(ObjectNode, int, Object, Object)} with the best score after the epoch (null when not finite). */
    public static void write(ObjectNode state, int bestEpoch, double bestScore, Object best, Object last) {
        ObjectNode node = state.putObject("best");
        node.put("epoch", bestEpoch);
        node.put("score", Double.isFinite(bestScore) ? bestScore : null);
        node.set("validation", JSON.valueToTree(best));
        state.set("last_validation", JSON.valueToTree(last));
    }

    public static int bestEpoch(JsonNode state) {
        return state.path("best").path("epoch").asInt();
    }

    /** The best score; {@code +∞} when null or absent. */
    public static double bestScore(JsonNode state) {
        JsonNode score = state.path("best").path("score");
        return score.isNumber() ? score.asDouble() : Double.POSITIVE_INFINITY;
    }

    /** The best epoch's validation as {@code type}; null when none was written. */
    public static <V> V best(JsonNode state, Class<V> type) throws IOException {
        return JSON.treeToValue(state.path("best").path("validation"), type);
    }

    /** The last validation as {@code type}; null when none was written. */
    public static <V> V last(JsonNode state, Class<V> type) throws IOException {
        return JSON.treeToValue(state.path("last_validation"), type);
    }
}
