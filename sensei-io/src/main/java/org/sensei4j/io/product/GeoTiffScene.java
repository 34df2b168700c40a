package org.sensei4j.io.product;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;

/**
 * A scene read window by window from one or more GeoTIFFs (a multiband file, a folder of single-band files, the
 * assets of a STAC item), converted to SEnSeI's quantities (see {@link ProductReaders} for the rules) on one
 * pixel grid.
 *
 * <p>Grid: without {@link ProductOptions#resolution()} the grid of the file with the finest pixels; with it, the
 * grid of a file with that pixel size, else the common extent cut into pixels of that size. Bands on a coarser
 * grid are upsampled by nearest neighbour, bands on a finer grid are downsampled by the mean of the valid source
 * pixels each target pixel covers (GDAL's "average"); a target pixel is saturated when any source pixel is.
 * All files must share one CRS and extent (within half a finest pixel) and be north-up.
 *
 * <p>Memory: {@link #read(PixelWindow)} reads from each file only the strips or tiles under the window, so it
 * holds about the window's values (plus the source window of resampled bands), never the whole scene. Opening
 * reads the headers and, for thermal bands, one decimated pass over the band for its scene-wide statistics.
 * Reads are synchronised: one window at a time.
 */
public final class GeoTiffScene extends ProductScene {

    private final String id;
    private final String kind;
    private final List<BandFile> bandFiles;
    private final List<BandConversion> conversions;
    private final Map<String, GeoTiffReader> readers;
    private final List<FileGroup> groups;
    private final OptionalDouble resolutionM;

    /** The layers read from one file, with the mapping of that file's grid onto the scene grid. */
    private record FileGroup(GeoTiffReader reader, int[] sceneBands, int[] fileBands, WindowResampler resampler) {
        boolean identity() {
            return resampler.isIdentity();
        }
    }

    private GeoTiffScene(
            String id,
            String kind,
            Sensor sensor,
            List<BandFile> bandFiles,
            List<BandConversion> conversions,
            Map<String, GeoTiffReader> readers,
            List<FileGroup> groups,
            int width,
            int height,
            Georeference georeference,
            OptionalDouble resolutionM) {
        super(sensor, bandFiles.stream().map(BandFile::band).toList(), width, height, georeference);
        this.id = id;
        this.kind = kind;
        this.bandFiles = List.copyOf(bandFiles);
        this.conversions = List.copyOf(conversions);
        this.readers = readers;
        this.groups = groups;
        this.resolutionM = resolutionM;
    }

    /**
     * Opens the files of a scene (headers only, plus a decimated pass over thermal bands).
     *
     * @param id        the scene's id (e.g. the file or folder name)
     * @param kind      what the input is, for reports (e.g. "multiband GeoTIFF")
     * @param sensor    the sensor, or null
     * @param bandFiles the scene's bands in order, each with its file; thermal bands are dropped when
     *                  {@link ProductOptions#thermal()} is {@link ThermalHandling#EXCLUDE}
     * @throws SenseiException when a file cannot be read, a band index is missing, or the files do not share one
     *                         CRS and extent
     */
    public static GeoTiffScene open(
            String id, String kind, Sensor sensor, List<BandFile> bandFiles, ProductOptions options) {
        return open(id, kind, sensor, bandFiles, options, false, null);
    }

    /**
     * What a product says about a band's values instead of its file (a VRT's NoDataValue, a STAC item's
     * {@code raster:bands}); {@link ProductOptions#nodata()} and {@link ProductOptions#scale()} still override it.
     *
     * @param nodataGiven whether {@code nodata} replaces the file's nodata value (null then means "none")
     * @param nodata      the nodata value
     * @param scale       the scale (stored value × scale + offset), or null for the usual rule
     * @param offset      the offset, or null (0 when a scale is given)
     */
    record BandValues(boolean nodataGiven, Double nodata, Double scale, Double offset) {
        static BandValues nodata(Double value) {
            return new BandValues(true, value, null, null);
        }
    }

