package org.sensei4j.io.product;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.sensei4j.io.jp2.Jp2Reader;
import org.sensei4j.io.sentinel2.Sentinel2Safe;
import org.sensei4j.io.testdata.SharedData;

/**
 * Sentinel-2 SAFE products in ESA's on-disk layout for tests: product metadata, a granule with {@code MTD_TL.xml}
 * and tiny lossless 16-bit JPEG2000 band images (see {@link #writeJp2}).
 */
final class SafeFixtures {

    /** DN of a band at a pixel of the grid of {@code resolution} m. */
    interface Dn {
        int at(String band, int resolution, int row, int column);
    }

    static final String L1C_NAME = "S2B_MSIL1C_20220615T101559_N0400_R065_T32UPC_20220615T122549";
    static final String L1C_GRANULE = "L1C_T32UPC_A027547_20220615T102248";
    static final String L2A_NAME = "S2B_MSIL2A_20220615T101559_N0400_R065_T32UPC_20220615T134016";
    static final String L2A_GRANULE = "L2A_T32UPC_A027547_20220615T102248";
    static final String FILE_PREFIX = "T32UPC_20220615T101559_";
    static final int EPSG = 32632;
    static final double ULX = 600000;
    static final double ULY = 5300040;
    /** Tile size at 10 m; 20 m and 60 m grids are 1/2 and 1/6 of it. */
    static final int W10 = 18;

    static final int H10 = 12;

    static final List<String> BANDS =
            List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
    static final Map<String, Integer> NATIVE = Sentinel2Safe.NATIVE_RESOLUTION;

    /** The bands of each L2A resolution folder (as Sen2Cor writes them, without the non-band layers). */
    static final Map<Integer, List<String>> L2A_FILES = Map.of(
            10, List.of("B02", "B03", "B04", "B08"),
            20, List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B8A", "B11", "B12"),
            60, List.of("B01", "B02", "B03", "B04", "B05", "B06", "B07", "B8A", "B09", "B11", "B12"));

    private SafeFixtures() {}

    static int width(int resolution) {
        return W10 * 10 / resolution;
    }

    static int height(int resolution) {
        return H10 * 10 / resolution;
    }

    /** {@code ../shared/data/real/ukis-pysat/<name>_MTD.xml} when present, else null. */
    static String sharedMtd(String name) throws IOException {
        Path p = SharedData.ROOT.resolve("data/real/ukis-pysat/" + name + "_MTD.xml");
        return Files.isRegularFile(p) ? Files.readString(p) : null;
    }

    /** A granule's MTD_TL.xml with grids at 10, 20 and 60 m (or only those given). */
    static String mtdTl(int... resolutions) {
        int[] res = resolutions.length == 0 ? new int[] {10, 20, 60} : resolutions;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        s.append("<n1:Level-1C_Tile_ID "
                + "xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/S2_PDI_Level-1C_Tile_Metadata.xsd\">\n");
        s.append("  <n1:General_Info>\n");
        s.append("    <TILE_ID "
                + "metadataLevel=\"Brief\">S2B_OPER_MSI_L1C_TL_2BPS_20220615T122549_A027547_T32UPC_N04.00</TILE_ID>\n");
        s.append("  </n1:General_Info>\n  <n1:Geometric_Info>\n    <Tile_Geocoding metadataLevel=\"Brief\">\n");
        s.append("      <HORIZONTAL_CS_NAME>WGS84 / UTM zone 32N</HORIZONTAL_CS_NAME>\n");
        s.append("      <HORIZONTAL_CS_CODE>EPSG:").append(EPSG).append("</HORIZONTAL_CS_CODE>\n");
        for (int r : res) {
            s.append("      <Size resolution=\"")
                    .append(r)
                    .append("\"><NROWS>")
                    .append(height(r))
                    .append("</NROWS><NCOLS>")
                    .append(width(r))
                    .append("</NCOLS></Size>\n");
        }
        for (int r : res) {
            s.append("      <Geoposition resolution=\"")
                    .append(r)
                    .append("\"><ULX>")
                    .append((long) ULX)
                    .append("</ULX><ULY>")
                    .append((long) ULY)
                    .append("</ULY><XDIM>")
                    .append(r)
                    .append("</XDIM><YDIM>-")
                    .append(r)
                    .append("</YDIM></Geoposition>\n");
        }
        s.append("    </Tile_Geocoding>\n  </n1:Geometric_Info>\n</n1:Level-1C_Tile_ID>\n");
        return s.toString();
    }

