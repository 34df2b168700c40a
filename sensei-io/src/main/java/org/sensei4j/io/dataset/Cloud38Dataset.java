package org.sensei4j.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.dataset.Split;
import org.sensei4j.dataset.SplitAssignment;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/**
 * 38-Cloud (Mohajerani & Saeedi 2019; Landsat 8 patches of 384×384 at 30 m): one folder per band and the ground
 * truth, named after the part of the data set, e.g. {@code train_red/red_<patch>.TIF},
 * {@code train_green/green_<patch>.TIF}, {@code train_blue/blue_<patch>.TIF}, {@code train_nir/nir_<patch>.TIF}
 * and {@code train_gt/gt_<patch>.TIF} (0 clear, 255 cloud; {@link ClassCodeMapping#CLOUD38}, scheme
 * {@code cloud}). Only parts with a {@code _gt} folder are listed (the test part's truths are whole scenes);
 * the part's name gives the split ({@code train}, {@code test}, ...).
 *
 * <p>Bands are Landsat 8 B4, B3, B2, B5 (red, green, blue, NIR) as Level-1 DNs, 0 in the black margins (no
 * data). 38-Cloud ships no MTL files, so by default DNs become TOA reflectance with the Landsat 8 rescaling
 * {@code 2e-5·DN − 0.1} <em>without</em> the sun-elevation correction; give the scenes' MTLs with
 * {@link #withMtlFolder} for exact reflectance. Scene ids are the patch names
 * ({@code patch_1_1_by_1_LC08_L1TP_…}), prefixed with the part's folder name when several parts are labelled;
 * the tag {@code product_id} holds the Landsat product the patch was cut from.
 */
public final class Cloud38Dataset extends ConvertingDataset<Cloud38Dataset> {

    /** The data set's name. */
    public static final String NAME = "38-cloud";
    /** Band folder names and band ids, in order. */
    public static final List<String> CHANNELS = List.of("red", "green", "blue", "nir");
    /** Landsat 8 band ids of {@link #CHANNELS}. */
    public static final List<String> BANDS = List.of("B4", "B3", "B2", "B5");
    /** Ground sampling distance, metres. */
    public static final double RESOLUTION_M = 30;
    /** Landsat 8 Level-1 reflectance rescaling (the same in every MTL), without the sun-elevation correction. */
    public static final DigitalNumberConverter RESCALING_WITHOUT_SUN = DigitalNumberConverter.linear(2e-5, -0.1);

    static final String LAYOUT =
            "<part>_red/red_<patch>.TIF, <part>_green/, <part>_blue/, <part>_nir/ and " + "<part>_gt/gt_<patch>.TIF";
    private static final Pattern PRODUCT = Pattern.compile(".*_by_\\d+_(L[A-Z0-9_]+)$");

    /** A labelled patch: the folder prefix and the patch name. */
    private record Patch(String part, String name) {}

    private final Map<String, Patch> patches;
    private final Path mtlFolder;

    private Cloud38Dataset(Path root, Map<String, Patch> patches, Path mtlFolder, Reading reading) {
        super(NAME, root, reading.mapping().scheme(), List.copyOf(patches.keySet()), reading);
        this.patches = patches;
        this.mtlFolder = mtlFolder;
    }

    /** The labelled patches under {@code root} (e.g. the {@code 38-Cloud_training} folder). */
    public static Cloud38Dataset of(Path root) {
        DatasetFiles.requireDirectory(root, NAME, LAYOUT);
        List<String> parts = new ArrayList<>();
        for (Path d : DatasetFiles.directories(root)) {
            String n = d.getFileName().toString();
            if (n.toLowerCase(Locale.ROOT).endsWith("_red") && Files.isDirectory(root.resolve(part(n) + "_gt"))) {
                parts.add(part(n));
            }
        }
        if (parts.isEmpty()) {
            throw new SenseiException("no labelled 38-Cloud patches in " + root + ": expected " + LAYOUT + " (the "
                    + "test part has no per-patch ground truth, only whole scenes in Entire_scene_gts)");
        }
        Map<String, Patch> patches = new LinkedHashMap<>();
        Map<String, Split> splits = new LinkedHashMap<>();
        for (String part : parts) {
            for (Path f : DatasetFiles.files(
                    root.resolve(part + "_red"), n -> n.toLowerCase(Locale.ROOT).startsWith("red_") && isTif(n))) {
                String name = CloudMaskCatalogueDataset.stem(f.getFileName().toString())
                        .substring(4);
                String id = parts.size() == 1 ? name : part + "/" + name;
                patches.put(id, new Patch(part, name));
                Split.fromName(part).ifPresent(s -> splits.put(id, s));
            }
        }
        requireScenes(List.copyOf(patches.keySet()), NAME, root, LAYOUT);
        return new Cloud38Dataset(
                root, patches, null, new Reading(SplitAssignment.of(splits), null, ClassCodeMapping.CLOUD38));
    }