    /**
     * As {@link #open(String, String, Sensor, List, ProductOptions)}, with what the product says about each band's
     * values: {@code values} has one entry per band of {@code bandFiles} (null for none); a null list means the
     * files' own values.
     */
    static GeoTiffScene open(
            String id,
            String kind,
            Sensor sensor,
            List<BandFile> bandFiles,
            ProductOptions options,
            boolean singleBandFiles,
            List<BandValues> values) {
        Objects.requireNonNull(options, "options");
        List<BandFile> files = bandFiles;
        Map<BandFile, BandValues> valuesOf = null;
        if (values != null) {
            if (values.size() != bandFiles.size()) {
                throw new IllegalArgumentException(values.size() + " band values for " + bandFiles.size() + " bands");
            }
            valuesOf = new IdentityHashMap<>();
            for (int i = 0; i < bandFiles.size(); i++) {
                if (values.get(i) != null) {
                    valuesOf.put(bandFiles.get(i), values.get(i));
                }
            }
        }
        if (options.thermal() == ThermalHandling.EXCLUDE) {
            files = bandFiles.stream()
                    .filter(f -> f.band().quantity() != Quantity.BRIGHTNESS_TEMPERATURE)
                    .toList();
            if (files.isEmpty()) {
                throw new SenseiException(id + ": every selected band is thermal and thermal bands are excluded: select"
                        + " reflective bands too, or do not exclude thermal bands");
            }
        }
        if (files.isEmpty()) {
            throw new SenseiException(id + ": no bands to read: select at least one band");
        }
        Map<String, GeoTiffReader> readers = new LinkedHashMap<>();
        try {
            for (BandFile f : files) {
                if (!readers.containsKey(f.location())) {
                    readers.put(
                            f.location(), f.isRemote() ? GeoTiffReader.open(f.url()) : GeoTiffReader.open(f.file()));
                }
            }
            return build(id, kind, sensor, files, options, singleBandFiles, readers, valuesOf);
        } catch (RuntimeException e) {
            readers.values().forEach(GeoTiffReader::close);
            throw e;
        }
    }

