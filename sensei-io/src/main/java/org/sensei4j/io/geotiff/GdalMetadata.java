package org.sensei4j.io.geotiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What makes a GeoTIFF self-describing for GDAL: dataset metadata items and band descriptions (stored inside the
 * file in the GDAL_METADATA TIFF tag 42112, as GDAL writes them), a colour table (the TIFF ColorMap tag 320 with
 * PhotometricInterpretation palette; single-band Byte images only) and category (class) names.
 *
 * <p>GDAL's GTiff driver (checked with GDAL 3.6) keeps category names only in the PAM sidecar {@code FILE.aux.xml},
 * never inside the TIFF: {@link #auxXml()} is that sidecar, written next to the image by the caller. The class
 * names are also one dataset item ({@code CLASSES}) inside the file, so that a copy without its sidecar still
 * says what its values mean. Immutable.
 *
 * @param items dataset metadata items in order (name → value); names are letters, digits and underscores
 * @param bandDescriptions one description per band, or empty for none
 * @param colours RGB colours ({@code 0xRRGGBB}) of pixel values 0..n−1 (n ≤ 256), null for no colour table;
 *     {@link #nodataColour} is used for the nodata value
 * @param nodataColour colour of the nodata value when there is a colour table
 * @param categories category names of pixel values 0..n−1 for band 1 (sidecar only), empty for none
 */
public record GdalMetadata(
        Map<String, String> items,
        List<String> bandDescriptions,
        int[] colours,
        int nodataColour,
        List<String> categories) {

    /** Nothing: no GDAL_METADATA tag, no colour table, no sidecar. */
    public static final GdalMetadata NONE = new GdalMetadata(Map.of(), List.of(), null, 0, List.of());

    public GdalMetadata {
        items = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(items, "items")));
        for (String name : items.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("metadata item name '" + name + "': use letters, digits and _");
            }
        }
        bandDescriptions = List.copyOf(bandDescriptions);
        categories = List.copyOf(categories);
        if (colours != null) {
            if (colours.length == 0 || colours.length > 256) {
                throw new IllegalArgumentException("a colour table has 1..256 entries, not " + colours.length);
            }
            colours = colours.clone();
        }
    }

    /** A copy with the dataset item {@code name} set (appended, or replaced in place). */
    public GdalMetadata with(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(items);
        m.put(name, value);
        return new GdalMetadata(m, bandDescriptions, colours, nodataColour, categories);
    }

    /** A copy with these band descriptions. */
    public GdalMetadata withBandDescriptions(List<String> descriptions) {
        return new GdalMetadata(items, descriptions, colours, nodataColour, categories);
    }

    /** A copy with a colour table (values 0..n−1, and {@code nodataColour} for the nodata value). */
    public GdalMetadata withColours(int[] rgb, int nodataRgb) {
        return new GdalMetadata(items, bandDescriptions, rgb, nodataRgb, categories);
    }

    /** A copy with category names for band 1 (written to the sidecar, see {@link #auxXml()}). */
    public GdalMetadata withCategories(List<String> names) {
        return new GdalMetadata(items, bandDescriptions, colours, nodataColour, names);
    }

    /** True when there is nothing for the GDAL_METADATA tag. */
    boolean hasXml() {
        return !items.isEmpty() || bandDescriptions.stream().anyMatch(d -> d != null && !d.isEmpty());
    }

    /**
     * The GDAL_METADATA tag's XML (as GDAL writes it: values are XML-escaped twice, which GDAL undoes when it
     * reads them), or null when there is nothing to say.
     */
    public String xml() {
        if (!hasXml()) {
            return null;
        }
        StringBuilder s = new StringBuilder("<GDALMetadata>\n");
        items.forEach((k, v) -> s.append("  <Item name=\"")
                .append(k)
                .append("\">")
                .append(escape(escape(v)))
                .append("</Item>\n"));
        for (int b = 0; b < bandDescriptions.size(); b++) {
            String d = bandDescriptions.get(b);
            if (d != null && !d.isEmpty()) {
                s.append("  <Item name=\"DESCRIPTION\" sample=\"")
                        .append(b)
                        .append("\" role=\"description\">")
                        .append(escape(escape(d)))
                        .append("</Item>\n");
            }
        }
        return s.append("</GDALMetadata>").toString();
    }

    /**
     * The TIFF ColorMap tag's 768 values (red, then green, then blue; 16 bits each) for a Byte image whose nodata
     * value is {@code nodata} (or null), or null without a colour table. Entries without a colour are black.
     */
    short[] colorMap(Double nodata) {
        if (colours == null) {
            return null;
        }
        int[] rgb = new int[256];
        System.arraycopy(colours, 0, rgb, 0, colours.length);
        if (nodata != null && nodata >= 0 && nodata <= 255 && nodata == Math.rint(nodata)) {
            rgb[nodata.intValue()] = nodataColour;
        }
        short[] map = new short[768];
        for (int i = 0; i < 256; i++) {
            map[i] = (short) (((rgb[i] >> 16) & 0xFF) * 257);
            map[256 + i] = (short) (((rgb[i] >> 8) & 0xFF) * 257);
            map[512 + i] = (short) ((rgb[i] & 0xFF) * 257);
        }
        return map;
    }

    /**
     * The PAM sidecar ({@code FILE.aux.xml}) that carries the category names GDAL cannot read from inside a
     * GeoTIFF, or null when there are none.
     */
    public String auxXml() {
        if (categories.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder("<PAMDataset>\n  <PAMRasterBand band=\"1\">\n    <CategoryNames>\n");
        for (String c : categories) {
            s.append("      <Category>").append(escape(c)).append("</Category>\n");
        }
        return s.append("    </CategoryNames>\n  </PAMRasterBand>\n</PAMDataset>\n")
                .toString();
    }

    /** Values as {@code 0:clear,1:cloud,...} for the {@code CLASSES} item. */
    public static String classList(List<String> names, int nodata) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add(i + ":" + names.get(i));
        }
        parts.add(nodata + ":nodata");
        return String.join(",", parts);
    }

    private static String escape(String v) {
        StringBuilder s = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                default -> s.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GdalMetadata g
                && items.equals(g.items)
                && bandDescriptions.equals(g.bandDescriptions)
                && Arrays.equals(colours, g.colours)
                && nodataColour == g.nodataColour
                && categories.equals(g.categories);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, bandDescriptions, Arrays.hashCode(colours), nodataColour, categories);
    }
}
