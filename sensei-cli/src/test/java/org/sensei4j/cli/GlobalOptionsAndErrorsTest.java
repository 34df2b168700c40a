package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.CliFixtures.args;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.raster.SampleType;
import picocli.CommandLine;

/** Exit codes, --debug, --quiet, --json summaries and --version across commands. */
class GlobalOptionsAndErrorsTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path image;
    static Path labels;
    static final int W = 40;
    static final int H = 30;
    static final String[] BANDS = CliFixtures.S2;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model.zip"), ClassScheme.CLEAR_CLOUD_SHADOW, 9);
        // reflectance as float: no scaling warning, so a quiet run has nothing to say
        image = CliFixtures.reflectanceImage(dir.resolve("scene.tif"), W, H, 3, 0.05f, 0.4f);
        labels = CliFixtures.labels(dir.resolve("labels.tif"), W, H, CliFixtures.GRID_10M, i -> i / W < H / 2 ? 1 : 0);
    }

    private static String[] mask(Path out, String... more) {
        return CliFixtures.maskArgs(
                image.toString(), bundle, out, args(new String[] {"--tile", "32", "--overlap", "0"}, more));
    }

    /** The values standard output holds: exactly one means "one JSON object, nothing else". */
    private static List<JsonNode> jsonValues(String out) throws IOException {
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(out)) {
            return it.readAll();
        }
    }

    @Test
    void quietMaskWritesNothingToStandardErrorBeforeOrAfterTheCommandName() throws Exception {
        Path out = dir.resolve("quiet.tif");
        CliRun before = CliRun.of(args(new String[] {"--quiet"}, mask(out)));
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.err()).isEmpty();
        assertThat(before.out()).isEmpty();
        assertThat(out).isRegularFile();
        CliRun after = CliRun.of(mask(dir.resolve("quiet2.tif"), "-q"));
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.err()).isEmpty();
        CliRun loud = CliRun.of(mask(dir.resolve("loud.tif")));
        assertThat(loud.exitCode()).as(loud.err()).isZero();
        assertThat(loud.err()).contains("masked ").contains("decision: ");
    }

    @Test
    void quietKeepsWarningsAndErrors() {
        Path out = dir.resolve("quiet-error.txt");
        CliRun r = CliRun.of(mask(out, "--quiet"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: output " + out + " must be a GeoTIFF (.tif)\n");
    }

    @Test
    void maskJsonSummaryIsOneObjectMatchingTheWrittenMask() throws Exception {
        Path out = dir.resolve("summary.tif");
        CliRun r = CliRun.of(mask(out, "--json", "--quiet"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<JsonNode> values = jsonValues(r.out());
        assertThat(values).hasSize(1);
        JsonNode j = values.get(0);
        assertThat(j.isObject()).isTrue();
        long[] counts = new long[3];
        try (GeoTiffReader reader = GeoTiffReader.open(out)) {
            for (float c : reader.readBand(0)) {
                counts[(int) c]++;
            }
        }
        double n = W * H;
        assertThat(j.get("output").asText()).isEqualTo(out.toString());
        assertThat(j.get("valid_pixels").asLong()).isEqualTo(W * H);
        assertThat(j.get("clear_fraction").asDouble()).isEqualTo(counts[0] / n);
        assertThat(j.get("cloud_fraction").asDouble()).isEqualTo(counts[1] / n);
        assertThat(j.get("shadow_fraction").asDouble()).isEqualTo(counts[2] / n);
        assertThat(j.at("/class_fractions/shadow").asDouble()).isEqualTo(counts[2] / n);
        assertThat(j.get("classes").asText()).isEqualTo("cloud-shadow");
        assertThat(j.get("sensor").asText()).isEqualTo("sentinel2");
        assertThat(JSON.convertValue(j.get("bands"), List.class)).isEqualTo(List.of("B02", "B03", "B04", "B08"));
        assertThat(j.get("threshold").isNull()).isTrue();
        assertThat(j.get("decision").asText()).startsWith("most probable class");
        assertThat(j.get("model").asText()).isEqualTo(bundle.toString());
        assertThat(j.get("seconds").asDouble()).isPositive();
        assertThat(j.get("width").asInt()).isEqualTo(W);
        assertThat(j.get("height").asInt()).isEqualTo(H);

        CliRun t = CliRun.of(mask(dir.resolve("summary-t.tif"), "--json", "--threshold", "0.4"));
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(jsonValues(t.out()).get(0).get("threshold").asDouble()).isEqualTo(0.4);
        assertThat(t.err()).contains("masked ");
    }

    @Test
    void evaluateJsonWithoutAFilePrintsTheMetricsTheFileWouldHold() throws Exception {
        String[] base = CliFixtures.evaluateArgs(bundle, image, labels, "--bootstrap", "0");
        CliRun stdout = CliRun.of(args(base, "--json"));
        assertThat(stdout.exitCode()).as(stdout.err()).isZero();
        List<JsonNode> values = jsonValues(stdout.out());
        assertThat(values).hasSize(1);
        Path file = dir.resolve("eval.json");
        CliRun toFile = CliRun.of(args(base, "--json", file.toString()));
        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        assertThat(toFile.out()).contains("| cloud (vs rest) |");
        JsonNode fromFile = JSON.readTree(file.toFile());
        assertThat(values.get(0).get("cloud")).isEqualTo(fromFile.get("cloud"));
        assertThat(values.get(0).at("/run/image").asText()).isEqualTo(image.toString());
        assertThat(values.get(0).at("/cloud/oa").isNumber()).isTrue();
        CliRun dash = CliRun.of(args(base, "--json", "-", "--quiet"));
        assertThat(dash.exitCode()).as(dash.err()).isZero();
        assertThat(dash.err()).isEmpty();
        assertThat(jsonValues(dash.out()).get(0).get("cloud")).isEqualTo(fromFile.get("cloud"));
    }

    @Test
    void infoJsonIsOneObject() throws Exception {
        CliRun r = CliRun.of(args(new String[] {"info", image.toString(), "--json"}, BANDS));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> values = jsonValues(r.out());
        assertThat(values).hasSize(1);
        assertThat(values.get(0).get("width").asInt()).isEqualTo(W);
        assertThat(values.get(0).get("sensor").asText()).isEqualTo("sentinel2");
    }

    @Test
    void aUserErrorIsOneLineExit2AndDebugAddsTheStackTrace() {
        Path missing = dir.resolve("missing.tif");
        CliRun plain = CliRun.of("info", missing.toString());
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err().lines().toList()).hasSize(1);
        assertThat(plain.err()).startsWith("error: ").contains(missing.toString());
        for (CliRun debug : List.of(
                CliRun.of("--debug", "info", missing.toString()), CliRun.of("info", missing.toString(), "--debug"))) {
            assertThat(debug.exitCode()).isEqualTo(2);
            assertThat(debug.err()).startsWith(plain.err()).contains("\tat org.sensei4j.");
        }
    }

    @Test
    void aBadOptionIsExit2AndTheUsageHint() {
        CliRun r = CliRun.of("mask", image.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: Missing required option: '--output=OUT.tif'\nsee 'sensei mask --help'\n");
    }

    /** A command with a bug: throws what it is given. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Exception toThrow;

        Boom(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            throw toThrow;
        }
    }

    private static CliRun run(Exception thrown, String... args) {
        CommandLine cl = SenseiCommand.commandLine();
        cl.addSubcommand("boom", new Boom(thrown));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void aBugPrintsItsStackTraceAndExits70() {
        for (Exception bug : List.of(
                new IllegalArgumentException("width must be > 0"),
                new IllegalStateException("closed"),
                new NullPointerException("scene"))) {
            CliRun r = run(bug, "boom");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(70).isEqualTo(SenseiCommand.EXIT_INTERNAL_ERROR);
            assertThat(r.err())
                    .startsWith("internal error (please report, with the stack trace below): " + bug)
                    .contains("\tat org.sensei4j.cli.GlobalOptionsAndErrorsTest.aBugPrintsItsStackTraceAndExits70");
            // --quiet never hides it
            assertThat(run(bug, "--quiet", "boom").err()).isEqualTo(r.err());
        }
        CliRun user =
                run(new SenseiException(SenseiException.Kind.DATA, "scene.tif is not a TIFF: check the file"), "boom");
        assertThat(user.exitCode()).isEqualTo(2);
        assertThat(user.err()).isEqualTo("error: scene.tif is not a TIFF: check the file\n");
        CliRun io = run(new UncheckedIOException(new AccessDeniedException("/data/out.tif")), "boom");
        assertThat(io.exitCode()).isEqualTo(2);
        assertThat(io.err()).startsWith("error: cannot access /data/out.tif: ").doesNotContain("\tat ");
        CliRun debug = run(new SenseiException("bad --tile"), "boom", "--debug");
        assertThat(debug.exitCode()).isEqualTo(2);
        assertThat(debug.err()).startsWith("error: bad --tile\n").contains("\tat org.sensei4j.");
    }

    @Test
    void exitCodesAreMappedInOnePlace() {
        CliErrors mapper = new CliErrors();
        assertThat(mapper.getExitCode(new SenseiException("x"))).isEqualTo(2);
        for (SenseiException.Kind kind : SenseiException.Kind.values()) {
            assertThat(mapper.getExitCode(new SenseiException(kind, "x"))).isEqualTo(2);
        }
        assertThat(mapper.getExitCode(new NoSuchFileException("a.tif"))).isEqualTo(2);
        assertThat(mapper.getExitCode(new IOException("No space left on device")))
                .isEqualTo(2);
        assertThat(mapper.getExitCode(new UncheckedIOException(new IOException("x"))))
                .isEqualTo(2);
        assertThat(mapper.getExitCode(new IllegalArgumentException("x"))).isEqualTo(70);
        assertThat(mapper.getExitCode(new IllegalStateException("x"))).isEqualTo(70);
        assertThat(mapper.getExitCode(new NullPointerException())).isEqualTo(70);
        assertThat(CliErrors.userError(new NoSuchFileException("a.tif"), "sensei mask")
                        .kind())
                .isEqualTo(SenseiException.Kind.IO);
        assertThat(new SenseiException("x").kind()).isEqualTo(SenseiException.Kind.USER_INPUT);
    }

    @Test
    void versionFromTheManifestOrSaysItIsUnknown() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        // tests run from classes: no jar manifest
        assertThat(r.out()).isEqualTo(ManifestVersion.UNKNOWN + "\n");
        assertThat(ManifestVersion.version(null)).isEqualTo(ManifestVersion.UNKNOWN);
    }

    @Test
    void quietWriterPassesWarningAndErrorLinesOnly() {
        StringWriter target = new StringWriter();
        try (PrintWriter w = new PrintWriter(new GlobalOptions.QuietWriter(new PrintWriter(target)), true)) {
            w.println("masked x in 1 s");
            w.print("warning: ");
            w.println("odd values");
            w.println("  cloud: 3%");
            w.println("error: bad");
        }
        assertThat(target.toString()).isEqualTo("warning: odd values\nerror: bad\n");
    }

    @Test
    void fixedChoicesAreEnumsThatPicocliChecks() throws Exception {
        Path out = dir.resolve("float.tif");
        CliRun ok = CliRun.of(mask(out, "--probabilities", "Float", "--quiet"));
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        try (GeoTiffReader reader = GeoTiffReader.open(out)) {
            assertThat(reader.info().sampleType()).isEqualTo(SampleType.FLOAT32);
        }
        CliRun bad = CliRun.of(mask(dir.resolve("bad.tif"), "--probabilities", "permille"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err())
                .isEqualTo("error: Invalid value for option '--probabilities': expected "
                        + "one of [PERCENT, FLOAT] (case-insensitive) but was 'permille'\nsee 'sensei mask --help'\n");
        CliRun method = CliRun.of(
                "calibrate",
                "--model",
                bundle.toString(),
                "-o",
                dir.resolve("c.zip").toString(),
                "--method",
                "isotonic");
        assertThat(method.exitCode()).isEqualTo(2);
        assertThat(method.err())
                .isEqualTo("error: Invalid value for option '--method': "
                        + "expected one of [temperature, temperature-bias] but was 'isotonic'\nsee 'sensei "
                        + "calibrate --help'\n");
    }

    @Test
    void fractionsSumToOne() throws Exception {
        CliRun r = CliRun.of(mask(dir.resolve("sum.tif"), "--json", "--classes", "cloud"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = jsonValues(r.out()).get(0);
        double sum = 0;
        for (JsonNode f : j.get("class_fractions")) {
            sum += f.asDouble();
        }
        assertThat(sum).isCloseTo(1.0, Offset.offset(1e-9));
        assertThat(j.get("classes").asText()).isEqualTo("cloud");
        assertThat(j.get("cloud_fraction").asDouble())
                .isEqualTo(j.at("/class_fractions/cloud").asDouble());
        assertThat(j.get("shadow_fraction").isNull()).isTrue();
        assertThat(Files.exists(dir.resolve("sum.tif"))).isTrue();
    }
}
