package org.sensei4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules the formatter (Spotless with palantir-java-format, run by {@code mvn verify}) does not enforce: no
 * line of Java source over 120 characters (string literals and comments included), in every module.
 */
class HouseRulesTest {

    static final Path ROOT =
            Path.of(System.getProperty("sensei.root", "..")).toAbsolutePath().normalize();
    static final int MAX_LINE = 120;

    @Test
    void noJavaLineIsLongerThan120Characters() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !ROOT.relativize(p).toString().contains("target/"))
                    .filter(p -> ROOT.relativize(p).toString().contains("src/"))
                    .toList();
        }
        assertThat(sources).as("Java sources under " + ROOT).hasSizeGreaterThan(300);
        List<String> tooLong = new ArrayList<>();
        for (Path f : sources) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < lines.size(); i++) {
                int length = lines.get(i).codePointCount(0, lines.get(i).length());
                if (length > MAX_LINE) {
                    tooLong.add(ROOT.relativize(f) + ":" + (i + 1) + " (" + length + " characters)");
                }
            }
        }
        assertThat(tooLong).as("lines over %d characters: wrap them", MAX_LINE).isEmpty();
    }
}
