package org.sensei4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskCounts;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.MaskingStats;
import org.sensei4j.scene.SceneSource;

/** {@code sensei mask --json}: what was masked and what came out, as one JSON object for scripts. */
final class MaskSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MaskSummary() {}

    /**
     * The summary of a mask whose pixels were counted in {@code counts} (255: nodata). Fractions are of the valid
     * pixels; {@code cloud_fraction} counts every cloud class, {@code shadow_fraction} is null for a scheme without
     * shadow; {@code threshold} is null for the most probable class.
     */
    static String json(
            Path output,
            MaskCounts counts,
            SceneSource scene,
            CloudMasker masker,
            MaskingOptions options,
            String modelArg,
            double seconds,
            MaskingStats stats) {
        ClassScheme scheme = counts.scheme();
        long valid = counts.valid();
        ObjectNode o = JSON.createObjectNode();
        o.put("output", output.toString());
        o.put("input", scene.id());
        o.put("width", scene.width());
        o.put("height", scene.height());
        o.put("valid_pixels", valid);
        ObjectNode classes = JSON.createObjectNode();
        for (int c = 0; c < scheme.classCount(); c++) {
            classes.put(scheme.className(c), fraction(counts.fraction(c)));
        }
        o.put("cloud_fraction", fraction(counts.cloudFraction()));
        fraction(o, "shadow_fraction", counts, ClassKind.SHADOW);
        fraction(o, "clear_fraction", counts, ClassKind.CLEAR);
        o.put("classes", scheme.id());
        o.set("class_fractions", classes);
        if (scene.sensor().isPresent()) {
            o.put("sensor", scene.sensor().get().id());
        } else {
            o.putNull("sensor");
        }
        ArrayNode bands = o.putArray("bands");
        scene.bandIds().forEach(bands::add);
        double threshold = masker.threshold(options);
        if (Double.isNaN(threshold)) {
            o.putNull("threshold");
        } else {
            o.put("threshold", threshold);
        }
        o.put("decision", masker.describeDecision(options));
        o.put("model", modelArg);
        o.put("model_name", masker.model().spec().name());
        o.put("seconds", Math.round(seconds * 1000) / 1000.0);
        o.put("tiles_predicted", stats.tilesPredicted());
        o.put("tiles_skipped", stats.tilesSkipped());
        return o.toString();
    }

    private static void fraction(ObjectNode o, String name, MaskCounts counts, ClassKind kind) {
        if (counts.scheme().indexOf(kind) < 0) {
            o.putNull(name);
        } else {
            o.put(name, fraction(counts.fraction(kind)));
        }
    }

    /** A fraction, 0 without valid pixels (as before: the summary never holds NaN). */
    private static double fraction(double f) {
        return Double.isNaN(f) ? 0 : f;
    }
}
