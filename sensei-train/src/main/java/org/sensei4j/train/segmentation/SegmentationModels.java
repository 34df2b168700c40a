package org.sensei4j.train.segmentation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.ModelSpec;
import org.sensei4j.model.head.HeadConfig;
import org.sensei4j.model.keras.KerasSenseiImporter;
import org.sensei4j.model.sensei.SenseiConfig;
import org.sensei4j.model.sensei.SenseiWeights;
import org.sensei4j.train.pretrain.PretrainedBundle;
import org.sensei4j.train.run.TrainableParameters;

/** Builds the {@link CloudModel} a {@link TrainConfig} describes, initialised for training. */
public final class SegmentationModels {

    private SegmentationModels() {}

    /**
     * A built model and how its SEnSeI encoder was initialised.
     *
     * @param initialisation e.g. "SEnSeI from FILE", "random initialisation (seed 1)"
     */
    public record Built(CloudModel model, String initialisation) {}

    /** The model's spec: SEnSeI (the published architecture, or that of {@code encoder}) or fixed bands. */
    public static ModelSpec spec(TrainConfig config, SenseiConfig encoder) {
        ClassScheme scheme = config.scheme();
        ModelSpec base = config.sensei()
                ? ModelSpec.sensei(config.headType(), scheme)
                : ModelSpec.fixedBands(config.headType(), config.fixedBandSpecs(), scheme);
        if (!config.sensei()) {
            return new ModelSpec(
                    config.name(),
                    null,
                    head(config, base.head().inChannels()),
                    base.classScheme(),
                    base.bands(),
                    base.normalisation());
        }
        SenseiConfig s = encoder != null ? encoder : base.sensei();
        return new ModelSpec(
                config.name(), s, head(config, s.featureChannels()), base.classScheme(), null, base.normalisation());
    }

    /** The config's head over {@code inChannels} features: the standard one, or a DeepLabv3+ of its head_alpha. */
    private static HeadConfig head(TrainConfig config, int inChannels) {
        return config.headAlpha() == null
                ? ModelSpec.head(config.headType(), inChannels, config.scheme())
                : HeadConfig.deepLabV3Plus(inChannels, config.scheme().classCount(), config.headAlpha());
    }

    /**
     * Builds and initialises the model on {@code manager}: the engine's random seed is set to the config's seed
     * first, then parameters are drawn; a SEnSeI encoder is then overwritten with {@code sensei_weights} when set.
     */
    public static Built build(TrainConfig config, Path baseDir, NDManager manager) {
        Engine.getInstance().setRandomSeed(config.seed().intValue());
        Path weights = config.senseiWeightsPath(baseDir);
        if (weights == null) {
            CloudModel model = CloudModel.create(spec(config, null), manager);
            return new Built(
                    model,
                    config.sensei()
                            ? "SEnSeI randomly initialised (seed " + config.seed() + ")"
                            : "randomly initialised (seed " + config.seed() + ")");
        }
        try (NDManager scope = manager.newSubManager()) {
            KerasSenseiImporter.Imported imported = SenseiWeights.load(weights, scope, false);
            CloudModel model = CloudModel.create(spec(config, imported.encoder().config()), manager);
            try {
                PretrainedBundle.copyParameters(imported.encoder(), model.sensei(), manager);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TrainableParameters.mark(model);
            return new Built(
                    model,
                    "SEnSeI initialised from " + weights + " (head randomly initialised, seed " + config.seed() + ")");
        }
    }
}
