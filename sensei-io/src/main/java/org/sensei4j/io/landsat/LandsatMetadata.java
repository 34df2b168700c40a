package org.sensei4j.io.landsat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;

/**
 * Scene and per-band calibration metadata of a Landsat 4–9 Level-1 product, read from its {@code *_MTL.txt}
 * (Collection 1 or Collection 2).
 *
 * <p>Angles are in degrees, the Earth–Sun distance in astronomical units. Band ids are {@code "B1"}…
 * {@code "B11"} for Landsat 8/9 (OLI/TIRS), {@code "B1"}…{@code "B7"} for Landsat 4/5 TM (B6 thermal) and
 * {@code "B1"}…{@code "B8"} for Landsat 7 ETM+, whose {@code "B6"} is the low-gain thermal band
 * {@code 6_VCID_1}; the high-gain one is reached with {@link #band(String) band("B6_VCID_2")}.
 */
public final class LandsatMetadata {

    private static final Pattern RADIANCE_MULT = Pattern.compile("RADIANCE_MULT_BAND_(\\d+)(_VCID_\\d)?");
    private static final String VCID_1 = "6_VCID_1";
    private static final String VCID_2 = "6_VCID_2";

    private final Path source;
    private final int collectionNumber;
    private final String productId;
    private final String spacecraftId;
    private final String sensorId;
    private final String instrument;
    private final String processingLevel;
    private final LocalDate dateAcquired;
    private final double sunElevationDeg;
    private final double sunAzimuthDeg;
    private final double earthSunDistanceAu;
    private final Map<String, LandsatBand> bandsByMtlName;
    private final List<String> bandIds;

    private LandsatMetadata(
            Path source,
            int collectionNumber,
            String productId,
            String spacecraftId,
            String sensorId,
            String instrument,
            String processingLevel,
            LocalDate dateAcquired,
            double sunElevationDeg,
            double sunAzimuthDeg,
            double earthSunDistanceAu,
            Map<String, LandsatBand> bandsByMtlName,
            List<String> bandIds) {
        this.source = source;
        this.collectionNumber = collectionNumber;
        this.productId = productId;
        this.spacecraftId = spacecraftId;
        this.sensorId = sensorId;
        this.instrument = instrument;
        this.processingLevel = processingLevel;
        this.dateAcquired = dateAcquired;
        this.sunElevationDeg = sunElevationDeg;
        this.sunAzimuthDeg = sunAzimuthDeg;
        this.earthSunDistanceAu = earthSunDistanceAu;
        this.bandsByMtlName = bandsByMtlName;
        this.bandIds = bandIds;
    }

