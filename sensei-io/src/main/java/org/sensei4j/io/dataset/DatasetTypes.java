package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sensei4j.dataset.Dataset;

/**
 * The one list of labelled data set formats on disk, by short type name: what {@code sensei evaluate --dataset
 * TYPE:PATH} and a training config's {@code type:} accept ({@code catalogue} (Sentinel-2 Cloud Mask Catalogue),
 * {@code sparcs}, {@code biome} (Landsat 8 Biome), {@code l7-irish}, {@code cloudperu2}, {@code 38-cloud},
 * {@code cloudsen12}, {@code eo4ai}, {@code ukis} (ukis-csmask) and {@code on-cloud-n}). The readers' own names
 * ({@code s2-cloud-mask-catalogue}, {@code l8-biome}, {@code ukis-csmask}) are accepted too. Add a format here
 * and both commands know it.
 */
public final class DatasetTypes {

    private static final Map<String, Function<Path, Dataset>> TYPES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of(
            CloudMaskCatalogueDataset.NAME, "catalogue",
            LandsatBiomeDataset.NAME, "biome",
            UkisCsmaskDataset.NAME, "ukis");

    static {
        TYPES.put("catalogue", CloudMaskCatalogueDataset::of);
        TYPES.put("sparcs", SparcsDataset::of);
        TYPES.put("biome", LandsatBiomeDataset::of);
        TYPES.put("l7-irish", Landsat7IrishDataset::of);
        TYPES.put("cloudperu2", CloudPeru2Dataset::of);
        TYPES.put("38-cloud", Cloud38Dataset::of);
        TYPES.put("cloudsen12", CloudSen12Dataset::of);
        TYPES.put("eo4ai", Eo4aiDataset::of);
        TYPES.put("ukis", UkisCsmaskDataset::of);
        TYPES.put("on-cloud-n", OnCloudNDataset::of);
    }

    private DatasetTypes() {}

    /** The type names, in a fixed order (without the aliases). */
    public static List<String> names() {
        return List.copyOf(TYPES.keySet());
    }

    /** The type name {@code name} stands for (trimmed, lower case, an alias resolved), if it is one. */
    public static Optional<String> canonical(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String t = name.strip().toLowerCase(Locale.ROOT);
        t = ALIASES.getOrDefault(t, t);
        return TYPES.containsKey(t) ? Optional.of(t) : Optional.empty();
    }

    /** The reader of a type name or alias, if it is one. */
    public static Optional<Function<Path, Dataset>> reader(String name) {
        return canonical(name).map(TYPES::get);
    }
}
