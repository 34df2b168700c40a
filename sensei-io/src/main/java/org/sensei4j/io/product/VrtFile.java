package org.sensei4j.io.product;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.xml.SecureXml;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A GDAL virtual raster ({@code .vrt}) of the simple kind {@code gdalbuildvrt -separate} writes: every band is one
 * {@code SimpleSource} (or a {@code ComplexSource} without scaling, LUT or colour table) that takes one band of a
 * GeoTIFF on the VRT's own grid, whole. Such a VRT reads like the multiband GeoTIFF {@code gdal_translate} would
 * make of it.
 *
 * <p>Refused, each with one message naming the feature and the fix: warped and pansharpened VRTs, derived
 * (pixel-function) and raw bands, {@code KernelFilteredSource} and {@code AveragedSource}, several sources in a
 * band (mosaics), a source window or target window other than the whole grid (sub-windows, resampling), a source
 * on another grid (size, GeoTransform or CRS), a data type other than the source's, nodata remapping, mask bands,
 * nested VRTs and GDAL virtual file system paths ({@code /vsi...}). The XML is parsed with the JDK's DOM parser,
 * with DOCTYPEs, external entities and external DTDs disabled.
 *
 * @param file     the VRT
 * @param width    rasterXSize
 * @param height   rasterYSize
 * @param transform the GeoTransform, or null when the VRT has none
 * @param srsEpsg   the EPSG code of the VRT's SRS (the last AUTHORITY["EPSG",..] or ID["EPSG",..] of its WKT), or null
 * @param bands    the bands in order
 */
record VrtFile(Path file, int width, int height, double[] transform, Integer srsEpsg, List<VrtBand> bands) {

    /** Largest VRT file read, in bytes (an XML of simple sources is a few KB per band). */
    static final long MAX_BYTES = 16L << 20;

    /**
     * One band of the VRT.
     *
     * @param number     the band number, from 1
     * @param description its {@code <Description>}, or null
     * @param dataType   its data type
     * @param nodata     its {@code <NoDataValue>}, or null
     * @param source     the source file (resolved)
     * @param sourceBand the band in the source, from 0
     */
    record VrtBand(int number, String description, SampleType dataType, Double nodata, Path source, int sourceBand) {}

    private static final Set<String> BAND_CHILDREN_IGNORED = Set.of(
            "Description",
            "NoDataValue",
            "HideNoDataValue",
            "ColorInterp",
            "Metadata",
            "Histograms",
            "Offset",
            "Scale",
            "UnitType",
            "CategoryNames",
            "Overview",
            "SimpleSource",
            "ComplexSource");
    private static final Set<String> DATASET_CHILDREN_IGNORED =
            Set.of("SRS", "GeoTransform", "Metadata", "VRTRasterBand", "OverviewList", "GCPList");

