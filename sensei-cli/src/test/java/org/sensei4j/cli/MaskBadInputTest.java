package org.sensei4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sensei4j.cli.CliFixtures.args;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.io.geotiff.GeoTiffWriter;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/**
 * {@code sensei mask} against careless and hostile input (issue 16): each case is refused with exit code 2 and one
 * line starting with {@code error:}, before any output is written, and leaves every input as it was.
 */
class MaskBadInputTest {

    @TempDir
    static Path dir;

    static Path bundle;
    static Path scene;
    static Path folder;
    static final int W = 40;
    static final int H = 30;
    static final Georeference GEO = Georeference.northUp(32632, 300000, 5000000, 20, 20);
    static final String[] BANDS = CliFixtures.S2;

    @BeforeAll
    static void setUp() throws Exception {
        bundle = CliFixtures.untrainedBundle(dir.resolve("model"), ClassScheme.CLEAR_CLOUD_SHADOW, 5);
        scene = dir.resolve("scene.tif");
        write(scene, 4, i -> 500f + new Random(i).nextInt(5000));
        folder = Files.createDirectory(dir.resolve("bands"));
        for (String b : new String[] {"B02", "B03", "B04", "B08"}) {
            write(folder.resolve(b + ".tif"), 1, i -> 1000f);
        }
    }

    private static void write(Path file, int bands, Function<Integer, Float> value) {
        float[] v = new float[bands * W * H];
        for (int i = 0; i < v.length; i++) {
            v[i] = value.apply(i);
        }
        GeoTiffWriter.create(SampleType.UINT16).write(file, new FloatRaster(bands, H, W, v, 0.0), GEO);
    }

