package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandIds;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;

/**
 * A multiband GeoTIFF ({@code .tif}, {@code .tiff}, or any file starting with the TIFF signature): its bands in file
 * order are the selected bands ({@link ProductOptions#selection()}), whose number must equal the file's; with only a
 * sensor, the file must hold all the sensor's bands in product order.
 */
public final class GeoTiffProvider implements SceneProvider {

    @Override
    public String name() {
        return "geotiff";
    }

    @Override
    public String description() {
        return "a GeoTIFF (.tif/.tiff)";
    }

    @Override
    public ProbeResult probe(ProductInput input) {
        if (!input.isFile()) {
            return ProbeResult.UNSUPPORTED;
        }
        String name = input.lowerName();
        return name.endsWith(".tif") || name.endsWith(".tiff") || input.hasTiffSignature()
                ? ProbeResult.SUPPORTED
                : ProbeResult.UNSUPPORTED;
    }

    @Override
    public SceneSource open(ProductInput input, ProductOptions options) {
        return openMultiband(input.path().orElseThrow(), null, options);
    }

    /** A multiband GeoTIFF, local ({@code file}) or remote ({@code url}). */
    static GeoTiffScene openMultiband(Path file, String url, ProductOptions options) {
        int count;
        try (GeoTiffReader r = url != null ? GeoTiffReader.open(url) : GeoTiffReader.open(file)) {
            count = r.info().bandCount();
        }
        BandSelection selection = options.selection();
        Sensor sensor = selection != null ? selection.sensor().orElse(null) : options.sensor();
        Path named = file != null ? file : Path.of(ByteSource.fileName(url));
        List<Band> bands = bandsInFileOrder(file != null ? file.toString() : url, named, count, options, null);
        List<BandFile> files = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            files.add(url != null ? BandFile.remote(bands.get(i), url, i) : new BandFile(bands.get(i), file, i));
        }
        return GeoTiffScene.open(
                ProductNames.stem(named), url != null ? "remote GeoTIFF" : "multiband GeoTIFF", sensor, files, options);
    }

    /**
     * The bands of a multiband file (or VRT) of {@code count} bands, in file order: the selection, which must have
     * {@code count} bands; with only a sensor, the sensor's bands named by {@code names} (band descriptions, one
     * per band, when each names a different band of the sensor), else all the sensor's bands, which must be
     * {@code count}.
     */
    static List<Band> bandsInFileOrder(String file, Path named, int count, ProductOptions options, List<String> names) {
        BandSelection selection = options.selection();
        Sensor sensor = selection != null ? selection.sensor().orElse(null) : options.sensor();
        if (selection != null) {
            if (selection.size() != count) {
                throw new SenseiException(file + " has " + count + " band" + (count == 1 ? "" : "s") + " but "
                        + selection.size() + " were selected (" + describe(selection) + "): select exactly the file's"
                        + " bands in file order");
            }
            return selection.bands();
        }
        if (sensor != null) {
            Optional<List<Band>> described = names == null ? Optional.empty() : bandsNamed(names, sensor);
            if (described.isPresent()) {
                return described.get();
            }
            Optional<Band> byName = count == 1 ? bandNamedIn(named, sensor.bands()) : Optional.empty();
            if (byName.isPresent()) {
                return List.of(byName.get());
            }
            if (sensor.bands().size() != count) {
                throw new SenseiException(file + " has " + count + " band" + (count == 1 ? "" : "s") + " but sensor "
                        + sensor.id() + " has " + sensor.bands().size()
                        + " (--sensor without --bands selects all of them):"
                        + " select exactly the file's bands in file order, e.g. --sensor " + sensor.id() + " --bands "
                        + String.join(
                                ",",
                                sensor.bandIds()
                                        .subList(
                                                0,
                                                Math.min(count, sensor.bands().size()))));
            }
            return sensor.bands();
        }
        throw new SenseiException(file + " has " + count + " band" + (count == 1 ? "" : "s") + " but no band"
                + " description was given: give --sensor ID with --bands in file order (see 'sensei sensors'), or"
                + " --wavelengths min:centre:max,... in nm, one per band");
    }

    /** The sensor's bands named by {@code names}, when every name is a different band of the sensor. */
    static Optional<List<Band>> bandsNamed(List<String> names, Sensor sensor) {
        List<Band> out = new ArrayList<>();
        for (String n : names) {
            if (n == null) {
                return Optional.empty();
            }
            Optional<Band> b = ProductNames.findQuietly(sensor, n);
            if (b.isEmpty()) {
                List<String> keys = ProductNames.nameKeys(Path.of("x").resolveSibling(n.replace('/', '_') + ".x"));
                List<Band> hits = sensor.bands().stream()
                        .filter(x -> keys.contains(BandIds.key(x.id())))
                        .toList();
                b = hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
            }
            if (b.isEmpty() || out.contains(b.get())) {
                return Optional.empty();
            }
            out.add(b.get());
        }
        return Optional.of(out);
    }

    static String describe(BandSelection selection) {
        if (selection.sensor().isPresent()) {
            return "--sensor " + selection.sensor().get().id() + " --bands " + String.join(",", selection.bandIds());
        }
        return "--wavelengths "
                + selection.descriptors().stream().map(Object::toString).collect(Collectors.joining(","));
    }

    /** The one band among {@code bands} whose id is a word of the file name, if exactly one is. */
    static Optional<Band> bandNamedIn(Path file, List<Band> bands) {
        List<String> keys = ProductNames.nameKeys(file);
        List<Band> hits =
                bands.stream().filter(b -> keys.contains(BandIds.key(b.id()))).toList();
        return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
    }
}
