package org.sensei4j.train.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.SenseiWeights;

/** Every config in configs/train parses and builds its model; placeholder paths fail only at train time. */
class ShippedConfigsTest {

    static final Path ROOT =
            Path.of(System.getProperty("sensei.root", "..")).toAbsolutePath().normalize();
    static final Path CONFIGS = ROOT.resolve("configs/train");
    static final Path SHARED = ROOT.resolve("../shared").normalize();

    /** Paper rows and the real-data runs: file → (head, SEnSeI, inputs of a fixed-band model or 0). */
    private static final Map<String, Object[]> EXPECTED = Map.ofEntries(
            Map.entry("dlv3-s2.yaml", new Object[] {"deeplabv3plus", false, 13}),
            Map.entry("nn-s2.yaml", new Object[] {"nn", false, 13}),
            Map.entry("dlv3-l8.yaml", new Object[] {"deeplabv3plus", false, 10}),
            Map.entry("dlv3-s2-l8-common.yaml", new Object[] {"deeplabv3plus", false, 8}),
            Map.entry("sensei-dlv3-s2.yaml", new Object[] {"deeplabv3plus", true, 0}),
            Map.entry("sensei-dlv3-s2-fixed.yaml", new Object[] {"deeplabv3plus", true, 0}),
            Map.entry("sensei-dlv3-s2-l8.yaml", new Object[] {"deeplabv3plus", true, 0}),
            Map.entry("sensei-dlv3-s2-l8-nopretrain.yaml", new Object[] {"deeplabv3plus", true, 0}),
            Map.entry("sensei-nn-s2.yaml", new Object[] {"nn", true, 0}),
            Map.entry("real-sensei-nn.yaml", new Object[] {"nn", true, 0}),
            Map.entry("real-sensei-dlv3.yaml", new Object[] {"deeplabv3plus", true, 0}),
            Map.entry("default-model.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v2.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v3.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v4.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v5.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v6.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v11.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v12.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v13.yaml", new Object[] {"nn", true, 0}),
            Map.entry("default-model-v2-dlv3.yaml", new Object[] {"deeplabv3plus", true, 0}),
            Map.entry("int8-guard-dlv3.yaml", new Object[] {"deeplabv3plus", true, 0}));

