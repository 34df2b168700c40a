package org.sensei4j.io.product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.RasterInfo;

/**
 * A scene's pixel grid and how each band file maps onto it (see {@link GeoTiffScene} for the rule): the grid of the
 * file with the finest pixels, or of a file at the requested resolution, else the common extent cut into pixels of
 * that size; all files must share one CRS and extent (within half a finest pixel) and be north-up.
 */
final class SceneGrid {

    final int width;
    final int height;
    final Georeference georeference;

    private SceneGrid(int width, int height, Georeference georeference) {
        this.width = width;
        this.height = height;
        this.georeference = georeference;
    }

    /** The ground sampling distance in metres; empty for a plain image or a geographic grid. */
    OptionalDouble resolutionM() {
        if (georeference == null || georeference.isGeographic()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.abs(georeference.pixelWidth()));
    }

    WindowResampler resampler(RasterInfo info) {
        if (georeference == null) {
            return WindowResampler.identity(info.width(), info.height());
        }
        return WindowResampler.between(info.georeference(), info.width(), info.height(), georeference, width, height);
    }

    /** Most pixels of a grid resampled to a requested resolution (a 10980² tile at 5 m is 482 M). */
    static final long MAX_GRID_PIXELS = 2_000_000_000L;

    static SceneGrid of(String id, List<BandFile> files, Map<String, GeoTiffReader> readers, Double resolution) {
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
            return new SceneGrid(first.width(), first.height(), null);
        }
        if (!plain.isEmpty()) {
            BandFile p = plain.get(0);
            throw new SenseiException(id + ": band " + p.band().id() + " (" + p.location() + ") has no georeference but"
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
            return new SceneGrid(info.width(), info.height(), info.georeference());
        }
        for (BandFile f : firstPerFile) {
            RasterInfo info = readers.get(f.location()).info();
            Georeference g = info.georeference();
            if (Math.abs(Math.abs(g.pixelWidth()) - resolution) <= 1e-9 * resolution
                    && Math.abs(Math.abs(g.pixelHeight()) - resolution) <= 1e-9 * resolution) {
                return new SceneGrid(info.width(), info.height(), g);
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
        return new SceneGrid((int) w, (int) h, g);
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

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
