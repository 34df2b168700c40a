package org.sensei4j.io.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.raster.SampleType;

class LabelFilesTest {

    @TempDir
    Path dir;

    @Test
    void tiffCodesAreDecodedInStripsLikeAWholeRead() {
        // 600 rows cross the 256-row strips; codes drawn at random from the Biome codes
        Random r = new Random(7);
        int h = 600;
        int w = 3;
        int[] codes = {0, 64, 128, 192, 255};
        float[] v = new float[h * w];
        int[] expected = new int[h * w];
        for (int i = 0; i < v.length; i++) {
            int c = codes[r.nextInt(codes.length)];
            v[i] = c;
            expected[i] = c;
        }
        Path f = Fixtures.tif(dir.resolve("m.tif"), SampleType.UINT8, h, w, v);
        LabelFiles.Labels l = LabelFiles.decode(f, ClassCodeMapping.L8_BIOME, ClassScheme.CLEAR_CLOUD_SHADOW, null);
        assertThat(l.width()).isEqualTo(w);
        assertThat(l.height()).isEqualTo(h);
        assertThat(l.classes())
                .containsExactly(ClassCodeMapping.L8_BIOME.decode(expected, ClassScheme.CLEAR_CLOUD_SHADOW));
        assertThat(LabelFiles.readCodes(f, null).codes()).containsExactly(expected);
        assertThat(LabelFiles.topLeftCode(f)).isEqualTo(expected[0]);
    }

    @Test
    void sixteenBitCodesAndNonIntegerValues() {
        Path f = Fixtures.tif(dir.resolve("u16.tif"), SampleType.UINT16, 1, 3, 300, 0, 300);
        ClassCodeMapping m = ClassCodeMapping.parse("clear=0;cloud=300");
        assertThat(LabelFiles.decode(f, m, ClassScheme.CLOUD_CLEAR, null).classes())
                .containsExactly(1, 0, 1);
        Path p = Fixtures.tif(dir.resolve("prob.tif"), SampleType.FLOAT32, 1, 2, 0f, 0.5f);
        Fixtures.assertFails(
                () -> LabelFiles.decode(p, m, ClassScheme.CLOUD_CLEAR, null),
                "value 0.5 at row 0, column 1",
                "not a class code");
    }

    @Test
    void greyAlphaAndPalettePngsGiveTheirFirstSample() throws IOException {
        BufferedImage ga = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        ga.setRGB(0, 0, 0xFF000000);
        ga.setRGB(1, 0, 0xFFFFFFFF);
        // TYPE_INT_ARGB is colour: with the SPARCS colours black and white are 0 (shadow) and 5 (cloud)
        ImageIO.write(ga, "png", dir.resolve("argb.png").toFile());
        assertThat(LabelFiles.readCodes(dir.resolve("argb.png"), SparcsDataset.MASK_COLOURS)
                        .codes())
                .containsExactly(0, 5);
        BufferedImage pal = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED);
        pal.getRaster().setSample(0, 0, 0, 4);
        pal.getRaster().setSample(1, 0, 0, 0);
        pal.getRaster().setSample(2, 0, 0, 6);
        ImageIO.write(pal, "png", dir.resolve("pal.png").toFile());
        assertThat(LabelFiles.readCodes(dir.resolve("pal.png"), null).codes()).containsExactly(4, 0, 6);
        Files.write(dir.resolve("bad.png"), new byte[] {1, 2, 3});
        Fixtures.assertFails(() -> LabelFiles.readCodes(dir.resolve("bad.png"), null), "not an image format");
        Fixtures.assertFails(() -> LabelFiles.readCodes(dir.resolve("argb.png"), null), "is a colour image");
    }

    @Test
    void enviHeaderProblems() throws IOException {
        Files.write(dir.resolve("m.img"), new byte[] {0, 1});
        Fixtures.text(dir.resolve("m.hdr"), "ENVI\nsamples = 2\nlines = 1\ndata type = 4\n");
        Fixtures.assertFails(() -> LabelFiles.readCodes(dir.resolve("m.img"), null), "data type 4");
        Fixtures.text(dir.resolve("m.hdr"), "ENVI\nsamples = 2\ndata type = 1\n");
        Fixtures.assertFails(() -> LabelFiles.readCodes(dir.resolve("m.img"), null), "lacks 'lines'");
        Fixtures.text(dir.resolve("m.hdr"), "ENVI\nsamples = 1\nlines = 1\ndata type = 12\nbyte order = 1\n");
        Files.write(dir.resolve("m.img"), new byte[] {1, 2});
        assertThat(LabelFiles.readCodes(dir.resolve("m.hdr"), null).codes()).containsExactly(258);
    }
}