    private static Map<String, TrainConfig> shipped() throws IOException {
        Map<String, TrainConfig> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(CONFIGS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                out.put(f.getFileName().toString(), TrainConfig.load(f));
            }
        }
        return out;
    }

    @Test
    void everyShippedConfigParsesAndBuildsItsModel() throws IOException {
        Map<String, TrainConfig> configs = shipped();
        assertThat(configs.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        // v5: the shadow class weighs 4 in the loss (clear, cloud, shadow)
        assertThat(configs.get("default-model-v5.yaml").lossWeights()).containsExactly(1, 1, 4);
        assertThat(configs.get("default-model-v6.yaml").lossWeights()).containsExactly(1, 1, 2);
        // v11: v6 with every class weighing 1
        assertThat(configs.get("default-model-v11.yaml").lossWeights()).containsExactly(1, 1, 1);
        assertThat(configs.get("default-model-v4.yaml").lossWeights()).isNull();
        // v12: v2 with Landsat 7 and 5 in place of two of its twelve virtual sensors
        assertThat(configs.get("default-model-v12.yaml").datasets().get(1).sensors())
                .hasSize(20)
                .contains("landsat7", "landsat5")
                .filteredOn("virtual"::equals)
                .hasSize(10);
        // v13: v12 with shadow weighing 2
        assertThat(configs.get("default-model-v13.yaml").lossWeights()).containsExactly(1, 1, 2);
        // the DeepLabv3+ twin of the bundled default: the same data, seed and schedule, crops of 129 px
        TrainConfig nn = configs.get("default-model-v2.yaml");
        TrainConfig dlv3 = configs.get("default-model-v2-dlv3.yaml");
        assertThat(dlv3.datasets()).isEqualTo(nn.datasets());
        assertThat(dlv3.seed()).isEqualTo(nn.seed());
        assertThat(dlv3.epochs() * dlv3.stepsPerEpoch()).isEqualTo(nn.epochs() * nn.stepsPerEpoch());
        assertThat(dlv3.cropSize()).isEqualTo(129);
        assertThat(configs.get("default-model-v13.yaml").datasets())
                .isEqualTo(configs.get("default-model-v12.yaml").datasets());
        try (NDManager m = NDManager.newBaseManager()) {
            for (Map.Entry<String, TrainConfig> e : configs.entrySet()) {
                TrainConfig c = e.getValue();
                Object[] want = EXPECTED.get(e.getKey());
                assertThat(c.name() + ".yaml").isEqualTo(e.getKey());
                assertThat(c.head()).as(e.getKey()).isEqualTo(want[0]);
                assertThat(c.sensei()).as(e.getKey()).isEqualTo(want[1]);
                assertThat(c.output()).isEqualTo("runs/" + c.name());
                try (NDManager scope = m.newSubManager()) {
                    CloudModel model = CloudModel.create(SegmentationModels.spec(c, null), scope);
                    CloudModel.ParameterCounts counts = model.parameterCounts();
                    if (c.sensei()) {
                        assertThat(counts.sensei()).as(e.getKey()).isEqualTo(210_544); // the paper's count
                    } else {
                        assertThat(counts.sensei()).isZero();
                        assertThat(model.spec().bands()).hasSize((Integer) want[2]);
                    }
                    if (e.getKey().equals("nn-s2.yaml")) {
                        assertThat(counts.head()).isEqualTo(1_154); // the paper's NN with 13 bands, 2 classes
                    }
                    if (e.getKey().equals("dlv3-s2.yaml")) {
                        assertThat(counts.head()).isEqualTo(2_111_554);
                    }
                    if (e.getKey().equals("int8-guard-dlv3.yaml")) {
                        assertThat(counts.head()).isEqualTo(449_458); // MobileNetV2 width 0.35 (head_alpha)
                    }
                    // a forward pass on a small input gives cloud/clear logits
                    int n = c.sensei() ? 4 : (Integer) want[2];
                    NDArray values = scope.randomUniform(0, 1, new Shape(2, n, 16, 16));
                    NDList in = c.sensei()
                            ? new NDList(values, scope.randomUniform(-0.5f, 0.5f, new Shape(2, n, 3)))
                            : new NDList(values);
                    NDArray logits = model.forward(new ParameterStore(scope, false), in, false)
                            .singletonOrThrow();
                    assertThat(logits.getShape())
                            .isEqualTo(new Shape(2, c.scheme().classCount(), 16, 16));
                }
            }
        }
    }

    @Test
    void placeholderPathsFailBeforeTrainingWithAClearMessage() throws IOException {
        Map<String, TrainConfig> configs = shipped();
        for (Map.Entry<String, TrainConfig> e : configs.entrySet()) {
            if (e.getKey().startsWith("real-")
                    || e.getKey().startsWith("default-model")
                    || e.getKey().startsWith("int8-guard")) {
                continue; // these train on ../shared data and synthetic scenes: no placeholders
            }
            assertThatThrownBy(() -> new SegmentationTrainer(e.getValue(), ROOT).run(false))
                    .as(e.getKey())
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("path /path/to/")
                    .hasMessageContaining("does not exist")
                    .hasMessageContaining("replace the placeholder paths");
            assertThat(ROOT.resolve("runs").resolve(e.getValue().name())).doesNotExist();
        }
    }

    @Test
    void theRealDataConfigsPointAtExistingData() throws IOException {
        Assumptions.assumeTrue(
                Files.isDirectory(SHARED.resolve("data/real")),
                "../shared absent: skipping the check of the real-data configs' paths");
        for (String name : List.of("real-sensei-nn.yaml", "real-sensei-dlv3.yaml")) {
            TrainConfig.load(CONFIGS.resolve(name)).checkPaths(ROOT);
        }
    }

    @Test
    void publishedWeightsAreCopiedIntoTheEncoder() throws IOException {
        Path hdf5 = SHARED.resolve("conformance/sensei-v1/sensei-epoch043-loss0.198.hdf5");
        Assumptions.assumeTrue(Files.isRegularFile(hdf5), "../shared absent: skipping the published-weights check");
        TrainConfig c = TrainConfig.load(CONFIGS.resolve("sensei-nn-s2.yaml"));
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationModels.Built built = SegmentationModels.build(c, ROOT, m);
            assertThat(built.initialisation()).contains("SEnSeI initialised from " + hdf5);
            KerasSenseiImporter.Imported ref = SenseiWeights.load(hdf5, m, false);
            List<Pair<String, Parameter>> want =
                    ref.encoder().getParameters().stream().toList();
            List<Pair<String, Parameter>> got =
                    built.model().sensei().getParameters().stream().toList();
            assertThat(got).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                assertThat(got.get(i).getKey()).isEqualTo(want.get(i).getKey());
                assertThat(got.get(i).getValue().getArray().toFloatArray())
                        .isEqualTo(want.get(i).getValue().getArray().toFloatArray());
                // loaded weights stay trainable (DJL's loadParameters drops the flag)
                assertThat(got.get(i).getValue().getArray().hasGradient())
                        .as(got.get(i).getKey())
                        .isEqualTo(got.get(i).getValue().requiresGradient());
            }
        }
    }

    @Test
    void theV2DefaultConfigIsTheDefaultWithMeasuredSpectraAndMostlyVirtualSensors() {
        TrainConfig v1 = TrainConfig.load(CONFIGS.resolve("default-model.yaml"));
        TrainConfig v2 = TrainConfig.load(CONFIGS.resolve("default-model-v2.yaml"));
        // the same real data and hold-out, the same model, schedule, sampling and validation
        assertThat(v2.datasets().get(0)).isEqualTo(v1.datasets().get(0));
        var a = v1.settingsTree();
        var b = v2.settingsTree();
        for (String key : List.of("name", "output_dir", "datasets")) {
            a.remove(key);
            b.remove(key);
        }
        assertThat(b).isEqualTo(a);
        // the default model's own config stays on the legacy rendering
        assertThat(v1.datasets().get(1).spectraDir()).isNull();
        DatasetConfig synth = v2.datasets().get(1);
        assertThat(synth.spectraDir()).isEqualTo("../shared/data/spectra");
        long virtual = synth.sensors().stream().filter("virtual"::equals).count();
        assertThat(virtual).isGreaterThan(synth.sensors().size() / 2);
        assertThat(synth.sensors()).containsAll(v1.datasets().get(1).sensors()).doesNotContain("landsat7");
        if (Files.isDirectory(SHARED.resolve("data/spectra")) && Files.isDirectory(SHARED.resolve("data/real"))) {
            v2.checkDataPaths(ROOT);
            // its first scenes open (at a small size, to keep the test short): a registry and a virtual sensor
            SyntheticDataset ds = new SyntheticDataset(
                    synth.name(), synth.sensors(), 2, 32, 1, TrainConfig.resolve(ROOT, synth.spectraDir()));
            assertThat(ds.sceneIds()).containsExactly("sentinel2-000", "virtual-001");
            assertThat(ds.open("virtual-001").labels()).hasSize(32 * 32);
        }
        // v3: v2 plus the clear Wright scene and On Cloud N chips 1-3, each at weight 0.3, chips 4-5 held out
        TrainConfig v3 = TrainConfig.load(CONFIGS.resolve("default-model-v3.yaml"));
        assertThat(v3.datasets()).hasSize(4);
        assertThat(v3.datasets().get(0)).isEqualTo(v2.datasets().get(0));
        assertThat(v3.datasets().get(3)).isEqualTo(v2.datasets().get(1));
        DatasetConfig wright = v3.datasets().get(1);
        assertThat(wright.type()).isEqualTo("image");
        assertThat(wright.maskCodes()).isEqualTo("clear=0;cloud=1");
        assertThat(wright.holdOutBottom()).isEqualTo(0.25);
        DatasetConfig chips = v3.datasets().get(2);
        assertThat(chips.holdOutScenes()).containsExactly("chip_id_4", "chip_id_5");
        assertThat(List.of(wright.weight(), chips.weight())).containsOnly(0.3);
        var c = v3.settingsTree();
        b = v2.settingsTree();
        for (String key : List.of("name", "output_dir", "datasets")) {
            c.remove(key);
            b.remove(key);
        }
        assertThat(c).isEqualTo(b);
        if (Files.isDirectory(SHARED.resolve("data/clear"))
                && Files.isDirectory(SHARED.resolve("data/real"))
                && Files.isDirectory(SHARED.resolve("data/spectra"))) {
            v3.checkDataPaths(ROOT);
        }
    }
}