    private static GeoTiffScene build(
            String id,
            String kind,
            Sensor sensor,
            List<BandFile> files,
            ProductOptions options,
            boolean singleBandFiles,
            Map<String, GeoTiffReader> readers,
            Map<BandFile, BandValues> valuesOf) {
        for (BandFile f : files) {
            RasterInfo info = readers.get(f.location()).info();
            if (singleBandFiles && info.bandCount() != 1) {
                throw new SenseiException(f.location() + " (band " + f.band().id() + ") has " + info.bandCount()
                        + " bands: a folder must hold single-band files; give a multiband file directly as input, or"
                        + " split it (gdal_translate -b N)");
            }
            if (f.fileBand() >= info.bandCount()) {
                throw new SenseiException(f.location() + " has " + info.bandCount() + " band(s) but band "
                        + (f.fileBand() + 1) + " is named for " + f.band().id() + ": fix the band-to-file mapping");
            }
        }
        SceneGrid grid = SceneGrid.of(id, files, readers, options.resolution());
        if (grid.georeference == null) {
            options.warnings()
                    .accept(id + " has no georeference (plain TIFF): CRS none, outputs will not be" + " georeferenced");
        }

        List<BandConversion> conversions = new ArrayList<>();
        Map<String, List<String>> assumed = new TreeMap<>();
        for (BandFile f : files) {
            GeoTiffReader reader = readers.get(f.location());
            RasterInfo info = reader.info();
            SampleType type = info.sampleType();
            BandValues given = valuesOf != null ? valuesOf.get(f) : null;
            Double nodata = options.nodata() != null
                    ? options.nodata()
                    : given != null && given.nodataGiven() ? given.nodata() : info.nodata();
            BandConversion c;
            if (f.band().quantity() == Quantity.BRIGHTNESS_TEMPERATURE) {
                ThermalNormalisation t = ThermalStatistics.of(reader, f.fileBand(), nodata, options.thermal());
                if (t.samples() == 0) {
                    options.warnings()
                            .accept(id + ": thermal band " + f.band().id() + " (" + f.fileName()
                                    + ") has no valid values: every pixel will be nodata");
                } else {
                    ThermalStatistics.check(
                            id + ": thermal band " + f.band().id() + " (" + f.fileName() + ")", t, options);
                }
                c = new BandConversion(type, 1.0, 0.0, false, nodata, null, t);
            } else if (options.scale() != null) {
                c = new BandConversion(
                        type, options.scale(), options.offset(), false, nodata, options.saturation(), null);
            } else if (given != null && (given.scale() != null || given.offset() != null)) {
                c = new BandConversion(
                        type,
                        given.scale() != null ? given.scale() : 1.0,
                        given.offset() != null ? given.offset() : 0.0,
                        false,
                        nodata,
                        options.saturation(),
                        null);
            } else if (type.isFloatingPoint()) {
                c = new BandConversion(type, 1.0, options.offset(), false, nodata, options.saturation(), null);
            } else {
                double scale = type.bytes() == 1 ? 1.0 / 255.0 : 1.0 / 10000.0;
                c = new BandConversion(type, scale, options.offset(), true, nodata, options.saturation(), null);
                assumed.computeIfAbsent(type.gdalName(), k -> new ArrayList<>())
                        .add(f.band().id());
            }
            conversions.add(c);
        }
        for (Map.Entry<String, List<String>> e : assumed.entrySet()) {
            boolean eightBit = SampleType.parse(e.getKey()).bytes() == 1;
            String bandList = String.join(", ", e.getValue());
            options.warnings()
                    .accept(id + ": band" + (e.getValue().size() > 1 ? "s " : " ") + bandList + " stored as "
                            + e.getKey() + " without a scale: assuming reflectance x "
                            + (eightBit
                                    ? "255 (scale 1/255; 8-bit"
                                            + " images are often display-stretched, which hurts masks)"
                                    : "10000 (scale 1/10000)")
                            + "; give the scale (--scale) if that is wrong");
        }

        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byFile.computeIfAbsent(files.get(i).location(), k -> new ArrayList<>())
                    .add(i);
        }
        List<FileGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
            GeoTiffReader reader = readers.get(e.getKey());
            int[] sceneBands = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            int[] fileBands =
                    Arrays.stream(sceneBands).map(i -> files.get(i).fileBand()).toArray();
            groups.add(new FileGroup(reader, sceneBands, fileBands, grid.resampler(reader.info())));
        }
        return new GeoTiffScene(
                id,
                kind,
                sensor,
                files,
                conversions,
                readers,
                groups,
                grid.width,
                grid.height,
                grid.georeference,
                grid.resolutionM());
    }

    @Override
    public String id() {
        return id;
    }

    /** What the input is, e.g. "multiband GeoTIFF", "folder of single-band GeoTIFFs", "STAC item". */
    public String kind() {
        return kind;
    }

    /** Each band's file and index in it, in band order. */
    public List<BandFile> bandFiles() {
        return bandFiles;
    }

    /** Each band's value conversion, in band order. */
    public List<BandConversion> conversions() {
        return conversions;
    }

    @Override
    public OptionalDouble resolutionM() {
        return resolutionM;
    }

    @Override
    public synchronized SceneWindow read(PixelWindow window) {
        window.requireInside(width, height);
        int w = window.width();
        int h = window.height();
        int plane = w * h;
        byte[] flags = new byte[plane];
        float[] out;
        FileGroup only = groups.size() == 1 ? groups.get(0) : null;
        if (only != null && only.identity() && inOrder(only.sceneBands(), bands.size())) {
            // one file holds every band in order (a stacked GeoTIFF): convert the decoded values in place rather
            // than into a second array of the window's size (a 512² tile of 13 bands: 13.6 MB less to allocate)
            out = only.reader().read(window, only.fileBands()).data();
            for (int b = 0; b < bands.size(); b++) {
                convert(conversions.get(b), out, b * plane, out, b * plane, flags, plane);
            }
        } else {
            out = new float[bands.size() * plane];
            readGroups(window, out, flags);
        }
        for (int p = 0; p < plane; p++) {
            if (flags[p] == SceneWindow.NODATA) {
                for (int b = 0; b < bands.size(); b++) {
                    out[b * plane + p] = 0f;
                }
            }
        }
        return new SceneWindow(window, new FloatRaster(bands.size(), h, w, out, null), flags);
    }

    /** Whether {@code sceneBands} is 0, 1, .., n − 1. */
    private static boolean inOrder(int[] sceneBands, int n) {
        if (sceneBands.length != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (sceneBands[k] != k) {
                return false;
            }
        }
        return true;
    }

    /** Reads and converts every file group's bands of {@code window} into {@code out} and {@code flags}. */
    private void readGroups(PixelWindow window, float[] out, byte[] flags) {
        int plane = window.width() * window.height();
        for (FileGroup g : groups) {
            if (g.identity()) {
                float[] raw = g.reader().read(window, g.fileBands()).data();
                for (int k = 0; k < g.sceneBands().length; k++) {
                    int b = g.sceneBands()[k];
                    convert(conversions.get(b), raw, k * plane, out, b * plane, flags, plane);
                }
            } else {
                readResampled(g, window, out, flags);
            }
        }
    }

    /**
     * Converts {@code n} stored values into {@code out}, merging each pixel's state into {@code flags}. A reflective
     * band takes a loop with the conversion's fields read once (the same arithmetic as {@link BandConversion}).
     */
    private static void convert(
            BandConversion c, float[] raw, int rawOff, float[] out, int outOff, byte[] flags, int n) {
        if (!c.isThermal()) {
            boolean hasNodata = c.nodata() != null;
            float nodata = hasNodata ? c.nodata().floatValue() : 0f;
            boolean hasSaturation = c.saturation() != null;
            double saturation = hasSaturation ? c.saturation() : 0;
            double scale = c.scale();
            double offset = c.offset();
            for (int p = 0; p < n; p++) {
                float v = raw[rawOff + p];
                boolean isNodata = !Float.isFinite(v) || (hasNodata && v == nodata);
                store(out, outOff, flags, p, (float) (v * scale + offset), isNodata, hasSaturation && v >= saturation);
            }
            return;
        }
        for (int p = 0; p < n; p++) {
            float v = raw[rawOff + p];
            boolean nodata = c.isNodata(v);
            store(out, outOff, flags, p, nodata ? 0f : c.convert(v), nodata, !nodata && c.isSaturated(v));
        }
    }

    private void readResampled(FileGroup g, PixelWindow window, float[] out, byte[] flags) {
        int plane = window.width() * window.height();
        PixelWindow source = g.resampler().sourceWindow(window);
        float[] raw = g.reader().read(source, g.fileBands()).data();
        int srcPlane = source.width() * source.height();
        float[] value = new float[srcPlane];
        byte[] state = new byte[srcPlane];
        for (int k = 0; k < g.sceneBands().length; k++) {
            int b = g.sceneBands()[k];
            BandConversion conv = conversions.get(b);
            for (int p = 0; p < srcPlane; p++) {
                float v = raw[k * srcPlane + p];
                if (conv.isNodata(v)) {
                    state[p] = SceneWindow.NODATA;
                    value[p] = 0f;
                } else {
                    value[p] = conv.convert(v);
                    state[p] = conv.isSaturated(v) ? SceneWindow.SATURATED : SceneWindow.VALID;
                }
            }
            g.resampler().resample(value, state, source, window, out, b * plane, flags);
        }
    }

    /**
     * A window size for scanning the whole scene with about {@code maxPixels} pixels per window that decodes each
     * strip or tile about once: full-width row bands when every file is in strips (a 512 x 512 window would decode
     * each full-width strip once per window column), else squares that are a multiple of the largest tile width.
     *
     * @return {width, height} in scene pixels
     */
    public int[] scanWindowSize(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("window of " + maxPixels + " pixels: give a positive number");
        }
        int tile = 0;
        int stripRows = 1;
        for (GeoTiffReader r : readers.values()) {
            RasterInfo info = r.info();
            if (info.tiled()) {
                tile = Math.max(tile, Math.max(info.blockWidth(), info.blockHeight()));
            } else if (info.width() == width) {
                stripRows = Math.max(stripRows, info.blockHeight());
            }
        }
        if (tile == 0) {
            long rows = Math.max(1, maxPixels / width);
            if (rows > stripRows) {
                rows = rows / stripRows * stripRows;
            }
            return new int[] {width, (int) Math.min(height, rows)};
        }
        long side = Math.max(tile, (long) Math.sqrt((double) maxPixels) / tile * tile);
        return new int[] {(int) Math.min(side, width), (int) Math.min(side, height)};
    }

    /** Closes the files. */
    @Override
    public void close() {
        closeEach(readers.values(), GeoTiffReader::close);
    }

    @Override
    public String toString() {
        return "GeoTiffScene[" + id + ", " + kind + ", " + width + "x" + height + ", bands " + bandIds() + "]";
    }
}