    /**
     * Reads and checks a VRT (not its sources' grids: see {@link #checkSource}).
     *
     * @throws SenseiException for a file that is not a VRT, not well-formed, or uses a feature not supported
     */
    static VrtFile read(Path file) {
        Element root = parse(file).getDocumentElement();
        if (!"VRTDataset".equals(root.getTagName())) {
            throw new SenseiException(file + " is XML but not a GDAL VRT (its root element is <" + root.getTagName()
                    + ">, not <VRTDataset>): give a VRT built with gdalbuildvrt -separate, or a GeoTIFF");
        }
        String subClass = root.getAttribute("subClass");
        if ("VRTWarpedDataset".equals(subClass)) {
            throw refuse(
                    file,
                    "is a warped VRT (VRTWarpedDataset)",
                    "write the warped result to a GeoTIFF" + " (gdalwarp -of GTiff) and give that");
        }
        if (!subClass.isEmpty()) {
            throw refuse(
                    file,
                    "is a " + subClass + " VRT",
                    "write it to a GeoTIFF (gdal_translate -of GTiff) and give" + " that");
        }
        int width = positiveAttribute(file, root, "rasterXSize");
        int height = positiveAttribute(file, root, "rasterYSize");
        if (!children(root, "GCPList").isEmpty()) {
            throw refuse(
                    file,
                    "is georeferenced by ground control points (GCPList)",
                    "warp it to a GeoTIFF" + " (gdalwarp -of GTiff) and give that");
        }
        for (Element child : children(root, null)) {
            if (!DATASET_CHILDREN_IGNORED.contains(child.getTagName())) {
                throw refuse(
                        file,
                        "has a <" + child.getTagName() + "> element",
                        "write it to a GeoTIFF"
                                + " (gdal_translate -of GTiff) and give that, or build a plain VRT with gdalbuildvrt "
                                + "-separate");
            }
        }
        double[] transform = null;
        List<Element> gt = children(root, "GeoTransform");
        if (!gt.isEmpty()) {
            String[] parts = gt.get(0).getTextContent().trim().split("\\s*,\\s*");
            if (parts.length != 6) {
                throw new SenseiException(file + ": <GeoTransform> has " + parts.length + " values instead of 6:"
                        + " rebuild the VRT with gdalbuildvrt");
            }
            transform = new double[6];
            for (int i = 0; i < 6; i++) {
                transform[i] = number(file, parts[i], "<GeoTransform>");
            }
        }
        List<Element> srs = children(root, "SRS");
        Integer epsg = srs.isEmpty() ? null : epsgOf(srs.get(0).getTextContent());
        List<Element> bandElements = children(root, "VRTRasterBand");
        if (bandElements.isEmpty()) {
            throw new SenseiException(file + " has no <VRTRasterBand>: give a VRT with bands (gdalbuildvrt -separate"
                    + " B02.tif B03.tif ... out.vrt)");
        }
        Path base = file.toAbsolutePath().getParent();
        List<VrtBand> bands = new ArrayList<>();
        for (int i = 0; i < bandElements.size(); i++) {
            bands.add(band(file, base, bandElements.get(i), i + 1));
        }
        return new VrtFile(file, width, height, transform, epsg, List.copyOf(bands));
    }

