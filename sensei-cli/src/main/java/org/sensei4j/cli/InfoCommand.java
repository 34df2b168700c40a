package org.sensei4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.product.BandConversion;
import org.sensei4j.io.product.BandFile;
import org.sensei4j.io.product.GeoTiffScene;
import org.sensei4j.io.product.ProductOptions;
import org.sensei4j.io.product.ProductReaders;
import org.sensei4j.io.product.SceneStatistics;
import org.sensei4j.io.product.ThermalNormalisation;
import org.sensei4j.raster.Georeference;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sensei info INPUT}: what a product holds once read as SEnSeI sees it — sensor, bands with their
 * descriptors, grid, CRS, per-band value ranges in SEnSeI's quantities and the nodata fraction. Text by default,
 * JSON with {@code --json}; warnings go to standard error.
 */
@Command(
        name = "info",
        sortOptions = false,
        description = {
            "Describe a product as SEnSeI reads it: sensor, bands (wavelengths in nm), size, resolution,"
                    + " CRS, transform, per-band value ranges (reflectance 0-1, normalised brightness temperature) and"
                    + " the nodata fraction.",
            "INPUT is " + ProductReaders.SUPPORTED + "."
        })
public final class InfoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Mixin
    HelpOption help = new HelpOption();

    @Parameters(
            index = "0",
            paramLabel = "INPUT",
            description =
                    "GeoTIFF, GDAL VRT, folder of single-band GeoTIFFs, STAC item, Landsat or Sentinel-2 product, or an"
                            + " http(s):// URL of a GeoTIFF/COG or STAC item (read with HTTP range requests).")
    String input;

    @Mixin
    SensorOptions sensorOptions = new SensorOptions();

    @Mixin
    ProductInputOptions product = new ProductInputOptions();

    @Option(
            names = "--resolution",
            paramLabel = "M",
            description = "Pixel size of the grid to read on, in CRS units (m), e.g. 20; bands are resampled"
                    + " (nearest up, mean down). Default: the finest band.")
    Double resolution;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(
            names = "--stats",
            description = "Compute the value statistics for an http(s):// input too (reads every"
                    + " pixel over the network; by default a remote input is described from its headers alone).")
    boolean stats;

    @Option(
            names = "--window",
            paramLabel = "PIXELS",
            description = "Edge of the square windows the statistics are computed in (default: about 1 megapixel"
                    + " per window, shaped to the files' strips or tiles).")
    Integer window;

    @Spec
    CommandSpec spec;

    private final SensorRegistry base;

    /** Uses the {@link SensorRegistry#defaultRegistry() default sensor registry}. */
    public InfoCommand() {
        this(null);
    }

    /** Looks sensors up in {@code base} (e.g. {@link SensorRegistry#builtIn()} in tests) plus --sensor-file. */
    public InfoCommand(SensorRegistry base) {
        this.base = base;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (window != null && window <= 0) {
            throw new SenseiException("--window " + window + " is not positive: give e.g. 512");
        }
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = w -> {
            warnings.add(w);
            err.println("warning: " + w);
            err.flush();
        };
        ProductOptions options = product.toOptions(sensorOptions, base, warn, resolution);
        try (SceneSource scene = ProductReaders.open(input, options)) {
            boolean skip = ProductReaders.isRemote(input) && !this.stats;
            SceneStatistics stats = null;
            if (!skip) {
                // reads every pixel: a bar over the rows (on a terminal, without --quiet)
                try (CliProgress bar = CliProgress.start(spec, "info: statistics", scene.height(), " rows")) {
                    stats = window == null
                            ? SceneStatistics.compute(scene, bar::stepTo)
                            : SceneStatistics.compute(scene, window, window, bar::stepTo);
                }
            }
            if (json) {
                out.println(JSON.writeValueAsString(toJson(scene, stats, warnings)));
            } else {
                printText(out, scene, stats);
            }
        }
        out.flush();
        return 0;
    }

    private ObjectNode toJson(SceneSource scene, SceneStatistics stats, List<String> warnings) {
        ObjectNode o = JSON.createObjectNode();
        o.put("input", input.toString());
        o.put("id", scene.id());
        if (scene instanceof GeoTiffScene g) {
            o.put("reader", g.kind());
        }
        if (scene.sensor().isPresent()) {
            o.put("sensor", scene.sensor().get().id());
            o.put("sensor_name", scene.sensor().get().name());
        } else {
            o.putNull("sensor");
        }
        o.put("width", scene.width());
        o.put("height", scene.height());
        putNumber(o, "resolution_m", scene.resolutionM().orElse(Double.NaN));
        Optional<Georeference> g = scene.georeference();
        o.put("crs", crs(g));
        if (g.isPresent() && g.get().epsg().isPresent()) {
            o.put("epsg", g.get().epsg().getAsInt());
        } else {
            o.putNull("epsg");
        }
        if (g.isPresent()) {
            ArrayNode t = o.putArray("transform");
            for (double v : g.get().transform()) {
                t.add(v);
            }
        } else {
            o.putNull("transform");
        }
        o.put("statistics", stats != null);
        if (stats != null) {
            o.put("pixels", stats.pixels());
            o.put("nodata_pixels", stats.nodataPixels());
            o.put("nodata_fraction", stats.nodataFraction());
            o.put("saturated_pixels", stats.saturatedPixels());
            o.put("saturated_fraction", stats.saturatedFraction());
        }
        ArrayNode bands = o.putArray("bands");
        for (int i = 0; i < scene.bands().size(); i++) {
            Band b = scene.bands().get(i);
            BandDescriptor d = b.wavelengths();
            ObjectNode bn = bands.addObject();
            bn.put("id", b.id());
            if (b.commonName() != null) {
                bn.put("common_name", b.commonName().stacName());
            }
            bn.put("min_nm", d.minNm());
            bn.put("centre_nm", d.centreNm());
            bn.put("max_nm", d.maxNm());
            bn.put("normalised_centre", b.normalisedCentre());
            bn.put("quantity", b.quantity().key());
            if (scene instanceof GeoTiffScene gs) {
                BandFile f = gs.bandFiles().get(i);
                BandConversion c = gs.conversions().get(i);
                bn.put("file", f.location());
                bn.put("file_band", f.fileBand() + 1);
                bn.put("sample_type", c.sampleType().gdalName());
                if (c.isThermal()) {
                    ThermalNormalisation t = c.thermal();
                    bn.put("bt_unit", t.celsius() ? "celsius" : "kelvin");
                    bn.put("bt_min_k", t.minKelvin());
                    bn.put("bt_p95_k", t.p95Kelvin());
                    bn.put("bt_samples", t.samples());
                } else {
                    bn.put("scale", c.scale());
                    bn.put("offset", c.offset());
                    bn.put("scale_assumed", c.scaleAssumed());
                }
                if (c.nodata() != null) {
                    putNumber(bn, "nodata", c.nodata());
                }
            }
            if (stats != null) {
                SceneStatistics.BandStatistics s = stats.bands().get(i);
                putNumber(bn, "min", s.min());
                putNumber(bn, "max", s.max());
                putNumber(bn, "mean", s.mean());
                bn.put("valid_pixels", s.count());
            }
        }
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        return o;
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, Double.toString(v));
        }
    }

    private void printText(PrintWriter out, SceneSource scene, SceneStatistics stats) {
        Optional<Georeference> g = scene.georeference();
        List<String[]> head = new ArrayList<>();
        head.add(new String[] {"input", input.toString()});
        if (scene instanceof GeoTiffScene gs) {
            head.add(new String[] {"reader", gs.kind()});
        }
        head.add(new String[] {
            "sensor", scene.sensor().map(s -> s.id() + " (" + s.name() + ")").orElse("none (bands given by wavelength)")
        });
        head.add(new String[] {
            "size",
            scene.width() + " x " + scene.height() + " pixels, " + scene.bands().size() + " band"
                    + (scene.bands().size() == 1 ? "" : "s")
        });
        head.add(new String[] {"resolution", resolution(scene)});
        head.add(new String[] {"CRS", crs(g)});
        if (g.isPresent()) {
            List<String> t = new ArrayList<>();
            for (double v : g.get().transform()) {
                t.add(num(v));
            }
            head.add(new String[] {"transform", String.join(", ", t)});
        }
        if (stats == null) {
            head.add(new String[] {
                "statistics",
                "skipped for a remote input (only its headers were read; give --stats" + " to read every pixel)"
            });
        } else {
            head.add(new String[] {"nodata", share(stats.nodataFraction(), stats.nodataPixels(), stats.pixels())});
        }
        if (stats != null && stats.saturatedPixels() > 0) {
            head.add(
                    new String[] {"saturated", share(stats.saturatedFraction(), stats.saturatedPixels(), stats.pixels())
                    });
        }
        for (String[] h : head) {
            out.printf(Locale.ROOT, "%-11s %s%n", h[0], h[1]);
        }
        out.println();

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "BAND",
            "MIN_NM",
            "CENTRE_NM",
            "MAX_NM",
            "NORM_CENTRE",
            "QUANTITY",
            "CONVERSION",
            "FILE",
            "MIN",
            "MAX",
            "MEAN"
        });
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < scene.bands().size(); i++) {
            Band b = scene.bands().get(i);
            BandDescriptor d = b.wavelengths();
            String conversion = "";
            String file = "";
            if (scene instanceof GeoTiffScene gs) {
                BandFile f = gs.bandFiles().get(i);
                BandConversion c = gs.conversions().get(i);
                file = f.fileName()
                        + (gs.bandFiles().stream()
                                        .anyMatch(o -> o != f && o.location().equals(f.location()))
                                ? ":" + (f.fileBand() + 1)
                                : "");
                if (c.isThermal()) {
                    ThermalNormalisation t = c.thermal();
                    conversion = "BT normalised";
                    notes.add(String.format(
                            Locale.ROOT,
                            "%s: BT_min %.2f K, BT_95%% %.2f K (stored in %s; %d values,"
                                    + " from every %srow and column)",
                            b.id(),
                            t.minKelvin(),
                            t.p95Kelvin(),
                            t.celsius() ? "degrees Celsius" : "kelvin",
                            t.samples(),
                            t.step() == 1 ? "" : ordinal(t.step()) + " "));
                } else {
                    conversion = c.sampleType().gdalName() + " x " + scale(c.scale())
                            + (c.offset() != 0 ? (c.offset() > 0 ? " + " : " - ") + num(Math.abs(c.offset())) : "")
                            + (c.scaleAssumed() ? " (auto)" : "");
                }
            }
            SceneStatistics.BandStatistics s =
                    stats == null ? null : stats.bands().get(i);
            rows.add(new String[] {
                b.id(),
                num(d.minNm()),
                num(d.centreNm()),
                num(d.maxNm()),
                String.format(Locale.ROOT, "%.4f", b.normalisedCentre()),
                b.quantity().key(),
                conversion,
                file,
                s == null ? "-" : stat(s.min()),
                s == null ? "-" : stat(s.max()),
                s == null ? "-" : stat(s.mean())
            });
        }
        TextTables.print(
                out, rows, new boolean[] {false, true, true, true, true, false, false, false, true, true, true});
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(out::println);
        }
    }

    private static String resolution(SceneSource scene) {
        Optional<Georeference> g = scene.georeference();
        if (g.isEmpty()) {
            return "unknown (no georeference)";
        }
        OptionalDouble metres = scene.resolutionM();
        if (metres.isEmpty()) {
            return num(Math.abs(g.get().pixelWidth())) + (g.get().isGeographic() ? " degrees" : " CRS units");
        }
        return num(metres.getAsDouble()) + " m";
    }

    private static String crs(Optional<Georeference> g) {
        if (g.isEmpty()) {
            return "none";
        }
        OptionalInt epsg = g.get().epsg();
        return epsg.isPresent() ? "EPSG:" + epsg.getAsInt() : "unknown (no EPSG code)";
    }

    private static String scale(double s) {
        double inverse = 1 / s;
        if (Math.abs(inverse - Math.rint(inverse)) < 1e-9 * inverse && inverse >= 2) {
            return "1/" + (long) Math.rint(inverse);
        }
        return num(s);
    }

    /** "12.34 % of pixels (5 of 40)": {@code count} of {@code pixels}, their {@code fraction} in percent. */
    private static String share(double fraction, long count, long pixels) {
        return String.format(Locale.ROOT, "%.2f %% of pixels (%d of %d)", 100 * fraction, count, pixels);
    }

    private static String stat(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13)
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }

    /** A number without trailing zeros: integers as integers, else up to 6 significant decimals. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