    /**
     * Reads a Collection 1 ({@code L1_METADATA_FILE}) or Collection 2 ({@code LANDSAT_METADATA_FILE}) Level-1
     * MTL file.
     *
     * @throws SenseiException when the file cannot be read, is not an MTL, is a Level-2 MTL, is from an
     *     unsupported spacecraft or instrument, or lacks a scene-level key (the message names key and file)
     */
    public static LandsatMetadata parse(Path mtl) {
        MtlDocument doc = MtlDocument.read(mtl);
        Layout layout = Layout.of(doc);

        String spacecraftId = doc.require("SPACECRAFT_ID", layout.scene);
        String instrument = doc.require("SENSOR_ID", layout.scene);
        String sensorId = sensorId(spacecraftId, instrument, mtl);
        String processingLevel = doc.require(layout.levelKey, layout.product);
        if (processingLevel.startsWith("L2")) {
            throw new SenseiException(mtl + " is the MTL of a Level-2 product (" + processingLevel
                    + "): give the MTL of the Level-1 product (…_L1TP_…_MTL.txt), whose DNs these coefficients fit");
        }
        String productId = doc.require("LANDSAT_PRODUCT_ID", layout.product);
        int collection = (int) doc.requireNumber("COLLECTION_NUMBER", layout.product);
        String date = doc.require("DATE_ACQUIRED", layout.scene);
        LocalDate acquired;
        try {
            acquired = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new SenseiException(
                    "DATE_ACQUIRED in " + mtl + " is '" + date
                            + "', not a yyyy-mm-dd date: the MTL file is corrupt; download it again",
                    e);
        }
        double elevation = doc.requireNumber("SUN_ELEVATION", layout.sun);
        double azimuth = doc.requireNumber("SUN_AZIMUTH", layout.sun);
        double distance = doc.requireNumber("EARTH_SUN_DISTANCE", layout.sun);

        List<String> mtlNames = new ArrayList<>();
        for (String key : doc.group(layout.rescaling.get(0)).keySet()) {
            Matcher m = RADIANCE_MULT.matcher(key);
            if (m.matches()) {
                mtlNames.add(key.substring("RADIANCE_MULT_BAND_".length()));
            }
        }
        if (mtlNames.isEmpty()) {
            throw doc.missing("RADIANCE_MULT_BAND_1", layout.rescaling);
        }
        mtlNames.sort(Comparator.comparingInt(LandsatMetadata::bandNumber).thenComparing(Comparator.naturalOrder()));

        Map<String, LandsatBand> bands = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (String name : mtlNames) {
            String id = name.equals(VCID_1) ? "B6" : "B" + name;
            bands.put(
                    name,
                    new LandsatBand(
                            id,
                            name,
                            mtl,
                            doc.find("FILE_NAME_BAND_" + name, layout.product).orElse(null),
                            doc.findNumber("RADIANCE_MULT_BAND_" + name, layout.rescaling)
                                    .orElse(null),
                            doc.findNumber("RADIANCE_ADD_BAND_" + name, layout.rescaling)
                                    .orElse(null),
                            doc.findNumber("REFLECTANCE_MULT_BAND_" + name, layout.rescaling)
                                    .orElse(null),
                            doc.findNumber("REFLECTANCE_ADD_BAND_" + name, layout.rescaling)
                                    .orElse(null),
                            doc.findNumber("K1_CONSTANT_BAND_" + name, layout.thermal)
                                    .orElse(null),
                            doc.findNumber("K2_CONSTANT_BAND_" + name, layout.thermal)
                                    .orElse(null),
                            doc.findNumber("QUANTIZE_CAL_MIN_BAND_" + name, layout.pixelRange)
                                    .orElse(null),
                            doc.findNumber("QUANTIZE_CAL_MAX_BAND_" + name, layout.pixelRange)
                                    .orElse(null)));
            if (!name.equals(VCID_2)) {
                ids.add(id);
            }
        }
        return new LandsatMetadata(
                mtl,
                collection,
                productId,
                spacecraftId,
                sensorId,
                instrument,
                processingLevel,
                acquired,
                elevation,
                azimuth,
                distance,
                bands,
                List.copyOf(ids));
    }

    private static int bandNumber(String mtlName) {
        int end = 0;
        while (end < mtlName.length() && Character.isDigit(mtlName.charAt(end))) {
            end++;
        }
        return Integer.parseInt(mtlName.substring(0, end));
    }

    private static String sensorId(String spacecraftId, String instrument, Path mtl) {
        String id = switch (spacecraftId) {
            case "LANDSAT_4" -> "landsat4";
            case "LANDSAT_5" -> "landsat5";
            case "LANDSAT_7" -> "landsat7";
            case "LANDSAT_8" -> "landsat8";
            case "LANDSAT_9" -> "landsat9";
            default ->
                throw new SenseiException("SPACECRAFT_ID " + spacecraftId + " in " + mtl
                        + " is not supported: give a Landsat 4, 5, 7, 8 or 9 product");
        };
        if (instrument.equals("MSS")) {
            throw new SenseiException(mtl + " is a Landsat MSS product (SENSOR_ID = MSS), which is not supported: "
                    + "give a TM (Landsat 4/5), ETM+ (Landsat 7) or OLI/TIRS (Landsat 8/9) product");
        }
        return id;
    }

