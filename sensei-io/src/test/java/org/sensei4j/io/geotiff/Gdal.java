package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;

/** GDAL's command-line tools as a test oracle; tests skip when gdal-bin is not installed. */
public final class Gdal {

    private static Boolean available;

    private Gdal() {}

    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("gdalinfo", "--version")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        return available;
    }

    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "gdalinfo not found (install Debian gdal-bin): skipping the GDAL oracle");
    }

    static String run(String... command) {
        return runIn(null, command);
    }

    /** Runs {@code command} in the folder {@code cwd} (null: this process's), failing unless it exits with 0. */
    public static String runIn(Path cwd, String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(cwd == null ? null : cwd.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " timed out");
            }
            assertThat(p.exitValue())
                    .as("%s failed:%n%s", String.join(" ", command), out)
                    .isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code gdalinfo -json FILE}, parsed. */
    public static JsonNode info(Path file) {
        try {
            return new ObjectMapper().readTree(run("gdalinfo", "-json", file.toString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Asserts what gdalinfo's JSON {@code info} says of a raster: {@code width} × {@code height} pixels and
     * {@code bands} bands of {@code type} with the nodata value {@code nodata} (see {@link #assertNodata}).
     */
    static void assertRaster(
            JsonNode info, String what, int width, int height, int bands, SampleType type, Double nodata) {
        assertThat(info.path("size").get(0).asInt()).as(what).isEqualTo(width);
        assertThat(info.path("size").get(1).asInt()).as(what).isEqualTo(height);
        assertThat(info.path("bands").size()).as(what).isEqualTo(bands);
        for (JsonNode band : info.path("bands")) {
            assertThat(band.path("type").asText()).as(what).isEqualTo(type.gdalName());
            assertNodata(band, nodata, what);
        }
    }

    /** Asserts that a band of gdalinfo's JSON has the nodata value {@code nodata}: none for null, nan for NaN. */
    static void assertNodata(JsonNode band, Double nodata, String what) {
        JsonNode nd = band.path("noDataValue");
        if (nodata == null) {
            assertThat(nd.isMissingNode()).as(what).isTrue();
        } else if (nodata.isNaN()) {
            assertThat(nd.asText()).as(what).isEqualToIgnoringCase("nan");
        } else {
            assertThat(nd.asDouble()).as(what).isEqualTo(nodata);
        }
    }

    /**
     * Asserts gdalinfo's georeference: none for a null {@code g}, else {@code g}'s transform, EPSG code and pixel
     * anchor.
     */
    static void assertGeoreference(JsonNode info, String what, Georeference g) {
        if (g == null) {
            assertThat(info.has("geoTransform")).as(what).isFalse();
        } else {
            assertThat(geoTransform(info)).as(what).containsExactly(g.transform(), within(1e-9));
            assertThat(epsg(info)).as(what).isEqualTo(g.epsg().getAsInt());
            assertThat(info.path("metadata").path("").path("AREA_OR_POINT").asText())
                    .as(what)
                    .isEqualTo(g.anchor() == Georeference.PixelAnchor.POINT ? "Point" : "Area");
        }
    }

    /** EPSG code gdalinfo reports, or 0 when none. */
    static int epsg(JsonNode info) {
        JsonNode code = info.path("stac").path("proj:epsg");
        return code.isNumber() ? code.asInt() : 0;
    }

    static double[] geoTransform(JsonNode info) {
        JsonNode gt = info.get("geoTransform");
        if (gt == null) {
            return null;
        }
        double[] t = new double[6];
        for (int i = 0; i < 6; i++) {
            t[i] = gt.get(i).asDouble();
        }
        return t;
    }

    /**
     * Writes {@code data} (band-major) as an ENVI raw file with a header, so that gdal_translate can turn it
     * into any TIFF variant: the values GDAL then writes are known exactly.
     */
    static Path writeEnvi(Path dir, String name, SampleType type, int bands, int height, int width, float[] data)
            throws IOException {
        Path raw = dir.resolve(name + ".raw");
        ByteBuffer b = ByteBuffer.allocate(data.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            switch (type) {
                case UINT8, INT8 -> b.put((byte) v);
                case UINT16, INT16 -> b.putShort((short) (int) v);
                case UINT32, INT32 -> b.putInt((int) (long) v);
                case FLOAT32 -> b.putFloat(v);
                case FLOAT64 -> b.putDouble(v);
                default -> throw new AssertionError(type);
            }
        }
        Files.write(raw, b.array());
        int code = switch (type) {
            case UINT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 3;
            case FLOAT32 -> 4;
            case FLOAT64 -> 5;
            case UINT16 -> 12;
            case UINT32 -> 13;
            default -> throw new AssertionError(type);
        };
        String header = String.format(
                Locale.ROOT,
                "ENVI%nsamples = %d%nlines = %d%nbands = %d%nheader offset = 0%n"
                        + "file type = ENVI Standard%ndata type = %d%ninterleave = bsq%nbyte order = 0%n",
                width,
                height,
                bands,
                code);
        Files.writeString(dir.resolve(name + ".hdr"), header);
        return raw;
    }

    /**
     * Writes {@code data} (band-major) as {@code dir/NAME.tif} with gdal_translate and its {@code options} (space
     * separated; empty for none), through an ENVI file {@code NAME_src}.
     */
    static Path translate(
            Path dir, String name, SampleType type, int bands, int height, int width, float[] data, String options)
            throws IOException {
        Path raw = writeEnvi(dir, name + "_src", type, bands, height, width, data);
        Path tif = dir.resolve(name + ".tif");
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q"));
        if (!options.isBlank()) {
            cmd.addAll(List.of(options.strip().split(" +")));
        }
        cmd.add(raw.toString());
        cmd.add(tif.toString());
        run(cmd.toArray(String[]::new));
        return tif;
    }

    /** Reads every band of {@code file} through GDAL (gdal_translate to ENVI Float32), band-major. */
    static float[] readThroughGdal(Path file, Path scratchDir) throws IOException {
        return translateToFloats(file, scratchDir);
    }

    /** Reads overview {@code level} (0 = the first) of every band through GDAL, band-major. */
    static float[] readOverviewThroughGdal(Path file, int level, Path scratchDir) throws IOException {
        return translateToFloats(file, scratchDir, "-ovr", Integer.toString(level));
    }

    /** gdal_translate of {@code file}, with {@code select} (e.g. an overview), to ENVI Float32, band-major. */
    private static float[] translateToFloats(Path file, Path scratchDir, String... select) throws IOException {
        Path raw = Files.createTempFile(scratchDir, "gdal", ".raw");
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q"));
        cmd.addAll(List.of(select));
        // -a_ullr replaces the georeference by a plain one: ENVI cannot hold rotated transforms
        cmd.addAll(List.of("-of", "ENVI", "-ot", "Float32", "-co", "INTERLEAVE=BSQ", "-a_ullr", "0", "1", "1", "0"));
        cmd.add(file.toString());
        cmd.add(raw.toString());
        run(cmd.toArray(String[]::new));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    private static String cogPython;

    /**
     * A python3 that has GDAL's Python utilities (Debian python3-gdal; the first python3 on the PATH may be
     * another one, so /usr/bin/python3 is tried too), or null.
     */
    static synchronized String cogValidatorPython() {
        if (cogPython == null) {
            cogPython = "";
            for (String python : new String[] {"python3", "/usr/bin/python3"}) {
                try {
                    Process p = new ProcessBuilder(
                                    python, "-c", "import osgeo_utils.samples.validate_cloud_optimized_geotiff")
                            .redirectErrorStream(true)
                            .start();
                    p.getInputStream().readAllBytes();
                    if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        cogPython = python;
                        break;
                    }
                } catch (IOException | InterruptedException e) {
                    // try the next one
                }
            }
        }
        return cogPython.isEmpty() ? null : cogPython;
    }

    public static void assumeCogValidator() {
        assumeAvailable();
        Assumptions.assumeTrue(
                cogValidatorPython() != null,
                "GDAL's COG validator not found (install Debian python3-gdal): skipping the COG check");
    }

    /** Output of GDAL's COG validator (full check) on {@code file}; fails unless it exits with 0. */
    public static String validateCog(Path file) {
        return run(
                cogValidatorPython(),
                "-m",
                "osgeo_utils.samples.validate_cloud_optimized_geotiff",
                "--full-check=yes",
                file.toString());
    }

    /** The validator's output when it rejects {@code file}, empty when it accepts it. */
    static String cogErrors(Path file) {
        try {
            Process p = new ProcessBuilder(
                            cogValidatorPython(),
                            "-m",
                            "osgeo_utils.samples.validate_cloud_optimized_geotiff",
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return p.exitValue() == 0 ? "" : out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
