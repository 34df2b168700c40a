package org.sensei4j.train.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.PixelWindow;

/**
 * Samples of one data set cut by a {@link PatchSampler} from its labelled scenes, in one of three ways:
 * <ul>
 *   <li>{@link #ofScenes}: a scene drawn uniformly, then a random patch and crop of it;</li>
 *   <li>{@link #ofPatches}: a patch drawn uniformly from the pre-cut grid of all scenes' patches that are
 *       labelled enough (so larger scenes give more samples, as the paper's saved patches), then a random crop;</li>
 *   <li>{@link #lazy}: a scene id drawn uniformly and opened on demand, a few kept open (least recently used
 *       closed first), then a random patch and crop.</li>
 * </ul>
 * A scene without a usable window is passed over and another drawn, up to {@value #MAX_SCENE_TRIES} times.
 */
public final class SceneSampleProvider implements SampleProvider, AutoCloseable {

    /** Scenes (or patches) drawn before giving up on finding a labelled-enough sample. */
    public static final int MAX_SCENE_TRIES = 100;

    private record Patch(int scene, PixelWindow window) {}

    private final String name;
    private final PatchSampler sampler;
    private final List<LabelledScene> scenes;
    private final List<Patch> patches;
    private final List<String> sceneIds;
    private final Function<String, LabelledScene> opener;
    private final LinkedHashMap<String, LabelledScene> open;
    private final int maxOpen;

    private SceneSampleProvider(
            String name,
            PatchSampler sampler,
            List<LabelledScene> scenes,
            List<Patch> patches,
            List<String> sceneIds,
            Function<String, LabelledScene> opener,
            int maxOpen) {
        this.name = Objects.requireNonNull(name, "name");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.scenes = scenes;
        this.patches = patches;
        this.sceneIds = sceneIds;
        this.opener = opener;
        this.maxOpen = maxOpen;
        this.open = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Uniform over scenes, then a random patch and crop of the scene. */
    public static SceneSampleProvider ofScenes(String name, List<LabelledScene> scenes, PatchSampler sampler) {
        requireScenes(name, scenes);
        return new SceneSampleProvider(name, sampler, List.copyOf(scenes), null, null, null, 0);
    }

    /**
     * Uniform over the pre-cut {@code patch_size} patches of all scenes ({@link PatchSampler#labelledPatches}),
     * then a random crop of the patch. Only the labels are read to build the patch list.
     *
     * @throws SenseiException when no patch is labelled enough
     */
    public static SceneSampleProvider ofPatches(String name, List<LabelledScene> scenes, PatchSampler sampler) {
        requireScenes(name, scenes);
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            for (PixelWindow w : sampler.labelledPatches(scenes.get(i))) {
                patches.add(new Patch(i, w));
            }
        }
        if (patches.isEmpty()) {
            PatchSamplerConfig c = sampler.config();
            throw new SenseiException("no " + c.patchSize() + " px patch of the " + scenes.size() + " scenes of "
                    + name + " has at least " + c.minLabelledFraction() + " of its pixels labelled: lower "
                    + "min_labelled_fraction or patch_size, or check the labels");
        }
        return new SceneSampleProvider(name, sampler, List.copyOf(scenes), List.copyOf(patches), null, null, 0);
    }

    /**
     * Uniform over scene ids, each opened with {@code opener} (e.g. {@code dataset::open}) when drawn; at most
     * {@code maxOpen} scenes are kept open, the least recently used closed first. Close the provider when done.
     */
    public static SceneSampleProvider lazy(
            String name,
            List<String> sceneIds,
            Function<String, LabelledScene> opener,
            PatchSampler sampler,
            int maxOpen) {
        if (sceneIds == null || sceneIds.isEmpty()) {
            throw new IllegalArgumentException("data set " + name + " has no scenes to sample: give at least one");
        }
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen " + maxOpen + " must be >= 1");
        }
        return new SceneSampleProvider(
                name, sampler, null, null, List.copyOf(sceneIds), Objects.requireNonNull(opener, "opener"), maxOpen);
    }

    private static void requireScenes(String name, List<LabelledScene> scenes) {
        if (scenes == null || scenes.isEmpty()) {
            throw new IllegalArgumentException("data set " + name + " has no scenes to sample: give at least one");
        }
    }

    /** The data set's name. */
    public String name() {
        return name;
    }

    /** Number of scenes, or of patches for {@link #ofPatches}. */
    public int size() {
        return patches != null ? patches.size() : scenes != null ? scenes.size() : sceneIds.size();
    }

    @Override
    public TrainingSample next(SplittableRandom random) {
        for (int t = 0; t < MAX_SCENE_TRIES; t++) {
            Optional<TrainingSample> s;
            if (patches != null) {
                Patch p = patches.get(random.nextInt(patches.size()));
                s = sampler.sample(scenes.get(p.scene()), p.window(), random);
            } else if (scenes != null) {
                s = sampler.sample(scenes.get(random.nextInt(scenes.size())), random);
            } else {
                s = sampler.sample(openScene(sceneIds.get(random.nextInt(sceneIds.size()))), random);
            }
            if (s.isPresent()) {
                return s.get();
            }
        }
        throw new SenseiException("found no " + sampler.sampleSize() + " px sample with at least "
                + sampler.config().minLabelledFraction() + " of its pixels labelled in " + MAX_SCENE_TRIES
                + " draws from " + name + ": lower min_labelled_fraction or check this data set's labels");
    }

    private synchronized LabelledScene openScene(String id) {
        LabelledScene s = open.get(id);
        if (s == null) {
            s = Objects.requireNonNull(opener.apply(id), "opener gave no scene for " + id);
            open.put(id, s);
            if (open.size() > maxOpen) {
                Map.Entry<String, LabelledScene> eldest =
                        open.entrySet().iterator().next();
                open.remove(eldest.getKey());
                eldest.getValue().close();
            }
        }
        return s;
    }

    /** Closes the scenes a {@link #lazy} provider holds open; the others hold none. */
    @Override
    public synchronized void close() {
        for (LabelledScene s : open.values()) {
            s.close();
        }
        open.clear();
    }

    @Override
    public String toString() {
        return "SceneSampleProvider[" + name + ", " + size() + (patches != null ? " patches" : " scenes") + "]";
    }
}
