package org.sensei4j.io.product;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
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
public final class GeoTiffScene implements SceneSource {

    /** About this many values of a thermal band are sampled at open time for BT_min and BT_95%. */
    static final double THERMAL_SAMPLE_TARGET = 1 << 20;

    private static final int STATS_CHUNK_VALUES = 1 << 22;

    private final String id;
    private final String kind;
    private final Sensor sensor;
    private final List<BandFile> bandFiles;
    private final List<Band> bands;
    private final List<BandConversion> conversions;
    private final Map<String, GeoTiffReader> readers;
    private final List<FileGroup> groups;
    private final int width;
    private final int height;
    private final Georeference georeference;
    private final double resolutionM;

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
            double resolutionM) {
        this.id = id;
        this.kind = kind;
        this.sensor = sensor;
        this.bandFiles = List.copyOf(bandFiles);
        this.bands = bandFiles.stream().map(BandFile::band).toList();
        this.conversions = List.copyOf(conversions);
        this.readers = readers;
        this.groups = groups;
        this.width = width;
        this.height = height;
        this.georeference = georeference;
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
        return open(id, kind, sensor, bandFiles, options, false);
    }

    static GeoTiffScene open(
            String id,
            String kind,
            Sensor sensor,
            List<BandFile> bandFiles,
            ProductOptions options,
            boolean singleBandFiles) {
        return open(id, kind, sensor, bandFiles, options, singleBandFiles, null);
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
        Grid grid = Grid.of(id, files, readers, options.resolution());
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
                ThermalNormalisation t = thermalStatistics(reader, f.fileBand(), nodata, options.thermal());
                if (t.samples() == 0) {
                    options.warnings()
                            .accept(id + ": thermal band " + f.band().id() + " (" + f.fileName()
                                    + ") has no valid values: every pixel will be nodata");
                } else {
                    checkBrightnessTemperature(
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

    @Override
    public List<Band> bands() {
        return bands;
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
    public Optional<Sensor> sensor() {
        return Optional.ofNullable(sensor);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public Georeference georeference() {
        return georeference;
    }

    @Override
    public double resolutionM() {
        return resolutionM;
    }

    @Override
    public synchronized SceneWindow read(PixelWindow window) {
        window.requireInside(width, height);
        int w = window.width();
        int h = window.height();
        int plane = w * h;
        float[] out = new float[bands.size() * plane];
        byte[] flags = new byte[plane];
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
        for (int p = 0; p < plane; p++) {
            if (flags[p] == SceneWindow.NODATA) {
                for (int b = 0; b < bands.size(); b++) {
                    out[b * plane + p] = 0f;
                }
            }
        }
        return new SceneWindow(window, new FloatRaster(bands.size(), h, w, out, null), flags);
    }

    /** Converts {@code n} stored values into {@code out}, merging each pixel's state into {@code flags}. */
    private static void convert(
            BandConversion c, float[] raw, int rawOff, float[] out, int outOff, byte[] flags, int n) {
        for (int p = 0; p < n; p++) {
            float v = raw[rawOff + p];
            if (c.isNodata(v)) {
                flags[p] = SceneWindow.NODATA;
            } else {
                out[outOff + p] = c.convert(v);
                if (c.isSaturated(v) && flags[p] != SceneWindow.NODATA) {
                    flags[p] = SceneWindow.SATURATED;
                }
            }
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
        RuntimeException first = null;
        for (GeoTiffReader r : readers.values()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "GeoTiffScene[" + id + ", " + kind + ", " + width + "x" + height + ", bands " + bandIds() + "]";
    }

    /**
     * BT_min and BT_95% of a thermal band from every {@code step}-th row and column (step chosen so that about
     * {@link #THERMAL_SAMPLE_TARGET} values are sampled; 1 for small bands), read in chunks of whole rows.
     */
    static ThermalNormalisation thermalStatistics(
            GeoTiffReader reader, int band, Double nodata, ThermalHandling handling) {
        RasterInfo info = reader.info();
        int step = decimationStep(info.width(), info.height());
        float[] sampled = sampleDecimated(reader, band, step);
        double[] samples = new double[sampled.length];
        int n = 0;
        float nd = nodata == null ? Float.NaN : nodata.floatValue();
        for (float v : sampled) {
            if (Float.isFinite(v) && v != nd) {
                samples[n++] = v;
            }
        }
        if (n == 0) {
            return new ThermalNormalisation(0.0, 1.0, handling == ThermalHandling.CELSIUS, 0, step);
        }
        double[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        double p95 = percentile95(s);
        boolean celsius = handling == ThermalHandling.CELSIUS
                || (handling == ThermalHandling.AUTO && s[n - 1] < ThermalHandling.CELSIUS_BELOW);
        return new ThermalNormalisation(s[0], p95, celsius, n, step);
    }

    /** Coldest and hottest brightness temperature (95th percentile) accepted as possible on Earth, in K. */
    static final double BT_POSSIBLE_MIN_K = 150;

    static final double BT_POSSIBLE_MAX_K = 400;

    /**
     * Refuses a thermal band whose sampled brightness temperatures (95th percentile, in kelvin after the unit is
     * settled) cannot be real, naming the likely cause; warns on unlikely ones.
     */
    static void checkBrightnessTemperature(String what, ThermalNormalisation t, ProductOptions options) {
        double p95 = t.p95Kelvin();
        double min = t.minKelvin();
        String range = String.format(Locale.ROOT, "%.4g to %.4g K", min, p95);
        if (p95 < BT_POSSIBLE_MIN_K) {
            throw new SenseiException(what + " holds brightness temperatures of " + range + " (minimum to 95th"
                    + " percentile), impossible on Earth (about 180 to 340 K): "
                    + (t.celsius()
                            ? "check that the band is thermal and calibrated"
                            : "the values look like degrees Celsius: use --thermal celsius (or auto)"));
        }
        if (p95 > BT_POSSIBLE_MAX_K) {
            throw new SenseiException(what + " holds brightness temperatures of " + range + " (minimum to 95th"
                    + " percentile), impossible on Earth (about 180 to 340 K): "
                    + (t.celsius() && t.p95() > BT_POSSIBLE_MIN_K
                            ? "the values look like kelvin: use --thermal kelvin" + " (or auto)"
                            : "give brightness temperature (not DNs or radiance), give --nodata if"
                                    + " such values mark missing pixels, or check that the band is thermal"));
        }
        if (min < BT_POSSIBLE_MIN_K || p95 > 350) {
            options.warnings()
                    .accept(what + ": brightness temperatures of " + range + " are unlikely (about 180 to"
                            + " 340 K); check the thermal unit (--thermal) and nodata");
        }
    }

    /** The 95th percentile of sorted values, interpolating linearly between order statistics (NumPy's default). */
    static double percentile95(double[] sorted) {
        int n = sorted.length;
        double pos = 0.95 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Every how many rows and columns a band of {@code width × height} is sampled for scene-wide statistics. */
    static int decimationStep(int width, int height) {
        return Math.max(1, (int) Math.ceil(Math.sqrt((double) width * height / THERMAL_SAMPLE_TARGET)));
    }

    /**
     * The stored values of one band at every {@code step}-th row and column (from row and column 0), row by row,
     * read in chunks of whole rows so that memory stays bounded.
     */
    static float[] sampleDecimated(GeoTiffReader reader, int band, int step) {
        RasterInfo info = reader.info();
        int w = info.width();
        int h = info.height();
        int block = info.blockHeight();
        int chunk = Math.max(block, (STATS_CHUNK_VALUES / w) / block * block);
        chunk = Math.max(1, Math.min(chunk, h));
        int perRow = (w + step - 1) / step;
        long capacity = (long) ((h + step - 1) / step) * perRow;
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("step " + step + " samples " + capacity + " values: use a larger step");
        }
        float[] out = new float[(int) capacity];
        int n = 0;
        for (int y0 = 0; y0 < h; y0 += chunk) {
            int rows = Math.min(chunk, h - y0);
            int firstSampled = ((y0 + step - 1) / step) * step;
            if (firstSampled >= y0 + rows) {
                continue;
            }
            float[] data = reader.read(new PixelWindow(0, y0, w, rows), band).data();
            for (int r = firstSampled; r < y0 + rows; r += step) {
                int off = (r - y0) * w;
                for (int c = 0; c < w; c += step) {
                    out[n++] = data[off + c];
                }
            }
        }
        return out;
    }

    /** The scene's pixel grid and how each file maps onto it. */
    private static final class Grid {
        final int width;
        final int height;
        final Georeference georeference;

        private Grid(int width, int height, Georeference georeference) {
            this.width = width;
            this.height = height;
            this.georeference = georeference;
        }

        double resolutionM() {
            if (georeference == null || georeference.isGeographic()) {
                return Double.NaN;
            }
            return Math.abs(georeference.pixelWidth());
        }

        WindowResampler resampler(RasterInfo info) {
            if (georeference == null) {
                return WindowResampler.identity(info.width(), info.height());
            }
            return WindowResampler.between(
                    info.georeference(), info.width(), info.height(), georeference, width, height);
        }

        /** Most pixels of a grid resampled to a requested resolution (a 10980² tile at 5 m is 482 M). */
        static final long MAX_GRID_PIXELS = 2_000_000_000L;

        static Grid of(String id, List<BandFile> files, Map<String, GeoTiffReader> readers, Double resolution) {
            List<BandFile> firstPerFile = new ArrayList<>(files.stream()
                    .collect(Collectors.toMap(BandFile::location, f -> f, (a, b) -> a, LinkedHashMap::new))
                    .values());
            List<BandFile> plain = firstPerFile.stream()
                    .filter(f -> readers.get(f.location()).info().georeference() == null)
                    .toList();
            if (plain.size() == firstPerFile.size()) {
                RasterInfo first = readers.get(firstPerFile.get(0).location()).info();
                for (BandFile f : firstPerFile) {
                    RasterInfo info = readers.get(f.location()).info();
                    if (info.width() != first.width() || info.height() != first.height()) {
                        throw new SenseiException(id + ": band " + f.band().id() + " (" + f.location() + ") is "
                                + info.width() + "x" + info.height() + " pixels but band "
                                + firstPerFile.get(0).band().id()
                                + " (" + firstPerFile.get(0).location() + ") is " + first.width() + "x" + first.height()
                                + ", and without georeference bands of different sizes cannot be aligned: give"
                                + " georeferenced GeoTIFFs or files of one size");
                    }
                }
                if (resolution != null) {
                    throw new SenseiException(id + " has no georeference, so a resolution of " + fmt(resolution)
                            + " cannot be applied: leave out the resolution or give georeferenced GeoTIFFs");
                }
                return new Grid(first.width(), first.height(), null);
            }
            if (!plain.isEmpty()) {
                BandFile p = plain.get(0);
                throw new SenseiException(
                        id + ": band " + p.band().id() + " (" + p.location() + ") has no georeference but"
                                + " other band files do: give every band as a georeferenced GeoTIFF");
            }
            BandFile refFile = firstPerFile.get(0);
            RasterInfo refInfo = readers.get(refFile.location()).info();
            Georeference ref = refInfo.georeference();
            double finest = Double.MAX_VALUE;
            BandFile finestFile = refFile;
            for (BandFile f : firstPerFile) {
                RasterInfo info = readers.get(f.location()).info();
                Georeference g = info.georeference();
                if (!g.isNorthUp() || g.pixelWidth() <= 0 || g.pixelHeight() >= 0) {
                    throw new SenseiException(id + ": band " + f.band().id() + " (" + f.location() + ") is not north-up"
                            + " (rotated or flipped grid), which is not supported: warp it north-up first (gdalwarp)");
                }
                if (!sameCrs(g, ref)) {
                    throw new SenseiException(id + ": band " + f.band().id() + " (" + f.location() + ") is in " + crs(g)
                            + " but band " + refFile.band().id() + " (" + refFile.location() + ") is in " + crs(ref)
                            + ": all band files must share one CRS; reproject them to one (gdalwarp -t_srs)");
                }
                if (Math.abs(g.pixelWidth()) < finest) {
                    finest = Math.abs(g.pixelWidth());
                    finestFile = f;
                }
            }
            double tol = 0.5 * finest;
            double[] refExtent = extent(refInfo);
            for (BandFile f : firstPerFile) {
                RasterInfo info = readers.get(f.location()).info();
                double[] e = extent(info);
                for (int i = 0; i < 4; i++) {
                    if (Math.abs(e[i] - refExtent[i]) > tol) {
                        throw new SenseiException(id + ": band files do not cover the same extent: band "
                                + f.band().id() + " (" + f.location() + ") covers " + describe(e) + " but band "
                                + refFile.band().id() + " (" + refFile.location() + ") covers " + describe(refExtent)
                                + ": all band files must share one extent; crop them to a common one (gdalwarp -te)");
                    }
                }
            }
            if (resolution == null) {
                RasterInfo info = readers.get(finestFile.location()).info();
                return new Grid(info.width(), info.height(), info.georeference());
            }
            for (BandFile f : firstPerFile) {
                RasterInfo info = readers.get(f.location()).info();
                Georeference g = info.georeference();
                if (Math.abs(Math.abs(g.pixelWidth()) - resolution) <= 1e-9 * resolution
                        && Math.abs(Math.abs(g.pixelHeight()) - resolution) <= 1e-9 * resolution) {
                    return new Grid(info.width(), info.height(), g);
                }
            }
            double extentW = refExtent[1] - refExtent[0];
            double extentH = refExtent[3] - refExtent[2];
            long w = Math.round(extentW / resolution);
            long h = Math.round(extentH / resolution);
            if (w < 1
                    || h < 1
                    || Math.abs(w * resolution - extentW) > 0.01 * resolution
                    || Math.abs(h * resolution - extentH) > 0.01 * resolution
                    || w > Integer.MAX_VALUE
                    || h > Integer.MAX_VALUE) {
                String native_ = firstPerFile.stream()
                        .map(f -> fmt(Math.abs(
                                readers.get(f.location()).info().georeference().pixelWidth())))
                        .distinct()
                        .collect(Collectors.joining(", "));
                throw new SenseiException(id + ": the extent " + fmt(extentW) + " x " + fmt(extentH)
                        + " (CRS units) is not a whole number of " + fmt(resolution) + " pixels: choose a resolution"
                        + " that divides it, e.g. one of the bands' own (" + native_ + ")");
            }
            if ((double) w * h > MAX_GRID_PIXELS) {
                throw new SenseiException(id + ": a resolution of " + fmt(resolution) + " gives a grid of " + w + " x "
                        + h + " pixels, more than the " + MAX_GRID_PIXELS / 1_000_000 + " megapixels this tool reads"
                        + " at once: choose a coarser resolution, e.g. one of the bands' own ("
                        + firstPerFile.stream()
                                .map(f -> fmt(Math.abs(readers.get(f.location())
                                        .info()
                                        .georeference()
                                        .pixelWidth())))
                                .distinct()
                                .collect(Collectors.joining(", "))
                        + ")");
            }
            Georeference g = new Georeference(
                    ref.epsg().isPresent() ? ref.epsg().getAsInt() : null,
                    new double[] {refExtent[0], resolution, 0, refExtent[3], 0, -resolution},
                    ref.anchor(),
                    ref.geoKeys().orElse(null));
            return new Grid((int) w, (int) h, g);
        }

        private static boolean sameCrs(Georeference a, Georeference b) {
            if (a.epsg().isPresent() || b.epsg().isPresent()) {
                return a.epsg().equals(b.epsg());
            }
            return a.geoKeys().equals(b.geoKeys());
        }

        private static String crs(Georeference g) {
            return g.epsg().isPresent() ? "EPSG:" + g.epsg().getAsInt() : "a CRS without EPSG code";
        }

        /** {left, right, bottom, top} in CRS units. */
        private static double[] extent(RasterInfo info) {
            Georeference g = info.georeference();
            double x0 = g.originX();
            double x1 = x0 + info.width() * g.pixelWidth();
            double y0 = g.originY();
            double y1 = y0 + info.height() * g.pixelHeight();
            return new double[] {Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)};
        }

        private static String describe(double[] e) {
            return "x " + fmt(e[0]) + " to " + fmt(e[1]) + ", y " + fmt(e[2]) + " to " + fmt(e[3]);
        }
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
