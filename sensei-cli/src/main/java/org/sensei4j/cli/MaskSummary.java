package org.sensei4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.MaskingStats;
import org.sensei4j.scene.SceneSource;

/** {@code sensei mask --json}: what was masked and what came out, as one JSON object for scripts. */
final class MaskSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MaskSummary() {
    }

    /**
     * The summary: {@code classCounts[c]} pixels of class {@code c} of {@code scheme} were written (255: nodata).
     * Fractions are of the valid pixels; {@code cloud_fraction} counts every cloud class, {@code shadow_fraction} is
     * null for a scheme without shadow; {@code threshold} is null for the most probable class.
     */
    static String json(Path output, ClassScheme scheme, long[] classCounts, SceneSource scene, CloudMasker masker,
            MaskingOptions options, String modelArg, double seconds, MaskingStats stats) {
        long valid = 0;
        for (int c = 0; c < scheme.classCount(); c++) {
            valid += classCounts[c];
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("output", output.toString());
        o.put("input", scene.id());
        o.put("width", scene.width());
        o.put("height", scene.height());
        o.put("valid_pixels", valid);
        long cloud = 0;
        ObjectNode classes = JSON.createObjectNode();
        for (int c = 0; c < scheme.classCount(); c++) {
            if (scheme.isCloud(c)) {
                cloud += classCounts[c];
            }
            classes.put(scheme.className(c), fraction(classCounts[c], valid));
        }
        o.put("cloud_fraction", fraction(cloud, valid));
        fraction(o, "shadow_fraction", scheme, ClassKind.SHADOW, classCounts, valid);
        fraction(o, "clear_fraction", scheme, ClassKind.CLEAR, classCounts, valid);
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

    private static void fraction(ObjectNode o, String name, ClassScheme scheme, ClassKind kind, long[] counts,
            long valid) {
        int c = scheme.indexOf(kind);
        if (c < 0) {
            o.putNull(name);
        } else {
            o.put(name, fraction(counts[c], valid));
        }
    }

    private static double fraction(long n, long of) {
        return of == 0 ? 0 : (double) n / of;
    }
}