    /** A minimal product-level MTD: L1C (offsets −1000 when {@code withOffsets}) or L2A (BOA offsets −1000). */
    static String productMtd(boolean l2a, String baseline, boolean withOffsets) {
        String level = l2a ? "2A" : "1C";
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        s.append("<n1:Level-")
                .append(level)
                .append("_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-")
                .append(level)
                .append(".xsd\">\n");
        s.append("  <n1:General_Info>\n    <Product_Info>\n");
        s.append("      <PRODUCT_START_TIME>2022-06-15T10:15:59.024Z</PRODUCT_START_TIME>\n");
        s.append("      <PRODUCT_TYPE>S2MSI").append(level).append("</PRODUCT_TYPE>\n");
        s.append("      <PROCESSING_BASELINE>").append(baseline).append("</PROCESSING_BASELINE>\n");
        s.append("      <Datatake><SPACECRAFT_NAME>Sentinel-2B</SPACECRAFT_NAME></Datatake>\n");
        s.append("    </Product_Info>\n    <Product_Image_Characteristics>\n");
        s.append("      <Special_Values><SPECIAL_VALUE_TEXT>NODATA</SPECIAL_VALUE_TEXT>");
        s.append("<SPECIAL_VALUE_INDEX>0</SPECIAL_VALUE_INDEX></Special_Values>\n");
        s.append("      <Special_Values><SPECIAL_VALUE_TEXT>SATURATED</SPECIAL_VALUE_TEXT>");
        s.append("<SPECIAL_VALUE_INDEX>65535</SPECIAL_VALUE_INDEX></Special_Values>\n");
        if (l2a) {
            s.append("      <QUANTIFICATION_VALUES_LIST><BOA_QUANTIFICATION_VALUE unit=\"none\">10000")
                    .append("</BOA_QUANTIFICATION_VALUE></QUANTIFICATION_VALUES_LIST>\n");
        } else {
            s.append("      <QUANTIFICATION_VALUE unit=\"none\">10000</QUANTIFICATION_VALUE>\n");
        }
        if (withOffsets) {
            String tag = l2a ? "BOA_ADD_OFFSET" : "RADIO_ADD_OFFSET";
            for (int i = 0; i < 13; i++) {
                s.append("      <")
                        .append(tag)
                        .append(" band_id=\"")
                        .append(i)
                        .append("\">-1000</")
                        .append(tag)
                        .append(">\n");
            }
        }
        s.append("      <Spectral_Information_List>\n");
        for (int i = 0; i < BANDS.size(); i++) {
            String physical = BANDS.get(i).equals("B8A")
                    ? "B8A"
                    : "B" + Integer.parseInt(BANDS.get(i).substring(1));
            s.append("        <Spectral_Information bandId=\"")
                    .append(i)
                    .append("\" physicalBand=\"")
                    .append(physical)
                    .append("\"/>\n");
        }
        s.append("      </Spectral_Information_List>\n");
        s.append("    </Product_Image_Characteristics>\n  </n1:General_Info>\n</n1:Level-")
                .append(level)
                .append("_User_Product>\n");
        return s.toString();
    }

    /** Writes an L1C SAFE under {@code root}: every band at its native resolution. Returns the .SAFE folder. */
    static Path writeL1c(Path root, String name, String productMtd, Dn dn) throws IOException {
        Path safe = root.resolve(name + ".SAFE");
        Path granule = safe.resolve("GRANULE").resolve(L1C_GRANULE);
        Path img = Files.createDirectories(granule.resolve("IMG_DATA"));
        Files.writeString(safe.resolve("MTD_MSIL1C.xml"), productMtd);
        Files.writeString(granule.resolve("MTD_TL.xml"), mtdTl());
        Files.createDirectories(granule.resolve("QI_DATA"));
        for (String band : BANDS) {
            int res = NATIVE.get(band);
            writeJp2(img.resolve(FILE_PREFIX + band + ".jp2"), width(res), height(res), values(dn, band, res));
        }
        writeJp2(img.resolve(FILE_PREFIX + "TCI.jp2"), width(10), height(10), new int[width(10) * height(10)]);
        return safe;
    }

