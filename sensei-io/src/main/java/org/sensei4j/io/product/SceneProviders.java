package org.sensei4j.io.product;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.UserPaths;
import org.sensei4j.scene.SceneSource;

/**
 * The {@link SceneProvider}s and the one rule that picks among them. Probe order (the first that answers
 * {@link ProbeResult#SUPPORTED} opens the input):
 * <ol>
 *   <li>{@link GeoTiffProvider} — a {@code .tif}/{@code .tiff} file or any file with the TIFF signature;</li>
 *   <li>{@link VrtProvider} — a {@code .vrt} file;</li>
 *   <li>{@link StacItemProvider} — a {@code .json}/{@code .geojson} file;</li>
 *   <li>{@link RemoteProvider} — an {@code http(s)://} URL (refuses a remote VRT);</li>
 *   <li>{@link Sentinel2SafeProvider} — a SAFE or granule folder, or its metadata file;</li>
 *   <li>{@link LandsatProvider} — a folder holding a {@code *_MTL.txt}, or that file;</li>
 *   <li>providers registered through {@link ServiceLoader} (other than these), in the loader's order;</li>
 *   <li>{@link BandFolderProvider} — any other folder (last, since every folder is one).</li>
 * </ol>
 * With a band map ({@link ProductOptions#bandMap()}) the input must be a folder and only providers that
 * {@link SceneProvider#readsBandMap() read band maps} are asked. When none supports the input, the first refusal's
 * reason is the error; else the error lists every provider's {@link SceneProvider#description()}.
 */
public final class SceneProviders {

    /** The built-in providers in probe order, the folder of single-band files last. */
    static final List<SceneProvider> BUILT_IN = List.of(
            new GeoTiffProvider(),
            new VrtProvider(),
            new StacItemProvider(),
            new RemoteProvider(),
            new Sentinel2SafeProvider(),
            new LandsatProvider(),
            new BandFolderProvider());

    private static volatile List<SceneProvider> providers;

    private SceneProviders() {}

    /** Every provider in probe order: the built-ins, with those found by {@link ServiceLoader} before the last. */
    public static List<SceneProvider> providers() {
        List<SceneProvider> all = providers;
        if (all == null) {
            Set<Class<?>> builtIn = BUILT_IN.stream().map(Object::getClass).collect(Collectors.toSet());
            List<SceneProvider> extra = new ArrayList<>();
            for (SceneProvider p : ServiceLoader.load(SceneProvider.class, SceneProviders.class.getClassLoader())) {
                if (!builtIn.contains(p.getClass())) {
                    extra.add(p);
                }
            }
            all = new ArrayList<>(BUILT_IN.subList(0, BUILT_IN.size() - 1));
            all.addAll(extra);
            all.add(BUILT_IN.get(BUILT_IN.size() - 1));
            all = List.copyOf(all);
            providers = all;
        }
        return all;
    }

    /**
     * What can be opened, for "give ..." messages: the providers' descriptions in probe order, e.g. "a GeoTIFF
     * (.tif/.tiff), ..., or a folder of ...".
     */
    public static String supportedInputs() {
        return describe(providers());
    }

    static String describe(List<SceneProvider> list) {
        List<String> d = list.stream().map(SceneProvider::description).toList();
        if (d.size() < 2) {
            return String.join("", d);
        }
        return String.join(", ", d.subList(0, d.size() - 1)) + ", or " + d.get(d.size() - 1);
    }

    /** Opens a local path or an {@code http(s)://} URL (see {@link ProductReaders#open(String, ProductOptions)}). */
    static SceneSource open(String input, ProductOptions options) {
        if (input == null) {
            throw new SenseiException("no input given: give " + supportedInputs());
        }
        if (!ProductReaders.isRemote(input)) {
            return open(Path.of(input), options);
        }
        return open(ProductInput.remote(input), options == null ? ProductOptions.defaults() : options);
    }

    /** Opens a local path (see {@link ProductReaders#open(Path, ProductOptions)}). */
    static SceneSource open(Path input, ProductOptions options) {
        if (input == null) {
            throw new SenseiException("no input given: give " + supportedInputs());
        }
        if (options == null) {
            options = ProductOptions.defaults();
        }
        if (!Files.exists(input)) {
            throw new SenseiException("file not found: " + input);
        }
        UserPaths.requireFileOrDirectory(input, "input");
        return open(ProductInput.local(input), options);
    }

    /** Asks the providers in order and opens {@code input} with the first that supports it. */
    public static SceneSource open(ProductInput input, ProductOptions options) {
        if (options.bandMap() != null && !input.isDirectory()) {
            throw new SenseiException("a band map (" + options.bandMap() + ") applies to a folder of single-band files,"
                    + " but " + input + " is " + (input.isRemote() ? "a URL" : "a file") + ": give "
                    + (input.isRemote() ? "a local folder" : "the folder") + " as input, or leave out the band map");
        }
        String refusal = null;
        for (SceneProvider p : providers()) {
            if (options.bandMap() != null && !p.readsBandMap()) {
                continue;
            }
            ProbeResult r = p.probe(input);
            if (r.isSupported()) {
                return p.open(input, options);
            }
            if (refusal == null && r.reason().isPresent()) {
                refusal = r.reason().get();
            }
        }
        if (refusal != null) {
            throw new SenseiException(refusal);
        }
        throw new SenseiException(unsupported(input));
    }

    /** The message for an input no provider reads: a hint for archives, else the list of supported inputs. */
    static String unsupported(ProductInput input) {
        String name = input.lowerName();
        if (name.endsWith(".zip")) {
            return input + " is a zip archive: unzip it and give the product folder (e.g. the"
                    + " .SAFE folder of a Sentinel-2 product)";
        }
        if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return input + " is a tar archive: unpack it (tar xf) and give the folder holding the"
                    + " product's files (for Landsat, the folder with the *_MTL.txt)";
        }
        return "unsupported input " + input + ": give " + supportedInputs();
    }
}
