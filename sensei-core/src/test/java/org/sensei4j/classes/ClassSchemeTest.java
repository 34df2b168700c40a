package org.sensei4j.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sensei4j.classes.ClassScheme.CLEAR_CLOUD_SHADOW;
import static org.sensei4j.classes.ClassScheme.CLEAR_THIN_THICK_SHADOW;
import static org.sensei4j.classes.ClassScheme.CLOUD_CLEAR;
import static org.sensei4j.classes.ClassScheme.NODATA;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class ClassSchemeTest {

    @Test
    void schemesHaveIdsNamesAndCloudClasses() {
        assertThat(CLOUD_CLEAR.id()).isEqualTo("cloud");
        assertThat(CLEAR_CLOUD_SHADOW.id()).isEqualTo("cloud-shadow");
        assertThat(CLEAR_THIN_THICK_SHADOW.id()).isEqualTo("full");
        assertThat(CLOUD_CLEAR.classNames()).containsExactly("clear", "cloud");
        assertThat(CLEAR_CLOUD_SHADOW.classNames()).containsExactly("clear", "cloud", "shadow");
        assertThat(CLEAR_THIN_THICK_SHADOW.classNames())
                .containsExactly("clear", "thin_cloud", "thick_cloud", "shadow");
        assertThat(CLEAR_THIN_THICK_SHADOW.classCount()).isEqualTo(4);
        // thin + thick = cloud; shadow and clear are not cloud
        assertThat(new boolean[] {
                    CLEAR_THIN_THICK_SHADOW.isCloud(0),
                    CLEAR_THIN_THICK_SHADOW.isCloud(1),
                    CLEAR_THIN_THICK_SHADOW.isCloud(2),
                    CLEAR_THIN_THICK_SHADOW.isCloud(3)
                })
                .containsExactly(false, true, true, false);
        assertThat(CLEAR_CLOUD_SHADOW.isCloud(1)).isTrue();
        assertThat(CLEAR_CLOUD_SHADOW.isCloud(2)).isFalse();
        assertThat(CLOUD_CLEAR.isCloud(1)).isTrue();
        assertThatThrownBy(() -> CLOUD_CLEAR.isCloud(2)).hasMessageContaining("classes are 0..1");
    }

    @Test
    void parsesIdsAndClassNames() {
        assertThat(ClassScheme.fromId(" Cloud-Shadow ")).isEqualTo(CLEAR_CLOUD_SHADOW);
        assertThat(ClassScheme.fromId("full")).isEqualTo(CLEAR_THIN_THICK_SHADOW);
        assertThatThrownBy(() -> ClassScheme.fromId("clouds"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("'clouds'")
                .hasMessageContaining("cloud, cloud-shadow, full");
        assertThat(CLEAR_THIN_THICK_SHADOW.classIndex("thin")).isEqualTo(1);
        assertThat(CLEAR_THIN_THICK_SHADOW.classIndex("Thick-Cloud")).isEqualTo(2);
        assertThat(CLEAR_CLOUD_SHADOW.classIndex("cloud_shadow")).isEqualTo(2);
        assertThatThrownBy(() -> CLOUD_CLEAR.classIndex("shadow"))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("not in scheme cloud")
                .hasMessageContaining("clear, cloud");
        assertThat(CLEAR_CLOUD_SHADOW.indexOf(ClassKind.THIN_CLOUD)).isEqualTo(-1);
    }

    @Test
    void coloursAreDistinctWithinEachSchemeAndFromNodata() {
        for (ClassScheme s : ClassScheme.values()) {
            Set<Integer> colours = new HashSet<>();
            for (int c = 0; c < s.classCount(); c++) {
                int rgb = s.colour(c);
                assertThat(rgb).isBetween(0, 0xFFFFFF);
                colours.add(rgb);
            }
            assertThat(colours).hasSize(s.classCount()).doesNotContain(ClassScheme.NODATA_COLOUR);
        }
        assertThat(CLOUD_CLEAR.colour(1)).isEqualTo(0xFFFFFF);
    }

    @Test
    void conversionTablesMergeThinThickAndShadow() {
        // full: 0 clear, 1 thin, 2 thick, 3 shadow → cloud-shadow: 0 clear, 1 cloud, 2 shadow
        assertThat(CLEAR_THIN_THICK_SHADOW.conversionTable(CLEAR_CLOUD_SHADOW)).containsExactly(0, 1, 1, 2);
        // → cloud: shadow is "not cloud", i.e. clear
        assertThat(CLEAR_THIN_THICK_SHADOW.conversionTable(CLOUD_CLEAR)).containsExactly(0, 1, 1, 0);
        assertThat(CLEAR_CLOUD_SHADOW.conversionTable(CLOUD_CLEAR)).containsExactly(0, 1, 0);
        assertThat(CLEAR_CLOUD_SHADOW.conversionTable(CLEAR_CLOUD_SHADOW)).containsExactly(0, 1, 2);
        assertThat(CLEAR_CLOUD_SHADOW.convert(2, CLOUD_CLEAR)).isEqualTo(0);
        assertThat(CLEAR_CLOUD_SHADOW.convert(NODATA, CLOUD_CLEAR)).isEqualTo(NODATA);
        assertThat(CLOUD_CLEAR.canConvertTo(CLEAR_CLOUD_SHADOW)).isFalse();
        assertThat(CLEAR_THIN_THICK_SHADOW.canConvertTo(CLOUD_CLEAR)).isTrue();
    }

    @Test
    void refusesToRefine() {
        assertThatThrownBy(() -> CLEAR_CLOUD_SHADOW.convert(0, CLEAR_THIN_THICK_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("finer scheme full")
                .hasMessageContaining("evaluate with scheme cloud-shadow");
        assertThatThrownBy(() -> CLOUD_CLEAR.convert(new byte[] {0}, CLEAR_CLOUD_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("finer");
    }

    @Test
    void convertsArraysKeepingNodataAndMatchesStepwiseConversion() {
        byte[] full = {0, 1, 2, 3, (byte) NODATA};
        assertThat(CLEAR_THIN_THICK_SHADOW.convert(full, CLEAR_CLOUD_SHADOW)).containsExactly(0, 1, 1, 2, (byte) 255);
        assertThat(CLEAR_THIN_THICK_SHADOW.convert(full, CLOUD_CLEAR)).containsExactly(0, 1, 1, 0, (byte) 255);
        // full → cloud directly equals full → cloud-shadow → cloud, on seeded random labels
        Random r = new Random(7);
        byte[] labels = new byte[1000];
        for (int i = 0; i < labels.length; i++) {
            int v = r.nextInt(5);
            labels[i] = (byte) (v == 4 ? NODATA : v);
        }
        byte[] direct = CLEAR_THIN_THICK_SHADOW.convert(labels, CLOUD_CLEAR);
        byte[] stepwise =
                CLEAR_CLOUD_SHADOW.convert(CLEAR_THIN_THICK_SHADOW.convert(labels, CLEAR_CLOUD_SHADOW), CLOUD_CLEAR);
        assertThat(direct).isEqualTo(stepwise);
        assertThatThrownBy(() -> CLEAR_CLOUD_SHADOW.convert(new byte[] {0, 3}, CLOUD_CLEAR))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label value 3 at pixel 1")
                .hasMessageContaining("nor nodata 255");
    }

    @Test
    void refinesForTrainingWithPartialLabels() {
        byte[] cloudLabels = {0, 1, (byte) 255};
        // cloud -> cloud-shadow: "clear" (not cloud) is clear or shadow, cloud stays cloud
        assertThat(ClassScheme.CLOUD_CLEAR.refine(cloudLabels, ClassScheme.CLEAR_CLOUD_SHADOW))
                .containsExactly((byte) (0x80 | 0b101), (byte) 1, (byte) 255);
        // cloud -> full: not cloud = clear or shadow (bits 0, 3), cloud = thin or thick (bits 1, 2)
        assertThat(ClassScheme.CLOUD_CLEAR.refine(cloudLabels, ClassScheme.CLEAR_THIN_THICK_SHADOW))
                .containsExactly((byte) (0x80 | 0b1001), (byte) (0x80 | 0b0110), (byte) 255);
        // to the same or a coarser scheme it is the plain conversion
        byte[] full = {0, 1, 2, 3};
        assertThat(ClassScheme.CLEAR_THIN_THICK_SHADOW.refine(full, ClassScheme.CLOUD_CLEAR))
                .containsExactly(ClassScheme.CLEAR_THIN_THICK_SHADOW.convert(full, ClassScheme.CLOUD_CLEAR));
        assertThat(ClassScheme.isPartial(0x85)).isTrue();
        assertThat(ClassScheme.isPartial(255)).isFalse();
        assertThat(ClassScheme.isPartial(2)).isFalse();
        assertThatThrownBy(() -> ClassScheme.CLOUD_CLEAR.refine(new byte[] {7}, ClassScheme.CLEAR_CLOUD_SHADOW))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("label value 7");
    }
}
