package org.sensei4j.floor.loso;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sensei4j.error.SenseiException;
import org.sensei4j.train.sample.Seeds;
import org.sensei4j.train.segmentation.DatasetConfig;
import org.sensei4j.train.segmentation.SegmentationTrainer;
import org.sensei4j.train.segmentation.TrainConfig;
import org.sensei4j.train.segmentation.TrainingData;
import org.sensei4j.train.segmentation.ValidationConfig;

/**
 * One fold of a leave-one-source-out run: the config without the held-out source (what the model and the floor
 * train on) and the data they are tested on.
 *
 * <p>The fold's config is the original with: the held-out real data set removed (and validation-only data sets of
 * the same type and path), or, for a synthetic family, the family's scenes removed from the data set's
 * {@code scenes} and {@code hold_out_scenes} (the other scenes stay exactly what they were: every synthetic data
 * set gets the seed it had in the original config written out); the name {@code NAME-without-SOURCE}; the output
 * {@code OUTDIR/fold-SOURCE}. A data set left without training scenes is removed.
 *
 * <p>Test data: a real source's scenes, whole (all of its {@code scenes}, or every scene: the fold never saw any
 * of it); a synthetic family's {@code testScenes} freshly rendered scenes of the family (same size and renderer as
 * in training) with a seed that differs from every synthetic training seed of the config.
 *
 * @param source    the held-out source
 * @param config    the fold's training config
 * @param dir       the fold's output folder
 * @param test      the data tested on (a synthetic family's: a new synthetic data set of the family)
 * @param testSeed  the seed a synthetic {@code test} data set is opened with
 * @param testIds   the scene ids tested on, or null for all of {@code test}'s scenes
 */
public record LosoFold(
        LosoSource source, TrainConfig config, Path dir, DatasetConfig test, long testSeed, List<String> testIds) {

    /** Key of the synthetic test scenes' seeds in {@link Seeds#derive}. */
    static final long TEST_SEED_KEY = 0x105_0L;

    /**
     * The folds of {@code config} for the sources named (all when {@code names} is empty), checked before any
     * training.
     *
     * @param outDir        where the folds' folders go
     * @param testScenes    freshly rendered test scenes per synthetic family
     * @throws SenseiException for an unknown source name, a fold without training data, or a fold folder that
     *     already holds a run
     */
    public static List<LosoFold> plan(TrainConfig config, List<String> names, Path outDir, int testScenes) {
        List<LosoSource> all = LosoSource.of(config);
        List<LosoSource> chosen = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            chosen.addAll(all);
        } else {
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                LosoSource s = all.stream()
                        .filter(x -> x.name().equals(n.strip()))
                        .findFirst()
                        .orElseThrow(() -> new SenseiException("config '" + config.name() + "' has no source '" + n
                                + "': use one of "
                                + all.stream().map(LosoSource::name).toList()
                                + " (real data sets by name, synthetic sensor families as DATASET/FAMILY)"));
                if (!seen.add(s.name())) {
                    throw new SenseiException("source '" + n + "' is given twice: give each --source once");
                }
                chosen.add(s);
            }
        }
        Set<String> slugs = new HashSet<>();
        List<LosoFold> folds = new ArrayList<>();
        for (LosoSource s : chosen) {
            if (!slugs.add(s.slug())) {
                throw new SenseiException("sources of config '" + config.name() + "' share the folder name fold-"
                        + s.slug() + ": rename a data set so that their names differ in letters or digits");
            }
            folds.add(of(config, s, outDir.resolve("fold-" + s.slug()), testScenes));
        }
        for (LosoFold f : folds) {
            if (Files.exists(f.dir().resolve(SegmentationTrainer.LOG))
                    || Files.exists(f.dir().resolve(SegmentationTrainer.CHECKPOINTS))) {
                throw new SenseiException("fold folder " + f.dir() + " already holds a training run: give another "
                        + "output folder (-o) or delete it");
            }
        }
        return List.copyOf(folds);
    }

    /** The fold holding out {@code source}. */
    static LosoFold of(TrainConfig config, LosoSource source, Path dir, int testScenes) {
        if (testScenes < 1) {
            throw new SenseiException("synthetic test scenes per family must be >= 1, got " + testScenes);
        }
        DatasetConfig held = config.datasets().get(source.datasetIndex());
        List<DatasetConfig> kept = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (int d = 0; d < config.datasets().size(); d++) {
            DatasetConfig dc = config.datasets().get(d);
            if (dc.isSynthetic() && dc.seed() == null) {
                dc = dc.withSeed(TrainingData.syntheticSeed(config, d));
            }
            if (d == source.datasetIndex()) {
                if (!source.synthetic()) {
                    continue;
                }
                List<String> family = LosoSource.familyScenes(dc, source.family());
                List<String> scenes = LosoSource.universe(dc).stream()
                        .filter(id -> !family.contains(id))
                        .toList();
                List<String> holdOut = dc.holdOutScenes().stream()
                        .filter(id -> !family.contains(id))
                        .toList();
                if (scenes.stream().allMatch(holdOut::contains)) {
                    continue;
                }
                dc = dc.withScenes(scenes, holdOut);
            }
            kept.add(dc);
            left.add(dc.name());
        }
        if (kept.isEmpty()) {
            throw new SenseiException("holding out source '" + source.name() + "' leaves config '" + config.name()
                    + "' no training data: add another data set to the config, or leave '" + source.name()
                    + "' out of --source");
        }
        List<DatasetConfig> validation = new ArrayList<>();
        for (DatasetConfig v : config.validation().datasets()) {
            boolean same = !source.synthetic()
                    && v.type().equals(held.type())
                    && v.path() != null
                    && v.path().equals(held.path());
            if (!same) {
                validation.add(v);
            }
        }
        ValidationConfig vc = config.validation();
        TrainConfig fold = config.withDatasets(kept)
                .withValidation(new ValidationConfig(
                        vc.everyEpochs(), vc.tileSize(), vc.maxPatches(), vc.minLabelledFraction(), validation))
                .withName(config.name() + "-without-" + source.slug())
                .withRun(
                        config.stepsPerEpoch(),
                        config.epochs(),
                        dir.toAbsolutePath().normalize().toString())
                .withVerbatim(null);
        if (!source.synthetic()) {
            return new LosoFold(
                    source, fold, dir, held, TrainingData.syntheticSeed(config, source.datasetIndex()), held.scenes());
        }
        Set<Long> trainingSeeds = new LinkedHashSet<>();
        for (int d = 0; d < config.datasets().size(); d++) {
            DatasetConfig dc = config.datasets().get(d);
            if (dc.isSynthetic()) {
                trainingSeeds.add(dc.seed() != null ? dc.seed() : TrainingData.syntheticSeed(config, d));
            }
        }
        for (DatasetConfig v : config.validation().datasets()) {
            if (v.isSynthetic() && v.seed() != null) {
                trainingSeeds.add(v.seed());
            }
        }
        long seed = Seeds.derive(
                config.seed(),
                TEST_SEED_KEY,
                source.datasetIndex(),
                source.family().hashCode());
        while (trainingSeeds.contains(seed)) {
            seed = Seeds.derive(seed, TEST_SEED_KEY);
        }
        DatasetConfig test = DatasetConfig.synthetic(
                        source.name() + " (test)", List.of(source.family()), testScenes, held.size(), seed)
                .withSpectraDir(held.spectraDir());
        return new LosoFold(source, fold, dir, test, seed, null);
    }
}
