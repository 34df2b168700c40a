package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.jp2.Jp2Reader;
import org.sensei4j.io.sentinel2.Sentinel2Metadata;
import org.sensei4j.io.sentinel2.Sentinel2Radiometry;
import org.sensei4j.io.sentinel2.Sentinel2Safe;
import org.sensei4j.io.sentinel2.Sentinel2TileMetadata;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;

/**
 * A Sentinel-2 L1C or L2A product in the SAFE layout (see {@link Sentinel2Safe}) read window by window from its
 * JPEG2000 band images, on the tile's grid at 10, 20 (default) or 60 m, in reflectance.
 *
 * <ul>
 *   <li>Values: {@code (DN + offset) / quantification} with the product's {@code QUANTIFICATION_VALUE} and per-band
 *       {@code RADIO_ADD_OFFSET} (L1C) or {@code BOA_ADD_OFFSET} (L2A), offset 0 before baseline 04.00
 *       ({@link Sentinel2Radiometry}).</li>
 *   <li>DN 0 (NODATA) in any band makes the pixel {@link SceneWindow#NODATA} (all values 0); DN 65535
 *       (SATURATED) makes it {@link SceneWindow#SATURATED} (values kept); both DNs as the product's
 *       {@code Special_Values} give them.</li>
 *   <li>Grid and georeference: the tile's {@code Geoposition} and {@code Size} at the chosen resolution in
 *       {@code MTD_TL.xml} (the JPEG2000 files' own georeference is not read). Coarser bands are upsampled by
 *       nearest neighbour, finer bands downsampled by the mean of their valid pixels ({@link WindowResampler}).
 *       L1C bands are read at their native resolution; an L2A band from the file at the chosen resolution when
 *       the product has one, else from its finest file.</li>
 * </ul>
 *
 * <p>Bands: by default every band of the sensor ({@code sentinel2}, or {@link ProductOptions#sensor()}) that the
 * product has (L2A has no B10); bands without an image file are left out with a warning. A selection
 * ({@link ProductOptions#selection()}) reads exactly the bands named, and a missing file is an error. Scale,
 * offset, nodata and saturation options do not apply and are ignored with a warning.
 *
 * <p>Memory and speed: the pure-Java decoder is slow (a 10980² band takes tens of seconds) and works tile by tile
 * (Sentinel-2 images are tiled 1024²), so each band keeps the full-width rows of tiles the current window covers
 * ({@link Jp2TileRows}: about 22 MB per 10 m band and tile row, some 170–340 MB for all 13 bands) and decodes
 * each tile once when windows are read row by row, left to right and top to bottom; other orders decode tiles
 * again. Reads are synchronised: one window at a time.
 */
public final class Sentinel2SafeScene extends LayeredScene<Sentinel2SafeScene.Layer> {

    /** Grid resolution used when {@link ProductOptions#resolution()} is not given, metres. */
    public static final int DEFAULT_RESOLUTION_M = 20;

    /** The resolutions a SAFE product can be read at, metres. */
    public static final List<Integer> RESOLUTIONS = List.of(10, 20, 60);

    private final Sentinel2Safe safe;
    private final int resolution;

    /** One band: description, product band name, file, its resolution and the resampling onto the scene grid. */
    record Layer(
            Band band,
            String productBand,
            Path file,
            int fileResolution,
            Jp2Reader reader,
            Jp2TileRows tileRows,
            WindowResampler resampler)
            implements LayeredScene.Layer {
        @Override
        public void close() {
            reader.close();
        }
    }

    private Sentinel2SafeScene(
            Sentinel2Safe safe,
            Sensor sensor,
            List<Layer> layers,
            int resolution,
            int width,
            int height,
            Georeference georeference) {
        super(sensor, layers, width, height, georeference);
        this.safe = safe;
        this.resolution = resolution;
    }