    private static String part(String redFolder) {
        return redFolder.substring(0, redFolder.length() - "_red".length());
    }

    private static boolean isTif(String n) {
        String l = n.toLowerCase(Locale.ROOT);
        return l.endsWith(".tif") || l.endsWith(".tiff");
    }

    /**
     * The same data set taking each patch's MTL from a folder ({@code <product_id>_MTL.txt}); without another
     * converter, DNs then become TOA reflectance with {@link LandsatDnConverter}.
     */
    public Cloud38Dataset withMtlFolder(Path folder) {
        DatasetFiles.requireDirectory(folder, NAME + " MTL", "<product_id>_MTL.txt files");
        return new Cloud38Dataset(root(), patches, folder, reading());
    }

    /** The Landsat product id in a patch name, if it has one. */
    static Optional<String> productId(String patch) {
        Matcher m = PRODUCT.matcher(patch);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    Cloud38Dataset with(Reading reading) {
        return new Cloud38Dataset(root(), patches, mtlFolder, reading);
    }

    @Override
    public LabelledScene open(String sceneId) {
        requireScene(sceneId);
        Patch p = patches.get(sceneId);
        Sensor l8 = DatasetFiles.sensor("landsat8");
        List<Band> bands = l8.select(BANDS);
        List<BandFile> files = new ArrayList<>();
        for (int i = 0; i < CHANNELS.size(); i++) {
            String ch = CHANNELS.get(i);
            Path dir = root().resolve(p.part() + "_" + ch);
            Path f = Files.isDirectory(dir)
                    ? DatasetFiles.findByName(
                                    dir,
                                    ch + "_" + p.name() + ".TIF",
                                    ch + "_" + p.name() + ".tif",
                                    ch + "_" + p.name() + ".tiff")
                            .orElse(null)
                    : null;
            if (f == null) {
                throw new SenseiException("band file " + dir.resolve(ch + "_" + p.name() + ".TIF") + " is missing: "
                        + "patch " + sceneId + " of " + NAME + " needs its red, green, blue and nir files");
            }
            files.add(new BandFile(bands.get(i), f, 0));
        }
        Path gtDir = root().resolve(p.part() + "_gt");
        Path gt = DatasetFiles.findByName(
                        gtDir, "gt_" + p.name() + ".TIF", "gt_" + p.name() + ".tif", "gt_" + p.name() + ".tiff")
                .orElseThrow(() -> new SenseiException(
                        "ground truth " + gtDir.resolve("gt_" + p.name() + ".TIF") + " is missing"));
        Optional<String> product = productId(p.name());
        Path mtl = null;
        if (mtlFolder != null) {
            String pid = product.orElseThrow(() -> new SenseiException("patch name " + p.name() + " holds no Landsat "
                    + "product id, so its MTL cannot be found in " + mtlFolder));
            mtl = DatasetFiles.findByName(mtlFolder, pid + "_MTL.txt")
                    .orElseThrow(() -> new SenseiException(
                            "MTL " + mtlFolder.resolve(pid + "_MTL.txt") + " of patch " + sceneId + " is missing"));
        }
        DigitalNumberConverter c = converter != null
                ? converter
                : mtlFolder != null ? LandsatDnConverter.fromMtl() : RESCALING_WITHOUT_SUN;
        RasterBandsSource source = new RasterBandsSource(sceneId, files, l8, c, mtl, 0.0, RESOLUTION_M);
        LabelFiles.Labels l = LabelFiles.decodeFor(source, gt, mapping, mapping.scheme(), null);
        Map<String, String> tags = new LinkedHashMap<>();
        product.ifPresent(pid -> tags.put("product_id", pid));
        return DatasetFiles.loadAndClose(NAME, source, mapping.scheme(), l.classes(), tags);
    }
}
