package org.sensei4j.model.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.SharedData;
import org.sensei4j.model.sensei.SenseiConfig;

/** Conformance with the original authors' weights: every case of vectors.json within 1e-4. */
class KerasSenseiImporterTest {

    private static final double TOLERANCE = 1e-4;

    /** The largest scaled error {@link #check} has seen. */
    private double worst;

    @Test
    void reproducesEveryConformanceVector() throws IOException {
        Path weights = SharedData.publishedWeights();
        JsonNode vectors = new ObjectMapper()
                .readTree(
                        SharedData.require("conformance/sensei-v1/vectors.json").toFile());
        try (NDManager m = NDManager.newBaseManager()) {
            KerasSenseiImporter.Imported imported = KerasSenseiImporter.load(weights, m);
            assertThat(imported.encoder().config()).isEqualTo(SenseiConfig.published());
            assertThat(imported.hasRecovery()).isTrue();
            ParameterStore ps = new ParameterStore(m, false);
            int cases = 0;
            for (JsonNode c : vectors.get("cases")) {
                String name = c.get("name").asText();
                int n = c.get("descriptors_nm").size();
                float[] desc = new float[n * 3];
                for (int b = 0; b < n; b++) {
                    JsonNode nm = c.get("descriptors_nm").get(b);
                    float[] norm = new BandDescriptor(
                                    nm.get(0).asDouble(),
                                    nm.get(1).asDouble(),
                                    nm.get(2).asDouble())
                            .normalised();
                    for (int k = 0; k < 3; k++) {
                        desc[b * 3 + k] = norm[k];
                        check(
                                name + " normalised",
                                norm[k],
                                c.get("descriptors_normalised").get(b).get(k).asDouble());
                    }
                }
                JsonNode bv = c.get("band_values");
                int h = bv.get(0).size();
                int w = bv.get(0).get(0).size();
                float[] values = new float[n * h * w];
                for (int b = 0; b < n; b++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            values[(b * h + y) * w + x] =
                                    (float) bv.get(b).get(y).get(x).asDouble();
                        }
                    }
                }
                NDArray d = m.create(desc, new Shape(1, n, 3));
                NDArray v = m.create(values, new Shape(1, n, h, w));
                float[] emb = imported.encoder().embed(ps, d, false).toFloatArray();
                for (int b = 0; b < n; b++) {
                    for (int k = 0; k < 64; k++) {
                        check(
                                name + " embedding",
                                emb[b * 64 + k],
                                c.get("band_embeddings").get(b).get(k).asDouble());
                    }
                }
                NDArray features =
                        imported.encoder().forward(ps, new NDList(v, d), false).singletonOrThrow();
                float[] f = features.toFloatArray(); // (1, 64, H, W)
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int k = 0; k < 64; k++) {
                            check(
                                    name + " features",
                                    f[(k * h + y) * w + x],
                                    c.get("features").get(y).get(x).get(k).asDouble());
                        }
                    }
                }
                int py = c.get("recovery_pixel").get(0).asInt();
                int px = c.get("recovery_pixel").get(1).asInt();
                JsonNode cand = c.get("candidate_descriptors_normalised");
                float[] cd = new float[cand.size() * 3];
                for (int i = 0; i < cand.size(); i++) {
                    for (int k = 0; k < 3; k++) {
                        cd[i * 3 + k] = (float) cand.get(i).get(k).asDouble();
                    }
                }
                NDArray pixel = features.get(new NDIndex(":, :, {}:{}, {}:{}", py, py + 1, px, px + 1));
                NDList rec = imported.recovery()
                        .forward(ps, new NDList(pixel, d, m.create(cd, new Shape(1, cand.size(), 3))), false);
                float[] probs = rec.get(0).toFloatArray();
                float[] estimates = rec.get(1).toFloatArray();
                assertThat(probs).hasSize(cand.size());
                assertThat(estimates).hasSize(n);
                for (int i = 0; i < cand.size(); i++) {
                    check(
                            name + " candidate " + i,
                            probs[i],
                            c.get("candidate_probabilities").get(i).asDouble());
                }
                for (int b = 0; b < n; b++) {
                    check(
                            name + " band estimate " + b,
                            estimates[b],
                            c.get("band_value_estimates").get(b).asDouble());
                }
                cases++;
            }
            assertThat(cases).isEqualTo(3);
            System.out.printf("conformance: %d cases, max scaled error %.3g%n", cases, worst);
        }
    }

    /** Error scaled as in the conformance README: absolute, relative where |expected| > 1. */
    private void check(String what, double actual, double expected) {
        double err = Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
        assertThat(err).as("%s: got %s, expected %s", what, actual, expected).isLessThanOrEqualTo(TOLERANCE);
        worst = Math.max(worst, err);
    }

    @Test
    void refusesAFileThatIsNotHdf5(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("weights.hdf5");
        Files.writeString(f, "not a model");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> KerasSenseiImporter.load(f, m))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("is not an HDF5 file");
        }
    }

    @Test
    void refusesAMissingFile(@TempDir Path dir) {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> KerasSenseiImporter.load(dir.resolve("nope.hdf5"), m))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("not found");
        }
    }
}