    /** Where each kind of key lives in Collection 1 and Collection 2 MTL files. */
    private record Layout(
            List<String> product,
            List<String> scene,
            List<String> sun,
            List<String> rescaling,
            List<String> thermal,
            List<String> pixelRange,
            String levelKey) {

        static Layout of(MtlDocument doc) {
            return switch (doc.root()) {
                case "L1_METADATA_FILE" ->
                    new Layout(
                            List.of("METADATA_FILE_INFO", "PRODUCT_METADATA"),
                            List.of("PRODUCT_METADATA"),
                            List.of("IMAGE_ATTRIBUTES"),
                            List.of("RADIOMETRIC_RESCALING"),
                            List.of("TIRS_THERMAL_CONSTANTS", "THERMAL_CONSTANTS"),
                            List.of("MIN_MAX_PIXEL_VALUE"),
                            "DATA_TYPE");
                case "LANDSAT_METADATA_FILE" ->
                    new Layout(
                            List.of("PRODUCT_CONTENTS"),
                            List.of("IMAGE_ATTRIBUTES"),
                            List.of("IMAGE_ATTRIBUTES"),
                            List.of("LEVEL1_RADIOMETRIC_RESCALING"),
                            List.of("LEVEL1_THERMAL_CONSTANTS"),
                            List.of("LEVEL1_MIN_MAX_PIXEL_VALUE"),
                            "PROCESSING_LEVEL");
                default ->
                    throw new SenseiException(doc.source() + " starts with GROUP = " + doc.root()
                            + ", not L1_METADATA_FILE (Collection 1) or LANDSAT_METADATA_FILE (Collection 2): give the "
                            + "*_MTL.txt of a Landsat Level-1 product");
            };
        }
    }

    /** The MTL file this was read from. */
    public Path source() {
        return source;
    }

    /** {@code COLLECTION_NUMBER}: 1 or 2. */
    public int collectionNumber() {
        return collectionNumber;
    }

    /** {@code LANDSAT_PRODUCT_ID}, e.g. {@code LC08_L1TP_193024_20200509_20200509_01_RT}. */
    public String productId() {
        return productId;
    }

    /** {@code SPACECRAFT_ID} as written, e.g. {@code LANDSAT_8}. */
    public String spacecraftId() {
        return spacecraftId;
    }

    /**
     * Our sensor id for the spacecraft: {@code landsat4}, {@code landsat5}, {@code landsat7}, {@code landsat8} or
     * {@code landsat9}.
     */
    public String sensorId() {
        return sensorId;
    }

    /**
     * The MTL's {@code SENSOR_ID}, the instrument: {@code TM}, {@code ETM}, {@code OLI_TIRS}, {@code OLI} or {@code
     * TIRS}.
     */
    public String instrument() {
        return instrument;
    }

    /** The processing level, e.g. {@code L1TP}, {@code L1GT}, {@code L1GS}. */
    public String processingLevel() {
        return processingLevel;
    }

    /** {@code DATE_ACQUIRED} (UTC date). */
    public LocalDate dateAcquired() {
        return dateAcquired;
    }

    /** {@code SUN_ELEVATION} at the scene centre, degrees above the horizon. */
    public double sunElevationDeg() {
        return sunElevationDeg;
    }

    /** {@code SUN_AZIMUTH} at the scene centre, degrees clockwise from north. */
    public double sunAzimuthDeg() {
        return sunAzimuthDeg;
    }

    /** {@code EARTH_SUN_DISTANCE}, astronomical units. */
    public double earthSunDistanceAu() {
        return earthSunDistanceAu;
    }

    /**
     * The product's band ids in band-number order, e.g. {@code [B1, …, B11]} for Landsat 8/9 and
     * {@code [B1, …, B8]} for Landsat 7 (whose {@code B6_VCID_2} is left out; see {@link #band(String)}).
     */
    public List<String> bandIds() {
        return bandIds;
    }

    /** True when {@link #band(String)} knows the id. */
    public boolean hasBand(String id) {
        return mtlName(id) != null;
    }

    /**
     * The calibration of one band. Takes our ids ({@code "B4"}, {@code "b10"}) and, for Landsat 7, also
     * {@code "B6_VCID_1"} (the same as {@code "B6"}) and {@code "B6_VCID_2"}.
     *
     * @throws SenseiException when the product has no such band (the message lists the bands it has)
     */
    public LandsatBand band(String id) {
        String name = mtlName(id);
        if (name == null) {
            throw new SenseiException("band '" + id + "' is not in " + productId + " (" + source + "): give one of "
                    + bandIds + (bandsByMtlName.containsKey(VCID_2) ? " or B6_VCID_2" : ""));
        }
        return bandsByMtlName.get(name);
    }

    private String mtlName(String id) {
        String upper = id.strip().toUpperCase(Locale.ROOT);
        if (!upper.startsWith("B")) {
            return null;
        }
        String name = upper.substring(1);
        if (name.equals("6") && bandsByMtlName.containsKey(VCID_1)) {
            name = VCID_1;
        }
        return bandsByMtlName.containsKey(name) ? name : null;
    }

    @Override
    public String toString() {
        return productId + " (" + sensorId + ", collection " + collectionNumber + ")";
    }
}
