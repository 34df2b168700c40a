package org.sensei4j.io.sentinel2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.raster.Georeference;

class Sentinel2TileMetadataTest {

    @TempDir
    Path dir;

    /** The Tile_Geocoding of a real 10980² tile (T32UPC), as in its MTD_TL.xml, with namespaces. */
    private static final String TILE = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <n1:Level-1C_Tile_ID xmlns:n1="https://psd-14.sentinel2.eo.esa.int/PSD/S2_PDI_Level-1C_Tile_Metadata.xsd">
              <n1:General_Info>
                <TILE_ID metadataLevel="Brief">S2B_OPER_MSI_L1C_TL_2BPS_20220615T122549_A027547_T32UPC_N04.00</TILE_ID>
              </n1:General_Info>
              <n1:Geometric_Info>
                <Tile_Geocoding metadataLevel="Brief">
                  <HORIZONTAL_CS_NAME>WGS84 / UTM zone 32N</HORIZONTAL_CS_NAME>
                  <HORIZONTAL_CS_CODE>EPSG:32632</HORIZONTAL_CS_CODE>
                  <Size resolution="10"><NROWS>10980</NROWS><NCOLS>10980</NCOLS></Size>
                  <Size resolution="20"><NROWS>5490</NROWS><NCOLS>5490</NCOLS></Size>
                  <Size resolution="60"><NROWS>1830</NROWS><NCOLS>1830</NCOLS></Size>
                  <Geoposition resolution="10"><ULX>600000</ULX>
                  <ULY>5400000</ULY><XDIM>10</XDIM><YDIM>-10</YDIM></Geoposition>
                  <Geoposition resolution="20"><ULX>600000</ULX>
                  <ULY>5400000</ULY><XDIM>20</XDIM><YDIM>-20</YDIM></Geoposition>
                  <Geoposition resolution="60"><ULX>600000</ULX>
                  <ULY>5400000</ULY><XDIM>60</XDIM><YDIM>-60</YDIM></Geoposition>
                </Tile_Geocoding>
              </n1:Geometric_Info>
            </n1:Level-1C_Tile_ID>
            """;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("MTD_TL.xml"), text);
    }

    @Test
    void readsCrsGridsAndGeoreference() throws IOException {
        Path file = write(TILE);
        Sentinel2TileMetadata t = Sentinel2TileMetadata.parse(file);
        assertThat(t.epsg()).isEqualTo(32632);
        assertThat(t.crsName()).isEqualTo("WGS84 / UTM zone 32N");
        assertThat(t.tileId()).isEqualTo("S2B_OPER_MSI_L1C_TL_2BPS_20220615T122549_A027547_T32UPC_N04.00");
        assertThat(t.resolutions()).containsExactly(10, 20, 60);
        assertThat(t.grid(20)).isEqualTo(new Sentinel2TileMetadata.TileGrid(20, 5490, 5490, 600000, 5400000, 20, -20));
        assertThat(t.georeference(60)).isEqualTo(Georeference.northUp(32632, 600000, 5400000, 60, 60));
        assertThat(t.georeference(10).pixelToCrs(10980, 10980)).containsExactly(709800.0, 5290200.0);
        assertThat(t.source()).isEqualTo(file);
    }

    @Test
    void incompleteOrCorruptTileMetadataIsNamed() throws IOException {
        Path file = write(TILE.replace("EPSG:32632", "32632"));
        assertThatThrownBy(() -> Sentinel2TileMetadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessage("HORIZONTAL_CS_CODE in " + file + " is '32632', not EPSG:<code>: the metadata file is"
                        + " corrupt; use the granule's MTD_TL.xml");
        write(TILE.replaceFirst("<ULY>5400000</ULY>(\\s*<XDIM>20)", "$1"));
        assertThatThrownBy(() -> Sentinel2TileMetadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessage("element ULY missing from Geoposition resolution=\"20\" in " + file + ": give the granule's"
                        + " MTD_TL.xml (GRANULE/<granule>/MTD_TL.xml in the SAFE folder)");
        write(TILE.replace("<Size resolution=\"60\"><NROWS>1830</NROWS><NCOLS>1830</NCOLS></Size>", ""));
        assertThatThrownBy(() -> Sentinel2TileMetadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("element Size resolution=\"60\" missing from " + file);
        write(TILE.replace("<YDIM>-10</YDIM>", "<YDIM>10</YDIM>"));
        assertThatThrownBy(() -> Sentinel2TileMetadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("a north-up tile has XDIM > 0 and YDIM < 0");
        write("<Level-1C_User_Product><PRODUCT_TYPE>S2MSI1C</PRODUCT_TYPE></Level-1C_User_Product>");
        assertThatThrownBy(() -> Sentinel2TileMetadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("element Tile_Geocoding missing from " + file);
        write("<not xml");
        assertThatThrownBy(() -> Sentinel2TileMetadata.parse(file))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is not well-formed XML");
        Sentinel2TileMetadata only10 =
                Sentinel2TileMetadata.parse(write(TILE.replaceAll("<Size resolution=\"[26]0\">.*?</Size>", "")
                        .replaceAll("(?s)<Geoposition resolution=\"[26]0\">.*?</Geoposition>", "")));
        assertThatThrownBy(() -> only10.grid(20))
                .isInstanceOf(SenseiException.class)
                .hasMessage("no Geoposition/Size for resolution 20 m in " + file + ": it gives [10]; use the granule's"
                        + " complete MTD_TL.xml or one of those");
    }
}
