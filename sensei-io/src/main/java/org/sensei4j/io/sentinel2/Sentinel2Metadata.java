package org.sensei4j.io.sentinel2;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Product-level metadata of a Sentinel-2 L1C or L2A product, read from {@code MTD_MSIL1C.xml} /
 * {@code MTD_MSIL2A.xml}.
 *
 * <p>Band names are {@code B01}…{@code B12} and {@code B8A}; {@link #bandNames()} lists them in the XML's
 * {@code bandId} order 0…12: B01, B02, B03, B04, B05, B06, B07, B08, B8A, B09, B10, B11, B12. The processing
 * baseline comes from the {@code PROCESSING_BASELINE} element, never from the product's name. Solar irradiance
 * is in W/(m²·µm); {@code U} is the unitless Earth–Sun distance correction factor.
 */
public final class Sentinel2Metadata {

    /** Processing level of the product. */
    public enum Level {
        /** Level-1C, top-of-atmosphere reflectance. */
        L1C,
        /** Level-2A, bottom-of-atmosphere reflectance. */
        L2A
    }

    /** Band names in {@code bandId} order, as the product specification fixes them. */
    public static final List<String> STANDARD_BANDS =
            List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");

    private static final Pattern NUMBERED_BAND = Pattern.compile("B0*(\\d{1,2})");
    private static final Pattern BASELINE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})");

    private final Path source;
    private final Level level;
    private final String productType;
    private final String processingBaseline;
    private final int baselineMajor;
    private final int baselineMinor;
    private final String spacecraft;
    private final Instant sensingTime;
    private final double quantificationValue;
    private final Map<Integer, Double> addOffsets;
    private final List<String> bandNames;
    private final Double earthSunCorrection;
    private final Map<Integer, Double> solarIrradiance;
    private final int nodataValue;
    private final int saturatedValue;

    private Sentinel2Metadata(
            Path source,
            Level level,
            String productType,
            String processingBaseline,
            int baselineMajor,
            int baselineMinor,
            String spacecraft,
            Instant sensingTime,
            double quantificationValue,
            Map<Integer, Double> addOffsets,
            List<String> bandNames,
            Double earthSunCorrection,
            Map<Integer, Double> solarIrradiance,
            int nodataValue,
            int saturatedValue) {
        this.source = source;
        this.level = level;
        this.productType = productType;
        this.processingBaseline = processingBaseline;
        this.baselineMajor = baselineMajor;
        this.baselineMinor = baselineMinor;
        this.spacecraft = spacecraft;
        this.sensingTime = sensingTime;
        this.quantificationValue = quantificationValue;
        this.addOffsets = addOffsets;
        this.bandNames = bandNames;
        this.earthSunCorrection = earthSunCorrection;
        this.solarIrradiance = solarIrradiance;
        this.nodataValue = nodataValue;
        this.saturatedValue = saturatedValue;
    }

    /**
     * Reads {@code MTD_MSIL1C.xml} or {@code MTD_MSIL2A.xml} (namespace prefixes are ignored; DTDs and external
     * entities are refused).
     *
     * @throws SenseiException when the file cannot be read, is not well-formed XML, or lacks a required element
     *     (the message names the element and the file)
     */
    public static Sentinel2Metadata parse(Path mtdXml) {
        Document doc = readXml(mtdXml);
        Lookup r = new Lookup(doc, mtdXml);

        String productType = r.requireText("PRODUCT_TYPE");
        Level level = level(productType, doc.getDocumentElement().getLocalName(), mtdXml);

        String baseline = r.requireText("PROCESSING_BASELINE");
        Matcher bm = BASELINE.matcher(baseline);
        if (!bm.matches()) {
            throw new SenseiException("PROCESSING_BASELINE in " + mtdXml + " is '" + baseline
                    + "', not NN.NN: the metadata file is corrupt; use the MTD_MSIL1C.xml/MTD_MSIL2A.xml of "
                    + "the product");
        }
        int major = Integer.parseInt(bm.group(1));
        int minor = Integer.parseInt(bm.group(2));

        String spacecraft = r.requireText("SPACECRAFT_NAME");
        String start = r.text("PRODUCT_START_TIME");
        String sensing = start != null ? start : r.requireText("DATATAKE_SENSING_START");
        Instant sensingTime;
        try {
            sensingTime = Instant.parse(sensing);
        } catch (DateTimeParseException e) {
            throw new SenseiException(
                    "sensing time '" + sensing + "' in " + mtdXml
                            + " is not an ISO-8601 UTC time: the metadata file is corrupt",
                    e);
        }

        String quantKey = level == Level.L1C ? "QUANTIFICATION_VALUE" : "BOA_QUANTIFICATION_VALUE";
        double quantification = r.requireNumber(quantKey);
        if (!(quantification > 0)) {
            throw new SenseiException(quantKey + " in " + mtdXml + " is " + quantification
                    + ": it must be positive; the metadata file is corrupt");
        }

        String offsetKey = level == Level.L1C ? "RADIO_ADD_OFFSET" : "BOA_ADD_OFFSET";
        Map<Integer, Double> offsets = r.numbersByBandId(offsetKey, "band_id");
        if (offsets.isEmpty() && major >= 4) {
            throw new SenseiException(mtdXml + " has PROCESSING_BASELINE " + baseline + " but no " + offsetKey
                    + " elements, which every product from baseline 04.00 on carries: the metadata file is incomplete;"
                    + " use the product's complete " + (level == Level.L1C ? "MTD_MSIL1C.xml" : "MTD_MSIL2A.xml"));
        }

        List<String> names = bandNames(r, mtdXml);
        for (Integer id : offsets.keySet()) {
            if (id < 0 || id >= names.size()) {
                throw new SenseiException(offsetKey + " band_id " + id + " in " + mtdXml + " is not a band id 0…"
                        + (names.size() - 1) + ": the metadata file is corrupt");
            }
        }

        String u = r.text("U");
        Double earthSun = u == null ? null : r.number("U", u);
        Map<Integer, Double> irradiance = r.numbersByBandId("SOLAR_IRRADIANCE", "bandId");

        int nodata = 0;
        int saturated = 65535;
        for (Element special : r.elements("Special_Values")) {
            String text = childText(special, "SPECIAL_VALUE_TEXT");
            String index = childText(special, "SPECIAL_VALUE_INDEX");
            if (text == null || index == null) {
                continue;
            }
            int value = (int) r.number("SPECIAL_VALUE_INDEX", index);
            if (text.equals("NODATA")) {
                nodata = value;
            } else if (text.equals("SATURATED")) {
                saturated = value;
            }
        }
        return new Sentinel2Metadata(
                mtdXml,
                level,
                productType,
                baseline,
                major,
                minor,
                spacecraft,
                sensingTime,
                quantification,
                Map.copyOf(offsets),
                names,
                earthSun,
                Map.copyOf(irradiance),
                nodata,
                saturated);
    }

    private static Level level(String productType, String rootName, Path file) {
        if (productType.contains("1C")) {
            return Level.L1C;
        }
        if (productType.contains("2A")) {
            return Level.L2A;
        }
        if (rootName != null && rootName.startsWith("Level-1C")) {
            return Level.L1C;
        }
        if (rootName != null && rootName.startsWith("Level-2A")) {
            return Level.L2A;
        }
        throw new SenseiException("PRODUCT_TYPE " + productType + " in " + file
                + " is neither L1C (S2MSI1C) nor L2A (S2MSI2A): give the MTD_MSIL1C.xml or MTD_MSIL2A.xml of a "
                + "Sentinel-2 L1C or L2A product");
    }

    private static List<String> bandNames(Lookup r, Path file) {
        List<Element> info = r.elements("Spectral_Information");
        if (info.isEmpty()) {
            return STANDARD_BANDS;
        }
        String[] names = new String[info.size()];
        for (Element e : info) {
            String idText = e.getAttribute("bandId");
            String physical = e.getAttribute("physicalBand");
            int id;
            try {
                id = Integer.parseInt(idText.strip());
            } catch (NumberFormatException ex) {
                throw new SenseiException(
                        "Spectral_Information bandId '" + idText + "' in " + file
                                + " is not an integer: the metadata file is corrupt",
                        ex);
            }
            if (id < 0 || id >= names.length || names[id] != null) {
                throw new SenseiException("Spectral_Information bandId " + id + " in " + file
                        + " is out of range or repeated: the metadata file is corrupt");
            }
            String name = canonicalBand(physical);
            if (name == null) {
                throw new SenseiException("Spectral_Information physicalBand '" + physical + "' in " + file
                        + " is not a Sentinel-2 band name (B1…B12, B8A): the metadata file is corrupt");
            }
            names[id] = name;
        }
        return List.of(names);
    }

    /** {@code "B1"}, {@code "b01"} → {@code "B01"}; {@code "b8a"} → {@code "B8A"}; anything else → null. */
    static String canonicalBand(String band) {
        String upper = band.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("B8A")) {
            return upper;
        }
        Matcher m = NUMBERED_BAND.matcher(upper);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= 12) {
                return String.format(Locale.ROOT, "B%02d", n);
            }
        }
        return null;
    }

    private static Document readXml(Path file) {
        return SafeXml.read(file, "the product's MTD_MSIL1C.xml or MTD_MSIL2A.xml");
    }

    private static String childText(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localNameOf(e))) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    private static String localNameOf(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** Namespace-agnostic lookups by local name, with errors naming the element and the file. */
    private static final class Lookup {
        private final Document doc;
        private final Path file;

        Lookup(Document doc, Path file) {
            this.doc = doc;
            this.file = file;
        }

        List<Element> elements(String localName) {
            NodeList list = doc.getElementsByTagNameNS("*", localName);
            List<Element> out = new ArrayList<>(list.getLength());
            for (int i = 0; i < list.getLength(); i++) {
                out.add((Element) list.item(i));
            }
            return out;
        }

        String text(String localName) {
            List<Element> found = elements(localName);
            return found.isEmpty() ? null : found.get(0).getTextContent().strip();
        }

        String requireText(String localName) {
            String text = text(localName);
            if (text == null || text.isEmpty()) {
                throw new SenseiException("element " + localName + " missing from Sentinel-2 metadata file " + file
                        + ": give the product-level MTD_MSIL1C.xml or MTD_MSIL2A.xml of a Sentinel-2 product "
                        + "(not a granule MTD_TL.xml or another XML file)");
            }
            return text;
        }

        double requireNumber(String localName) {
            return number(localName, requireText(localName));
        }

        double number(String localName, String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new SenseiException(
                        "element " + localName + " in " + file + " is '" + text
                                + "', not a number: the metadata file is corrupt",
                        e);
            }
        }

        Map<Integer, Double> numbersByBandId(String localName, String attribute) {
            Map<Integer, Double> out = new HashMap<>();
            for (Element e : elements(localName)) {
                String idText = e.getAttribute(attribute);
                int id;
                try {
                    id = Integer.parseInt(idText.strip());
                } catch (NumberFormatException ex) {
                    throw new SenseiException(
                            localName + " has " + attribute + "='" + idText + "' in " + file
                                    + ", not an integer band id: the metadata file is corrupt",
                            ex);
                }
                out.put(id, number(localName, e.getTextContent()));
            }
            return out;
        }
    }

    /** The metadata file this was read from. */
    public Path source() {
        return source;
    }

    /** L1C or L2A. */
    public Level level() {
        return level;
    }

    /** {@code PRODUCT_TYPE}, e.g. {@code S2MSI1C}, {@code S2MSI2A}. */
    public String productType() {
        return productType;
    }

    /** {@code PROCESSING_BASELINE} as written, e.g. {@code "04.00"}. */
    public String processingBaseline() {
        return processingBaseline;
    }

    /** True when the processing baseline is {@code major.minor} or later. */
    public boolean baselineAtLeast(int major, int minor) {
        return baselineMajor > major || (baselineMajor == major && baselineMinor >= minor);
    }

    /** {@code SPACECRAFT_NAME}: {@code Sentinel-2A}, {@code Sentinel-2B} or {@code Sentinel-2C}. */
    public String spacecraft() {
        return spacecraft;
    }

    /** Sensing start of the product ({@code PRODUCT_START_TIME}, else {@code DATATAKE_SENSING_START}). */
    public Instant sensingTime() {
        return sensingTime;
    }

    /** {@code QUANTIFICATION_VALUE} (L1C) or {@code BOA_QUANTIFICATION_VALUE} (L2A): DN per unit reflectance. */
    public double quantificationValue() {
        return quantificationValue;
    }

    /** True when the XML gives per-band additive offsets ({@code RADIO_ADD_OFFSET} / {@code BOA_ADD_OFFSET}). */
    public boolean hasAddOffsets() {
        return !addOffsets.isEmpty();
    }

    /**
     * The additive DN offset of a band ({@code RADIO_ADD_OFFSET} for L1C, {@code BOA_ADD_OFFSET} for L2A,
     * −1000 from baseline 04.00 on); 0 when the XML gives none for it.
     */
    public double addOffset(String band) {
        return addOffsets.getOrDefault(bandId(band), 0.0);
    }

    /** Band names in {@code bandId} order (index = bandId). */
    public List<String> bandNames() {
        return bandNames;
    }

    /**
     * The XML {@code bandId} (0…12) of a band; takes {@code "B1"}, {@code "B01"}, {@code "b8a"}.
     *
     * @throws SenseiException for a name that is not a Sentinel-2 band
     */
    public int bandId(String band) {
        String name = canonicalBand(band);
        int id = name == null ? -1 : bandNames.indexOf(name);
        if (id < 0) {
            throw new SenseiException(
                    "'" + band + "' is not a Sentinel-2 band of " + source + ": give one of " + bandNames);
        }
        return id;
    }

    /** The band name of an XML {@code bandId}. */
    public String bandName(int bandId) {
        if (bandId < 0 || bandId >= bandNames.size()) {
            throw new IllegalArgumentException("bandId " + bandId + " is not in 0…" + (bandNames.size() - 1));
        }
        return bandNames.get(bandId);
    }

    /**
     * {@code U}, the Earth–Sun distance correction factor of the acquisition date (unitless).
     *
     * @throws SenseiException when the XML has no {@code U} element
     */
    public double earthSunDistanceCorrection() {
        if (earthSunCorrection == null) {
            throw new SenseiException("element U (Reflectance_Conversion) missing from " + source
                    + ": use the product's complete MTD_MSIL1C.xml or MTD_MSIL2A.xml");
        }
        return earthSunCorrection;
    }

    /**
     * {@code SOLAR_IRRADIANCE} of a band, W/(m²·µm).
     *
     * @throws SenseiException when the XML gives none for the band
     */
    public double solarIrradiance(String band) {
        Double value = solarIrradiance.get(bandId(band));
        if (value == null) {
            throw new SenseiException("element SOLAR_IRRADIANCE for band " + band + " missing from " + source
                    + ": use the product's complete MTD_MSIL1C.xml or MTD_MSIL2A.xml");
        }
        return value;
    }

    /** The DN of pixels without data ({@code NODATA} special value, 0). */
    public int nodataValue() {
        return nodataValue;
    }

    /** The DN of saturated pixels ({@code SATURATED} special value, 65535). */
    public int saturatedValue() {
        return saturatedValue;
    }

    @Override
    public String toString() {
        return spacecraft + " " + productType + " baseline " + processingBaseline + " " + sensingTime
                + " offsets "
                + (addOffsets.isEmpty()
                        ? "none"
                        : Arrays.toString(
                                bandNames.stream().mapToDouble(this::addOffset).toArray()));
    }
}
