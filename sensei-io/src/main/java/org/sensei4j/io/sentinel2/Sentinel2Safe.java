package org.sensei4j.io.sentinel2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sensei4j.error.SenseiException;

/**
 * The files of a Sentinel-2 L1C or L2A product in the SAFE layout (as ESA delivers it, unzipped):
 * <pre>
 * S2B_MSIL1C_….SAFE/MTD_MSIL1C.xml                              product metadata (or MTD_MSIL2A.xml)
 * S2B_MSIL1C_….SAFE/GRANULE/L1C_T32UPC_…/MTD_TL.xml             tile metadata (CRS, grids)
 * S2B_MSIL1C_….SAFE/GRANULE/L1C_T32UPC_…/IMG_DATA/*_B02.jp2     L1C: one file per band, native resolution
 * S2A_MSIL2A_….SAFE/GRANULE/L2A_T32UPC_…/IMG_DATA/R10m/*_B02_10m.jp2   L2A: per resolution R10m, R20m, R60m
 * </pre>
 * A product is opened from its folder, its {@code MTD_MSIL1C.xml}/{@code MTD_MSIL2A.xml}, a granule folder or
 * the granule's {@code MTD_TL.xml} (the way to read one tile of an old multi-tile product).
 */
public final class Sentinel2Safe {

    /** The product metadata file names, L1C and L2A. */
    public static final List<String> PRODUCT_METADATA = List.of("MTD_MSIL1C.xml", "MTD_MSIL2A.xml");

    /** The tile metadata file name in a granule folder. */
    public static final String TILE_METADATA = "MTD_TL.xml";

    /** Native resolution (m) of each band, which is the resolution of its L1C file. */
    public static final Map<String, Integer> NATIVE_RESOLUTION = byBand(Map.of(
            10, List.of("B02", "B03", "B04", "B08"),
            20, List.of("B05", "B06", "B07", "B8A", "B11", "B12"),
            60, List.of("B01", "B09", "B10")));

    /** Each band of {@code bandsByResolution} with its resolution. */
    private static Map<String, Integer> byBand(Map<Integer, List<String>> bandsByResolution) {
        Map<String, Integer> out = new HashMap<>();
        bandsByResolution.forEach((resolution, bands) -> bands.forEach(b -> out.put(b, resolution)));
        return Map.copyOf(out);
    }

    private static final List<Integer> L2A_RESOLUTIONS = List.of(10, 20, 60);

    private final Path productFolder;
    private final Path granuleFolder;
    private final Sentinel2Metadata metadata;
    private final Sentinel2TileMetadata tile;

    private Sentinel2Safe(
            Path productFolder, Path granuleFolder, Sentinel2Metadata metadata, Sentinel2TileMetadata tile) {
        this.productFolder = productFolder;
        this.granuleFolder = granuleFolder;
        this.metadata = metadata;
        this.tile = tile;
    }

    /**
     * Whether the file is a product metadata file ({@code MTD_MSIL1C.xml}, {@code MTD_MSIL2A.xml}) or an {@code
     * MTD_TL.xml}.
     */
    public static boolean isMetadataFile(Path file) {
        String n = name(file);
        return PRODUCT_METADATA.stream().anyMatch(m -> m.equalsIgnoreCase(n)) || TILE_METADATA.equalsIgnoreCase(n);
    }

