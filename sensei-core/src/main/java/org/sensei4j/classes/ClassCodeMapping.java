package org.sensei4j.classes;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.sensei4j.error.SenseiException;

/**
 * How the label codes of an outside product or data set (Fmask, Sen2Cor SCL, CloudSEN12, ...) map to our
 * classes, and back. Each mapping has a native {@link ClassScheme} (the finest one its codes can express) and
 * decodes to that scheme or any coarser one; codes mapped to nodata become {@link ClassScheme#NODATA} and are
 * left out of metrics. A code that the mapping does not know is an error, never silently clear.
 *
 * <p>The known mappings are data: {@code class-code-mappings.yaml} next to this class, read once when the class
 * loads. {@code CLASS_CODES.md} (also next to this class) documents them; its tables are generated from that data
 * by {@link ClassCodesDocument}.
 *
 * <p>Writing ({@link #encode}) uses, for each class, the first code listed for it, except where a mapping's
 * {@code write} entry names another code (Sen2Cor SCL writes clear as 4, vegetation). A cloud of unknown thickness
 * is written as thick cloud where the mapping has no plain cloud code; thin/thick cloud is written as cloud where
 * it has no thin/thick codes; shadow is written as clear where it has no shadow code.
 */
public final class ClassCodeMapping {

    /** Largest label code a mapping can hold (uint16 rasters). */
    public static final int MAX_CODE = 65535;

    /** Code that {@link #oneHotToCodes} gives a pixel with no channel set. */
    public static final int NO_CHANNEL = 255;

    private static final int UNKNOWN = -1;

    private static final String RESOURCE = "class-code-mappings.yaml";

    private static final List<ClassCodeMapping> KNOWN = load();

    /** The {@code cloudsen12} mapping. */
    public static final ClassCodeMapping CLOUDSEN12 = known("cloudsen12");

    /** The {@code fmask} mapping. */
    public static final ClassCodeMapping FMASK = known("fmask");

    /** The {@code scl} mapping. */
    public static final ClassCodeMapping SEN2COR_SCL = known("scl");

    /** The {@code ukis-csmask} mapping. */
    public static final ClassCodeMapping UKIS_CSMASK = known("ukis-csmask");

    /** The {@code on-cloud-n} mapping. */
    public static final ClassCodeMapping ON_CLOUD_N = known("on-cloud-n");

    /** The {@code s2-cloud-mask-catalogue} mapping. */
    public static final ClassCodeMapping CLOUD_MASK_CATALOGUE = known("s2-cloud-mask-catalogue");

    /** The {@code sparcs} mapping. */
    public static final ClassCodeMapping SPARCS = known("sparcs");

    /** The {@code l8-biome} mapping. */
    public static final ClassCodeMapping L8_BIOME = known("l8-biome");

    /** The {@code l7-irish} mapping. */
    public static final ClassCodeMapping L7_IRISH = known("l7-irish");

    /** The {@code l7-irish-alt} mapping. */
    public static final ClassCodeMapping L7_IRISH_ALT = known("l7-irish-alt");

    /** The {@code 38-cloud} mapping. */
    public static final ClassCodeMapping CLOUD38 = known("38-cloud");

    /** The {@code cloudperu2} mapping. */
    public static final ClassCodeMapping CLOUDPERU2 = known("cloudperu2");

    private static final String EXAMPLE = "cloud=4;shadow=2;clear=0,1,3;nodata=255";

    private final String id;
    private final String title;
    private final String description;
    private final ClassScheme scheme;
    /** table[code] = class in {@link #scheme}, {@link ClassScheme#NODATA}, or {@link #UNKNOWN}. */
    private final int[] table;

    private final SortedMap<Integer, String> codeNames;
    private final SortedMap<Integer, ClassKind> codeKinds;
    private final Map<ClassKind, Integer> writeCodes;
    private final int nodataWriteCode;

