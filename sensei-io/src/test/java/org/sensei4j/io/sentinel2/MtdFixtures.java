package org.sensei4j.io.sentinel2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-written, shortened MTD_MSIL1C.xml / MTD_MSIL2A.xml files for tests. */
final class MtdFixtures {

    private static final String[] PHYSICAL = {
        "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B8A", "B9", "B10", "B11", "B12"
    };

    private MtdFixtures() {}

    /** An L1C product-level MTD; offsets −1000 for all bands when {@code withOffsets}. */
    static String l1c(String baseline, boolean withOffsets) {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        s.append("<n1:Level-1C_User_Product "
                + "xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-1C.xsd\">\n");
        s.append("  <n1:General_Info>\n    <Product_Info>\n");
        s.append("      <PRODUCT_START_TIME>2022-06-15T10:15:59.025Z</PRODUCT_START_TIME>\n");
        s.append("      <PRODUCT_TYPE>S2MSI1C</PRODUCT_TYPE>\n");
        s.append("      <PROCESSING_BASELINE>").append(baseline).append("</PROCESSING_BASELINE>\n");
        s.append("      <Datatake datatakeIdentifier=\"GS2C_20220615T101559_027547_N04.00\">\n");
        s.append("        <SPACECRAFT_NAME>Sentinel-2C</SPACECRAFT_NAME>\n");
        s.append("        <DATATAKE_SENSING_START>2022-06-15T10:15:59.000Z</DATATAKE_SENSING_START>\n");
        s.append("      </Datatake>\n    </Product_Info>\n");
        s.append("    <Product_Image_Characteristics>\n");
        s.append("      <Special_Values><SPECIAL_VALUE_TEXT>NODATA</SPECIAL_VALUE_TEXT>");
        s.append("<SPECIAL_VALUE_INDEX>0</SPECIAL_VALUE_INDEX></Special_Values>\n");
        s.append("      <Special_Values><SPECIAL_VALUE_TEXT>SATURATED</SPECIAL_VALUE_TEXT>");
        s.append("<SPECIAL_VALUE_INDEX>65535</SPECIAL_VALUE_INDEX></Special_Values>\n");
        s.append("      <QUANTIFICATION_VALUE unit=\"none\">10000</QUANTIFICATION_VALUE>\n");
        if (withOffsets) {
            s.append("      <Radiometric_Offset_List>\n");
            for (int i = 0; i < 13; i++) {
                s.append("        <RADIO_ADD_OFFSET band_id=\"").append(i).append("\">-1000</RADIO_ADD_OFFSET>\n");
            }
            s.append("      </Radiometric_Offset_List>\n");
        }
        s.append("      <Reflectance_Conversion><U>0.969916469094966</U><Solar_Irradiance_List>\n");
        s.append("        <SOLAR_IRRADIANCE bandId=\"3\" unit=\"W/m²/µm\">1512.79</SOLAR_IRRADIANCE>\n");
        s.append("      </Solar_Irradiance_List></Reflectance_Conversion>\n");
        s.append(spectralInformation());
        s.append("    </Product_Image_Characteristics>\n  </n1:General_Info>\n</n1:Level-1C_User_Product>\n");
        return s.toString();
    }

    /** An L2A product-level MTD with BOA quantification 10000 and BOA offsets −1000 (baseline 04.00). */
    static String l2a() {
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<n1:Level-2A_User_Product "
                + "xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd\">\n");
        s.append("  <n1:General_Info>\n    <Product_Info>\n");
        s.append("      <PRODUCT_START_TIME>2023-01-15T05:11:21.024Z</PRODUCT_START_TIME>\n");
        s.append("      <PRODUCT_TYPE>S2MSI2A</PRODUCT_TYPE>\n");
        s.append("      <PROCESSING_BASELINE>05.09</PROCESSING_BASELINE>\n");
        s.append("      <Datatake><SPACECRAFT_NAME>Sentinel-2A</SPACECRAFT_NAME></Datatake>\n");
        s.append("    </Product_Info>\n    <Product_Image_Characteristics>\n");
        s.append("      <QUANTIFICATION_VALUES_LIST>\n");
        s.append("        <BOA_QUANTIFICATION_VALUE unit=\"none\">10000</BOA_QUANTIFICATION_VALUE>\n");
        s.append("        <AOT_QUANTIFICATION_VALUE unit=\"none\">1000.0</AOT_QUANTIFICATION_VALUE>\n");
        s.append("        <WVP_QUANTIFICATION_VALUE unit=\"cm\">1000.0</WVP_QUANTIFICATION_VALUE>\n");
        s.append("      </QUANTIFICATION_VALUES_LIST>\n      <BOA_ADD_OFFSET_VALUES_LIST>\n");
        for (int i = 0; i < 13; i++) {
            s.append("        <BOA_ADD_OFFSET band_id=\"").append(i).append("\">-1000</BOA_ADD_OFFSET>\n");
        }
        s.append("      </BOA_ADD_OFFSET_VALUES_LIST>\n");
        s.append(spectralInformation());
        s.append("    </Product_Image_Characteristics>\n  </n1:General_Info>\n</n1:Level-2A_User_Product>\n");
        return s.toString();
    }

    private static String spectralInformation() {
        StringBuilder s = new StringBuilder("      <Spectral_Information_List>\n");
        for (int i = 0; i < PHYSICAL.length; i++) {
            s.append("        <Spectral_Information bandId=\"")
                    .append(i)
                    .append("\" physicalBand=\"")
                    .append(PHYSICAL[i])
                    .append("\"><RESOLUTION>10</RESOLUTION></Spectral_Information>\n");
        }
        return s.append("      </Spectral_Information_List>\n").toString();
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