    /**
     * Opens a product: reads its metadata, finds each selected band's image and reads its header.
     *
     * @param input the {@code .SAFE} folder, its {@code MTD_MSIL1C.xml}/{@code MTD_MSIL2A.xml}, a granule folder or
     *              a granule's {@code MTD_TL.xml}
     * @throws SenseiException for an incomplete SAFE layout, a resolution other than 10, 20 or 60 m, a missing band
     *                         image (named with the path pattern expected), or an image whose size does not match
     *                         the tile metadata
     */
    public static Sentinel2SafeScene open(Path input, ProductOptions options) {
        Objects.requireNonNull(options, "options");
        Sentinel2Safe safe = Sentinel2Safe.open(input);
        String id = safe.productName();
        int resolution = resolution(options.resolution(), id);
        LandsatScene.warnIgnored("Sentinel-2 product " + id, options);
        BandSelection selection = options.selection();
        Sensor sensor = productSensor("Sentinel-2 product " + id, options, "B02,B03,B04,B8A", "sentinel2");
        if (!sensor.id().equals("sentinel2")) {
            options.warnings()
                    .accept("Sentinel-2 product " + id + ": using the band descriptions of sensor " + sensor.id());
        }
        boolean explicit = selection != null;
        List<Band> wanted = explicit ? selection.bands() : sensor.bands();
        Sentinel2Metadata md = safe.metadata();
        Sentinel2TileMetadata tile = safe.tile();
        Sentinel2TileMetadata.TileGrid grid = tile.grid(resolution);
        Georeference sceneGeo = tile.georeference(resolution);

        List<Band> chosen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> fileResolutions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Band b : wanted) {
            Optional<String> name = safe.productBand(b.id());
            if (name.isEmpty()) {
                if (explicit) {
                    throw new SenseiException("Sentinel-2 product " + id + " has no band " + b.id() + ": its bands are "
                            + String.join(", ", md.bandNames()));
                }
                continue;
            }
            Map<Integer, Path> byRes = safe.bandFiles(name.get());
            if (byRes.isEmpty()) {
                boolean l2aCirrus =
                        md.level() == Sentinel2Metadata.Level.L2A && name.get().equals("B10");
                if (explicit) {
                    throw new SenseiException("Sentinel-2 product " + id + ": no image for band " + name.get()
                            + (l2aCirrus ? " (L2A products have no B10)" : "") + ": expected "
                            + safe.expectedPattern(name.get()) + " in " + safe.productFolder()
                            + (l2aCirrus ? "; leave B10 out" : "; unzip the product again, or leave the band out"));
                }
                if (!l2aCirrus) {
                    missing.add(name.get() + " (" + safe.expectedPattern(name.get()) + ")");
                }
                continue;
            }
            int res = byRes.containsKey(resolution)
                    ? resolution
                    : byRes.keySet().iterator().next();
            chosen.add(b);
            names.add(name.get());
            files.add(byRes.get(res));
            fileResolutions.add(res);
        }
        if (chosen.isEmpty()) {
            throw new SenseiException("Sentinel-2 product " + id + ": no band can be read"
                    + (missing.isEmpty()
                            ? " (sensor " + sensor.id() + " names none of the product's bands " + md.bandNames() + ")"
                            : ": no image for " + String.join(", ", missing))
                    + "; give a complete, unzipped SAFE product");
        }
        if (!missing.isEmpty()) {
            options.warnings()
                    .accept("Sentinel-2 product " + id + ": band" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing) + " left out (no image file)");
        }

        List<Layer> layers = new ArrayList<>();
        try {
            for (int i = 0; i < chosen.size(); i++) {
                Jp2Reader reader = Jp2Reader.open(files.get(i));
                int res = fileResolutions.get(i);
                try {
                    RasterInfo info = reader.info();
                    Sentinel2TileMetadata.TileGrid g = tile.grid(res);
                    if (info.width() != g.width() || info.height() != g.height() || info.bandCount() != 1) {
                        throw new SenseiException("Sentinel-2 product " + id + ": " + files.get(i) + " (band "
                                + names.get(i) + ", " + res + " m) is " + info.width() + "x" + info.height() + " pixels"
                                + (info.bandCount() != 1 ? " with " + info.bandCount() + " bands" : "") + " but "
                                + tile.source().getFileName() + " gives " + g.width() + "x" + g.height() + " at " + res
                                + " m: the image is not this tile's band; unzip the product again");
                    }
                    WindowResampler resampler = WindowResampler.between(
                            tile.georeference(res), info.width(), info.height(), sceneGeo, grid.width(), grid.height());
                    layers.add(new Layer(
                            chosen.get(i),
                            names.get(i),
                            files.get(i),
                            res,
                            reader,
                            new Jp2TileRows(reader),
                            resampler));
                } catch (RuntimeException e) {
                    reader.close();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            layers.forEach(l -> l.reader().close());
            throw e;
        }
        return new Sentinel2SafeScene(safe, sensor, layers, resolution, grid.width(), grid.height(), sceneGeo);
    }

    private static int resolution(Double requested, String id) {
        if (requested == null) {
            return DEFAULT_RESOLUTION_M;
        }
        for (int r : RESOLUTIONS) {
            if (Math.abs(requested - r) < 1e-9) {
                return r;
            }
        }
        throw new SenseiException("Sentinel-2 product " + id + " cannot be read at " + SceneGrid.fmt(requested)
                + " m: give a resolution of 10, 20 or 60 m (default " + DEFAULT_RESOLUTION_M + ")");
    }

    @Override
    public String id() {
        return safe.productName();
    }

    /** The product's files and metadata. */
    public Sentinel2Safe safe() {
        return safe;
    }

    /** Rows of JPEG2000 tiles decoded so far, summed over the bands. */
    public long decodedTileRows() {
        return layers.stream().mapToLong(l -> l.tileRows().decodedRows()).sum();
    }

    /** The resolution (m) of each band's image file, in band order. */
    public List<Integer> fileResolutions() {
        return layers.stream().map(Layer::fileResolution).toList();
    }

    @Override
    public OptionalDouble resolutionM() {
        return OptionalDouble.of(resolution);
    }

    @Override
    protected void readLayers(PixelWindow window, float[] out, byte[] flags) {
        int plane = flags.length;
        Sentinel2Metadata md = safe.metadata();
        int nodata = md.nodataValue();
        int saturated = md.saturatedValue();
        for (int b = 0; b < layers.size(); b++) {
            Layer layer = layers.get(b);
            boolean identity = layer.resampler().isIdentity();
            PixelWindow source = identity ? window : layer.resampler().sourceWindow(window);
            int[] dn = layer.tileRows().read(source);
            int n = dn.length;
            float[] value = Sentinel2Radiometry.reflectance(dn, md, layer.productBand());
            int off = b * plane;
            if (identity) {
                for (int p = 0; p < plane; p++) {
                    store(out, off, flags, p, value[p], dn[p] == nodata, dn[p] == saturated);
                }
            } else {
                byte[] state = new byte[n];
                for (int p = 0; p < n; p++) {
                    state[p] = dn[p] == nodata
                            ? SceneWindow.NODATA
                            : dn[p] == saturated ? SceneWindow.SATURATED : SceneWindow.VALID;
                }
                layer.resampler().resample(value, state, source, window, out, off, flags);
            }
        }
    }

    @Override
    public String toString() {
        return "Sentinel2SafeScene[" + id() + ", " + safe.metadata().level() + ", " + width + "x" + height + " at "
                + resolution + " m, bands " + bandIds() + "]";
    }
}
