package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;

/** Bad input gives a SenseiException that names the file and the problem. */
class GeoTiffReaderErrorTest {

    @TempDir
    Path dir;

    /** A valid strip TIFF of 64x40 uint16 made by our writer. */
    private Path validTiff() {
        float[] v = new float[64 * 40];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37) % 65536;
        }
        Path p = dir.resolve("valid.tif");
        GeoTiffWriter.create(SampleType.UINT16)
                .write(p, new FloatRaster(1, 40, 64, v, null), Georeference.northUp(32632, 0, 0, 10, 10));
        return p;
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.tif");
        assertThatThrownBy(() -> GeoTiffReader.open(p))
                .isInstanceOf(SenseiException.class)
                .hasMessage("file not found: " + p);
    }

    @Test
    void directory() {
        assertThatThrownBy(() -> GeoTiffReader.open(dir))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("directory");
    }

    @Test
    void notATiff() throws IOException {
        Path txt = dir.resolve("notes.tif");
        Files.writeString(txt, "hello, this is text and not an image");
        assertThatThrownBy(() -> GeoTiffReader.open(txt))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(txt.toString())
                .hasMessageContaining("not a TIFF file (it starts with bytes 68 65 6C 6C");
        Path png = dir.resolve("image.tif");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        assertThatThrownBy(() -> GeoTiffReader.open(png)).hasMessageContaining("a PNG image");
    }

    @Test
    void emptyAndTinyFiles() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.tif"));
        assertThatThrownBy(() -> GeoTiffReader.open(empty))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("only 0 bytes");
        Path tiny = dir.resolve("tiny.tif");
        Files.write(tiny, new byte[] {'I', 'I', 42, 0});
        assertThatThrownBy(() -> GeoTiffReader.open(tiny)).hasMessageContaining("only 4 bytes");
    }

    @Test
    void bigTiffIsRefusedWithAFix() throws IOException {
        Path big = dir.resolve("big.tif");
        Files.write(big, new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> GeoTiffReader.open(big))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("BigTIFF")
                .hasMessageContaining("BIGTIFF=NO");
    }

    @Test
    void randomBytesAfterAValidHeader() throws IOException {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] b = new byte[8 + rnd.nextInt(3000)];
            rnd.nextBytes(b);
            b[0] = 'I';
            b[1] = 'I';
            b[2] = 42;
            b[3] = 0;
            // first directory somewhere inside the file
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 8 + rnd.nextInt(Math.max(1, b.length - 8)));
            Path p = dir.resolve("random" + trial + ".tif");
            Files.write(p, b);
            assertThatThrownBy(() -> {
                        try (GeoTiffReader r = GeoTiffReader.open(p)) {
                            r.readAll();
                        }
                    })
                    .as("trial %d", trial)
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining(p.toString());
        }
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] whole = Files.readAllBytes(validTiff());
        // our writer puts the directory first, so cutting the end loses pixel blocks
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> GeoTiffReader.open(cut))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("truncated");
        for (int keep : new int[] {9, 20, 100}) {
            Path p = dir.resolve("cut" + keep + ".tif");
            Files.write(p, Arrays.copyOf(whole, keep));
            assertThatThrownBy(() -> GeoTiffReader.open(p))
                    .as("keep %d bytes", keep)
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining(p.toString())
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void corruptCompressedBlock() throws IOException {
        float[] v = new float[64 * 40];
        Random rnd = new Random(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(65536);
        }
        Path p = dir.resolve("deflate.tif");
        GeoTiffWriter.create(SampleType.UINT16).write(p, new FloatRaster(1, 40, 64, v, null), null);
        byte[] b = Files.readAllBytes(p);
        // overwrite the tail (compressed pixel data) with garbage
        for (int i = b.length - 2000; i < b.length - 10; i++) {
            b[i] = (byte) 0xAB;
        }
        Files.write(p, b);
        try (GeoTiffReader r = GeoTiffReader.open(p)) {
            assertThatThrownBy(r::readAll)
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining(p.toString())
                    .hasMessageContaining("corrupt");
        }
    }

    @Test
    void badWindowsAndBands() {
        try (GeoTiffReader r = GeoTiffReader.open(validTiff())) {
            assertThatThrownBy(() -> r.read(new PixelWindow(60, 0, 5, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("64x40");
            assertThatThrownBy(() -> r.readBand(1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bands 0..0");
            assertThat(r.read(new PixelWindow(1, 0, 2, 1)).data()).containsExactly(37, 74);
        }
    }

    @Test
    void unsupportedCompressionIsNamed() throws IOException {
        Gdal.assumeAvailable();
        Path raw = Gdal.writeEnvi(dir, "src", SampleType.UINT8, 1, 16, 16, new float[256]);
        Path jpeg = dir.resolve("jpeg.tif");
        Gdal.run("gdal_translate", "-q", "-co", "COMPRESS=JPEG", raw.toString(), jpeg.toString());
        assertThatThrownBy(() -> GeoTiffReader.open(jpeg))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(jpeg.toString())
                .hasMessageContaining("compression JPEG")
                .hasMessageContaining("not supported")
                .hasMessageContaining("COMPRESS=DEFLATE");
    }
}