    private ClassCodeMapping(Builder b) {
        this.id = b.id;
        this.title = b.title;
        this.description = b.description;
        this.scheme = b.scheme;
        this.codeNames = Collections.unmodifiableSortedMap(new TreeMap<>(b.names));
        this.codeKinds = Collections.unmodifiableSortedMap(new TreeMap<>(b.kinds));
        int max = b.names.isEmpty() ? 0 : b.names.lastKey();
        this.table = new int[max + 1];
        Arrays.fill(table, UNKNOWN);
        int nodata = UNKNOWN;
        Map<ClassKind, Integer> write = new EnumMap<>(ClassKind.class);
        for (Map.Entry<Integer, String> e : b.names.entrySet()) {
            int code = e.getKey();
            ClassKind kind = b.kinds.get(code);
            if (kind == null) {
                table[code] = ClassScheme.NODATA;
                if (nodata == UNKNOWN) {
                    nodata = code;
                }
            } else {
                table[code] = scheme.indexOf(kind);
                write.putIfAbsent(kind, code);
            }
        }
        write.putAll(b.writeOverrides);
        this.writeCodes = Collections.unmodifiableMap(write);
        this.nodataWriteCode = nodata;
    }

    // ---------------------------------------------------------------- the known mappings (data)

    /** Reads {@value #RESOURCE}; a mistake in it is a bug in sensei4j, so it fails loudly. */
    private static List<ClassCodeMapping> load() {
        JsonNode root;
        try (InputStream in = ClassCodeMapping.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            root = YAMLMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build()
                    .readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<ClassCodeMapping> out = new ArrayList<>();
        for (JsonNode m : root.path("mappings")) {
            Builder b = new Builder(
                    text(m, "id"), text(m, "title"), text(m, "description"), ClassScheme.fromId(text(m, "scheme")));
            m.path("codes").fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isArray() || v.size() != 2) {
                    throw new IllegalStateException(
                            RESOURCE + ": code " + e.getKey() + " of " + b.id + " is not [meaning, class]");
                }
                String cls = v.get(1).asText();
                b.code(Integer.parseInt(e.getKey()), v.get(0).asText(), cls.equals("nodata") ? null : kind(cls));
            });
            m.path("write")
                    .fields()
                    .forEachRemaining(
                            e -> b.writeAs(kind(e.getKey()), e.getValue().asInt()));
            out.add(b.build());
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException(RESOURCE + ": a mapping has no text field '" + field + "': " + node);
        }
        return v.asText();
    }

    private static ClassKind kind(String label) {
        for (ClassKind k : ClassKind.values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalStateException(RESOURCE + ": unknown class '" + label + "'");
    }

    private static ClassCodeMapping known(String id) {
        return KNOWN.stream()
                .filter(m -> m.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no mapping '" + id + "'"));
    }

    // ---------------------------------------------------------------- lookup

    /** The known mappings, in the order of the documentation. */
    public static List<ClassCodeMapping> known() {
        return KNOWN;
    }

    /**
     * A known mapping by id (e.g. {@code fmask}, case-insensitive), or a user mapping if the text contains
     * {@code =} (see {@link #parse}).
     */
    public static ClassCodeMapping of(String idOrSpec) {
        if (idOrSpec.contains("=")) {
            return parse(idOrSpec);
        }
        String n = idOrSpec.trim().toLowerCase(Locale.ROOT);
        for (ClassCodeMapping m : KNOWN) {
            if (m.id.equals(n)) {
                return m;
            }
        }
        throw new SenseiException("unknown label code mapping '" + idOrSpec + "': use one of "
                + KNOWN.stream().map(ClassCodeMapping::id).collect(Collectors.joining(", "))
                + ", or give your own as class=codes pairs, e.g. \"" + EXAMPLE + "\"");
    }

    /**
     * Parses a user mapping such as {@code cloud=4;shadow=0;clear=1,2,3;nodata=255}: {@code class=codes}
     * pairs separated by {@code ;}, codes separated by {@code ,}, ranges as {@code 5-7}. Classes: clear, cloud,
     * thin_cloud (thin), thick_cloud (thick), shadow, nodata (left out of metrics). The native scheme is the
     * coarsest that holds the classes given: thin/thick → full, else shadow → cloud-shadow, else cloud. Codes
     * are 0..{@value #MAX_CODE}; each code may appear once.
     *
     * @throws SenseiException naming the problem and the fix for any malformed text
     */
    public static ClassCodeMapping parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new SenseiException(
                    "the label code mapping is empty: give class=codes pairs, e.g. \"" + EXAMPLE + "\"");
        }
        Map<String, ClassKind> seenKeys = new TreeMap<>();
        SortedMap<Integer, ClassKind> kinds = new TreeMap<>();
        SortedMap<Integer, String> owner = new TreeMap<>();
        boolean nodataSeen = false;
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new SenseiException("'" + part.trim() + "' in label code mapping \"" + spec
                        + "\" has no '=': write class=codes, e.g. cloud=4 or clear=0,1,3");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String codes = part.substring(eq + 1).trim();
            boolean isNodata = key.equals("nodata") || key.equals("no_data") || key.equals("fill");
            ClassKind kind = isNodata ? null : ClassKind.parseOrNull(key);
            if (!isNodata && kind == null) {
                throw new SenseiException(
                        "unknown class '" + part.substring(0, eq).trim()
                                + "' in label code mapping \"" + spec
                                + "\": use clear, cloud, thin_cloud, thick_cloud, shadow or nodata");
            }
            String canonical = isNodata ? "nodata" : kind.label();
            if (seenKeys.containsKey(canonical) || (isNodata && nodataSeen)) {
                throw new SenseiException("class '" + canonical + "' is given twice in label code mapping \"" + spec
                        + "\": list all its codes once, e.g. " + canonical + "=1,2");
            }
            if (isNodata) {
                nodataSeen = true;
            } else {
                seenKeys.put(canonical, kind);
            }
            if (codes.isEmpty()) {
                throw new SenseiException("class '" + canonical + "' has no codes in label code mapping \"" + spec
                        + "\": give codes after '=', e.g. " + canonical + "=1,2");
            }
            for (String item : codes.split(",")) {
                for (int code : parseCodes(item.trim(), canonical, spec)) {
                    String before = owner.putIfAbsent(code, canonical);
                    if (before != null) {
                        throw new SenseiException("code " + code + " is given for both " + before + " and " + canonical
                                + " in label code mapping \"" + spec + "\": give each code once");
                    }
                    if (!isNodata) {
                        kinds.put(code, kind);
                    }
                }
            }
        }
        if (seenKeys.isEmpty()) {
            throw new SenseiException("label code mapping \"" + spec + "\" names no class: give at least "
                    + "clear and cloud codes, e.g. \"" + EXAMPLE + "\"");
        }
        boolean thinThick = seenKeys.containsKey("thin_cloud") || seenKeys.containsKey("thick_cloud");
        if (thinThick && seenKeys.containsKey("cloud")) {
            throw new SenseiException("label code mapping \"" + spec + "\" gives both cloud and thin/thick cloud: "
                    + "give either cloud=... or thin_cloud=... and thick_cloud=...");
        }
        ClassScheme scheme = thinThick
                ? ClassScheme.CLEAR_THIN_THICK_SHADOW
                : seenKeys.containsKey("shadow") ? ClassScheme.CLEAR_CLOUD_SHADOW : ClassScheme.CLOUD_CLEAR;
        StringBuilder canonicalSpec = new StringBuilder();
        Builder b = new Builder(null, "user mapping", "user mapping", scheme);
        for (Map.Entry<Integer, String> e : owner.entrySet()) {
            b.code(e.getKey(), e.getValue(), kinds.get(e.getKey()));
        }
        // Canonical text: classes in scheme order, then nodata; codes ascending.
        for (ClassKind k : ClassKind.values()) {
            appendCanonical(canonicalSpec, k.label(), owner);
        }
        appendCanonical(canonicalSpec, "nodata", owner);
        b.id = canonicalSpec.toString();
        return b.build();
    }

    private static void appendCanonical(StringBuilder sb, String name, SortedMap<Integer, String> owner) {
        String codes = owner.entrySet().stream()
                .filter(e -> e.getValue().equals(name))
                .map(e -> e.getKey().toString())
                .collect(Collectors.joining(","));
        if (!codes.isEmpty()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(name).append('=').append(codes);
        }
    }

    private static int[] parseCodes(String item, String cls, String spec) {
        int dash = item.indexOf('-', 1);
        try {
            if (dash > 0) {
                int from = checkCode(Integer.parseInt(item.substring(0, dash).trim()), item, spec);
                int to = checkCode(Integer.parseInt(item.substring(dash + 1).trim()), item, spec);
                if (to < from) {
                    throw new SenseiException("range '" + item + "' for " + cls + " in label code mapping \"" + spec
                            + "\" runs backwards: write the lower code first, e.g. " + to + "-" + from);
                }
                int[] out = new int[to - from + 1];
                for (int i = 0; i < out.length; i++) {
                    out[i] = from + i;
                }
                return out;
            }
            return new int[] {checkCode(Integer.parseInt(item), item, spec)};
        } catch (NumberFormatException e) {
            throw new SenseiException(
                    "'" + item + "' for " + cls + " in label code mapping \"" + spec
                            + "\" is not a code: give whole numbers 0.." + MAX_CODE
                            + " separated by commas, or ranges such as 5-7",
                    e);
        }
    }

    private static int checkCode(int code, String item, String spec) {
        if (code < 0 || code > MAX_CODE) {
            throw new SenseiException("code " + code + " ('" + item + "') in label code mapping \"" + spec
                    + "\" is out of range: codes are 0.." + MAX_CODE);
        }
        return code;
    }

    // ---------------------------------------------------------------- properties

    /**
     * Id for JSON and the command line ({@code fmask}, {@code scl}, ...); for a user mapping, its canonical
     * text (classes in order, codes ascending), which {@link #of} parses back to an equal mapping.
     */
    public String id() {
        return id;
    }

    /** Human-readable name, e.g. "Sen2Cor SCL". */
    public String title() {
        return title;
    }

    /** One line saying where the codes come from. */
    public String description() {
        return description;
    }

    /** Finest scheme these codes express; {@link #decode} gives this scheme or a coarser one. */
    public ClassScheme scheme() {
        return scheme;
    }

    /** Every known code with its meaning in the outside product, ascending. */
    public SortedMap<Integer, String> codeNames() {
        return codeNames;
    }

    /** True if {@code code} is known (a class or nodata). */
    public boolean knows(int code) {
        return code >= 0 && code < table.length && table[code] != UNKNOWN;
    }

    /** True if {@code code} is known and maps to nodata. */
    public boolean isNodata(int code) {
        return knows(code) && table[code] == ClassScheme.NODATA;
    }

    // ---------------------------------------------------------------- decoding

    /** Class of {@code code} in {@link #scheme()}, or {@link ClassScheme#NODATA}. */
    public int classOf(int code) {
        return classOf(code, scheme);
    }

    /** Class of {@code code} in {@code target} (same as or coarser than {@link #scheme()}), or NODATA. */
    public int classOf(int code, ClassScheme target) {
        int[] t = decodingTable(target);
        if (code < 0 || code >= t.length || t[code] == UNKNOWN) {
            throw unknownCode(code, -1);
        }
        return t[code];
    }

    /** Decodes label codes (any int) to classes of {@code target}; nodata codes give NODATA. */
    public byte[] decode(int[] codes, ClassScheme target) {
        return decode(codes.length, i -> codes[i], target);
    }

    /** Decodes label codes stored as unsigned bytes to classes of {@code target}. */
    public byte[] decode(byte[] codes, ClassScheme target) {
        return decode(codes.length, i -> codes[i] & 0xFF, target);
    }

    /** Decodes label codes stored as unsigned 16-bit values to classes of {@code target}. */
    public byte[] decode(short[] codes, ClassScheme target) {
        return decode(codes.length, i -> codes[i] & 0xFFFF, target);
    }

    private byte[] decode(int n, IntUnaryOperator code, ClassScheme target) {
        int[] t = decodingTable(target);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = code.applyAsInt(i);
            if (c < 0 || c >= t.length || t[c] == UNKNOWN) {
                throw unknownCode(c, i);
            }
            out[i] = (byte) t[c];
        }
        return out;
    }

    private int[] decodingTable(ClassScheme target) {
        if (!scheme.canConvertTo(target)) {
            throw new SenseiException(title + " labels (scheme " + scheme.id() + ") cannot be read in the finer "
                    + "scheme " + target.id() + ": " + title + " codes do not tell "
                    + (target == ClassScheme.CLEAR_THIN_THICK_SHADOW && scheme != ClassScheme.CLOUD_CLEAR
                            ? "thin from thick cloud"
                            : "cloud shadow from clear")
                    + "; use scheme " + scheme.id() + " or a coarser one");
        }
        if (target == scheme) {
            return table;
        }
        int[] conv = scheme.conversionTable(target);
        int[] t = table.clone();
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= 0 && t[i] != ClassScheme.NODATA) {
                t[i] = conv[t[i]];
            }
        }
        return t;
    }

    private SenseiException unknownCode(int code, int pixel) {
        String known = codeNames.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String where = pixel >= 0 ? " at pixel " + pixel : "";
        if (title.equals("user mapping")) {
            return new SenseiException("label code " + code + where + " is not in the label code mapping \"" + id
                    + "\": add " + code + " to the mapping, under the class it stands for or under nodata=... "
                    + "to leave such pixels out of the metrics");
        }
        return new SenseiException("label code " + code + where + " is not a " + title + " code (known: " + known
                + "): check that the labels are " + title + " labels, or give your own mapping as class=codes "
                + "pairs, e.g. \"" + EXAMPLE + "\"");
    }

    // ---------------------------------------------------------------- one-hot masks

    /**
     * Turns a one-hot mask (pixel-interleaved, {@code channels} values per pixel, non-zero = set) into codes:
     * the index of the set channel, or {@link #NO_CHANNEL} when none is set.
     *
     * @throws SenseiException if a pixel has more than one channel set
     */
    public static int[] oneHotToCodes(byte[] interleaved, int channels) {
        if (channels < 1 || channels >= NO_CHANNEL || interleaved.length % channels != 0) {
            throw new SenseiException("one-hot mask of " + interleaved.length + " values cannot hold " + channels
                    + " channels per pixel: give the mask as height×width×channels with 1..254 channels");
        }
        int n = interleaved.length / channels;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int code = NO_CHANNEL;
            for (int c = 0; c < channels; c++) {
                if (interleaved[i * channels + c] != 0) {
                    if (code != NO_CHANNEL) {
                        throw new SenseiException("pixel " + i + " of the one-hot mask has channels " + code + " and "
                                + c + " both set: the mask is not one-hot; check the channel axis (expected "
                                + "height×width×" + channels + ")");
                    }
                    code = c;
                }
            }
            out[i] = code;
        }
        return out;
    }

    /** {@link #oneHotToCodes(byte[], int)} for a boolean mask. */
    public static int[] oneHotToCodes(boolean[] interleaved, int channels) {
        byte[] b = new byte[interleaved.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (interleaved[i] ? 1 : 0);
        }
        return oneHotToCodes(b, channels);
    }

    // ---------------------------------------------------------------- encoding

    /**
     * The code that {@link #encode} writes for {@code kind}; see the class comment for the fallbacks.
     *
     * @throws SenseiException if this mapping has no code for it
     */
    public int codeFor(ClassKind kind) {
        Integer code = writeCodes.get(kind);
        if (code == null && kind.isCloud()) {
            code = writeCodes.get(kind == ClassKind.CLOUD ? ClassKind.THICK_CLOUD : ClassKind.CLOUD);
        }
        if (code == null && kind == ClassKind.SHADOW) {
            code = writeCodes.get(ClassKind.CLEAR);
        }
        if (code == null) {
            throw new SenseiException(title + " has no code for class " + kind.label()
                    + ": write the classes with a mapping that has one, e.g. fmask or scl");
        }
        return code;
    }

    /** The code that {@link #encode} writes for {@link ClassScheme#NODATA}, or −1 if the mapping has none. */
    public int nodataCode() {
        return nodataWriteCode;
    }

    /**
     * Writes classes of {@code scheme} (NODATA allowed) as this mapping's codes, one unsigned byte per pixel.
     *
     * @throws SenseiException if a code is above 255, a class has no code, or NODATA occurs and the mapping
     *     has no nodata code
     */
    public byte[] encode(byte[] classes, ClassScheme scheme) {
        int[] t = new int[scheme.classCount()];
        for (int c = 0; c < t.length; c++) {
            t[c] = codeFor(scheme.kind(c));
            if (t[c] > 255) {
                throw new SenseiException("code " + t[c] + " for " + scheme.className(c) + " does not fit in a byte: "
                        + "write with a mapping whose codes are 0..255");
            }
        }
        byte[] out = new byte[classes.length];
        for (int i = 0; i < classes.length; i++) {
            int v = classes[i] & 0xFF;
            if (v < t.length) {
                out[i] = (byte) t[v];
            } else if (v == ClassScheme.NODATA) {
                if (nodataWriteCode < 0 || nodataWriteCode > 255) {
                    throw new SenseiException(title + " has no nodata code in 0..255 but pixel " + i
                            + " has no class: write with a mapping that has one (fmask: 255, scl: 0)");
                }
                out[i] = (byte) nodataWriteCode;
            } else {
                throw new SenseiException("value " + v + " at pixel " + i + " is not a class of scheme " + scheme.id()
                        + " (0.." + (t.length - 1) + ") nor nodata " + ClassScheme.NODATA
                        + ": give classes of the scheme named");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassCodeMapping m
                && m.id.equals(id)
                && m.scheme == scheme
                && m.codeKinds.equals(codeKinds)
                && m.codeNames.keySet().equals(codeNames.keySet())
                && m.writeCodes.equals(writeCodes)
                && m.nodataWriteCode == nodataWriteCode;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + codeKinds.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }

    private static final class Builder {
        private String id;
        private final String title;
        private final String description;
        private final ClassScheme scheme;
        private final SortedMap<Integer, String> names = new TreeMap<>();
        private final Map<Integer, ClassKind> kinds = new TreeMap<>();
        private final Map<ClassKind, Integer> writeOverrides = new EnumMap<>(ClassKind.class);

        Builder(String id, String title, String description, ClassScheme scheme) {
            this.id = id;
            this.title = title;
            this.description = description;
            this.scheme = scheme;
        }

        /** Adds a code; {@code kind == null} means nodata. */
        Builder code(int code, String name, ClassKind kind) {
            names.put(code, name);
            if (kind != null) {
                if (scheme.indexOf(kind) < 0) {
                    throw new IllegalArgumentException(kind + " is not in scheme " + scheme.id());
                }
                kinds.put(code, kind);
            }
            return this;
        }

        Builder writeAs(ClassKind kind, int code) {
            writeOverrides.put(kind, code);
            return this;
        }

        ClassCodeMapping build() {
            return new ClassCodeMapping(this);
        }
    }
}
