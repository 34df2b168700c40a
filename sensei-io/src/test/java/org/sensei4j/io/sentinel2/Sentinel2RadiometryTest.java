package org.sensei4j.io.sentinel2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sensei4j.io.testdata.ReferenceCrops;

/**
 * DN → reflectance against hand-computed values and against ukis-pysat's reference crops.
 *
 * <p>The 13-band crops ({@code <id>.tif} DN uint16, {@code <id>_toa.tif} float32 reference) are in
 * {@code bandId} order B01, B02, B03, B04, B05, B06, B07, B08, B8A, B09, B10, B11, B12. The reference is
 * {@code (DN + RADIO_ADD_OFFSET) / 10000} in float32, unclipped; NODATA pixels (DN 0) hold 0 there and NaN
 * here.
 */
class Sentinel2RadiometryTest {

    @Test
    void reflectanceWithOffsetAndNoData() {
        float[] rho = Sentinel2Radiometry.reflectance(new int[] {0, 1000, 2000, 500, 65535}, 10000, -1000);
        assertThat(rho[0]).isNaN();
        assertThat(rho[1]).isEqualTo(0f);
        assertThat(rho[2]).isEqualTo(0.1f);
        assertThat(rho[3]).isEqualTo(-0.05f);
        assertThat(rho[4]).isEqualTo(6.4535f);
        float[] noOffset = Sentinel2Radiometry.reflectance(new int[] {0, 1234}, 10000, 0);
        assertThat(noOffset[0]).isNaN();
        assertThat(noOffset[1]).isEqualTo(0.1234f);
    }

    @Test
    void masks() {
        int[] dn = {0, 1, 65534, 65535};
        assertThat(Sentinel2Radiometry.nodataMask(dn)).containsExactly(true, false, false, false);
        assertThat(Sentinel2Radiometry.saturatedMask(dn)).containsExactly(false, false, false, true);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> Sentinel2Radiometry.reflectance(new int[] {1}, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantification");
        assertThatThrownBy(() -> Sentinel2Radiometry.reflectance(new int[] {1}, 10000, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void reproducesUkisPysatBaseline0209WithoutOffset() throws IOException {
        double err = compare("S2B_MSIL1C_20200406T101559_N0209_R065_T32UPC_20200406T130159", 0.0);
        assertThat(err).isZero(); // bit-identical float32
    }

    @Test
    void reproducesUkisPysatBaseline0400WithOffset() throws IOException {
        double err = compare("S2B_MSIL1C_20220615T101559_N0400_R065_T32UPC_20220615T122549", -1000.0);
        assertThat(err).isZero(); // bit-identical float32
    }

    private static double compare(String id, double expectedOffset) throws IOException {
        Path dir = ReferenceCrops.directory();
        Sentinel2Metadata md = Sentinel2Metadata.parse(dir.resolve(id + "_MTD.xml"));
        int[][] dn = ReferenceCrops.readInts(dir.resolve(id + ".tif"));
        float[][] reference = ReferenceCrops.readFloats(dir.resolve(id + "_toa.tif"));
        assertThat(dn).hasNumberOfRows(13);
        assertThat(reference).hasNumberOfRows(13);
        double err = 0;
        int nodata = 0;
        for (int b = 0; b < 13; b++) {
            String band = md.bandName(b);
            assertThat(md.addOffset(band)).isEqualTo(expectedOffset);
            float[] ours = Sentinel2Radiometry.reflectance(dn[b], md, band);
            boolean[] mask = Sentinel2Radiometry.nodataMask(dn[b], md);
            for (int i = 0; i < ours.length; i++) {
                if (mask[i]) {
                    nodata++;
                    assertThat(ours[i]).isNaN();
                    assertThat(reference[b][i]).isEqualTo(0f);
                } else {
                    err = Math.max(err, Math.abs(ours[i] - (double) reference[b][i]));
                }
            }
        }
        System.out.printf("%s: max |ours - ukis-pysat| reflectance %.3g (%d NODATA pixels)%n", id, err, nodata);
        return err;
    }

    @Test
    void offsetMakesADifferenceOnTheBaseline0400Crop() throws IOException {
        Path dir = ReferenceCrops.directory();
        String id = "S2B_MSIL1C_20220615T101559_N0400_R065_T32UPC_20220615T122549";
        int[][] dn = ReferenceCrops.readInts(dir.resolve(id + ".tif"));
        float[][] reference = ReferenceCrops.readFloats(dir.resolve(id + "_toa.tif"));
        // B04, first pixel: without the offset the value would be 0.1 too high
        float withoutOffset = Sentinel2Radiometry.reflectance(new int[] {dn[3][0]}, 10000, 0)[0];
        assertThat(withoutOffset - reference[3][0]).isCloseTo(0.1f, within(1e-6f));
    }
}
