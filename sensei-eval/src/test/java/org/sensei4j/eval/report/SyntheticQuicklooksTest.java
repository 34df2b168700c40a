package org.sensei4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;

class SyntheticQuicklooksTest {

    static final Path SHARED = Path.of(System.getProperty("sensei.root", ".."))
            .resolve("../shared")
            .toAbsolutePath()
            .normalize();

    @Test
    void rgbOfAnySensorTakesTheBandsNearestToRedGreenBlue() {
        List<Band> bands = List.of(band("a", 443), band("b", 865), band("c", 610), band("d", 1600));
        assertThat(SyntheticQuicklooks.nearest(bands, 660, 560, 480)).containsExactly("c", "c", "a");
    }

    @Test
    void thePageShowsSixSyntheticAndTwoRealScenes() {
        Assumptions.assumeTrue(
                Files.isDirectory(SHARED.resolve("data/spectra")) && Files.isDirectory(SHARED.resolve("data/real")),
                "../shared absent: skipping the quicklook page");
        BufferedImage page = SyntheticQuicklooks.page(SHARED.resolve("data/spectra"), SHARED.resolve("data/real"));
        // 3 rows of 6 pictures: 6 synthetic scenes × (RGB, truth), then the real scenes and 1.375 µm bands
        assertThat(page.getWidth()).isEqualTo(6 * (SyntheticQuicklooks.TILE + 4) + 4);
        assertThat(page.getHeight()).isEqualTo(3 * (SyntheticQuicklooks.TILE + 18) + 4);
        // the truth pictures hold cloud (the overlay's blue)
        int blue = 0;
        int x0 = 4 + SyntheticQuicklooks.TILE + 4;
        for (int y = 18; y < 18 + SyntheticQuicklooks.TILE; y++) {
            for (int x = x0; x < x0 + SyntheticQuicklooks.TILE; x++) {
                if ((page.getRGB(x, y) & 0xFFFFFF) == Pictures.CORRECT_CLOUD) {
                    blue++;
                }
            }
        }
        assertThat(blue).isGreaterThan(SyntheticQuicklooks.TILE * SyntheticQuicklooks.TILE / 20);
    }

    private static Band band(String id, double centre) {
        BandDescriptor d = new BandDescriptor(centre - 10, centre, centre + 10);
        return new Band(id, null, d, Double.NaN, Quantity.defaultFor(d));
    }
}