    /**
     * Whether {@code dir} is a SAFE product folder (named {@code *.SAFE} or holding a product metadata file) or a
     * granule folder (holding {@code MTD_TL.xml} and {@code IMG_DATA}).
     */
    public static boolean isSafeFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (name(dir.toAbsolutePath().normalize()).toUpperCase(Locale.ROOT).endsWith(".SAFE")) {
            return true;
        }
        return productMetadata(dir).isPresent()
                || (Files.isRegularFile(dir.resolve(TILE_METADATA)) && Files.isDirectory(dir.resolve("IMG_DATA")));
    }

    /**
     * Opens a product and reads its product and tile metadata.
     *
     * @param input the SAFE folder, its {@code MTD_MSIL1C.xml}/{@code MTD_MSIL2A.xml}, a granule folder
     *              ({@code GRANULE/<granule>}) or its {@code MTD_TL.xml}
     * @throws SenseiException when the layout is incomplete (no product metadata, no or several granules, no
     *                         {@code MTD_TL.xml}, no {@code IMG_DATA}); the message names what is missing and where
     */
    public static Sentinel2Safe open(Path input) {
        Path in = input.toAbsolutePath().normalize();
        if (!Files.exists(in)) {
            throw new SenseiException("file not found: " + input);
        }
        Path product;
        Path granule = null;
        if (Files.isRegularFile(in)) {
            String n = name(in);
            if (TILE_METADATA.equalsIgnoreCase(n)) {
                granule = in.getParent();
                product = productOfGranule(granule);
            } else if (PRODUCT_METADATA.stream().anyMatch(m -> m.equalsIgnoreCase(n))) {
                product = in.getParent();
            } else {
                throw new SenseiException(input + " is not a Sentinel-2 metadata file: give the SAFE folder, its "
                        + String.join(" or ", PRODUCT_METADATA) + ", or a granule's " + TILE_METADATA);
            }
        } else if (productMetadata(in).isPresent()) {
            product = in;
        } else if (Files.isRegularFile(in.resolve(TILE_METADATA))) {
            granule = in;
            product = productOfGranule(granule);
        } else {
            throw new SenseiException("folder " + input + " holds no " + String.join(" or ", PRODUCT_METADATA)
                    + ": it is not a complete Sentinel-2 SAFE product (old products with S2A_OPER_MTD_SAFL1C_*.xml"
                    + " are not supported); unzip the product again and give its .SAFE folder");
        }
        Path productMtd = productMetadata(product)
                .orElseThrow(() -> new SenseiException("folder " + product
                        + " holds no " + String.join(" or ", PRODUCT_METADATA)
                        + ": the SAFE product is incomplete; unzip"
                        + " it again and give its .SAFE folder"));
        if (granule == null) {
            granule = singleGranule(product);
        }
        Path tl = granule.resolve(TILE_METADATA);
        if (!Files.isRegularFile(tl)) {
            throw new SenseiException("granule " + granule + " has no " + TILE_METADATA + " (the tile's CRS and grid):"
                    + " the SAFE product is incomplete; unzip it again");
        }
        if (!Files.isDirectory(granule.resolve("IMG_DATA"))) {
            throw new SenseiException("granule " + granule + " has no IMG_DATA folder (the band images): the SAFE"
                    + " product is incomplete; unzip it again");
        }
        Sentinel2Metadata md = Sentinel2Metadata.parse(productMtd);
        Sentinel2TileMetadata tile = Sentinel2TileMetadata.parse(tl);
        return new Sentinel2Safe(product, granule, md, tile);
    }

    private static Path productOfGranule(Path granule) {
        Path granules = granule.getParent();
        Path product = granules == null ? null : granules.getParent();
        if (product == null
                || !name(granules).equalsIgnoreCase("GRANULE")
                || productMetadata(product).isEmpty()) {
            throw new SenseiException("granule " + granule + " is not inside a SAFE product (expected "
                    + "<product>.SAFE/GRANULE/" + name(granule) + " with <product>.SAFE/MTD_MSIL1C.xml or"
                    + " MTD_MSIL2A.xml): give the granule of an unzipped SAFE product");
        }
        return product;
    }

    private static Path singleGranule(Path product) {
        Path granules = product.resolve("GRANULE");
        if (!Files.isDirectory(granules)) {
            throw new SenseiException("SAFE product " + product + " has no GRANULE folder (which holds the tile's"
                    + " band images and MTD_TL.xml): the product is incomplete; unzip it again");
        }
        List<Path> found = list(granules).stream().filter(Files::isDirectory).toList();
        if (found.isEmpty()) {
            throw new SenseiException("SAFE product " + product + " has no granule in its GRANULE folder: the product"
                    + " is incomplete; unzip it again");
        }
        if (found.size() > 1) {
            throw new SenseiException("SAFE product " + product + " holds " + found.size() + " granules ("
                    + found.stream().map(Sentinel2Safe::name).limit(5).collect(Collectors.joining(", "))
                    + (found.size() > 5 ? ", ..." : "") + "): give one granule folder (GRANULE/<granule>) or its"
                    + " MTD_TL.xml as input");
        }
        return found.get(0);
    }

    private static Optional<Path> productMetadata(Path dir) {
        List<Path> hits = list(dir).stream()
                .filter(p ->
                        Files.isRegularFile(p) && PRODUCT_METADATA.stream().anyMatch(m -> m.equalsIgnoreCase(name(p))))
                .toList();
        if (hits.size() > 1) {
            throw new SenseiException("folder " + dir + " holds both " + String.join(" and ", PRODUCT_METADATA)
                    + ": a SAFE product is L1C or L2A; give the folder of one product");
        }
        return hits.stream().findFirst();
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new SenseiException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String name(Path p) {
        Path f = p.getFileName();
        return f == null ? p.toString() : f.toString();
    }

    /** The product folder (the {@code .SAFE} folder). */
    public Path productFolder() {
        return productFolder;
    }

    /** The granule folder ({@code GRANULE/<granule>}). */
    public Path granuleFolder() {
        return granuleFolder;
    }

    /** The product's name: its folder name without {@code .SAFE}. */
    public String productName() {
        String n = name(productFolder);
        return n.toUpperCase(Locale.ROOT).endsWith(".SAFE") ? n.substring(0, n.length() - 5) : n;
    }

    /** The product metadata ({@code MTD_MSIL1C.xml} / {@code MTD_MSIL2A.xml}). */
    public Sentinel2Metadata metadata() {
        return metadata;
    }

    /** The tile metadata ({@code MTD_TL.xml}). */
    public Sentinel2TileMetadata tile() {
        return tile;
    }

    /**
     * The product's name for a band id ({@code "B2"}, {@code "b02"}, {@code "B8A"} → {@code "B02"}, {@code "B8A"}),
     * if it is one of the product's bands.
     */
    public Optional<String> productBand(String id) {
        String name = Sentinel2Metadata.canonicalBand(id);
        return name != null && metadata.bandNames().contains(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * The image files of a band by resolution (m): for L1C the one file {@code IMG_DATA/*_<band>.jp2} at the band's
     * native resolution, for L2A {@code IMG_DATA/R<res>m/*_<band>_<res>m.jp2} for each resolution the product
     * delivers it at. Empty when the granule holds none.
     *
     * @param band a band name as {@link #productBand} returns it
     * @throws SenseiException when several files match in one folder
     */
    public Map<Integer, Path> bandFiles(String band) {
        Map<Integer, Path> out = new TreeMap<>();
        Path img = granuleFolder.resolve("IMG_DATA");
        if (metadata.level() == Sentinel2Metadata.Level.L1C) {
            find(img, "_" + band + ".JP2").ifPresent(p -> out.put(NATIVE_RESOLUTION.getOrDefault(band, 0), p));
        } else {
            for (int res : L2A_RESOLUTIONS) {
                find(img.resolve("R" + res + "m"), "_" + band + "_" + res + "M.JP2")
                        .ifPresent(p -> out.put(res, p));
            }
        }
        return out;
    }

    private Optional<Path> find(Path dir, String upperSuffix) {
        List<Path> hits = list(dir).stream()
                .filter(p -> Files.isRegularFile(p)
                        && name(p).toUpperCase(Locale.ROOT).endsWith(upperSuffix))
                .toList();
        if (hits.size() > 1) {
            throw new SenseiException("folder " + dir + " holds several files ending with " + upperSuffix + " ("
                    + hits.stream().map(Sentinel2Safe::name).collect(Collectors.joining(", "))
                    + "): keep only the product's own band image");
        }
        return hits.stream().findFirst();
    }

    /** Where a band's image is expected, e.g. {@code GRANULE/L1C_T32UPC_…/IMG_DATA/*_B02.jp2}. */
    public String expectedPattern(String band) {
        String base = productFolder
                .relativize(granuleFolder.resolve("IMG_DATA"))
                .toString()
                .replace('\\', '/');
        if (metadata.level() == Sentinel2Metadata.Level.L1C) {
            return base + "/*_" + band + ".jp2";
        }
        return L2A_RESOLUTIONS.stream()
                .map(r -> base + "/R" + r + "m/*_" + band + "_" + r + "m.jp2")
                .collect(Collectors.joining(" or "));
    }

    @Override
    public String toString() {
        return productName() + " (" + metadata.level() + ", granule " + name(granuleFolder) + ")";
    }
}
