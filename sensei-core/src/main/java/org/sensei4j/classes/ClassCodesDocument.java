package org.sensei4j.classes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates the tables of {@code CLASS_CODES.md} from the known {@link ClassCodeMapping}s (that is, from
 * {@code class-code-mappings.yaml}). The file's prose, above {@link #MARKER}, is written by hand and kept; everything
 * below it is generated. {@code ClassCodeMappingTest} fails while the file differs from what this class makes of it.
 *
 * <p>To regenerate, without Maven once the jar is built:
 * <pre>
 * java -cp sensei-cli/target/sensei.jar org.sensei4j.classes.ClassCodesDocument \
 *     sensei-core/src/main/resources/org/sensei4j/classes/CLASS_CODES.md
 * </pre>
 */
public final class ClassCodesDocument {

    /** The line after which the file is generated. */
    public static final String MARKER = "<!-- Generated from class-code-mappings.yaml by"
            + " org.sensei4j.classes.ClassCodesDocument: do not edit below this line. -->";

    private ClassCodesDocument() {}

    /** Rewrites the file named by the one argument in place. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassCodesDocument PATH/TO/CLASS_CODES.md");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String before = Files.readString(file, StandardCharsets.UTF_8);
        String after = regenerate(before);
        if (!after.equals(before)) {
            Files.writeString(file, after, StandardCharsets.UTF_8);
        }
        System.out.println(file + (after.equals(before) ? " is up to date" : " regenerated"));
    }

    /** The document with its hand-written part (up to and including {@link #MARKER}) and fresh tables. */
    public static String regenerate(String document) {
        int at = document.indexOf(MARKER);
        if (at < 0) {
            throw new IllegalArgumentException("the document has no line " + MARKER);
        }
        return document.substring(0, at + MARKER.length()) + "\n\n" + tables();
    }

    /** The Markdown tables of every known mapping, in {@link ClassCodeMapping#known()} order. */
    public static String tables() {
        List<String> out = new ArrayList<>();
        for (ClassCodeMapping m : ClassCodeMapping.known()) {
            out.add(table(m));
        }
        return String.join("\n", out);
    }

    /**
     * One mapping: a table of its codes with the class each gives in every scheme it can be read in, and the
     * codes written back.
     */
    public static String table(ClassCodeMapping m) {
        List<ClassScheme> schemes = new ArrayList<>();
        for (int i = ClassScheme.values().length - 1; i >= 0; i--) {
            if (m.scheme().canConvertTo(ClassScheme.values()[i])) {
                schemes.add(ClassScheme.values()[i]);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(m.title()).append(" (`").append(m.id()).append("`)\n\n");
        sb.append(m.description())
                .append(". Native scheme: `")
                .append(m.scheme().id())
                .append("`.\n\n");
        sb.append("| code | meaning |");
        schemes.forEach(s -> sb.append(" `").append(s.id()).append("` |"));
        sb.append("\n|---|---|");
        schemes.forEach(s -> sb.append("---|"));
        sb.append('\n');
        for (Map.Entry<Integer, String> e : m.codeNames().entrySet()) {
            sb.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |");
            for (ClassScheme s : schemes) {
                int c = m.classOf(e.getKey(), s);
                sb.append(' ')
                        .append(c == ClassScheme.NODATA ? "nodata" : c + " " + s.className(c))
                        .append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nWritten back: ");
        List<String> written = new ArrayList<>();
        for (ClassKind k : ClassKind.values()) {
            written.add(k.label() + " → " + m.codeFor(k));
        }
        written.add("nodata → " + (m.nodataCode() < 0 ? "(none: error)" : String.valueOf(m.nodataCode())));
        sb.append(String.join(", ", written)).append(".\n");
        return sb.toString();
    }
}
