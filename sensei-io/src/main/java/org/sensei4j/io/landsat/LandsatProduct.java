package org.sensei4j.io.landsat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sensei4j.error.SenseiException;

/**
 * A Landsat 4–9 Level-1 product on disk, as USGS delivers it: one folder holding the {@code *_MTL.txt} and one
 * GeoTIFF per band ({@code <product id>_B4.TIF}, {@code …_B10.TIF}, Landsat 7 {@code …_B6_VCID_1.TIF} and
 * {@code …_B6_VCID_2.TIF}).
 *
 * <p>A band's file is the one the MTL names ({@code FILE_NAME_BAND_n}) when it is in the folder, else the one
 * file of the folder whose name ends with {@code _B<n>.TIF} (case-insensitive, {@code .TIF} or {@code .TIFF}),
 * e.g. after renaming the product.
 */
public final class LandsatProduct {

    private final Path folder;
    private final LandsatMetadata metadata;
    private final List<Path> files;

    private LandsatProduct(Path folder, LandsatMetadata metadata, List<Path> files) {
        this.folder = folder;
        this.metadata = metadata;
        this.files = files;
    }

    /** Whether the file name ends with {@code _MTL.txt} (case-insensitive). */
    public static boolean isMtlFile(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith("_mtl.txt");
    }

    /** Whether {@code dir} is a folder holding a {@code *_MTL.txt} file. */
    public static boolean isProductFolder(Path dir) {
        return Files.isDirectory(dir) && !mtlFiles(dir).isEmpty();
    }

    private static List<Path> mtlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> isMtlFile(p) && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SenseiException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a product from its folder or its {@code *_MTL.txt} and reads the MTL. Band files are looked up when
     * asked for.
     *
     * @throws SenseiException when the path holds no MTL, several, or the MTL cannot be parsed
     */
    public static LandsatProduct open(Path folderOrMtl) {
        Path mtl;
        if (Files.isDirectory(folderOrMtl)) {
            List<Path> found = mtlFiles(folderOrMtl);
            if (found.isEmpty()) {
                throw new SenseiException("folder " + folderOrMtl + " holds no *_MTL.txt file: give the folder of an"
                        + " unpacked Landsat Level-1 product (with its MTL.txt and band GeoTIFFs), or the MTL file");
            }
            if (found.size() > 1) {
                throw new SenseiException("folder " + folderOrMtl + " holds " + found.size() + " MTL files ("
                        + found.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                        + "): give the path of the *_MTL.txt of the product to read");
            }
            mtl = found.get(0);
        } else if (Files.isRegularFile(folderOrMtl)) {
            mtl = folderOrMtl;
        } else {
            throw new SenseiException("file not found: " + folderOrMtl);
        }
        Path folder = mtl.toAbsolutePath().normalize().getParent();
        LandsatMetadata metadata = LandsatMetadata.parse(mtl);
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new SenseiException("cannot list folder " + folder + ": " + e.getMessage(), e);
        }
        return new LandsatProduct(folder, metadata, files);
    }

    /** The folder holding the MTL and band files. */
    public Path folder() {
        return folder;
    }

    /** The MTL's content. */
    public LandsatMetadata metadata() {
        return metadata;
    }

    /**
     * The GeoTIFF of a band (ids as {@link LandsatMetadata#band(String)} takes them, e.g. {@code "B4"},
     * {@code "B6_VCID_2"}), if the folder holds it.
     *
     * @throws SenseiException when the product has no such band, or several files end with the band's suffix
     */
    public Optional<Path> bandFile(String id) {
        LandsatBand band = metadata.band(id);
        if (band.fileName().isPresent()) {
            Path named = folder.resolve(band.fileName().get());
            if (Files.isRegularFile(named)) {
                return Optional.of(named);
            }
        }
        String suffix = suffix(band);
        List<Path> hits = files.stream()
                .filter(p -> {
                    String n = p.getFileName().toString().toUpperCase(Locale.ROOT);
                    return n.endsWith(suffix + ".TIF") || n.endsWith(suffix + ".TIFF");
                })
                .toList();
        if (hits.size() > 1) {
            throw new SenseiException("folder " + folder + " holds several files for band " + band.id() + " ("
                    + hits.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "))
                    + "): keep only the product's " + expectedFileName(id));
        }
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0));
    }

    /**
     * The GeoTIFF of a band.
     *
     * @throws SenseiException naming the band and the file name expected, when the folder does not hold it
     */
    public Path requireBandFile(String id) {
        return bandFile(id)
                .orElseThrow(() -> new SenseiException("Landsat product " + metadata.productId()
                        + ": no file for band " + metadata.band(id).id() + " in " + folder + ": expected "
                        + expectedFileName(id)
                        + "; download the band's GeoTIFF into the folder, or leave the band out"));
    }

    /** The file name expected for a band, e.g. {@code LC08_…_B4.TIF (FILE_NAME_BAND_4 in the MTL) or *_B4.TIF}. */
    public String expectedFileName(String id) {
        LandsatBand band = metadata.band(id);
        String pattern = "*" + suffix(band) + ".TIF";
        return band.fileName()
                .map(f -> f + " (FILE_NAME_BAND_" + band.mtlName() + " in the MTL) or " + pattern)
                .orElse(pattern);
    }

    private static String suffix(LandsatBand band) {
        return "_B" + band.mtlName().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return metadata.productId() + " in " + folder;
    }
}
