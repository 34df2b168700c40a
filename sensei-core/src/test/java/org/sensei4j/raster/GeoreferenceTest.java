package org.sensei4j.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeoreferenceTest {

    @Test
    void mapsPixelCornersThroughTheGdalTransform() {
        Georeference g = Georeference.northUp(32632, 500000, 5000000, 10, 20);
        assertThat(g.transform()).containsExactly(500000, 10, 0, 5000000, 0, -20);
        assertThat(g.pixelToCrs(0, 0)).containsExactly(500000, 5000000);
        assertThat(g.pixelToCrs(3, 2)).containsExactly(500030, 4999960);
        assertThat(g.pixelToCrs(0.5, 0.5)).containsExactly(500005, 4999990);
        assertThat(g.epsg()).hasValue(32632);
        assertThat(g.isNorthUp()).isTrue();
        assertThat(g.isGeographic()).isFalse();
        assertThat(Georeference.of(4326, 10, 0.1, 0, 50, 0, -0.1).isGeographic())
                .isTrue();
    }

    @Test
    void rotatedTransformUsesAllSixTerms() {
        Georeference g = Georeference.of(32633, 100, 2, 0.5, 200, 0.25, -3);
        assertThat(g.isNorthUp()).isFalse();
        // x = 100 + 4*2 + 6*0.5 = 111, y = 200 + 4*0.25 + 6*(-3) = 183
        assertThat(g.pixelToCrs(4, 6)).containsExactly(111, 183);
    }

    @Test
    void windowMovesTheOrigin() {
        Georeference g = Georeference.northUp(32632, 500000, 5000000, 10, 10);
        Georeference w = g.forWindow(new PixelWindow(100, 50, 16, 16));
        assertThat(w.transform()).containsExactly(501000, 10, 0, 4999500, 0, -10);
        assertThat(w.epsg()).hasValue(32632);
    }

    @Test
    void rejectsBadTransforms() {
        assertThatThrownBy(() -> Georeference.of(32632, 1, 2, 3)).hasMessageContaining("give 6");
        assertThatThrownBy(() -> Georeference.of(32632, 0, 0, 0, 0, 0, -1)).hasMessageContaining("singular");
        assertThatThrownBy(() -> Georeference.of(32632, Double.NaN, 1, 0, 0, 0, -1))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> Georeference.of(40000, 0, 1, 0, 0, 0, -1)).hasMessageContaining("EPSG code 40000");
        assertThatThrownBy(() -> Georeference.northUp(32632, 0, 0, -10, 10)).hasMessageContaining("not positive");
    }

    @Test
    void equalityIsByValue() {
        assertThat(Georeference.of(32632, 1, 2, 0, 4, 0, -2))
                .isEqualTo(Georeference.of(32632, 1, 2, 0, 4, 0, -2))
                .hasSameHashCodeAs(Georeference.of(32632, 1, 2, 0, 4, 0, -2))
                .isNotEqualTo(Georeference.of(32633, 1, 2, 0, 4, 0, -2));
        assertThat(Georeference.of(32632, 1, 2, 0, 4, 0, -2)
                        .sameGrid(Georeference.of(32632, 1 + 1e-9, 2, 0, 4, 0, -2), 1e-6))
                .isTrue();
    }

    @Test
    void geoKeysForEpsgAndRasterType() {
        GeoKeys k = GeoKeys.forEpsg(32632, false, Georeference.PixelAnchor.AREA);
        assertThat(k.keyCount()).isEqualTo(3);
        assertThat(k.shortValue(GeoKeys.MODEL_TYPE)).hasValue(1);
        assertThat(k.shortValue(GeoKeys.RASTER_TYPE)).hasValue(1);
        assertThat(k.shortValue(GeoKeys.PROJECTED_CS_TYPE)).hasValue(32632);
        assertThat(k.shortValue(GeoKeys.GEOGRAPHIC_TYPE)).isEmpty();
        GeoKeys p = k.withRasterType(Georeference.PixelAnchor.POINT);
        assertThat(p.shortValue(GeoKeys.RASTER_TYPE)).hasValue(2);
        assertThat(p.keyCount()).isEqualTo(3);

        GeoKeys noRaster = new GeoKeys(new int[] {1, 1, 0, 2, 1024, 0, 1, 2, 2048, 0, 1, 4326}, null, null);
        GeoKeys added = noRaster.withRasterType(Georeference.PixelAnchor.POINT);
        assertThat(added.directory()).containsExactly(1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 2, 2048, 0, 1, 4326);
        assertThatThrownBy(() -> new GeoKeys(new int[] {1, 1, 0, 2, 1024, 0, 1, 2}, null, null))
                .hasMessageContaining("announces 2 keys");
    }
}
