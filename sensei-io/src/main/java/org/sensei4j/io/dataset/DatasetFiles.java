package org.sensei4j.io.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.scene.Scene;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

/** Helpers shared by the data set readers: listing files, building in-memory scenes, size checks. */
final class DatasetFiles {

    private DatasetFiles() {}

    static Path requireDirectory(Path dir, String dataset, String layout) {
        if (!Files.isDirectory(dir)) {
            throw new SenseiException(dataset + " directory " + dir + " does not exist or is not a directory: give "
                    + "the folder that holds " + layout);
        }
        return dir;
    }

    /** The regular files of a directory matching a test, sorted by name. */
    static List<Path> files(Path dir, Predicate<String> nameTest) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> nameTest.test(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SenseiException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The sub-directories of a directory, sorted by name. */
    static List<Path> directories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new SenseiException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every directory under {@code root} (itself included) that passes a test, sorted by path. */
    static List<Path> walkDirectories(Path root, Predicate<Path> test) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isDirectory).filter(test).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new SenseiException("cannot walk " + root + ": " + e.getMessage(), e);
        }
    }

    /** The one file of a directory whose name (case ignored) ends with one of the suffixes, tried in order. */
    static Optional<Path> findBySuffix(Path dir, String... suffixes) {
        List<Path> all = files(dir, n -> true);
        for (String suffix : suffixes) {
            String s = suffix.toLowerCase(Locale.ROOT);
            List<Path> hits = all.stream()
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(s))
                    .toList();
            if (hits.size() > 1) {
                throw new SenseiException(dir + " holds " + hits.size() + " files ending in " + suffix + " ("
                        + hits.stream().map(p -> p.getFileName().toString()).toList() + "): keep one per scene");
            }
            if (hits.size() == 1) {
                return Optional.of(hits.get(0));
            }
        }
        return Optional.empty();
    }

    /** The first of the names (case ignored) that a file of the directory has. */
    static Optional<Path> findByName(Path dir, String... names) {
        List<Path> all = files(dir, n -> true);
        for (String name : names) {
            for (Path p : all) {
                if (p.getFileName().toString().equalsIgnoreCase(name)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Path relative to root with '/' separators (a scene id). */
    static String relativeId(Path root, Path p) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        return rel.isEmpty() ? p.getFileName().toString() : rel;
    }

    static void requireSameSize(
            int imageWidth, int imageHeight, Object imageFile, int maskWidth, int maskHeight, Object maskFile) {
        if (imageWidth != maskWidth || imageHeight != maskHeight) {
            throw new SenseiException("image " + imageFile + " is " + imageWidth + "×" + imageHeight + " pixels but "
                    + "its mask " + maskFile + " is " + maskWidth + "×" + maskHeight + ": the mask does not belong to "
                    + "the image or one of them was resampled or cut; give the image and mask of one grid");
        }
    }

    static Sensor sensor(String id) {
        return SensorRegistry.builtIn().get(id);
    }

    /** The bands with another quantity (e.g. surface reflectance for Level-2A data). */
    static List<Band> withQuantity(List<Band> bands, Quantity q) {
        return bands.stream()
                .map(b -> b.quantity() == q
                        ? b
                        : new Band(b.id(), b.commonName(), b.wavelengths(), b.resolutionM(), q, b.description()))
                .toList();
    }

    /**
     * An in-memory scene from values: pixels where any band is not finite are no-data and get 0 in every band.
     */
    static Scene scene(
            String id,
            List<Band> bands,
            Sensor sensor,
            FloatRaster values,
            Georeference georeference,
            double resolutionM) {
        int n = values.planeSize();
        float[] v = values.data();
        byte[] invalid = new byte[n];
        for (int b = 0; b < values.bands(); b++) {
            int off = b * n;
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(v[off + i])) {
                    invalid[i] = SceneWindow.NODATA;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (invalid[i] == SceneWindow.NODATA) {
                for (int b = 0; b < values.bands(); b++) {
                    v[b * n + i] = 0;
                }
            }
        }
        return new Scene(id, bands, sensor, values.withNodata(null), invalid, georeference, resolutionM);
    }

    /** A labelled in-memory scene; labels become NODATA where the scene has no data. */
    static LabelledScene labelled(
            String dataset, Scene scene, ClassScheme scheme, byte[] labels, Map<String, String> tags) {
        byte[] invalid = scene.invalid();
        for (int i = 0; i < labels.length && i < invalid.length; i++) {
            if (invalid[i] == SceneWindow.NODATA) {
                labels[i] = (byte) ClassScheme.NODATA;
            }
        }
        return new LabelledScene(dataset, scene, scheme, labels, tags);
    }

    /** Reads a whole raster-bands source into a labelled in-memory scene, closing the files. */
    static LabelledScene loadAndClose(
            String dataset, RasterBandsSource source, ClassScheme scheme, byte[] labels, Map<String, String> tags) {
        try (source) {
            return new LabelledScene(dataset, source, scheme, labels, tags).load();
        }
    }
}
