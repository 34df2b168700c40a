package org.sensei4j.io.jp2;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageReadParam;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.raster.SampleType;

/**
 * Reads JPEG2000 files (.jp2 with its box structure, or a raw .j2k codestream), such as the band images of a
 * Sentinel-2 SAFE product (one 15-bit band in 16-bit samples), with the pure-Java decoder of
 * jai-imageio-jpeg2000 (JJ2000). Values are returned as stored, without scaling.
 *
 * <p>Georeferencing boxes (GeoJP2, GML) are not read: {@link RasterInfo#georeference()} is null; Sentinel-2
 * products give the georeference in their metadata XML. Decoding is slow and memory-hungry for full Sentinel-2
 * tiles (10980² ≈ 30 s and 1.2 GB); windows decode less. Bands are numbered from 0.
 */
public final class Jp2Reader implements AutoCloseable {

    private static final byte[] JP2_SIGNATURE = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' '};
    private static final byte[] J2K_SOC = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51};

    private final Path file;
    private final ImageInputStream input;
    private final J2KImageReader reader;
    private final RasterInfo info;

    private Jp2Reader(Path file, ImageInputStream input, J2KImageReader reader, RasterInfo info) {
        this.file = file;
        this.input = input;
        this.reader = reader;
        this.info = info;
    }

    /**
     * Opens a JPEG2000 file and reads its header.
     *
     * @throws SenseiException when the file is missing, not JPEG2000, or corrupt
     */
    public static Jp2Reader open(Path file) {
        if (!Files.exists(file)) {
            throw new SenseiException("file not found: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new SenseiException("cannot read JPEG2000 " + file + ": it is a directory: give a .jp2 file");
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SenseiException("cannot read JPEG2000 " + file + ": " + e.getMessage(), e);
        }
        if (!startsWith(head, n, JP2_SIGNATURE) && !startsWith(head, n, J2K_SOC)) {
            throw new SenseiException("cannot read JPEG2000 " + file + ": not a JPEG2000 file (no JP2 signature box "
                    + "or J2K codestream marker at its start" + (n < 12 ? "; it has only " + n + " bytes" : "") + ")");
        }
        ImageInputStream input = null;
        try {
            input = new FileImageInputStream(file.toFile());
            J2KImageReader reader = (J2KImageReader) new J2KImageReaderSpi().createReaderInstance();
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            SampleModel sm = reader.getRawImageType(0).getSampleModel();
            int bands = sm.getNumBands();
            SampleType type = sampleType(sm, file);
            int tileWidth = Math.max(1, Math.min(reader.getTileWidth(0), width));
            int tileHeight = Math.max(1, Math.min(reader.getTileHeight(0), height));
            RasterInfo info = new RasterInfo(
                    width,
                    height,
                    bands,
                    type,
                    null,
                    null,
                    tileWidth < width || tileHeight < height,
                    tileWidth,
                    tileHeight,
                    "JPEG2000");
            return new Jp2Reader(file, input, reader, info);
        } catch (SenseiException e) {
            closeQuietly(input);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(input);
            throw new SenseiException(
                    "cannot read JPEG2000 " + file + ": the file is corrupt or truncated ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        }
    }

    private static boolean startsWith(byte[] b, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static SampleType sampleType(SampleModel sm, Path file) {
        int bits = sm.getSampleSize(0);
        return switch (sm.getDataType()) {
            case DataBuffer.TYPE_BYTE -> SampleType.UINT8;
            case DataBuffer.TYPE_USHORT -> SampleType.UINT16;
            case DataBuffer.TYPE_SHORT -> SampleType.INT16;
            case DataBuffer.TYPE_INT -> SampleType.INT32;
            default ->
                throw new SenseiException("cannot read JPEG2000 " + file + ": " + bits
                        + "-bit samples of Java data type " + sm.getDataType() + " are not supported");
        };
    }

    private static void closeQuietly(ImageInputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Size, bands and sample type; georeference null, compression "JPEG2000". */
    public RasterInfo info() {
        return info;
    }

    /** One whole band as floats, row-major. */
    public float[] readBand(int band) {
        return read(info.fullWindow(), band).data();
    }

    /**
     * One whole band as 16-bit samples, row-major (for UInt16 files read with {@code s & 0xFFFF}); half the
     * memory of {@link #readBand(int)}.
     */
    public short[] readBandAsShorts(int band) {
        checkBand(band);
        if (info.sampleType().bytes() != 2) {
            throw new IllegalStateException(
                    file + " holds " + info.sampleType().gdalName() + " samples, not 16-bit: use readBand");
        }
        Raster r = decode(info.fullWindow());
        int w = info.width();
        int h = info.height();
        short[] out = new short[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, band, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (short) row[x];
            }
        }
        return out;
    }

    /** The chosen bands (all when none given) of a window, as floats in band-major order. */
    public FloatRaster read(PixelWindow window, int... bands) {
        window.requireInside(info.width(), info.height());
        int[] chosen = bands;
        if (chosen.length == 0) {
            chosen = new int[info.bandCount()];
            for (int i = 0; i < chosen.length; i++) {
                chosen[i] = i;
            }
        }
        for (int b : chosen) {
            checkBand(b);
        }
        Raster r = decode(window);
        int w = window.width();
        int h = window.height();
        float[] out = new float[chosen.length * w * h];
        float[] plane = new float[w * h];
        for (int i = 0; i < chosen.length; i++) {
            r.getSamples(r.getMinX(), r.getMinY(), w, h, chosen[i], plane);
            System.arraycopy(plane, 0, out, i * w * h, w * h);
        }
        return new FloatRaster(chosen.length, h, w, out, null);
    }

    private Raster decode(PixelWindow window) {
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            if (window.x() != 0
                    || window.y() != 0
                    || window.width() != info.width()
                    || window.height() != info.height()) {
                param.setSourceRegion(new Rectangle(window.x(), window.y(), window.width(), window.height()));
            }
            Raster r = reader.readRaster(0, param);
            if (r.getWidth() != window.width() || r.getHeight() != window.height()) {
                throw new SenseiException("cannot read JPEG2000 " + file + ": decoder returned " + r.getWidth() + "x"
                        + r.getHeight() + " pixels for " + window + "; the file is corrupt");
            }
            return r;
        } catch (SenseiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SenseiException(
                    "cannot read JPEG2000 " + file + ": the file is corrupt or truncated ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        }
    }

    private void checkBand(int band) {
        if (band < 0 || band >= info.bandCount()) {
            throw new IllegalArgumentException("band " + band + " does not exist in " + file + ": it has bands 0.."
                    + (info.bandCount() - 1) + " (numbered from 0)");
        }
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(input);
    }
}
