package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders without picocli's format warnings: a description is a format string, so a bare
 * {@code %} (e.g. "99.5%") is refused at help time with a "[picocli WARN]" on standard error.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(SenseiCommand.commandLine(), all);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream before = System.err;
        List<String> names = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine c : all) {
                assertThat(c.getUsageMessage()).isNotBlank();
                names.add(c.getCommandSpec().qualifiedName());
            }
        } finally {
            System.setErr(before);
        }
        assertThat(names).contains("sensei mask", "sensei calibrate", "sensei evaluate");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        all.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!all.contains(sub)) {
                collect(sub, all);
            }
        }
    }
}
