package org.sensei4j.floor.loso;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.synthetic.VirtualSensors;
import org.sensei4j.sensor.SensorRegistry;
import org.sensei4j.train.segmentation.DatasetConfig;
import org.sensei4j.train.segmentation.SyntheticDataset;
import org.sensei4j.train.segmentation.TrainConfig;

/**
 * One source a leave-one-source-out fold holds out: a real labelled data set of a training config (by its name), or
 * one sensor family of a synthetic data set ({@code NAME/FAMILY}: a registry sensor id, canonical, or
 * {@value VirtualSensors#NAME} for the random virtual sensors).
 *
 * @param name         the source's name: the data set's name, or {@code DATASET/FAMILY}
 * @param datasetIndex the data set's index in the config's {@code datasets}
 * @param dataset      the data set's name
 * @param family       the sensor family of a synthetic data set, or null for a real source
 */
public record LosoSource(String name, int datasetIndex, String dataset, String family) {

    public LosoSource {
        if (name == null || name.isBlank() || dataset == null || datasetIndex < 0) {
            throw new IllegalArgumentException("a source needs a name, a data set and its index");
        }
    }

    /** True for a sensor family of a synthetic data set. */
    public boolean synthetic() {
        return family != null;
    }

    /** {@code real} or {@code synthetic family}. */
    public String kind() {
        return synthetic() ? "synthetic family" : "real";
    }

    /** A folder-safe form of the name, e.g. {@code synthetic-measured-sentinel2}. */
    public String slug() {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "source-" + datasetIndex : s;
    }

    /** The sources of {@code config}'s training data sets, in config order (families in their first appearance). */
    public static List<LosoSource> of(TrainConfig config) {
        List<LosoSource> out = new ArrayList<>();
        for (int d = 0; d < config.datasets().size(); d++) {
            DatasetConfig dc = config.datasets().get(d);
            if (!dc.isSynthetic()) {
                out.add(new LosoSource(dc.name(), d, dc.name(), null));
                continue;
            }
            Set<String> families = new LinkedHashSet<>();
            List<String> ids = sceneIds(dc);
            for (String id : universe(dc)) {
                families.add(familyOf(dc, ids.indexOf(id)));
            }
            for (String f : families) {
                out.add(new LosoSource(dc.name() + "/" + f, d, dc.name(), f));
            }
        }
        return List.copyOf(out);
    }

    /** The sensor family of a synthetic data set's entry {@code sensors[i mod n]}. */
    static String familyOf(DatasetConfig dc, int sceneIndex) {
        String entry = dc.sensors().get(sceneIndex % dc.sensors().size()).strip();
        return VirtualSensors.NAME.equalsIgnoreCase(entry)
                ? VirtualSensors.NAME
                : SensorRegistry.builtIn().get(entry).id();
    }

    /** All scene ids of a synthetic data set (its ids do not depend on seed or spectra). */
    static List<String> sceneIds(DatasetConfig dc) {
        return new SyntheticDataset(dc.name(), dc.sensors(), dc.sceneCount(), dc.size(), 0L).sceneIds();
    }

    /** The scene ids a synthetic data set uses: its {@code scenes}, or all. */
    static List<String> universe(DatasetConfig dc) {
        List<String> all = sceneIds(dc);
        if (dc.scenes() == null) {
            return all;
        }
        List<String> unknown =
                dc.scenes().stream().filter(id -> !all.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new SenseiException("data set '" + dc.name() + "': scenes names scene(s) " + unknown + " that it "
                    + "does not have (ids " + all.get(0) + " .. " + all.get(all.size() - 1) + "): fix the ids");
        }
        return dc.scenes();
    }

    /** The scene ids of family {@code family} among all of a synthetic data set's scenes. */
    static List<String> familyScenes(DatasetConfig dc, String family) {
        List<String> all = sceneIds(dc);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (familyOf(dc, i).equals(family)) {
                out.add(all.get(i));
            }
        }
        return out;
    }
}
