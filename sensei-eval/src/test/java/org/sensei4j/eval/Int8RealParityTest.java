package org.sensei4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.io.synthetic.SyntheticLabelledScenes;
import org.sensei4j.io.synthetic.SyntheticSceneSpec;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/**
 * Int8 against fp32 on every labelled real scene in ../shared (On Cloud N chips, ukis-csmask), and on held-out
 * synthetic scenes, with a trained SEnSeI+DLv3 bundle given as {@code -Dsensei.int8.bundle=PATH} (e.g. from
 * {@code sensei train configs/train/real-sensei-dlv3.yaml}): at least 99.5% of the pixels with the same class,
 * overall accuracy within 0.2 points. A manual check (JUnit tag {@value #TAG}, which {@code mvn verify} leaves
 * out): it needs a trained bundle that the repository does not hold. Run it with {@code mvn -B verify -pl
 * sensei-eval -am -Dgroups=manual -DexcludedGroups=none -Dtest=Int8RealParityTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsensei.int8.bundle=PATH}; skipped without the bundle or ../shared.
 */
@Tag(Int8RealParityTest.TAG)
class Int8RealParityTest {

    /** The tag of checks that need files outside the repository besides ../shared. */
    static final String TAG = "manual";

    @Test
    void int8MasksAgreeWithFp32OnTheRealScenes() {
        Path bundle = bundle("real-scene");
        Path real = RealDataEvaluationTest.REAL;
        Assumptions.assumeTrue(Files.isDirectory(real), "../shared absent: skipping the real-scene int8 parity");
        Int8Parity parity = new Int8Parity();
        try (CloudMasker masker = CloudMasker.load(bundle)) {
            MaskingOptions options = MaskingOptions.defaults().withThreads(1);
            parity.add(masker, DatasetReaders.open("on-cloud-n:" + real.resolve("on-cloud-n")), options);
            parity.add(masker, DatasetReaders.open("ukis:" + real.resolve("ukis-csmask/sentinel2.npz")), options);
        }
        assertHoldsTheBar(parity);
    }

    /**
     * The same on synthetic scenes no training run draws (seeds 9001-9008; 384² px, 30 m): two each through the
     * multispectral bands of Sentinel-2, Landsat 8, Landsat 7 and PlanetScope SuperDove, the sensors of the
     * training config's synthetic scenes.
     */
    @Test
    void int8MasksAgreeWithFp32OnHeldOutSyntheticScenes() {
        Path bundle = bundle("synthetic");
        Int8Parity parity = new Int8Parity();
        try (CloudMasker masker = CloudMasker.load(bundle)) {
            addHeldOutSyntheticScenes(parity, masker, 384, 9001);
        }
        assertHoldsTheBar(parity);
    }

    /**
     * Masks 8 synthetic scenes of {@code size}² px at 30 m (seeds {@code firstSeed} on; training scenes take seeds
     * hashed from a run's seed) both ways and adds them: two each through the multispectral bands of Sentinel-2,
     * Landsat 8, Landsat 7 and PlanetScope SuperDove.
     */
    static void addHeldOutSyntheticScenes(Int8Parity parity, CloudMasker masker, int size, long firstSeed) {
        long seed = firstSeed;
        MaskingOptions options = MaskingOptions.defaults().withThreads(1);
        for (String id : List.of("sentinel2", "landsat8", "landsat7", "planetscope-superdove")) {
            Sensor sensor = SensorRegistry.defaultRegistry().get(id);
            for (int k = 0; k < 2; k++, seed++) {
                SyntheticSceneSpec spec =
                        SyntheticSceneSpec.defaults(size, size, seed).withPixelSizeM(30);
                try (LabelledScene scene = SyntheticLabelledScenes.render(
                        spec,
                        sensor,
                        SyntheticLabelledScenes.multispectralBands(sensor),
                        null,
                        masker.model().spec().scheme())) {
                    parity.add(masker, "synthetic/" + id + "-" + seed, scene, options);
                }
            }
        }
    }

    /** The bundle {@code -Dsensei.int8.bundle} (or SENSEI_INT8_BUNDLE) names; the {@code check} is skipped without. */
    private static Path bundle(String check) {
        String bundle = System.getProperty("sensei.int8.bundle", System.getenv("SENSEI_INT8_BUNDLE"));
        Assumptions.assumeTrue(
                bundle != null && Files.exists(Path.of(bundle)),
                "no trained DLv3 bundle (-Dsensei.int8.bundle=PATH): skipping the " + check + " int8 parity");
        return Path.of(bundle);
    }

    /** Prints the table; at least 99.5% of the pixels with the same class, OA within 0.2 points. */
    private static void assertHoldsTheBar(Int8Parity parity) {
        System.out.println(parity.report());
        assertThat(parity.agreement()).isGreaterThanOrEqualTo(0.995);
        assertThat(Math.abs(parity.overallAccuracyDifference())).isLessThanOrEqualTo(0.2);
    }
}