    private static VrtBand band(Path file, Path base, Element e, int number) {
        String declared = e.getAttribute("band");
        if (!declared.isEmpty() && !declared.trim().equals(Integer.toString(number))) {
            throw new SenseiException(file + ": band " + number + " is numbered band=\"" + declared + "\": number the"
                    + " <VRTRasterBand> elements 1, 2, ... in order (rebuild the VRT with gdalbuildvrt)");
        }
        String what = "band " + number;
        String subClass = e.getAttribute("subClass");
        if ("VRTDerivedRasterBand".equals(subClass)) {
            throw refuse(
                    file,
                    what + " is a derived band (VRTDerivedRasterBand, a pixel function)",
                    "compute it into" + " a GeoTIFF (gdal_translate -of GTiff) and give that");
        }
        if ("VRTRawRasterBand".equals(subClass)) {
            throw refuse(
                    file,
                    what + " is a raw band (VRTRawRasterBand)",
                    "convert the raw file to a GeoTIFF" + " (gdal_translate -of GTiff) and give that");
        }
        if (!subClass.isEmpty() && !"VRTSourcedRasterBand".equals(subClass)) {
            throw refuse(
                    file,
                    what + " is a " + subClass,
                    "write it to a GeoTIFF (gdal_translate -of GTiff) and give" + " that");
        }
        SampleType type;
        try {
            type = SampleType.parse(e.getAttribute("dataType").isEmpty() ? "Byte" : e.getAttribute("dataType"));
        } catch (IllegalArgumentException ex) {
            throw refuse(
                    file,
                    what + " has data type " + e.getAttribute("dataType"),
                    "convert it to a GeoTIFF of" + " a real-valued type (gdal_translate -ot Float32)");
        }
        List<Element> sources = new ArrayList<>();
        for (Element child : children(e, null)) {
            String tag = child.getTagName();
            if (tag.endsWith("Source")) {
                sources.add(child);
            } else if ("MaskBand".equals(tag)) {
                throw refuse(
                        file,
                        what + " has a mask band (<MaskBand>)",
                        "mark missing pixels with a nodata value" + " instead (gdalbuildvrt -srcnodata)");
            } else if (!BAND_CHILDREN_IGNORED.contains(tag)) {
                throw refuse(
                        file,
                        what + " has a <" + tag + "> element",
                        "write it to a GeoTIFF (gdal_translate"
                                + " -of GTiff) and give that, or build a plain VRT with gdalbuildvrt -separate");
            }
        }
        if (sources.isEmpty()) {
            throw new SenseiException(file + ": " + what + " has no source: give each band one <SimpleSource>"
                    + " (gdalbuildvrt -separate)");
        }
        if (sources.size() > 1) {
            throw refuse(
                    file,
                    what + " has " + sources.size() + " sources (a mosaic)",
                    "mosaic the files into a"
                            + " GeoTIFF (gdalwarp or gdal_merge.py) and give that, or give one source per band");
        }
        Element s = sources.get(0);
        String kind = s.getTagName();
        if ("KernelFilteredSource".equals(kind)) {
            throw refuse(
                    file,
                    what + " is filtered by a kernel (KernelFilteredSource)",
                    "filter it into a GeoTIFF" + " (gdal_translate -of GTiff) and give that");
        }
        if ("AveragedSource".equals(kind)) {
            throw refuse(
                    file,
                    what + " is resampled by averaging (AveragedSource)",
                    "resample it into a GeoTIFF"
                            + " (gdalwarp -r average) and give that, or build the VRT on the sources' own grid");
        }
        if (!"SimpleSource".equals(kind) && !"ComplexSource".equals(kind)) {
            throw refuse(
                    file,
                    what + " has a " + kind,
                    "write it to a GeoTIFF (gdal_translate -of GTiff) and give" + " that");
        }
        Double nodata = null;
        List<Element> nd = children(e, "NoDataValue");
        if (!nd.isEmpty()) {
            nodata = number(file, nd.get(0).getTextContent().trim(), what + " <NoDataValue>");
        }
        if ("ComplexSource".equals(kind)) {
            checkComplexSource(file, what, s, nodata);
        }
        for (Element child : children(s, null)) {
            String tag = child.getTagName();
            if (!Set.of(
                            "SourceFilename",
                            "SourceBand",
                            "SourceProperties",
                            "SrcRect",
                            "DstRect",
                            "OpenOptions",
                            "ScaleOffset",
                            "ScaleRatio",
                            "NODATA",
                            "ColorTableComponent",
                            "LUT",
                            "UseMaskBand",
                            "Exponent",
                            "SrcMin",
                            "SrcMax",
                            "DstMin",
                            "DstMax")
                    .contains(tag)) {
                throw refuse(
                        file,
                        what + ": its source has a <" + tag + "> element",
                        "write it to a GeoTIFF" + " (gdal_translate -of GTiff) and give that");
            }
            if ("OpenOptions".equals(tag) && !children(child, null).isEmpty()) {
                throw refuse(
                        file,
                        what + ": its source has open options",
                        "leave them out (gdalbuildvrt -separate" + " without -oo)");
            }
        }
        Path source = sourceFile(file, base, what, s);
        int sourceBand = 0;
        List<Element> sb = children(s, "SourceBand");
        if (!sb.isEmpty()) {
            String text = sb.get(0).getTextContent().trim();
            if (text.startsWith("mask")) {
                throw refuse(
                        file,
                        what + " reads a mask band (<SourceBand>" + text + "</SourceBand>)",
                        "give the" + " data bands and mark missing pixels with a nodata value");
            }
            try {
                sourceBand = Integer.parseInt(text) - 1;
            } catch (NumberFormatException ex) {
                sourceBand = -1;
            }
            if (sourceBand < 0) {
                throw new SenseiException(file + ": " + what + " has <SourceBand>" + text + "</SourceBand>, not a band"
                        + " number: give 1, 2, ...");
            }
        }
        String description = null;
        List<Element> d = children(e, "Description");
        if (!d.isEmpty() && !d.get(0).getTextContent().isBlank()) {
            description = d.get(0).getTextContent().trim();
        }
        // the windows: absent means the whole grid; checked against the grid here and the source's size later
        for (String rect : List.of("SrcRect", "DstRect")) {
            for (Element r : children(s, rect)) {
                double x = number(file, r.getAttribute("xOff"), what + " " + rect + " xOff");
                double y = number(file, r.getAttribute("yOff"), what + " " + rect + " yOff");
                double w = number(file, r.getAttribute("xSize"), what + " " + rect + " xSize");
                double h = number(file, r.getAttribute("ySize"), what + " " + rect + " ySize");
                int gw = positiveAttribute(file, (Element) e.getParentNode(), "rasterXSize");
                int gh = positiveAttribute(file, (Element) e.getParentNode(), "rasterYSize");
                if (x != 0 || y != 0 || w != gw || h != gh) {
                    throw refuse(
                            file,
                            what + " takes a part of the grid or resamples (" + rect + " " + InfoText.num(x)
                                    + "," + InfoText.num(y) + " " + InfoText.num(w) + "x" + InfoText.num(h)
                                    + ", the grid is "
                                    + gw + "x" + gh + ")",
                            "give sources on the VRT's grid, whole (gdalbuildvrt -separate of"
                                    + " files on one grid), or resample them into a GeoTIFF with gdalwarp");
                }
            }
        }
        return new VrtBand(number, description, type, nodata, source, sourceBand);
    }

