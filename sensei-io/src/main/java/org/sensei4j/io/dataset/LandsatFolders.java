package org.sensei4j.io.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/** Finding scenes and band files in Landsat validation data sets stored one folder per scene. */
final class LandsatFolders {

    /** {@code …_B4.TIF}, {@code …_B10.TIF}, {@code …_B6_VCID_1.TIF} (case ignored). */
    private static final Pattern BAND = Pattern.compile("(?i).*_B(\\d+)(_VCID_(\\d))?\\.tiff?");

    private LandsatFolders() {}

    /** Folders under root (root included) holding an {@code *_MTL.txt} and a mask found by {@code mask}. */
    static List<Path> sceneFolders(Path root, Function<Path, Optional<Path>> mask) {
        return DatasetFiles.walkDirectories(
                root, d -> mtl(d).isPresent() && mask.apply(d).isPresent());
    }

    /** The folder's {@code *_MTL.txt}. */
    static Optional<Path> mtl(Path dir) {
        List<Path> hits =
                DatasetFiles.files(dir, n -> n.toLowerCase(Locale.ROOT).endsWith("_mtl.txt"));
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    /**
     * The band files of a folder by band id: {@code _B<n>.TIF} gives {@code B<n>}; for Landsat 7 ({@code
     * twoDigitNames}) the USGS Irish names {@code _B10.TIF} … {@code _B80.TIF} give B1 … B8 and {@code _B61.TIF}
     * (low gain) gives B6, as does {@code _B6_VCID_1.TIF}; high-gain B6 files are left out.
     */
    static Map<String, Path> bandFiles(Path dir, boolean twoDigitNames) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Path f : DatasetFiles.files(dir, n -> BAND.matcher(n).matches())) {
            Matcher m = BAND.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            String num = m.group(1);
            String vcid = m.group(3);
            String id;
            if (vcid != null) {
                if (!vcid.equals("1")) {
                    continue;
                }
                id = "B" + Integer.parseInt(num);
            } else if (twoDigitNames && num.length() == 2) {
                if (num.equals("62")) {
                    continue;
                }
                id = "B" + num.charAt(0);
            } else {
                id = "B" + Integer.parseInt(num);
            }
            Path before = out.putIfAbsent(id, f);
            if (before != null && !twoDigitNames) {
                throw new SenseiException(dir + " holds two files for band " + id + " (" + before.getFileName() + ", "
                        + f.getFileName() + "): keep one");
            }
        }
        return out;
    }

    /** The files of the wanted bands, in order; a missing one is an error naming folder, band and files present. */
    static List<Path> requireBands(Path dir, Map<String, Path> files, List<String> bandIds, String dataset) {
        List<Path> out = new ArrayList<>();
        for (String b : bandIds) {
            Path f = files.get(b);
            if (f == null || !Files.isRegularFile(f)) {
                throw new SenseiException("band file for " + b + " is missing in " + dir + " (" + dataset
                        + " scene; band files found: " + files.keySet() + "): the scene is incomplete; download it "
                        + "again, or read fewer bands with withBands(...)");
            }
            out.add(f);
        }
        return out;
    }

    /**
     * The scene in {@code dir} read as the bands {@code bandIds} of {@code sensor} (DN 0 is fill) from its band
     * files (named with two-digit band numbers or not, see {@link #bandFiles}), the MTL beside them, if any, handed
     * to {@code converter}.
     */
    static RasterBandsSource openBands(
            String sceneId,
            Path dir,
            Sensor sensor,
            List<String> bandIds,
            boolean twoDigitNames,
            DigitalNumberConverter converter,
            double resolutionM,
            String dataset) {
        Path mtl = mtl(dir).orElse(null);
        List<Band> selected = sensor.select(bandIds);
        List<Path> paths = requireBands(dir, bandFiles(dir, twoDigitNames), bandIds, dataset);
        List<BandFile> files = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            files.add(new BandFile(selected.get(i), paths.get(i), 0));
        }
        return new RasterBandsSource(sceneId, files, sensor, converter, mtl, 0.0, resolutionM);
    }

    /** The first path component of a nested scene id ({@code "Barren/LC8…"} → {@code "Barren"}), if any. */
    static Optional<String> group(String sceneId) {
        int slash = sceneId.indexOf('/');
        return slash > 0 ? Optional.of(sceneId.substring(0, slash)) : Optional.empty();
    }
}
