package org.sensei4j.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.sensei4j.io.geotiff.GdalMetadata;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.scene.SceneSource;

/**
 * The GDAL metadata items every mask file of a run carries (visible in {@code gdalinfo}): {@code SENSEI_MODEL},
 * {@code SENSEI_MODEL_NAME}, {@code SENSEI_MODEL_VERSION}, {@code SENSEI_THRESHOLD}, {@code SENSEI_DECISION},
 * {@code SENSEI_ENSEMBLE}, {@code SENSEI_SENSOR}, {@code SENSEI_BANDS}, {@code SENSEI_INPUT},
 * {@code SENSEI_SOFTWARE}, {@code SENSEI_DATE}. {@link GeoTiffMaskSink} adds what depends on the file's content.
 * Used by {@code sensei mask}, {@code sensei demo} and the Spark job alike.
 */
public final class MaskMetadata {

    private MaskMetadata() {}

    /**
     * The items of masking {@code scene} with {@code masker} and {@code options}.
     *
     * @param model    the model as the user gave it ({@code default}, a path or URI)
     * @param modelVersion the bundle's creation date and commit ({@link #modelVersion(Path)}), or null: not said
     * @param input    the input as it should be named (a file name or URL)
     * @param software the software and version ({@link #software(Class)})
     */
    public static GdalMetadata describe(
            CloudMasker masker,
            MaskingOptions options,
            String model,
            String modelVersion,
            SceneSource scene,
            String input,
            String software) {
        GdalMetadata m = GdalMetadata.NONE
                .with("SENSEI_MODEL", model)
                .with("SENSEI_MODEL_NAME", String.valueOf(masker.model().spec().name()));
        if (modelVersion != null) {
            m = m.with("SENSEI_MODEL_VERSION", modelVersion);
        }
        double t = masker.threshold(options);
        m = m.with("SENSEI_THRESHOLD", Double.isNaN(t) ? "none (most probable class)" : Double.toString(t))
                .with("SENSEI_DECISION", masker.describeDecision(options));
        if (options.ensemble() > 1) {
            m = m.with("SENSEI_ENSEMBLE", options.ensemble() + " band subsets, seed " + options.seed());
        }
        return m.with("SENSEI_SENSOR", scene.sensor().map(s -> s.id()).orElse("none (wavelengths given)"))
                .with("SENSEI_BANDS", String.join(",", scene.bandIds()))
                .with("SENSEI_INPUT", input)
                .with("SENSEI_SOFTWARE", software)
                .with(
                        "SENSEI_DATE",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * "sensei4j VERSION" from the manifest of the jar holding {@code type} ({@code Implementation-Version}), or
     * "sensei4j" when it does not say (classes outside a jar).
     */
    public static String software(Class<?> type) {
        Package p = type.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? "sensei4j" : "sensei4j " + v;
    }

    /** The bundle's creation date and git commit (its provenance), or null when it does not say. */
    public static String modelVersion(Path bundle) {
        try {
            JsonNode prov = ModelBundle.readMetadata(bundle).get(ModelBundle.PROVENANCE_JSON);
            String created = prov == null ? "" : prov.path("created").asText("");
            String commit = prov == null ? "" : prov.path("git_commit").asText("");
            if (created.isEmpty() && commit.isEmpty()) {
                return null;
            }
            return created + (commit.isEmpty() ? "" : (created.isEmpty() ? "" : ", ") + "commit " + commit);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
