package org.sensei4j.sensor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sensei4j.error.SenseiException;

/**
 * The paper's named band sets, resolved against the bands a scene has (by STAC common name, so they work for any
 * sensor): {@code ALL}; {@code COMMON} (the Sentinel-2 / Landsat 8 shared bands: coastal, blue, green, red, NIR,
 * cirrus, SWIR 1.6 and 2.2 µm — no thermal); {@code RGB}; {@code AeroRGB} (coastal + RGB); {@code AeroRGBNIR};
 * {@code RGBNIR}; {@code No-RGB} (all but blue, green, red); or a comma-separated list of band ids.
 */
public final class BandSets {

    /** The names accepted besides an explicit list. */
    public static final List<String> NAMES =
            List.of("ALL", "COMMON", "RGB", "AeroRGB", "AeroRGBNIR", "RGBNIR", "No-RGB");

    private BandSets() {}

    /**
     * Positions (into {@code bands}) of the bands in the set {@code name}.
     *
     * @throws SenseiException when the scene lacks a band the set needs, or an explicit band id is unknown
     */
    public static int[] select(String name, List<Band> bands) {
        String n = name.trim();
        switch (n.toUpperCase(Locale.ROOT)) {
            case "ALL":
                return range(bands.size());
            case "COMMON":
                return byName(
                        n,
                        bands,
                        EnumSet.of(
                                CommonName.COASTAL,
                                CommonName.BLUE,
                                CommonName.GREEN,
                                CommonName.RED,
                                CommonName.NIR,
                                CommonName.CIRRUS,
                                CommonName.SWIR16,
                                CommonName.SWIR22),
                        true);
            case "RGB":
                return byName(n, bands, EnumSet.of(CommonName.BLUE, CommonName.GREEN, CommonName.RED), false);
            case "AERORGB":
                return byName(
                        n,
                        bands,
                        EnumSet.of(CommonName.COASTAL, CommonName.BLUE, CommonName.GREEN, CommonName.RED),
                        false);
            case "AERORGBNIR":
                return byName(
                        n,
                        bands,
                        EnumSet.of(
                                CommonName.COASTAL, CommonName.BLUE, CommonName.GREEN, CommonName.RED, CommonName.NIR),
                        false);
            case "RGBNIR":
                return byName(
                        n, bands, EnumSet.of(CommonName.BLUE, CommonName.GREEN, CommonName.RED, CommonName.NIR), false);
            case "NO-RGB": {
                List<Integer> keep = new ArrayList<>();
                for (int i = 0; i < bands.size(); i++) {
                    CommonName c = bands.get(i).commonName();
                    if (c != CommonName.BLUE && c != CommonName.GREEN && c != CommonName.RED) {
                        keep.add(i);
                    }
                }
                return keep.stream().mapToInt(Integer::intValue).toArray();
            }
            default:
                return byIds(n, bands);
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /**
     * One band per common name; NIR falls back to nir08 when the scene has no broad "nir" band. With
     * {@code optional}, names the scene lacks are skipped (COMMON on a 4-band scene gives its 4 bands).
     */
    private static int[] byName(String set, List<Band> bands, Set<CommonName> wanted, boolean optional) {
        List<Integer> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (CommonName want : wanted) {
            int found = find(bands, want);
            if (found < 0 && want == CommonName.NIR) {
                found = find(bands, CommonName.NIR08);
            }
            if (found >= 0) {
                out.add(found);
            } else if (!optional) {
                missing.add(want.stacName());
            }
        }
        if (!missing.isEmpty() || out.isEmpty()) {
            throw new SenseiException("band set " + set + " needs " + missing + " but the scene's bands are "
                    + bands.stream()
                            .map(b -> b.id()
                                    + (b.commonName() == null
                                            ? ""
                                            : "(" + b.commonName().stacName() + ")"))
                            .toList()
                    + ": choose another band set (" + NAMES + ") or list band ids");
        }
        return out.stream().sorted().mapToInt(Integer::intValue).toArray();
    }

    private static int find(List<Band> bands, CommonName want) {
        for (int i = 0; i < bands.size(); i++) {
            if (bands.get(i).commonName() == want) {
                return i;
            }
        }
        return -1;
    }

    private static int[] byIds(String list, List<Band> bands) {
        List<Integer> out = new ArrayList<>();
        for (String id : list.split(",")) {
            String want = BandIds.key(id);
            int found = -1;
            for (int i = 0; i < bands.size(); i++) {
                if (BandIds.key(bands.get(i).id()).equals(want)) {
                    found = i;
                }
            }
            if (found < 0) {
                throw new SenseiException("band '" + id.trim() + "' is not in the scene (bands: "
                        + bands.stream().map(Band::id).toList() + "): use one of " + NAMES
                        + " or the scene's band ids");
            }
            out.add(found);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
