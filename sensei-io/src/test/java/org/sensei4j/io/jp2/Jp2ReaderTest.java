package org.sensei4j.io.jp2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.SampleType;

class Jp2ReaderTest {

    @TempDir
    Path dir;

    /** Sentinel-2-like 15-bit values: a gradient plus noise. */
    private static int[] values(int height, int width, long seed) {
        Random rnd = new Random(seed);
        int[] v = new int[height * width];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 97) % 20000 + rnd.nextInt(50);
        }
        v[0] = 0;
        v[v.length - 1] = 32767;
        return v;
    }

    /** A lossless 16-bit JP2 written by the library's own writer. */
    private Path libraryJp2(int height, int width, int[] v) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        r.setSamples(0, 0, width, height, 0, v);
        Path p = dir.resolve("lib.jp2");
        ImageWriter w = new J2KImageWriterSpi().createWriterInstance();
        J2KImageWriteParam param = (J2KImageWriteParam) w.getDefaultWriteParam();
        param.setLossless(true);
        param.setFilter(J2KImageWriteParam.FILTER_53);
        try (FileImageOutputStream out = new FileImageOutputStream(p.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return p;
    }

    /** A lossless 16-bit JP2 written by OpenJPEG's opj_compress from a PGM; skipped when it is not installed. */
    private Path openJpegJp2(int height, int width, int[] v, String... options)
            throws IOException, InterruptedException {
        Path pgm = dir.resolve("src.pgm");
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.BIG_ENDIAN);
        for (int x : v) {
            b.putShort((short) x);
        }
        byte[] header = ("P5\n" + width + " " + height + "\n65535\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(header, header.length + b.capacity());
        System.arraycopy(b.array(), 0, all, header.length, b.capacity());
        Files.write(pgm, all);
        Path jp2 = dir.resolve("opj.jp2");
        String[] cmd = new String[4 + options.length];
        cmd[0] = "opj_compress";
        cmd[1] = "-i";
        cmd[2] = pgm.toString();
        cmd[3] = "-o";
        String[] full = Arrays.copyOf(cmd, cmd.length + 1);
        full[4] = jp2.toString();
        System.arraycopy(options, 0, full, 5, options.length);
        Process p;
        try {
            p = new ProcessBuilder(full).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("opj_compress not found (install Debian libopenjp2-tools): skipping");
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return jp2;
    }

    private static void assertSameValues(float[] got, int[] expected) {
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            if (got[i] != expected[i]) {
                throw new AssertionError("first difference at " + i + ": got " + got[i] + ", expected " + expected[i]);
            }
        }
    }

    @Test
    void readsALossless16BitJp2FromTheLibraryWriter() throws IOException {
        int h = 37, w = 53;
        int[] v = values(h, w, 1);
        try (Jp2Reader r = Jp2Reader.open(libraryJp2(h, w, v))) {
            assertThat(r.info().width()).isEqualTo(w);
            assertThat(r.info().height()).isEqualTo(h);
            assertThat(r.info().bandCount()).isEqualTo(1);
            assertThat(r.info().sampleType()).isEqualTo(SampleType.UINT16);
            assertThat(r.info().compression()).isEqualTo("JPEG2000");
            assertThat(r.info().georeference()).isNull();
            assertSameValues(r.readBand(0), v);
            short[] s = r.readBandAsShorts(0);
            assertThat(s[v.length - 1] & 0xFFFF).isEqualTo(32767);
        }
    }

    @Test
    void readsOpenJpegFilesWholeAndInWindows() throws Exception {
        int h = 70, w = 90;
        int[] v = values(h, w, 2);
        for (String[] options : new String[][] {{}, {"-t", "32,32", "-n", "3"}}) {
            Path jp2 = openJpegJp2(h, w, v, options);
            try (Jp2Reader r = Jp2Reader.open(jp2)) {
                assertThat(r.info().sampleType()).isEqualTo(SampleType.UINT16);
                assertThat(r.info().tiled()).isEqualTo(options.length > 0);
                assertSameValues(r.readBand(0), v);
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = v[i];
                }
                FloatRaster truth = new FloatRaster(1, h, w, f, null);
                Random rnd = new Random(3);
                for (int i = 0; i < 8; i++) {
                    int ww = 1 + rnd.nextInt(w);
                    int hh = 1 + rnd.nextInt(h);
                    PixelWindow win = new PixelWindow(rnd.nextInt(w - ww + 1), rnd.nextInt(h - hh + 1), ww, hh);
                    assertThat(r.read(win, 0).data())
                            .as("%s", win)
                            .containsExactly(truth.crop(win).data());
                }
            }
        }
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path missing = dir.resolve("B02.jp2");
        assertThatThrownBy(() -> Jp2Reader.open(missing))
                .isInstanceOf(SenseiException.class)
                .hasMessage("file not found: " + missing);
        Path text = dir.resolve("text.jp2");
        Files.writeString(text, "this is not an image at all");
        assertThatThrownBy(() -> Jp2Reader.open(text))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not a JPEG2000 file");
        byte[] good = Files.readAllBytes(libraryJp2(20, 20, values(20, 20, 4)));
        for (int keep : new int[] {40, good.length * 4 / 5}) {
            Path cut = dir.resolve("cut" + keep + ".jp2");
            Files.write(cut, Arrays.copyOf(good, keep));
            assertThatThrownBy(() -> {
                        try (Jp2Reader r = Jp2Reader.open(cut)) {
                            r.readBand(0);
                        }
                    })
                    .as("keep %d of %d bytes", keep, good.length)
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining(cut.toString())
                    .hasMessageContaining("truncated");
        }
        try (Jp2Reader r = Jp2Reader.open(libraryJp2(20, 20, values(20, 20, 4)))) {
            assertThatThrownBy(() -> r.readBand(1)).hasMessageContaining("bands 0..0");
        }
    }
}
