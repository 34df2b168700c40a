package org.sensei4j.io.sentinel2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.Georeference;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The georeference of a Sentinel-2 tile (granule), read from its {@code GRANULE/<granule>/MTD_TL.xml}: the
 * {@code Tile_Geocoding} element's CRS ({@code HORIZONTAL_CS_CODE}, e.g. {@code EPSG:32632}) and, per resolution
 * (10, 20, 60 m), the grid size ({@code Size}: {@code NROWS}, {@code NCOLS}) and upper-left corner
 * ({@code Geoposition}: {@code ULX}, {@code ULY} in metres, {@code XDIM}, {@code YDIM} in metres per pixel).
 * The band images (JPEG2000) carry no georeference of their own that this library reads.
 */
public final class Sentinel2TileMetadata {

    private static final Pattern EPSG = Pattern.compile("EPSG:(\\d+)", Pattern.CASE_INSENSITIVE);

    /** The grid of one resolution: size in pixels, upper-left corner and pixel steps in metres (YDIM negative). */
    public record TileGrid(int resolution, int width, int height, double ulx, double uly, double xdim, double ydim) {}

    private final Path source;
    private final String tileId;
    private final int epsg;
    private final String crsName;
    private final Map<Integer, TileGrid> grids;

    private Sentinel2TileMetadata(Path source, String tileId, int epsg, String crsName, Map<Integer, TileGrid> grids) {
        this.source = source;
        this.tileId = tileId;
        this.epsg = epsg;
        this.crsName = crsName;
        this.grids = grids;
    }

    /**
     * Reads a granule's {@code MTD_TL.xml} (namespace prefixes are ignored; DTDs and external entities refused).
     *
     * @throws SenseiException when the file cannot be read, or lacks the CRS code or a complete grid (the message
     *                         names the element and the file)
     */
    public static Sentinel2TileMetadata parse(Path mtdTl) {
        String give = "the granule's MTD_TL.xml (GRANULE/<granule>/MTD_TL.xml in the SAFE folder)";
        Document doc = SafeXml.read(mtdTl, give);
        Element geocoding = first(doc, "Tile_Geocoding");
        if (geocoding == null) {
            throw new SenseiException("element Tile_Geocoding missing from " + mtdTl + ": give " + give
                    + " of a Sentinel-2 L1C or L2A product (it holds the tile's CRS and grid)");
        }
        String code = childText(geocoding, "HORIZONTAL_CS_CODE", mtdTl, give);
        Matcher m = EPSG.matcher(code.strip());
        if (!m.matches()) {
            throw new SenseiException("HORIZONTAL_CS_CODE in " + mtdTl + " is '" + code
                    + "', not EPSG:<code>: the metadata file is corrupt; use the granule's MTD_TL.xml");
        }
        int epsg = Integer.parseInt(m.group(1));
        List<Element> names = SafeXml.children(geocoding, "HORIZONTAL_CS_NAME");
        String crsName =
                names.isEmpty() ? "EPSG:" + epsg : names.get(0).getTextContent().strip();

        Map<Integer, int[]> sizes = new TreeMap<>();
        for (Element size : SafeXml.children(geocoding, "Size")) {
            int res = resolution(size, mtdTl);
            sizes.put(res, new int[] {(int) number(size, "NCOLS", mtdTl, give), (int) number(size, "NROWS", mtdTl, give)
            });
        }
        Map<Integer, TileGrid> grids = new TreeMap<>();
        for (Element pos : SafeXml.children(geocoding, "Geoposition")) {
            int res = resolution(pos, mtdTl);
            int[] size = sizes.get(res);
            if (size == null) {
                throw new SenseiException("element Size resolution=\"" + res + "\" missing from " + mtdTl
                        + " (its Geoposition is there): the metadata file is incomplete; use the granule's complete"
                        + " MTD_TL.xml");
            }
            double xdim = number(pos, "XDIM", mtdTl, give);
            double ydim = number(pos, "YDIM", mtdTl, give);
            if (!(xdim > 0) || !(ydim < 0)) {
                throw new SenseiException("Geoposition resolution=\"" + res + "\" in " + mtdTl + " has XDIM " + xdim
                        + " and YDIM " + ydim + ": a north-up tile has XDIM > 0 and YDIM < 0; the metadata file is"
                        + " corrupt");
            }
            if (size[0] <= 0 || size[1] <= 0) {
                throw new SenseiException("Size resolution=\"" + res + "\" in " + mtdTl + " is " + size[0] + "x"
                        + size[1] + " pixels: the metadata file is corrupt");
            }
            grids.put(
                    res,
                    new TileGrid(
                            res,
                            size[0],
                            size[1],
                            number(pos, "ULX", mtdTl, give),
                            number(pos, "ULY", mtdTl, give),
                            xdim,
                            ydim));
        }
        if (grids.isEmpty()) {
            throw new SenseiException("element Geoposition missing from Tile_Geocoding in " + mtdTl + ": give " + give
                    + " (it holds the tile's upper-left corner per resolution)");
        }
        List<Element> ids = elements(doc, "TILE_ID");
        String tileId = ids.isEmpty() ? null : ids.get(0).getTextContent().strip();
        return new Sentinel2TileMetadata(mtdTl, tileId, epsg, crsName, Map.copyOf(grids));
    }

