package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.product.ProductScene;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Sensor;

/**
 * A scene whose bands are stored in GeoTIFFs (one file per band, or several bands per file), read window by
 * window and converted with a {@link DigitalNumberConverter}. A pixel is no-data when, in any band, it holds the
 * fill value or the file's GDAL nodata value or converts to a non-finite value; no-data pixels hold 0 in every
 * band. The grid is that of the largest file; a band stored on a grid coarser by a whole factor (e.g. Landsat
 * 7's 60 m thermal band beside 30 m bands) is upsampled by repeating its pixels (nearest neighbour). Opening
 * checks the sizes; files stay open until {@link #close()}.
 */
final class RasterBandsSource extends ProductScene {

    private final String id;
    private final List<BandFile> bandFiles;
    private final DigitalNumberConverter converter;
    private final Path metadataFile;
    private final Double fill;
    private final double resolutionM;
    private final Map<Path, GeoTiffReader> readers;
    private final int[] factors;

    /** The files opened, each band's factor to the grid, and the grid (that of the largest file). */
    private record Opened(Map<Path, GeoTiffReader> readers, int[] factors, RasterInfo grid) {}

    /**
     * @param fill         stored value meaning no data (e.g. 0 for Landsat DNs), or null for none
     * @param metadataFile handed to the converter, may be null
     */
    RasterBandsSource(
            String id,
            List<BandFile> bandFiles,
            Sensor sensor,
            DigitalNumberConverter converter,
            Path metadataFile,
            Double fill,
            double resolutionM) {
        this(id, bandFiles, sensor, converter, metadataFile, fill, resolutionM, open(id, bandFiles, converter));
    }

    private RasterBandsSource(
            String id,
            List<BandFile> bandFiles,
            Sensor sensor,
            DigitalNumberConverter converter,
            Path metadataFile,
            Double fill,
            double resolutionM,
            Opened files) {
        super(
                sensor,
                bandFiles.stream().map(BandFile::band).toList(),
                files.grid().width(),
                files.grid().height(),
                files.grid().georeference());
        this.id = id;
        this.bandFiles = List.copyOf(bandFiles);
        this.converter = converter;
        this.metadataFile = metadataFile;
        this.fill = fill;
        this.resolutionM = resolutionM;
        this.readers = files.readers();
        this.factors = files.factors();
    }

    /** Checks the arguments, opens the files of the bands and checks their sizes; closes them again on failure. */
    private static Opened open(String id, List<BandFile> bandFiles, DigitalNumberConverter converter) {
        Objects.requireNonNull(id, "id");
        if (bandFiles.isEmpty()) {
            throw new IllegalArgumentException("no band files");
        }
        Objects.requireNonNull(converter, "converter");
        Map<Path, GeoTiffReader> readers = new LinkedHashMap<>();
        RasterInfo first = null;
        Path firstFile = null;
        try {
            for (BandFile bf : bandFiles) {
                GeoTiffReader r = readers.get(bf.file());
                if (r == null) {
                    r = GeoTiffReader.open(bf.file());
                    readers.put(bf.file(), r);
                }
                RasterInfo info = r.info();
                if (bf.index() >= info.bandCount()) {
                    throw new SenseiException("scene '" + id + "': " + bf.file() + " has " + info.bandCount()
                            + " band(s) but band " + bf.band().id() + " is expected as band " + (bf.index() + 1)
                            + " of it: check that the file is complete and is this data set's layout");
                }
                if (first == null || (long) info.width() * info.height() > (long) first.width() * first.height()) {
                    first = info;
                    firstFile = bf.file();
                }
            }
            int[] factors = new int[bandFiles.size()];
            for (int b = 0; b < bandFiles.size(); b++) {
                RasterInfo info = readers.get(bandFiles.get(b).file()).info();
                factors[b] = factor(first.width(), info.width(), first.height(), info.height());
                if (factors[b] == 0) {
                    throw new SenseiException("scene '" + id + "': "
                            + bandFiles.get(b).file() + " is " + info.width()
                            + "×" + info.height() + " pixels but " + firstFile + " is " + first.width() + "×"
                            + first.height() + ": the bands of a scene must share one grid or differ by a whole "
                            + "factor; resample them to one size first (e.g. gdalwarp -tr)");
                }
            }
            return new Opened(readers, factors, first);
        } catch (RuntimeException e) {
            closeAll(readers);
            throw e;
        }
    }

