package org.sensei4j.sensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;

/**
 * A multispectral instrument: its id, names and its bands in product order.
 *
 * <p>Band look-up is tolerant: case does not matter, nor do blanks, '_' and '-', nor leading zeros in numbers
 * ({@code "b2"} finds {@code "B02"} and {@code "B02"} finds {@code "B2"}); a STAC common name finds the one
 * band that carries it ({@code "red"}), and a common name without its numeric suffix finds a narrow variant
 * when only one band has it ({@code "nir"} finds Landsat 8's {@code nir08} band B5).
 */
public final class Sensor {

    private final String id;
    private final String name;
    private final List<String> aliases;
    private final List<Band> bands;
    private final String source;
    private final Map<String, Band> byKey;

    /** A sensor without source note. */
    public Sensor(String id, String name, List<String> aliases, List<Band> bands) {
        this(id, name, aliases, bands, null);
    }

    /**
     * @param id      lower-case id such as {@code "sentinel2"} (upper case is lowered)
     * @param name    display name; the id when null or blank
     * @param aliases other names the sensor is found by (case-insensitive), may be null
     * @param bands   the bands in the order the sensor's products store them; at least one, ids unique
     * @param source  where the band values come from (a citation), or null
     * @throws IllegalArgumentException naming the sensor, the band and the fix
     */
    public Sensor(String id, String name, List<String> aliases, List<Band> bands, String source) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("sensor id is empty: give a lower-case id such as 'mysat'");
        }
        String lower = id.trim().toLowerCase(Locale.ROOT);
        if (!lower.matches("[a-z0-9][a-z0-9._+-]*")) {
            throw new IllegalArgumentException("sensor id '" + id + "' has characters other than letters, digits"
                    + " and . _ + -: give an id such as 'mysat-1'");
        }
        this.id = lower;
        this.name = name == null || name.isBlank() ? lower : name.trim();
        Set<String> al = new LinkedHashSet<>();
        if (aliases != null) {
            for (String a : aliases) {
                if (a != null && !a.isBlank() && !a.trim().equalsIgnoreCase(lower)) {
                    al.add(a.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        this.aliases = List.copyOf(al);
        if (bands == null || bands.isEmpty()) {
            throw new IllegalArgumentException("sensor '" + lower + "' has no bands: give at least one band");
        }
        this.bands = List.copyOf(bands);
        this.source = source == null || source.isBlank() ? null : source.trim();
        Map<String, Band> keys = new LinkedHashMap<>();
        for (int i = 0; i < this.bands.size(); i++) {
            Band b = this.bands.get(i);
            Band previous = keys.putIfAbsent(BandIds.key(b.id()), b);
            if (previous != null) {
                int first = this.bands.indexOf(previous) + 1;
                throw new IllegalArgumentException("sensor '" + lower + "': band id '" + b.id() + "' (band " + (i + 1)
                        + ") duplicates '" + previous.id() + "' (band " + first + ")"
                        + (previous.id().equals(b.id()) ? "" : "; case, '_', '-' and leading zeros are ignored")
                        + ": give each band a unique id");
            }
        }
        this.byKey = Collections.unmodifiableMap(keys);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Other names, lower case, without the id. */
    public List<String> aliases() {
        return aliases;
    }

    /** The bands in product order. */
    public List<Band> bands() {
        return bands;
    }

    /** Where the band values come from, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The band ids in product order. */
    public List<String> bandIds() {
        return bands.stream().map(Band::id).toList();
    }

    /** The descriptors of all bands, in product order. */
    public List<BandDescriptor> descriptors() {
        return bands.stream().map(Band::wavelengths).toList();
    }

    /**
     * The band a user's text names (see the class comment for the matching rules), if any.
     *
     * @throws SenseiException when the text is a common name shared by several bands
     */
    public Optional<Band> findBand(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        for (Band b : bands) {
            if (b.id().equalsIgnoreCase(t)) {
                return Optional.of(b);
            }
        }
        Band byTolerantId = byKey.get(BandIds.key(t));
        if (byTolerantId != null) {
            return Optional.of(byTolerantId);
        }
        Optional<CommonName> common = CommonName.find(t);
        if (common.isPresent()) {
            List<Band> hits =
                    bands.stream().filter(b -> b.commonName() == common.get()).toList();
            if (!hits.isEmpty()) {
                return Optional.of(single(t, hits));
            }
        }
        String lower = t.toLowerCase(Locale.ROOT);
        List<Band> family = bands.stream()
                .filter(b -> b.commonName() != null && b.commonName().family().equals(lower))
                .toList();
        return family.isEmpty() ? Optional.empty() : Optional.of(single(t, family));
    }

    private Band single(String text, List<Band> hits) {
        if (hits.size() > 1) {
            throw new SenseiException("'" + text + "' matches bands "
                    + hits.stream()
                            .map(b -> b.id() + " (" + b.commonName() + ")")
                            .collect(Collectors.joining(", ")) + " of sensor '" + id
                    + "': give one band id");
        }
        return hits.get(0);
    }

    /**
     * The band a user's text names.
     *
     * @throws SenseiException naming the unknown band and listing the valid ids
     */
    public Band band(String text) {
        return findBand(text)
                .orElseThrow(() -> new SenseiException("sensor '" + id + "' has no band '" + text
                        + "': valid band ids are " + String.join(", ", bandIds())
                        + (bands.stream().anyMatch(b -> b.commonName() != null)
                                ? " (STAC common names such as '" + firstCommonName() + "' also work)"
                                : "")));
    }

    private String firstCommonName() {
        return bands.stream()
                .filter(b -> b.commonName() != null)
                .map(b -> b.commonName().stacName())
                .findFirst()
                .orElse("");
    }

    /**
     * The named bands in the order given.
     *
     * @throws SenseiException for an empty list, an unknown band (naming it and listing the valid ids) or a band
     *                         named twice
     */
    public List<Band> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new SenseiException("no bands selected for sensor '" + id + "': give band ids, e.g. "
                    + String.join(",", bandIds().subList(0, Math.min(3, bands.size()))));
        }
        List<Band> out = new ArrayList<>(ids.size());
        Map<Band, String> seen = new LinkedHashMap<>();
        for (String text : ids) {
            Band b = band(text);
            String before = seen.putIfAbsent(b, text);
            if (before != null) {
                throw new SenseiException("band " + b.id() + " of sensor '" + id + "' is selected twice"
                        + (before.equals(text) ? "" : " (as '" + before + "' and '" + text + "')")
                        + ": give each band once");
            }
            out.add(b);
        }
        return List.copyOf(out);
    }

    /** The descriptors of the named bands, in the order given (see {@link #select(List)}). */
    public List<BandDescriptor> descriptors(List<String> ids) {
        return select(ids).stream().map(Band::wavelengths).toList();
    }

    /** A selection of the named bands, in the order given (see {@link #select(List)}). */
    public BandSelection selection(List<String> ids) {
        return BandSelection.of(this, select(ids));
    }

    /** A selection of all bands in product order. */
    public BandSelection selectAll() {
        return BandSelection.of(this, bands);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sensor s
                && id.equals(s.id)
                && name.equals(s.name)
                && aliases.equals(s.aliases)
                && bands.equals(s.bands)
                && Objects.equals(source, s.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, aliases, bands, source);
    }

    @Override
    public String toString() {
        return id + " (" + name + ", " + bands.size() + " bands)";
    }
}
