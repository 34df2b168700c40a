package org.sensei4j.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sensei models}: architectures and model bundles. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Model architectures and bundles.",
        subcommands = {ModelsCommand.Describe.class})
public final class ModelsCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        if (ModelLocator.hasDefault()) {
            Map<String, JsonNode> meta = ModelBundle.readMetadata(ModelLocator.resolve("default"));
            JsonNode model = meta.get(ModelBundle.MODEL_JSON);
            JsonNode prov = meta.get(ModelBundle.PROVENANCE_JSON);
            out.println("bundled models (use with --model default, details: 'sensei models describe default'):");
            out.printf(
                    "  default               %s, classes %s, %d parameters; trained on %s%n",
                    model.at("/spec/name").asText(),
                    model.at("/spec/class_scheme").asText(),
                    model.at("/parameters/total").asLong(),
                    prov.path("training_data"));
        } else {
            out.println("bundled models: none in this build (give --model BUNDLE)");
        }
        out.println("architectures (use with 'sensei models describe ARCH'):");
        for (HeadType head : HeadType.values()) {
            out.printf("  %-22s%s on a fixed band list (--in-channels)%n", head.id(), headAlone(head));
        }
        for (HeadType head : HeadType.values()) {
            out.printf(
                    "  %-22sSEnSeI encoder + %s, any bands%n",
                    ModelSpec.SENSEI_PREFIX + head.id(), headAfterSensei(head));
        }
    }

    /** What a head is as a fixed-band architecture. */
    private static String headAlone(HeadType head) {
        return switch (head) {
            case PIXEL_MLP -> "per-pixel 2-layer network";
            case DEEPLAB_V3_PLUS -> "DeepLabv3+ MobileNetV2 OS8";
        };
    }

    /** What a head is behind the SEnSeI encoder. */
    private static String headAfterSensei(HeadType head) {
        return switch (head) {
            case PIXEL_MLP -> "per-pixel network";
            case DEEPLAB_V3_PLUS -> "DeepLabv3+";
        };
    }

    /** The architecture names ({@link ModelSpec#ARCHITECTURES}), for the help and shell completion. */
    static final class ArchitectureNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        ArchitectureNames() {
            super(ModelSpec.ARCHITECTURES);
        }
    }

    /** {@code sensei models describe BUNDLE|ARCH}: parameter counts per module as JSON. */
    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = "Prints parameter counts per module as JSON, e.g. {\"sensei\":210544,\"head\":2126242,"
                    + "\"total\":2336786}; for a bundle also its metadata (model.json, provenance.json).")
    static final class Describe implements Callable<Integer> {

        @Parameters(
                index = "0",
                paramLabel = "BUNDLE|ARCH",
                completionCandidates = ArchitectureNames.class,
                description = "a model bundle (directory or .zip), default (the bundled model), or one of "
                        + "${COMPLETION-CANDIDATES}")
        String target;

        @Option(
                names = "--in-channels",
                paramLabel = "N",
                defaultValue = "13",
                description = "input bands of a fixed-band architecture (default: ${DEFAULT-VALUE})")
        int inChannels;

        @Option(
                names = "--classes",
                paramLabel = "SCHEME",
                defaultValue = "cloud",
                description =
                        "class scheme of an architecture: cloud, cloud-shadow or full (default: ${DEFAULT-VALUE})")
        String classes;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ObjectMapper json = new ObjectMapper();
            ObjectNode out = json.createObjectNode();
            Path path = Path.of(target);
            try (NDManager manager = NDManager.newBaseManager()) {
                CloudModel model;
                Map<String, JsonNode> metadata = null;
                if (ModelSpec.ARCHITECTURES.contains(target.toLowerCase(Locale.ROOT))) {
                    model = CloudModel.create(
                            ModelSpec.architecture(target, inChannels, ClassScheme.fromId(classes)), manager);
                } else if (Files.exists(path) || target.equals(ModelLocator.DEFAULT)) {
                    Path bundle = ModelLocator.resolve(target);
                    ModelBundle.Loaded loaded = ModelBundle.load(bundle, manager);
                    model = loaded.model();
                    metadata = ModelBundle.readMetadata(bundle);
                } else {
                    throw new SenseiException("'" + target + "' is neither a model bundle nor an architecture: use a "
                            + "bundle path or one of " + ModelSpec.ARCHITECTURES);
                }
                CloudModel.ParameterCounts c = model.parameterCounts();
                out.put("sensei", c.sensei());
                out.put("head", c.head());
                out.put("total", c.total());
                if (metadata != null) {
                    out.set("model", metadata.get(ModelBundle.MODEL_JSON));
                    out.set("provenance", metadata.get(ModelBundle.PROVENANCE_JSON));
                    spec.commandLine().getOut().println(out.toPrettyString());
                } else {
                    spec.commandLine().getOut().println(json.writeValueAsString(out));
                }
            }
            return 0;
        }
    }
}