    /** Writes an L2A SAFE under {@code root}: bands in R10m, R20m and R60m as {@link #L2A_FILES} lists them. */
    static Path writeL2a(Path root, String name, String productMtd, Dn dn) throws IOException {
        Path safe = root.resolve(name + ".SAFE");
        Path granule = safe.resolve("GRANULE").resolve(L2A_GRANULE);
        Files.writeString(Files.createDirectories(safe).resolve("MTD_MSIL2A.xml"), productMtd);
        Files.createDirectories(granule);
        Files.writeString(granule.resolve("MTD_TL.xml"), mtdTl());
        for (Map.Entry<Integer, List<String>> e : L2A_FILES.entrySet()) {
            int res = e.getKey();
            Path dir = Files.createDirectories(granule.resolve("IMG_DATA").resolve("R" + res + "m"));
            for (String band : e.getValue()) {
                writeJp2(
                        dir.resolve(FILE_PREFIX + band + "_" + res + "m.jp2"),
                        width(res),
                        height(res),
                        values(dn, band, res));
            }
            writeJp2(
                    dir.resolve(FILE_PREFIX + "SCL_" + res + "m.jp2"),
                    width(res),
                    height(res),
                    new int[width(res) * height(res)]);
        }
        return safe;
    }

    static int[] values(Dn dn, String band, int res) {
        int w = width(res);
        int h = height(res);
        int[] v = new int[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                v[r * w + c] = dn.at(band, res, r, c);
            }
        }
        return v;
    }

    private static Boolean openJpegAvailable;

    /**
     * A lossless 16-bit single-band JPEG2000, written by OpenJPEG's {@code opj_compress} (Debian
     * {@code libopenjp2-tools}) when installed, else by jai-imageio's JPEG2000 writer. The file is read back with
     * {@link Jp2Reader}; the calling test is skipped when neither writer gives the values back (jai-imageio's
     * writer is not lossless on many small images: OpenJPEG decodes its output to other values).
     */
    static void writeJp2(Path file, int width, int height, int[] values) {
        try {
            Files.deleteIfExists(file);
            if (!writeWithOpenJpeg(file, width, height, values)) {
                writeWithJaiImageio(file, width, height, values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] back;
        try (Jp2Reader r = Jp2Reader.open(file)) {
            back = r.readBand(0);
        }
        for (int i = 0; i < values.length; i++) {
            if (back[i] != values[i]) {
                Assumptions.abort("no lossless JPEG2000 writer here (install Debian libopenjp2-tools for"
                        + " opj_compress): " + file.getFileName() + " reads back " + back[i] + " for " + values[i]
                        + " at pixel " + i + "; skipping SAFE fixtures");
            }
        }
    }

    /** A lossless JPEG2000 tiled in {@code tile × tile} code-stream tiles; skips the test without opj_compress. */
    static void writeTiledJp2(Path file, int width, int height, int[] values, int tile) {
        try {
            Files.deleteIfExists(file);
            if (!writeWithOpenJpeg(file, width, height, values, "-t", tile + "," + tile)) {
                Assumptions.abort("opj_compress not found (install Debian libopenjp2-tools): skipping tiled JPEG2000");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean writeWithOpenJpeg(Path file, int width, int height, int[] values, String... options)
            throws IOException {
        if (Boolean.FALSE.equals(openJpegAvailable)) {
            return false;
        }
        Path pgm = file.resolveSibling(file.getFileName() + ".pgm");
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.BIG_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        byte[] header = ("P5\n" + width + " " + height + "\n65535\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(header, header.length + b.capacity());
        System.arraycopy(b.array(), 0, all, header.length, b.capacity());
        Files.write(pgm, all);
        // at most as many resolution levels as the smallest side allows (opj_compress refuses more)
        int side = Math.min(width, height);
        for (int i = 0; i + 1 < options.length; i++) {
            if (options[i].equals("-t")) {
                side = Math.min(side, Integer.parseInt(options[i + 1].split(",")[0]));
            }
        }
        int levels = Math.max(1, Math.min(6, 32 - Integer.numberOfLeadingZeros(side)));
        List<String> cmd = new ArrayList<>(
                List.of("opj_compress", "-i", pgm.toString(), "-o", file.toString(), "-n", Integer.toString(levels)));
        cmd.addAll(List.of(options));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            openJpegAvailable = false;
            Files.delete(pgm);
            return false;
        }
        openJpegAvailable = true;
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("opj_compress failed for " + file + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.delete(pgm);
        }
        return true;
    }

    private static void writeWithJaiImageio(Path file, int width, int height, int[] values) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, width, height, 0, values);
        ImageWriter w = new J2KImageWriterSpi().createWriterInstance();
        J2KImageWriteParam param = (J2KImageWriteParam) w.getDefaultWriteParam();
        param.setLossless(true);
        param.setFilter(J2KImageWriteParam.FILTER_53);
        try (FileImageOutputStream out = new FileImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
    }
}