    private static void checkComplexSource(Path file, String what, Element s, Double nodata) {
        for (String tag : List.of("LUT", "ColorTableComponent", "Exponent", "SrcMin", "SrcMax", "DstMin", "DstMax")) {
            if (!children(s, tag).isEmpty()) {
                throw refuse(
                        file,
                        what + " is scaled by its source (<" + tag + ">)",
                        "scale it into a GeoTIFF"
                                + " (gdal_translate -of GTiff) and give that, or give the scale with --scale/--offset");
            }
        }
        if (!children(s, "UseMaskBand").isEmpty()
                && !"false"
                        .equalsIgnoreCase(children(s, "UseMaskBand")
                                .get(0)
                                .getTextContent()
                                .trim())) {
            throw refuse(
                    file,
                    what + " uses a mask band (<UseMaskBand>)",
                    "mark missing pixels with a nodata value" + " instead (gdalbuildvrt -srcnodata)");
        }
        double offset = 0;
        double ratio = 1;
        if (!children(s, "ScaleOffset").isEmpty()) {
            offset = number(
                    file, children(s, "ScaleOffset").get(0).getTextContent().trim(), what + " <ScaleOffset>");
        }
        if (!children(s, "ScaleRatio").isEmpty()) {
            ratio = number(
                    file, children(s, "ScaleRatio").get(0).getTextContent().trim(), what + " <ScaleRatio>");
        }
        if (offset != 0 || ratio != 1) {
            throw refuse(
                    file,
                    what + " is scaled by its source (ScaleOffset " + InfoText.num(offset) + ", ScaleRatio "
                            + InfoText.num(ratio) + ")",
                    "leave the scaling out of the VRT and give it with --scale/--offset,"
                            + " or scale it into a GeoTIFF (gdal_translate -of GTiff)");
        }
        List<Element> srcNodata = children(s, "NODATA");
        if (!srcNodata.isEmpty()) {
            String text = srcNodata.get(0).getTextContent().trim();
            double v = "nan".equalsIgnoreCase(text) ? Double.NaN : number(file, text, what + " <NODATA>");
            boolean same = nodata != null && (Double.isNaN(v) ? Double.isNaN(nodata) : v == nodata);
            if (!same) {
                throw refuse(
                        file,
                        what + " remaps source nodata " + text + " to "
                                + (nodata == null ? "no nodata value" : "nodata " + InfoText.num(nodata)),
                        "give the band" + " the source's nodata value (gdalbuildvrt -srcnodata V -vrtnodata V)");
            }
        }
    }

