package org.sensei4j.raster;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a raster lies on Earth: its coordinate reference system (an EPSG code when known, plus the raw GeoTIFF
 * keys when read from a file) and the affine transform from pixel to CRS coordinates.
 *
 * <p>The transform is GDAL's geotransform {@code (originX, pixelWidth, rotationX, originY, rotationY,
 * pixelHeight)} in CRS units (metres for UTM, degrees for EPSG:4326): the CRS position of pixel corner
 * (column c, row r) is {@code x = originX + c·pixelWidth + r·rotationX}, {@code y = originY + c·rotationY +
 * r·pixelHeight}; pixelHeight is negative for north-up images. The transform always uses this pixel-corner
 * convention, also when the file declares PixelIsPoint: then, as GDAL does, the origin read from the file is
 * moved half a pixel up-left, and moved back when written.
 */
public final class Georeference {

    /** GeoTIFF raster type: whether a pixel value stands for an area (the usual case) or a point. */
    public enum PixelAnchor {
        AREA,
        POINT
    }

    private final Integer epsg;
    private final double[] transform;
    private final PixelAnchor anchor;
    private final GeoKeys geoKeys;

    /**
     * @param epsg EPSG code of the CRS, or null when unknown (e.g. a user-defined projection)
     * @param transform GDAL geotransform, 6 finite values with a non-singular linear part
     * @param anchor raster type; null means {@link PixelAnchor#AREA}
     * @param geoKeys the raw GeoTIFF keys to write back, or null to derive them from the EPSG code
     */
    public Georeference(Integer epsg, double[] transform, PixelAnchor anchor, GeoKeys geoKeys) {
        Objects.requireNonNull(transform, "transform");
        if (transform.length != 6) {
            throw new IllegalArgumentException("geotransform has " + transform.length
                    + " values: give 6 (originX, pixelWidth, rotationX, originY, rotationY, pixelHeight)");
        }
        for (double v : transform) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "geotransform " + Arrays.toString(transform) + " has a non-finite value: give finite numbers");
            }
        }
        if (transform[1] * transform[5] - transform[2] * transform[4] == 0) {
            throw new IllegalArgumentException("geotransform " + Arrays.toString(transform)
                    + " is singular (zero pixel size?): give a non-zero pixel width and height");
        }
        if (epsg != null && (epsg <= 0 || epsg >= GeoKeys.USER_DEFINED)) {
            throw new IllegalArgumentException("EPSG code " + epsg + " is out of range: give 1..32766 or null");
        }
        this.epsg = epsg;
        this.transform = transform.clone();
        this.anchor = anchor == null ? PixelAnchor.AREA : anchor;
        this.geoKeys = geoKeys;
    }

    /** A pixel-is-area georeference from an EPSG code and a GDAL geotransform. */
    public static Georeference of(int epsg, double... transform) {
        return new Georeference(epsg, transform, PixelAnchor.AREA, null);
    }

    /**
     * A north-up, pixel-is-area georeference: upper-left corner {@code (originX, originY)} and square-or-not
     * pixel size in CRS units (both positive; the y step is stored as negative).
     */
    public static Georeference northUp(
            int epsg, double originX, double originY, double pixelWidth, double pixelHeight) {
        if (!(pixelWidth > 0) || !(pixelHeight > 0)) {
            throw new IllegalArgumentException("pixel size " + pixelWidth + " x " + pixelHeight
                    + " is not positive: give positive sizes in CRS units");
        }
        return of(epsg, originX, pixelWidth, 0, originY, 0, -pixelHeight);
    }

    /** EPSG code of the CRS, empty when unknown. */
    public OptionalInt epsg() {
        return epsg == null ? OptionalInt.empty() : OptionalInt.of(epsg);
    }

    /** The GDAL geotransform (a copy). */
    public double[] transform() {
        return transform.clone();
    }

    public double originX() {
        return transform[0];
    }

    public double originY() {
        return transform[3];
    }

    /** Column step in x, in CRS units (transform[1]). */
    public double pixelWidth() {
        return transform[1];
    }

    /** Row step in y, in CRS units (transform[5]); negative for north-up images. */
    public double pixelHeight() {
        return transform[5];
    }

    /** Whether the transform has no rotation terms. */
    public boolean isNorthUp() {
        return transform[2] == 0 && transform[4] == 0;
    }

    public PixelAnchor anchor() {
        return anchor;
    }

    /** The raw GeoTIFF keys read from a file, if any. */
    public Optional<GeoKeys> geoKeys() {
        return Optional.ofNullable(geoKeys);
    }

    /**
     * Whether the CRS is geographic (latitude/longitude): from the GeoTIFF model type key when known, else
     * guessed from the EPSG code (4000–4999, except the projected 4087 and 4088).
     */
    public boolean isGeographic() {
        if (geoKeys != null) {
            OptionalInt model = geoKeys.shortValue(GeoKeys.MODEL_TYPE);
            if (model.isPresent()) {
                return model.getAsInt() == 2;
            }
        }
        return epsg != null && epsg >= 4000 && epsg <= 4999 && epsg != 4087 && epsg != 4088;
    }

    /** CRS coordinates {x, y} of the pixel corner at fractional (column, row); (0.5, 0.5) is the first pixel centre. */
    public double[] pixelToCrs(double column, double row) {
        return new double[] {
            transform[0] + column * transform[1] + row * transform[2],
            transform[3] + column * transform[4] + row * transform[5]
        };
    }

    /** The georeference of a window cut from this raster: same CRS, origin moved to the window's corner. */
    public Georeference forWindow(PixelWindow window) {
        double[] t = transform.clone();
        double[] corner = pixelToCrs(window.x(), window.y());
        t[0] = corner[0];
        t[3] = corner[1];
        return new Georeference(epsg, t, anchor, geoKeys);
    }

    /** The same georeference with another raster type. */
    public Georeference withAnchor(PixelAnchor newAnchor) {
        return new Georeference(epsg, transform, newAnchor, geoKeys == null ? null : geoKeys.withRasterType(newAnchor));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Georeference g
                && Objects.equals(epsg, g.epsg)
                && Arrays.equals(transform, g.transform)
                && anchor == g.anchor
                && Objects.equals(geoKeys, g.geoKeys);
    }

    /** Equality of CRS code, anchor and transform (within {@code tolerance} CRS units), ignoring raw keys. */
    public boolean sameGrid(Georeference other, double tolerance) {
        if (!Objects.equals(epsg, other.epsg) || anchor != other.anchor) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (Math.abs(transform[i] - other.transform[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epsg, Arrays.hashCode(transform), anchor, geoKeys);
    }

    @Override
    public String toString() {
        return "Georeference[" + (epsg == null ? "no EPSG code" : "EPSG:" + epsg) + ", transform="
                + Arrays.toString(transform) + ", " + anchor + (geoKeys == null ? "" : ", " + geoKeys) + "]";
    }
}
