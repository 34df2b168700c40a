package org.sensei4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorDefinitions;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sensei sensors}: lists the known sensors; {@code sensei sensors show ID} prints one sensor's band table.
 * Both take {@code --json} and {@code --sensor-file FILE}.
 */
@Command(
        name = "sensors",
        subcommands = SensorsCommand.Show.class,
        description = {
            "List the sensors sensei knows: built-ins, ~/.sensei4j/sensors/, $SENSEI_SENSOR_PATH and"
                    + " --sensor-file.",
            "Show one sensor's bands with 'sensei sensors show ID'."
        })
public final class SensorsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Mixin
    SensorFiles sensorFiles = new SensorFiles();

    @Spec
    CommandSpec spec;

    private final SensorRegistry base;

    /** Lists the {@link SensorRegistry#defaultRegistry() default registry}. */
    public SensorsCommand() {
        this(null);
    }

    /** Lists {@code base} (e.g. {@link SensorRegistry#builtIn()} in tests) plus any --sensor-file sensors. */
    public SensorsCommand(SensorRegistry base) {
        this.base = base;
    }

    SensorRegistry registry(List<Path> files) {
        SensorRegistry r = (base == null ? SensorRegistry.defaultRegistry() : base).copy();
        files.forEach(r::registerFile);
        return r;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<Sensor> sensors = registry(sensorFiles.paths()).all();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = JSON.createArrayNode();
            for (Sensor s : sensors) {
                ObjectNode o = arr.addObject();
                o.put("id", s.id());
                o.put("name", s.name());
                o.put("band_count", s.bands().size());
                ArrayNode al = o.putArray("aliases");
                s.aliases().forEach(al::add);
            }
            out.println(JSON.writeValueAsString(arr));
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "NAME", "BANDS", "ALIASES"});
            for (Sensor s : sensors) {
                rows.add(new String[] {
                    s.id(), s.name(), Integer.toString(s.bands().size()), String.join(", ", s.aliases())
                });
            }
            TextTables.print(out, rows, new boolean[] {false, false, true, false});
        }
        out.flush();
        return 0;
    }

    /** {@code sensei sensors show ID}: one sensor's band table. */
    @Command(
            name = "show",
            description = "Print a sensor's bands: id, common name, min/centre/max wavelength (nm), normalised"
                    + " centre log10(centre - 300) - 2, native resolution (m) and quantity.")
    static final class Show implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "Sensor id or alias.")
        String id;

        @Mixin
        HelpOption help = new HelpOption();

        @Option(
                names = "--json",
                description = "Print the sensor as JSON in the sensor-file schema (plus each"
                        + " band's normalised triple); the output can be read back with --sensor-file.")
        boolean json;

        @Mixin
        SensorFiles sensorFiles = new SensorFiles();

        @ParentCommand
        SensorsCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws JsonProcessingException {
            List<Path> files = new ArrayList<>(parent.sensorFiles.paths());
            files.addAll(sensorFiles.paths());
            Sensor s = parent.registry(files).get(id);
            PrintWriter out = spec.commandLine().getOut();
            if (json || parent.json) {
                out.println(JSON.writeValueAsString(SensorDefinitions.toTree(s, true)));
            } else {
                out.println(s.id() + ": " + s.name() + ", " + s.bands().size() + " bands");
                if (!s.aliases().isEmpty()) {
                    out.println("aliases: " + String.join(", ", s.aliases()));
                }
                s.source().ifPresent(src -> out.println("source: " + src));
                out.println();
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {
                    "ID", "COMMON", "MIN_NM", "CENTRE_NM", "MAX_NM", "CENTRE_NORM", "RES_M", "QUANTITY", "DESCRIPTION"
                });
                for (Band b : s.bands()) {
                    BandDescriptor d = b.wavelengths();
                    rows.add(new String[] {
                        b.id(),
                        b.commonName() == null ? "-" : b.commonName().stacName(),
                        number(d.minNm()),
                        number(d.centreNm()),
                        number(d.maxNm()),
                        String.format(Locale.ROOT, "%.4f", BandDescriptor.normalise(d.centreNm())),
                        b.hasResolution() ? number(b.resolutionM()) : "-",
                        b.quantity().key(),
                        b.description() == null ? "" : b.description()
                    });
                }
                TextTables.print(out, rows, new boolean[] {false, false, true, true, true, true, true, false, false});
            }
            out.flush();
            return 0;
        }
    }

    /** {@code --sensor-file FILE} (repeatable), taken by {@code sensors} and by {@code sensors show}. */
    static final class SensorFiles {

        @Option(
                names = "--sensor-file",
                paramLabel = "FILE",
                description = "Also load this sensor definition (JSON/YAML) or STAC item. Repeatable.")
        List<Path> files;

        /** The files given, in order (empty when none). */
        List<Path> paths() {
            return files == null ? List.of() : files;
        }
    }

    /** A number without trailing zeros: 425, 537.5, 764.375. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
