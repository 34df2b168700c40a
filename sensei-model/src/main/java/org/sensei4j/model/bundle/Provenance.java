package org.sensei4j.model.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Where a model came from: training data, bands, seed, code version, metrics and date. Stored as
 * {@code provenance.json} in a bundle.
 *
 * @param trainingData datasets (or files) the model was trained on, with what was held out
 * @param bands        bands seen in training (sensor:band ids or wavelength ranges)
 * @param seed         random seed of the run, null if unknown
 * @param gitCommit    commit of sensei4j that trained it ("unknown" outside a git checkout)
 * @param metrics      validation metrics by name (percent for OA/BA/P/R/F1)
 * @param created      ISO-8601 date-time
 * @param config       the training configuration, verbatim
 * @param notes        free text (e.g. "imported from Keras weights X")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        @JsonProperty("training_data") List<String> trainingData,
        @JsonProperty("bands") List<String> bands,
        @JsonProperty("seed") Long seed,
        @JsonProperty("git_commit") String gitCommit,
        @JsonProperty("metrics") Map<String, Object> metrics,
        @JsonProperty("created") String created,
        @JsonProperty("config") Map<String, Object> config,
        @JsonProperty("notes") String notes) {

    /** A provenance for an untrained model, stamped with the current commit and time. */
    public static Provenance untrained(String notes) {
        return new Provenance(
                List.of(),
                List.of(),
                null,
                GitCommit.current(),
                Map.of(),
                OffsetDateTime.now().withNano(0).toString(),
                null,
                notes);
    }
}