    /** The whole factor k with ceil(W/k) == w and ceil(H/k) == h, or 0 when there is none. */
    static int factor(int bigW, int w, int bigH, int h) {
        if (w == bigW && h == bigH) {
            return 1;
        }
        int k = Math.round((float) bigW / w);
        return k >= 2 && (bigW + k - 1) / k == w && (bigH + k - 1) / k == h ? k : 0;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public OptionalDouble resolutionM() {
        return OptionalDouble.of(resolutionM);
    }

    /** The files read, in band order (a file holding several bands is listed once per band). */
    List<Path> files() {
        return bandFiles.stream().map(BandFile::file).toList();
    }

    @Override
    public synchronized SceneWindow read(PixelWindow window) {
        window.requireInside(width, height);
        int n = (int) window.pixelCount();
        float[] values = new float[bandFiles.size() * n];
        byte[] invalid = new byte[n];
        for (int b = 0; b < bandFiles.size(); b++) {
            BandFile bf = bandFiles.get(b);
            GeoTiffReader reader = readers.get(bf.file());
            if (reader == null) {
                throw new IllegalStateException("scene '" + id + "' is closed");
            }
            FloatRaster raw = readScaled(reader, window, bf.index(), factors[b]);
            float[] r = raw.data();
            Double fileNodata = reader.info().nodata();
            for (int i = 0; i < n; i++) {
                float v = r[i];
                if (Float.isNaN(v)
                        || (fill != null && v == fill.floatValue())
                        || (fileNodata != null && raw.isNodata(v))) {
                    invalid[i] = SceneWindow.NODATA;
                }
            }
            float[] converted = converter.convert(bf.band(), r, metadataFile);
            if (converted.length != n) {
                throw new IllegalStateException("converter gave " + converted.length + " values for " + n + " pixels");
            }
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(converted[i])) {
                    invalid[i] = SceneWindow.NODATA;
                }
            }
            System.arraycopy(converted, 0, values, b * n, n);
        }
        return windowOf(window, bandFiles.size(), values, invalid);
    }

    /** A window of a band stored on a grid coarser by {@code k}, repeated to the scene's grid. */
    private static FloatRaster readScaled(GeoTiffReader reader, PixelWindow window, int band, int k) {
        if (k == 1) {
            return reader.read(window, band);
        }
        int bw = reader.info().width();
        int bh = reader.info().height();
        int x0 = window.x() / k;
        int y0 = window.y() / k;
        int x1 = Math.min(bw, (window.endX() + k - 1) / k);
        int y1 = Math.min(bh, (window.endY() + k - 1) / k);
        FloatRaster small = reader.read(new PixelWindow(x0, y0, x1 - x0, y1 - y0), band);
        float[] s = small.data();
        int sw = x1 - x0;
        float[] out = new float[(int) window.pixelCount()];
        for (int r = 0; r < window.height(); r++) {
            int sr = (window.y() + r) / k - y0;
            for (int c = 0; c < window.width(); c++) {
                out[r * window.width() + c] = s[sr * sw + (window.x() + c) / k - x0];
            }
        }
        return new FloatRaster(1, window.height(), window.width(), out, small.nodata());
    }

    @Override
    public synchronized void close() {
        closeAll(readers);
    }

    /** Closes every reader, all of them even when some fail, and forgets them; rethrows the first failure. */
    private static void closeAll(Map<Path, GeoTiffReader> readers) {
        List<RuntimeException> errors = new ArrayList<>();
        for (GeoTiffReader r : readers.values()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        readers.clear();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    @Override
    public String toString() {
        return "RasterBandsSource[" + id + ", " + bandFiles.size() + " bands, " + width + "×" + height + "]";
    }
}