    /** One refusal: exit 2, one {@code error:} line (the last; warnings may come before) holding {@code expected}. */
    static CliRun refused(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(r.err()).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).startsWith("error: ").contains(expected);
        assertThat(lines.stream().filter(l -> !l.startsWith("warning: ")).count())
                .as(r.err())
                .isEqualTo(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    /** {@code sensei mask INPUT --model MODEL -o OUTPUT} of the four Sentinel-2 bands, then {@code more}. */
    private static String[] mask(String input, String output, String... more) {
        return maskOf(input, output, args(BANDS, more));
    }

    /** {@code sensei mask INPUT --model MODEL -o OUTPUT}, then {@code more} (the sensor and bands among them). */
    private static String[] maskOf(String input, String output, String... more) {
        return args(new String[] {"mask", input, "--model", bundle.toString(), "-o", output}, more);
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static List<String> parts(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".part"))
                    .toList();
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws Exception {
        String before = sha(scene);
        Path link = dir.resolve("link-to-scene.tif");
        Files.createSymbolicLink(link, scene);
        Path hard = dir.resolve("hard-link.tif");
        Files.createLink(hard, scene);
        String b02 = folder.resolve("B02.tif").toString();
        String folderSha = sha(folder.resolve("B03.tif"));
        String m = dir.resolve("m.tif").toString();
        Object[][] cases = {
            {mask(scene.toString(), scene.toString()), "is the input"},
            {mask(scene.toString(), dir.resolve("./x/../scene.tif").toString()), "is the input"},
            {mask(scene.toString(), link.toString()), "is the input"},
            {mask(link.toString(), scene.toString()), "is the input"},
            {mask(scene.toString(), hard.toString()), "is the input"},
            {mask(folder.toString(), folder.resolve("B03.tif").toString()), "is a file of the input folder"},
            {
                mask(scene.toString(), m, "--ensemble", "2", "--uncertainty", scene.toString()),
                "(--uncertainty) is the input"
            },
            {mask(scene.toString(), m, "--ensemble", "2", "--uncertainty", m), "are the same file"},
            {mask(scene.toString(), b02, "--band-map", b02), "is the input"},
        };
        Files.createDirectories(dir.resolve("x"));
        for (Object[] c : cases) {
            refused((String) c[1], (String[]) c[0]);
        }
        assertThat(sha(scene)).isEqualTo(before);
        assertThat(sha(folder.resolve("B03.tif"))).isEqualTo(folderSha);
        assertThat(Files.exists(dir.resolve("m.tif"))).isFalse();
        assertThat(parts(dir)).isEmpty();
    }

    @Test
    void outOfRangeOptionsAreRefusedUpFront() {
        String out = dir.resolve("opt.tif").toString();
        Object[][] cases = {
            {mask(scene.toString(), out, "--threshold", "NaN"), "--threshold must be a number between 0 and 1"},
            {mask(scene.toString(), out, "--threshold", "1.5"), "--threshold must be a number between 0 and 1"},
            {mask(scene.toString(), out, "--resolution", "0"), "resolution 0.0 is not a positive pixel size"},
            {mask(scene.toString(), out, "--resolution", "NaN"), "resolution NaN is not a positive pixel size"},
            {mask(scene.toString(), out, "--resolution", "0.001"), "megapixels this tool reads at once"},
            {mask(scene.toString(), out, "--ensemble", "100000"), "--ensemble must be 1..64"},
            {mask(scene.toString(), out, "--tile", "1000000"), "--tile must be at most 2048"},
            {mask(scene.toString(), out, "--threads", "100000"), "--threads must be at most 256"},
            {mask(scene.toString(), out, "--precision", "int4"), "--precision must be auto, int8 or fp32, got 'int4'"},
        };
        for (Object[] c : cases) {
            refused((String) c[1], (String[]) c[0]);
        }
        assertThat(Files.exists(Path.of(out))).isFalse();
    }

    @Test
    void optionParseErrorsGiveOneLineAndAHint() {
        Object[][] cases = {
            {
                new String[] {"mask", scene.toString(), "-o", "x.tif", "--no-such-option"},
                "error: Unknown option: '--no-such-option'",
                "see 'sensei mask --help'"
            },
            {
                new String[] {"mask", scene.toString()},
                "error: Missing required option: '--output=OUT.tif'",
                "see 'sensei mask --help'"
            },
            {
                new String[] {"mask", scene.toString(), "-o", "x.tif", "--tile", "big"},
                "error: Invalid value for option" + " '--tile': 'big' is not an int",
                "see 'sensei mask --help'"
            },
            {
                new String[] {"models", "describe"},
                "error: Missing required parameter: 'BUNDLE|ARCH'",
                "see 'sensei models describe --help'"
            },
            {new String[] {"nonsense"}, "error: Unmatched argument at index 0: 'nonsense'", "see 'sensei --help'"},
        };
        for (Object[] c : cases) {
            CliRun r = CliRun.of((String[]) c[0]);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(r.err()).containsExactly((String) c[1], (String) c[2]);
            assertThat(r.out()).isEmpty();
        }
    }

    private static Path floats(String name, int bands, Function<Integer, Float> value) {
        Path f = dir.resolve(name);
        float[] v = new float[bands * W * H];
        for (int i = 0; i < v.length; i++) {
            v[i] = value.apply(i);
        }
        GeoTiffWriter.create(SampleType.FLOAT32).write(f, new FloatRaster(bands, H, W, v, null), GEO);
        return f;
    }

    @Test
    void valuesThatCannotBeReflectanceOrBrightnessTemperatureAreRefused() throws Exception {
        Random rnd = new Random(16);
        String out = dir.resolve("implausible.tif").toString();
        Path huge = floats("huge.tif", 4, i -> i % 97 == 0 ? 1e30f : 0.2f);
        Path negative = floats("negative.tif", 4, i -> -0.5f + 0.01f * rnd.nextFloat());
        Path one = dir.resolve("one.tif");
        write(one, 1, i -> 1500f);
        Path landsat = Files.createDirectory(dir.resolve("landsat-like"));
        for (String b : new String[] {"B02", "B03", "B04"}) {
            GeoTiffWriter.create(SampleType.FLOAT32)
                    .write(
                            landsat.resolve(b + ".tif"),
                            new FloatRaster(1, H, W, filled(0.1f + 0.1f * rnd.nextFloat()), null),
                            GEO);
        }
        float[] celsius = new float[W * H];
        for (int i = 0; i < celsius.length; i++) {
            celsius[i] = 15 + 20 * rnd.nextFloat();
        }
        GeoTiffWriter.create(SampleType.FLOAT32)
                .write(landsat.resolve("B10.tif"), new FloatRaster(1, H, W, celsius, null), GEO);
        String[] landsat8 = {"--sensor", "landsat8", "--bands", "B2,B3,B4,B10"};
        Object[][] cases = {
            {mask(scene.toString(), out, "--scale", "1"), "band B02 has a median value of"},
            {mask(huge.toString(), out), "band B02 has values of 1.000e+30 after scaling"},
            {mask(negative.toString(), out), "has a median value of -0.49"},
            {
                maskOf(one.toString(), out, "--sensor", "sentinel2", "--bands", "B02"),
                "has 1 band (B02): the model needs 3 or more"
            },
            {
                maskOf(scene.toString(), out, "--wavelengths", "450:490:520,540:560:580,650:665:680,800:1e9:1e9"),
                "wavelength 1.0E9 nm is beyond 100 µm"
            },
            {
                maskOf(landsat.toString(), out, "--sensor", "sentinel2", "--bands", "B02,B03,B04,B10"),
                "band B10 has a median value of 2"
            },
            {
                maskOf(landsat.toString(), out, args(landsat8, "--thermal", "kelvin")),
                "the values look like degrees Celsius: use --thermal celsius"
            },
        };
        for (Object[] c : cases) {
            refused((String) c[1], (String[]) c[0]);
        }
        assertThat(Files.exists(Path.of(out))).isFalse();
        CliRun celsiusOk = CliRun.of(maskOf(landsat.toString(), out, args(landsat8, "--tile", "64", "--overlap", "0")));
        assertThat(celsiusOk.exitCode()).as(celsiusOk.err()).isZero();
    }

    private static float[] filled(float v) {
        float[] a = new float[W * H];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void aFifoNamedTifIsRefusedInsteadOfHanging() throws Exception {
        Path fifo = dir.resolve("fifo.tif");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo absent: cannot make a FIFO");
        assertThat(new ProcessBuilder("/usr/bin/mkfifo", fifo.toString())
                        .start()
                        .waitFor())
                .isZero();
        refused(
                "is not a regular file or folder (a FIFO, device or socket)",
                mask(fifo.toString(), dir.resolve("fifo-out.tif").toString()));
        refused("not a regular file", "info", fifo.toString(), "--sensor", "sentinel2");
    }

    @Test
    void aLoopingIfdChainIsRefused() throws Exception {
        Path self = dir.resolve("self-loop.tif");
        Files.copy(scene, self);
        long ifd = firstIfd(self);
        patchNextIfd(self, ifd, ifd);
        Path back = dir.resolve("back-loop.tif");
        Files.copy(scene, back);
        long first = firstIfd(back);
        byte[] copy = ifdBytes(back, first);
        long second = Files.size(back);
        Files.write(back, copy, StandardOpenOption.APPEND);
        patchNextIfd(back, first, second);
        patchNextIfd(back, second, first);
        long start = System.nanoTime();
        refused(
                "chain of image directories (IFDs) loops back to byte offset " + ifd,
                mask(self.toString(), dir.resolve("loop.tif").toString()));
        refused(
                "loops back to byte offset " + first + " after 2 directories",
                mask(back.toString(), dir.resolve("loop.tif").toString()));
        refused("loops back", "info", back.toString(), "--sensor", "sentinel2", "--bands", "B02,B03,B04,B08");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    private static long firstIfd(Path f) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            byte[] b = new byte[8];
            r.readFully(b);
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL;
        }
    }

    private static byte[] ifdBytes(Path f, long ifd) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            r.seek(ifd);
            int n = Short.reverseBytes(r.readShort()) & 0xFFFF;
            byte[] b = new byte[2 + 12 * n + 4];
            r.seek(ifd);
            r.readFully(b);
            return b;
        }
    }

    private static void patchNextIfd(Path f, long ifd, long next) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.seek(ifd);
            int n = Short.reverseBytes(r.readShort()) & 0xFFFF;
            r.seek(ifd + 2 + 12L * n);
            r.writeInt(Integer.reverseBytes((int) next));
        }
    }

    @Test
    void anAllNodataSceneIsRefusedWithoutOutput() throws Exception {
        Path empty = dir.resolve("all-nodata.tif");
        write(empty, 4, i -> 0f);
        Path out = dir.resolve("empty-mask.tif");
        refused("has no valid pixel", mask(empty.toString(), out.toString()));
        Path nan = dir.resolve("all-nan.tif");
        float[] v = new float[4 * W * H];
        Arrays.fill(v, Float.NaN);
        GeoTiffWriter.create(SampleType.FLOAT32).write(nan, new FloatRaster(4, H, W, v, null), GEO);
        refused("has no valid pixel", mask(nan.toString(), out.toString()));
        assertThat(Files.exists(out)).isFalse();
        assertThat(parts(dir)).isEmpty();
    }

    @Test
    void unwritableTargetsAreRefusedBeforeAnyWork() throws Exception {
        Path readOnly = dir.resolve("read-only.tif");
        Files.write(readOnly, new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        refused("the file is read-only: make it writable", mask(scene.toString(), readOnly.toString()));
        assertThat(Files.readAllBytes(readOnly)).containsExactly(1, 2, 3);
        Path dirNamedTif = Files.createDirectory(dir.resolve("a-folder.tif"));
        refused("it is a directory: give a file name", mask(scene.toString(), dirNamedTif.toString()));
        refused(
                "does not exist: create it first",
                mask(scene.toString(), dir.resolve("no/m.tif").toString()));
    }

    @Test
    void staleTemporaryFilesOfOurNamingAreCleanedOnTheNextRun() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("stale"));
        Path out = sub.resolve("mask.tif");
        Path stale = sub.resolve(".mask.tif.123456789.part");
        Path fresh = sub.resolve(".mask.tif.987654321.part");
        Path other = sub.resolve(".other.tif.123456789.part");
        for (Path p : List.of(stale, fresh, other)) {
            Files.write(p, new byte[] {7});
        }
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(stale, old);
        Files.setLastModifiedTime(other, old);
        CliRun r = CliRun.of(mask(scene.toString(), out.toString(), "--tile", "64", "--overlap", "0"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.exists(out)).isTrue();
        assertThat(Files.exists(stale))
                .as("an hour-old leftover of this target")
                .isFalse();
        assertThat(Files.exists(fresh))
                .as("a recent one may belong to a running process")
                .isTrue();
        assertThat(Files.exists(other)).as("another target's").isTrue();
    }
}
