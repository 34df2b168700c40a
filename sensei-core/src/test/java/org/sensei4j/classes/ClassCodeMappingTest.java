package org.sensei4j.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sensei4j.classes.ClassScheme.CLEAR_CLOUD_SHADOW;
import static org.sensei4j.classes.ClassScheme.CLEAR_THIN_THICK_SHADOW;
import static org.sensei4j.classes.ClassScheme.CLOUD_CLEAR;
import static org.sensei4j.classes.ClassScheme.NODATA;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class ClassCodeMappingTest {

    private static final int N = NODATA;

    /** Expected code → class in the mapping's native scheme, written out by hand from the product docs. */
    private static Map<Integer, Integer> expected(int... codeClassPairs) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < codeClassPairs.length; i += 2) {
            m.put(codeClassPairs[i], codeClassPairs[i + 1]);
        }
        return m;
    }

    private static void assertMapping(ClassCodeMapping m, ClassScheme scheme, Map<Integer, Integer> codeToClass) {
        assertThat(m.scheme()).isEqualTo(scheme);
        assertThat(m.codeNames().keySet()).containsExactlyElementsOf(codeToClass.keySet());
        codeToClass.forEach((code, cls) ->
                assertThat(m.classOf(code)).as("%s code %d", m.id(), code).isEqualTo(cls));
    }

    @Test
    void cloudSen12() {
        // full: 0 clear, 1 thin, 2 thick, 3 shadow; CloudSEN12: 0 clear, 1 thick, 2 thin, 3 shadow
        assertMapping(ClassCodeMapping.CLOUDSEN12, CLEAR_THIN_THICK_SHADOW, expected(0, 0, 1, 2, 2, 1, 3, 3));
        assertThat(ClassCodeMapping.CLOUDSEN12.decode(new byte[] {0, 1, 2, 3}, CLEAR_CLOUD_SHADOW))
                .containsExactly(0, 1, 1, 2);
        assertThat(ClassCodeMapping.CLOUDSEN12.decode(new byte[] {0, 1, 2, 3}, CLOUD_CLEAR))
                .containsExactly(0, 1, 1, 0);
    }

    @Test
    void fmask() {
        // cloud-shadow: 0 clear, 1 cloud, 2 shadow; snow and water are clear; 255 fill is nodata
        assertMapping(ClassCodeMapping.FMASK, CLEAR_CLOUD_SHADOW, expected(0, 0, 1, 0, 2, 2, 3, 0, 4, 1, 255, N));
        assertThat(ClassCodeMapping.FMASK.decode(new int[] {0, 1, 2, 3, 4, 255}, CLOUD_CLEAR))
                .containsExactly(0, 0, 0, 0, 1, (byte) N);
        assertThat(ClassCodeMapping.FMASK.isNodata(255)).isTrue();
        assertThat(ClassCodeMapping.FMASK.knows(5)).isFalse();
    }

    @Test
    void sen2corScl() {
        assertMapping(
                ClassCodeMapping.SEN2COR_SCL,
                CLEAR_THIN_THICK_SHADOW,
                expected(0, N, 1, N, 2, 0, 3, 3, 4, 0, 5, 0, 6, 0, 7, 0, 8, 2, 9, 2, 10, 1, 11, 0));
        short[] codes = new short[12];
        for (short i = 0; i < 12; i++) {
            codes[i] = i;
        }
        assertThat(ClassCodeMapping.SEN2COR_SCL.decode(codes, CLOUD_CLEAR))
                .containsExactly(N, N, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0);
    }

    @Test
    void ukisCsmaskRejectsUnusedCode2() {
        assertMapping(ClassCodeMapping.UKIS_CSMASK, CLEAR_CLOUD_SHADOW, expected(0, 2, 1, 0, 3, 0, 4, 1));
        assertThatThrownBy(() -> ClassCodeMapping.UKIS_CSMASK.decode(new byte[] {0, 1, 2}, CLEAR_CLOUD_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label code 2 at pixel 2 is not a ukis-csmask code")
                .hasMessageContaining("0 cloud shadow, 1 water, 3 clear land, 4 cloud");
    }

    @Test
    void onCloudN() {
        assertMapping(ClassCodeMapping.ON_CLOUD_N, CLOUD_CLEAR, expected(0, 0, 1, 1, 255, N));
        assertThatThrownBy(() -> ClassCodeMapping.ON_CLOUD_N.decode(new byte[] {0}, CLEAR_CLOUD_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("cloud shadow from clear")
                .hasMessageContaining("use scheme cloud");
    }

    @Test
    void cloudMaskCatalogueOneHot() {
        assertMapping(ClassCodeMapping.CLOUD_MASK_CATALOGUE, CLEAR_CLOUD_SHADOW, expected(0, 0, 1, 1, 2, 2, 255, N));
        // 4 pixels × 3 channels (clear, cloud, shadow): clear, cloud, shadow, none
        byte[] hwc = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
        int[] codes = ClassCodeMapping.oneHotToCodes(hwc, 3);
        assertThat(codes).containsExactly(0, 1, 2, ClassCodeMapping.NO_CHANNEL);
        assertThat(ClassCodeMapping.CLOUD_MASK_CATALOGUE.decode(codes, CLEAR_CLOUD_SHADOW))
                .containsExactly(0, 1, 2, (byte) N);
        assertThat(ClassCodeMapping.oneHotToCodes(new boolean[] {false, true, false, true, false, false}, 3))
                .containsExactly(1, 0);
        assertThatThrownBy(() -> ClassCodeMapping.oneHotToCodes(new byte[] {0, 0, 0, 0, 1, 1}, 3))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("pixel 1")
                .hasMessageContaining("channels 1 and 2")
                .hasMessageContaining("not one-hot");
        assertThatThrownBy(() -> ClassCodeMapping.oneHotToCodes(new byte[7], 3))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("7 values");
    }

    @Test
    void sparcs() {
        // cloud-shadow: 0 clear, 1 cloud, 2 shadow; SPARCS: 0 shadow, 1 shadow over water, 2 water, 3 snow,
        // 4 land, 5 cloud, 6 flooded
        assertMapping(ClassCodeMapping.SPARCS, CLEAR_CLOUD_SHADOW, expected(0, 2, 1, 2, 2, 0, 3, 0, 4, 0, 5, 1, 6, 0));
        assertThat(ClassCodeMapping.SPARCS.decode(new int[] {0, 1, 5, 3}, CLOUD_CLEAR))
                .containsExactly(0, 0, 1, 0);
        assertThat(ClassCodeMapping.SPARCS.encode(new byte[] {0, 1, 2}, CLEAR_CLOUD_SHADOW))
                .containsExactly(4, 5, 0);
        assertThatThrownBy(() -> ClassCodeMapping.SPARCS.classOf(7))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label code 7 is not a SPARCS code");
    }

    @Test
    void landsatBiomeAndIrish() {
        // full: 0 clear, 1 thin, 2 thick, 3 shadow
        Map<Integer, Integer> usgs = expected(0, N, 64, 3, 128, 0, 192, 1, 255, 2);
        assertMapping(ClassCodeMapping.L8_BIOME, CLEAR_THIN_THICK_SHADOW, usgs);
        assertMapping(ClassCodeMapping.L7_IRISH, CLEAR_THIN_THICK_SHADOW, usgs);
        assertMapping(ClassCodeMapping.L7_IRISH_ALT, CLEAR_THIN_THICK_SHADOW, expected(0, 3, 128, 2, 192, 1, 255, 0));
        assertThat(ClassCodeMapping.L8_BIOME.decode(
                        new byte[] {0, 64, (byte) 128, (byte) 192, (byte) 255}, CLOUD_CLEAR))
                .containsExactly(N, 0, 0, 1, 1);
        assertThatThrownBy(() -> ClassCodeMapping.L8_BIOME.classOf(100))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label code 100 is not a L8 Biome code");
    }

    @Test
    void cloud38AndCloudPeru2() {
        assertMapping(ClassCodeMapping.CLOUD38, CLOUD_CLEAR, expected(0, 0, 255, 1));
        assertMapping(ClassCodeMapping.CLOUDPERU2, CLOUD_CLEAR, expected(0, 0, 255, 1));
        assertThatThrownBy(() -> ClassCodeMapping.CLOUD38.classOf(1))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label code 1 is not a 38-Cloud code (known: 0 clear, 255 cloud)");
    }

    @Test
    void unknownCodeNamesTheCodeAndTheFix() {
        assertThatThrownBy(() -> ClassCodeMapping.FMASK.decode(new byte[] {0, 4, 5}, CLEAR_CLOUD_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label code 5 at pixel 2 is not a Fmask code")
                .hasMessageContaining("cloud=4;shadow=2;clear=0,1,3;nodata=255");
        assertThatThrownBy(() -> ClassCodeMapping.FMASK.classOf(-1))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label code -1 is not");
        assertThatThrownBy(() -> ClassCodeMapping.FMASK.decode(new byte[] {0}, CLEAR_THIN_THICK_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("thin from thick cloud")
                .hasMessageContaining("use scheme cloud-shadow");
    }

    @Test
    void findsKnownMappingsById() {
        for (ClassCodeMapping m : ClassCodeMapping.known()) {
            assertThat(ClassCodeMapping.of(m.id().toUpperCase(Locale.ROOT))).isSameAs(m);
        }
        assertThat(ClassCodeMapping.known())
                .extracting(ClassCodeMapping::id)
                .containsExactly(
                        "cloudsen12",
                        "fmask",
                        "scl",
                        "ukis-csmask",
                        "on-cloud-n",
                        "s2-cloud-mask-catalogue",
                        "sparcs",
                        "l8-biome",
                        "l7-irish",
                        "l7-irish-alt",
                        "38-cloud",
                        "cloudperu2");
        assertThatThrownBy(() -> ClassCodeMapping.of("sen2cor"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("unknown label code mapping 'sen2cor'")
                .hasMessageContaining("scl")
                .hasMessageContaining("class=codes");
    }

    @Test
    void parsesUserMapping() {
        ClassCodeMapping m = ClassCodeMapping.of("cloud=4;shadow=0;clear=1,2,3;nodata=255");
        assertThat(m.scheme()).isEqualTo(CLEAR_CLOUD_SHADOW);
        assertThat(m.decode(new int[] {4, 0, 1, 2, 3, 255}, CLEAR_CLOUD_SHADOW))
                .containsExactly(1, 2, 0, 0, 0, (byte) N);
        // canonical id: classes in ClassKind order, then nodata; parses back to an equal mapping
        assertThat(m.id()).isEqualTo("clear=1,2,3;cloud=4;shadow=0;nodata=255");
        assertThat(ClassCodeMapping.of(m.id())).isEqualTo(m);
        // writes back the first code of each class
        assertThat(m.encode(new byte[] {0, 1, 2, (byte) N}, CLEAR_CLOUD_SHADOW)).containsExactly(1, 4, 0, (byte) 255);

        ClassCodeMapping ranges = ClassCodeMapping.parse(" CLEAR = 0-3 ; cloud=4-5; ");
        assertThat(ranges.scheme()).isEqualTo(CLOUD_CLEAR);
        assertThat(ranges.decode(new int[] {0, 3, 4, 5}, CLOUD_CLEAR)).containsExactly(0, 0, 1, 1);
        assertThat(ranges.id()).isEqualTo("clear=0,1,2,3;cloud=4,5");

        // a one-code range
        assertThat(ClassCodeMapping.parse("clear=0;cloud=1;nodata=255-255").classOf(255))
                .isEqualTo(N);
    }

    @Test
    void userMappingWithThinAndThickIsFull() {
        ClassCodeMapping full = ClassCodeMapping.parse("clear=0;thin=10;thick=8,9;shadow=3;nodata=1,2");
        assertThat(full.scheme()).isEqualTo(CLEAR_THIN_THICK_SHADOW);
        assertThat(full.decode(new int[] {0, 10, 8, 9, 3, 1, 2}, CLEAR_THIN_THICK_SHADOW))
                .containsExactly(0, 1, 2, 2, 3, N, N);
        assertThatThrownBy(() -> full.decode(new int[] {7}, CLOUD_CLEAR))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label code 7 at pixel 0 is not in the label code mapping")
                .hasMessageContaining("add 7 to the mapping");
    }

    @Test
    void userMappingSyntaxErrors() {
        assertParseError("", "empty");
        assertParseError("  ", "empty");
        assertParseError("cloud 4", "has no '='");
        assertParseError("clouds=4;clear=0", "unknown class 'clouds'");
        assertParseError("cloud=;clear=0", "has no codes");
        assertParseError("cloud=x;clear=0", "'x' for cloud");
        assertParseError("cloud=4.5;clear=0", "is not a code");
        assertParseError("cloud=4;clear=4", "code 4 is given for both cloud and clear");
        assertParseError("cloud=4;cloud=5", "class 'cloud' is given twice");
        assertParseError("nodata=0;nodata=1;cloud=2", "class 'nodata' is given twice");
        assertParseError("cloud=4;thin=5", "both cloud and thin/thick cloud");
        assertParseError("cloud=7-5", "runs backwards");
        assertParseError("cloud=70000", "out of range");
        assertParseError("cloud=-1", "out of range");
        assertParseError("nodata=255", "names no class");
    }

    private static void assertParseError(String spec, String message) {
        assertThatThrownBy(() -> ClassCodeMapping.parse(spec))
                .as(spec)
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(message);
    }

    @Test
    void encodesFmaskAndSclCodes() {
        byte[] full = {0, 1, 2, 3, (byte) N};
        // Fmask: clear 0, thin/thick → cloud 4, shadow 2, nodata 255
        assertThat(ClassCodeMapping.FMASK.encode(full, CLEAR_THIN_THICK_SHADOW))
                .containsExactly(0, 4, 4, 2, (byte) 255);
        // SCL: clear 4 (vegetation), thin 10 (cirrus), thick 9 (high probability), shadow 3, nodata 0
        assertThat(ClassCodeMapping.SEN2COR_SCL.encode(full, CLEAR_THIN_THICK_SHADOW))
                .containsExactly(4, 10, 9, 3, 0);
        // cloud scheme into SCL: cloud of unknown thickness → 9
        assertThat(ClassCodeMapping.SEN2COR_SCL.encode(new byte[] {0, 1}, CLOUD_CLEAR))
                .containsExactly(4, 9);
        // into CloudSEN12 (no plain cloud code): cloud → thick cloud 1
        assertThat(ClassCodeMapping.CLOUDSEN12.encode(new byte[] {0, 1, 2}, CLEAR_CLOUD_SHADOW))
                .containsExactly(0, 1, 3);
        // On Cloud N has no shadow: shadow → not cloud 0
        assertThat(ClassCodeMapping.ON_CLOUD_N.encode(new byte[] {0, 1, 2, (byte) N}, CLEAR_CLOUD_SHADOW))
                .containsExactly(0, 1, 0, (byte) 255);
        assertThat(ClassCodeMapping.UKIS_CSMASK.encode(new byte[] {0, 1, 2}, CLEAR_CLOUD_SHADOW))
                .containsExactly(3, 4, 0);
        assertThatThrownBy(() -> ClassCodeMapping.UKIS_CSMASK.encode(new byte[] {(byte) N}, CLOUD_CLEAR))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no nodata code");
        assertThatThrownBy(() -> ClassCodeMapping.FMASK.encode(new byte[] {3}, CLEAR_CLOUD_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("value 3 at pixel 0");
        assertThatThrownBy(() -> ClassCodeMapping.parse("clear=0").encode(new byte[] {1}, CLOUD_CLEAR))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no code for class cloud");
        assertThatThrownBy(() -> ClassCodeMapping.parse("clear=0;cloud=300").encode(new byte[] {1}, CLOUD_CLEAR))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("does not fit in a byte");
    }

    @Test
    void encodeThenDecodeIsIdentityInTheNativeScheme() {
        Random r = new Random(11);
        for (ClassCodeMapping m : new ClassCodeMapping[] {
            ClassCodeMapping.FMASK,
            ClassCodeMapping.SEN2COR_SCL,
            ClassCodeMapping.CLOUDSEN12,
            ClassCodeMapping.ON_CLOUD_N,
            ClassCodeMapping.CLOUD_MASK_CATALOGUE
        }) {
            ClassScheme s = m.scheme();
            boolean hasNodata = m.nodataCode() >= 0;
            byte[] classes = new byte[500];
            for (int i = 0; i < classes.length; i++) {
                int v = r.nextInt(s.classCount() + (hasNodata ? 1 : 0));
                classes[i] = (byte) (v == s.classCount() ? N : v);
            }
            assertThat(m.decode(m.encode(classes, s), s)).as(m.id()).isEqualTo(classes);
        }
    }

    @Test
    void markdownFileMatchesTheMappings() throws IOException {
        String doc;
        try (InputStream in = ClassCodeMapping.class.getResourceAsStream("CLASS_CODES.md")) {
            assertThat(in).as("CLASS_CODES.md on the class path").isNotNull();
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(doc)
                .as("CLASS_CODES.md is what class-code-mappings.yaml generates: run ClassCodesDocument"
                        + " (see its Javadoc) to regenerate it")
                .isEqualTo(ClassCodesDocument.regenerate(doc));
        String tables = ClassCodesDocument.tables();
        assertThat(tables)
                .contains("| 10 | thin cirrus | 1 thin_cloud | 1 cloud | 1 cloud |")
                .contains("| 255 | fill | nodata | nodata |");
    }
}