    private static int resolution(Element e, Path file) {
        String text = e.getAttribute("resolution").strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException ex) {
            throw new SenseiException(
                    "element " + SafeXml.localName(e) + " in " + file + " has resolution='" + text
                            + "', not a whole number of metres: the metadata file is corrupt",
                    ex);
        }
    }

    private static double number(Element parent, String child, Path file, String give) {
        String text = childText(parent, child, file, give);
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new SenseiException(
                    "element " + child + " in " + file + " is '" + text
                            + "', not a number: the metadata file is corrupt",
                    e);
        }
    }

    private static String childText(Element parent, String child, Path file, String give) {
        List<Element> found = SafeXml.children(parent, child);
        if (found.isEmpty() || found.get(0).getTextContent().isBlank()) {
            String where = SafeXml.localName(parent)
                    + (parent.hasAttribute("resolution")
                            ? " resolution=\"" + parent.getAttribute("resolution") + "\""
                            : "");
            throw new SenseiException("element " + child + " missing from " + where + " in " + file + ": give " + give);
        }
        return found.get(0).getTextContent().strip();
    }

    private static Element first(Document doc, String localName) {
        List<Element> all = elements(doc, localName);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> elements(Document doc, String localName) {
        NodeList list = doc.getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** The file this was read from. */
    public Path source() {
        return source;
    }

    /** {@code TILE_ID}, or null when the file has none. */
    public String tileId() {
        return tileId;
    }

    /** The EPSG code of the tile's CRS (a UTM zone, e.g. 32632). */
    public int epsg() {
        return epsg;
    }

    /** {@code HORIZONTAL_CS_NAME}, e.g. {@code WGS84 / UTM zone 32N} ({@code EPSG:<code>} when absent). */
    public String crsName() {
        return crsName;
    }

    /** The resolutions (metres) the file gives a grid for, ascending. */
    public List<Integer> resolutions() {
        return List.copyOf(new TreeMap<>(grids).keySet());
    }

    /**
     * The grid of one resolution.
     *
     * @throws SenseiException when the file gives none for it
     */
    public TileGrid grid(int resolution) {
        TileGrid g = grids.get(resolution);
        if (g == null) {
            throw new SenseiException("no Geoposition/Size for resolution " + resolution + " m in " + source
                    + ": it gives " + resolutions() + "; use the granule's complete MTD_TL.xml or one of those");
        }
        return g;
    }

    /** The north-up georeference of the grid of one resolution (pixel-is-area, upper-left corner ULX, ULY). */
    public Georeference georeference(int resolution) {
        TileGrid g = grid(resolution);
        return Georeference.northUp(epsg, g.ulx(), g.uly(), g.xdim(), -g.ydim());
    }

    @Override
    public String toString() {
        return (tileId == null ? source.toString() : tileId) + " EPSG:" + epsg + " grids " + resolutions();
    }
}