    private static Path sourceFile(Path file, Path base, String what, Element s) {
        List<Element> names = children(s, "SourceFilename");
        if (names.isEmpty() || names.get(0).getTextContent().isBlank()) {
            throw new SenseiException(file + ": " + what + " has no <SourceFilename>: give the source file of every"
                    + " band (gdalbuildvrt -separate)");
        }
        Element n = names.get(0);
        String name = n.getTextContent().trim();
        if (name.startsWith("/vsi")) {
            throw refuse(
                    file,
                    what + " reads " + name + " through a GDAL virtual file system",
                    "download or unpack" + " the file and point <SourceFilename> to it");
        }
        if (name.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !name.matches("^[A-Za-z]:[\\\\/].*")) {
            throw refuse(
                    file,
                    what + " reads " + name + ", which is not a file path",
                    "point <SourceFilename> to" + " a local GeoTIFF");
        }
        Path p;
        try {
            p = "1".equals(n.getAttribute("relativeToVRT").trim())
                    ? base.resolve(name).normalize()
                    : Path.of(name).toAbsolutePath().normalize();
        } catch (InvalidPathException ex) {
            throw new SenseiException(
                    file + ": " + what + " has source file name '" + name + "', not a valid path: fix"
                            + " <SourceFilename>",
                    ex);
        }
        String lower = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".vrt")) {
            throw refuse(
                    file,
                    what + " reads another VRT (" + name + "), a nested VRT",
                    "build one VRT straight from the GeoTIFFs (gdalbuildvrt -separate B02.tif B03.tif ... out.vrt)");
        }
        if (!Files.exists(p)) {
            throw new SenseiException(file + ": the source of " + what + " (" + name + ") does not exist at " + p
                    + ": put the file there or fix <SourceFilename> (relativeToVRT=\"1\" paths are relative to the"
                    + " VRT)");
        }
        return p;
    }

    /**
     * Refuses a source whose grid or data type differs from the VRT's band {@code b}.
     *
     * @param info the source file's header
     */
    void checkSource(VrtBand b, RasterInfo info) {
        String what = "band " + b.number() + " (" + b.source().getFileName() + ")";
        if (b.sourceBand() >= info.bandCount()) {
            throw new SenseiException(file + ": " + what + " reads band " + (b.sourceBand() + 1) + " of a file with "
                    + info.bandCount() + " band" + (info.bandCount() == 1 ? "" : "s") + ": fix <SourceBand>");
        }
        if (info.width() != width || info.height() != height) {
            throw refuse(
                    file,
                    what + " is " + info.width() + "x" + info.height() + " pixels but the VRT's grid is " + width + "x"
                            + height + " (sources on different grids)",
                    "give sources on one grid, or" + " resample them onto one with gdalwarp -tr/-te first");
        }
        Georeference g = info.georeference();
        if ((g == null) != (transform == null)) {
            throw refuse(
                    file,
                    what
                            + (g == null
                                    ? " has no georeference but the VRT has a GeoTransform"
                                    : " is georeferenced but the VRT has no GeoTransform")
                            + " (sources on different grids)",
                    "rebuild the VRT from the files with gdalbuildvrt -separate");
        }
        if (g != null) {
            double tol = 1e-6 * Math.max(Math.abs(transform[1]), Math.abs(transform[5]));
            for (int i = 0; i < 6; i++) {
                if (Math.abs(g.transform()[i] - transform[i]) > tol) {
                    throw refuse(
                            file,
                            what + " has GeoTransform " + join(g.transform()) + " but the VRT has " + join(transform)
                                    + " (sources on different grids)",
                            "give sources on one grid, or" + " resample them onto one with gdalwarp -tr/-te first");
                }
            }
            if (srsEpsg != null && g.epsg().isPresent() && g.epsg().getAsInt() != srsEpsg) {
                throw refuse(
                        file,
                        what + " is in EPSG:" + g.epsg().getAsInt() + " but the VRT's SRS is EPSG:" + srsEpsg
                                + " (sources on different grids)",
                        "reproject the sources to one CRS (gdalwarp -t_srs) and" + " rebuild the VRT");
            }
        }
        if (info.sampleType() != b.dataType()) {
            throw refuse(
                    file,
                    what + " is " + b.dataType().gdalName() + " in the VRT but "
                            + info.sampleType().gdalName() + " in the file (a type conversion)",
                    "build the VRT without -ot," + " or convert the file (gdal_translate -ot "
                            + b.dataType().gdalName() + ")");
        }
    }

    private static String join(double[] t) {
        List<String> s = new ArrayList<>();
        for (double v : t) {
            s.add(InfoText.num(v));
        }
        return String.join(",", s);
    }

    /** One line: "VRT: what, which is not supported: fix". */
    private static SenseiException refuse(Path file, String what, String fix) {
        return new SenseiException(
                "VRT " + file + (what.startsWith("is ") ? " " : ": ") + what + ", which is not supported: " + fix);
    }

    private static final Pattern EPSG = Pattern.compile("(?:AUTHORITY|ID)\\[\\s*\"EPSG\"\\s*,\\s*\"?(\\d+)\"?\\s*\\]");

    /** The EPSG code of a WKT CRS: its last EPSG authority (the outermost in WKT1 and WKT2), or null. */
    static Integer epsgOf(String wkt) {
        String t = wkt.trim();
        if (t.toUpperCase(Locale.ROOT).matches("EPSG:\\d+")) {
            return Integer.parseInt(t.substring(5));
        }
        Matcher m = EPSG.matcher(t);
        Integer last = null;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static int positiveAttribute(Path file, Element e, String name) {
        String v = e.getAttribute(name).trim();
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ex) {
            // refused below
        }
        throw new SenseiException(file + ": <" + e.getTagName() + "> has " + name + "=\"" + v + "\", not a positive"
                + " number of pixels: rebuild the VRT with gdalbuildvrt");
    }

    private static double number(Path file, String text, String what) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException ex) {
            throw new SenseiException(
                    file + ": " + what + " is '" + text + "', not a number: fix the VRT or rebuild it"
                            + " with gdalbuildvrt",
                    ex);
        }
    }

    /** Child elements, all or those named {@code tag}, in document order. */
    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || tag.equals(e.getTagName()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Parses with DOCTYPEs, external entities, external DTDs and XInclude disabled. */
    private static Document parse(Path file) {
        DocumentBuilder builder = SecureXml.builder(false);
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SenseiException("VRT " + file + " has " + size + " bytes, more than the " + (MAX_BYTES >> 20)
                        + " MB a VRT of simple sources needs: give a VRT built with gdalbuildvrt -separate");
            }
        } catch (IOException e) {
            throw new SenseiException("cannot read VRT " + file + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return builder.parse(in, file.toUri().toString());
        } catch (IOException e) {
            throw new SenseiException("cannot read VRT " + file + ": " + e.getMessage(), e);
        } catch (SAXParseException e) {
            throw new SenseiException(
                    "VRT " + file + " is not well-formed XML (line " + e.getLineNumber() + ": "
                            + firstLine(e.getMessage())
                            + "): rebuild it with gdalbuildvrt (documents with a DOCTYPE are"
                            + " refused)",
                    e);
        } catch (SAXException e) {
            throw new SenseiException(
                    "VRT " + file + " cannot be parsed (" + firstLine(e.getMessage()) + "): rebuild"
                            + " it with gdalbuildvrt",
                    e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Number formatting for messages. */
    private static final class InfoText {
        static String num(double v) {
            if (!Double.isFinite(v)) {
                return Double.toString(v);
            }
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }
}
