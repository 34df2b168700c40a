package org.sensei4j.train.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sensei4j.dataset.Dataset;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.dataset.Cloud38Dataset;
import org.sensei4j.io.dataset.CloudMaskCatalogueDataset;
import org.sensei4j.io.dataset.CloudPeru2Dataset;
import org.sensei4j.io.dataset.CloudSen12Dataset;
import org.sensei4j.io.dataset.Eo4aiDataset;
import org.sensei4j.io.dataset.Landsat7IrishDataset;
import org.sensei4j.io.dataset.LandsatBiomeDataset;
import org.sensei4j.io.dataset.OnCloudNDataset;
import org.sensei4j.io.dataset.SparcsDataset;
import org.sensei4j.io.dataset.UkisCsmaskDataset;

/**
 * The labelled data set readers by short type name, for {@code TYPE:PATH} arguments: {@code catalogue}
 * (Sentinel-2 Cloud Mask Catalogue), {@code sparcs}, {@code biome} (Landsat 8 Biome), {@code l7-irish},
 * {@code cloudperu2}, {@code 38-cloud}, {@code cloudsen12}, {@code eo4ai}, {@code ukis} (ukis-csmask) and
 * {@code on-cloud-n}. The readers' own names ({@code s2-cloud-mask-catalogue}, {@code l8-biome},
 * {@code ukis-csmask}) are accepted too.
 */
public final class DatasetReaders {

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

    private DatasetReaders() {}

    /** The type names, in a fixed order. */
    public static List<String> types() {
        return List.copyOf(TYPES.keySet());
    }

    /**
     * Opens {@code TYPE:PATH}, e.g. {@code on-cloud-n:/data/chips}.
     *
     * @throws SenseiException for a missing colon, an unknown type or a path the reader cannot list
     */
    public static Dataset open(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new SenseiException("data set '" + spec + "' is not TYPE:PATH: write e.g. on-cloud-n:/data/chips, "
                    + "with TYPE one of " + types());
        }
        return open(spec.substring(0, colon), Path.of(spec.substring(colon + 1)));
    }

    /** Opens the data set of type {@code type} at {@code path}. */
    public static Dataset open(String type, Path path) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        t = ALIASES.getOrDefault(t, t);
        Function<Path, Dataset> reader = TYPES.get(t);
        if (reader == null) {
            throw new SenseiException("unknown data set type '" + type + "': use one of " + types());
        }
        if (!Files.exists(path)) {
            throw new SenseiException("data set path " + path + " does not exist: give the folder of the " + t
                    + " data set");
        }
        return reader.apply(path);
    }
}
