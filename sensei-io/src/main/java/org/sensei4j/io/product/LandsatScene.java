package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.landsat.LandsatBand;
import org.sensei4j.io.landsat.LandsatMetadata;
import org.sensei4j.io.landsat.LandsatProduct;
import org.sensei4j.io.landsat.LandsatRadiometry;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.raster.RasterInfo;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandIds;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;

/**
 * A Landsat 4–9 Level-1 product (Collection 1 or 2; see {@link LandsatProduct} for the folder layout) read window
 * by window on its 30 m grid, in SEnSeI's quantities.
 *
 * <ul>
 *   <li>Reflective bands: TOA reflectance {@code (M·DN + A) / sin(sun elevation)} with the MTL's coefficients and
 *       scene-centre sun elevation ({@link LandsatRadiometry#toaReflectance}).</li>
 *   <li>Thermal bands: brightness temperature {@code K2 / ln(K1/L + 1)} in kelvin, normalised as
 *       {@code (BT − BT_min)/(BT_95% − BT_min)} with BT_min and BT_95% taken once per band over the whole scene
 *       from every n-th row and column (about 2²⁰ values; see {@link #thermalNormalisation(int)}). Landsat 7's B6
 *       is {@code B6_VCID_1} unless {@link ProductOptions#landsat7Thermal()} asks for {@code B6_VCID_2}.</li>
 *   <li>DN 0 (fill) in any band, or a brightness temperature that cannot be computed (radiance ≤ 0), makes the
 *       pixel {@link SceneWindow#NODATA} (all values 0); {@code DN == QUANTIZE_CAL_MAX} in any band makes it
 *       {@link SceneWindow#SATURATED} (values kept).</li>
 * </ul>
 *
 * <p>Bands: by default every band of the sensor (from the MTL's {@code SPACECRAFT_ID}, or
 * {@link ProductOptions#sensor()}) that has a file, except the 15 m panchromatic B8 of Landsat 7–9, which is on
 * another grid and is never read; missing files are reported as one warning. A selection
 * ({@link ProductOptions#selection()}) reads exactly the bands named, and a missing file is an error. Thermal
 * bands are left out with {@link ThermalHandling#EXCLUDE}. Scale, offset, nodata and saturation options do not
 * apply (the MTL defines them) and are ignored with a warning.
 *
 * <p>Memory: a read holds the window's DNs and values of every band; opening reads the headers plus one pass over
 * each thermal band. Reads are synchronised: one window at a time.
 */
public final class LandsatScene extends LayeredScene<LandsatScene.Layer> {

    /** The grid the product's multispectral and thermal bands are delivered on, metres. */
    public static final double GRID_M = 30.0;

    private static final Set<String> PAN_SENSORS = Set.of("landsat7", "landsat8", "landsat9");

    private final LandsatProduct product;

    /** One band: its description, calibration, file, saturation DN and (thermal) normalisation. */
    record Layer(
            Band band,
            LandsatBand calibration,
            Path file,
            GeoTiffReader reader,
            int saturatedDn,
            ThermalNormalisation thermal)
            implements LayeredScene.Layer {
        @Override
        public void close() {
            reader.close();
        }
    }

    private LandsatScene(
            LandsatProduct product,
            Sensor sensor,
            List<Layer> layers,
            int width,
            int height,
            Georeference georeference) {
        super(sensor, layers, width, height, georeference);
        this.product = product;
    }

    /**
     * Opens a product from its folder or its {@code *_MTL.txt}: reads the MTL, checks that every selected band has
     * its calibration keys and a file on the common grid, and computes the thermal statistics.
     *
     * @throws SenseiException for a missing or invalid MTL, a missing key (named with the file), a missing band
     *                         file (named with the file name expected), or band files on different grids
     */
    public static LandsatScene open(Path folderOrMtl, ProductOptions options) {
        Objects.requireNonNull(options, "options");
        LandsatProduct product = LandsatProduct.open(folderOrMtl);
        LandsatMetadata md = product.metadata();
        String id = md.productId();
        if (options.resolution() != null && Math.abs(options.resolution() - GRID_M) > 1e-9) {
            throw new SenseiException("Landsat product " + id + " is read on its " + SceneGrid.fmt(GRID_M)
                    + " m grid, not at " + SceneGrid.fmt(options.resolution()) + " m: leave out the resolution");
        }
        warnIgnored("Landsat product " + id, options);
        BandSelection selection = options.selection();
        Sensor sensor = productSensor("Landsat product " + id, options, "B2,B3,B4", md.sensorId());
        if (!sensor.id().equals(md.sensorId()) && !sensor.aliases().contains(md.sensorId())) {
            options.warnings()
                    .accept("Landsat product " + id + " is from " + md.sensorId() + " (SPACECRAFT_ID "
                            + md.spacecraftId() + ") but sensor " + sensor.id()
                            + " was given: using its band descriptions");
        }
        boolean explicit = selection != null;
        List<Band> wanted = explicit ? selection.bands() : sensor.bands();

        List<Band> chosen = new ArrayList<>();
        List<LandsatBand> calibrations = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Band b : wanted) {
            boolean thermalBand = b.quantity() == Quantity.BRIGHTNESS_TEMPERATURE;
            if (isPanchromatic(md, b.id())) {
                if (explicit) {
                    throw new SenseiException("band " + b.id() + " of Landsat product " + id + " is the 15 m"
                            + " panchromatic band, which is not read (its grid is not the 30 m grid of the other"
                            + " bands): leave it out of the selected bands");
                }
                continue;
            }
            if (thermalBand && options.thermal() == ThermalHandling.EXCLUDE) {
                if (explicit) {
                    throw new SenseiException("band " + b.id() + " is thermal but thermal bands are excluded: leave it"
                            + " out of the selected bands, or do not exclude thermal bands");
                }
                continue;
            }
            String productBand = productBandId(md, b.id(), options.landsat7Thermal());
            if (productBand == null) {
                if (explicit) {
                    md.band(b.id()); // throws, listing the product's bands
                }
                continue;
            }
            LandsatBand cal = md.band(productBand);
            Optional<Path> file = product.bandFile(productBand);
            if (file.isEmpty()) {
                if (explicit) {
                    product.requireBandFile(productBand); // throws, naming the expected file
                }
                missing.add(cal.id() + " (" + product.expectedFileName(productBand) + ")");
                continue;
            }
            checkCalibration(cal, md);
            chosen.add(b);
            calibrations.add(cal);
            files.add(file.get());
        }
        if (chosen.isEmpty()) {
            throw new SenseiException("Landsat product " + id + " in " + product.folder() + ": no band can be read"
                    + (missing.isEmpty()
                            ? " (sensor " + sensor.id() + " names none of the product's bands " + md.bandIds() + ")"
                            : ": no file for " + String.join(", ", missing))
                    + "; download the band GeoTIFFs into the folder next to the MTL");
        }
        if (!missing.isEmpty()) {
            options.warnings()
                    .accept("Landsat product " + id + ": band" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing) + " left out (no file in " + product.folder() + ")");
        }

        List<GeoTiffReader> readers = new ArrayList<>();
        try {
            for (Path f : files) {
                readers.add(GeoTiffReader.open(f));
            }
            return build(product, sensor, chosen, calibrations, files, readers, options);
        } catch (RuntimeException e) {
            readers.forEach(GeoTiffReader::close);
            throw e;
        }
    }

    private static LandsatScene build(
            LandsatProduct product,
            Sensor sensor,
            List<Band> chosen,
            List<LandsatBand> calibrations,
            List<Path> files,
            List<GeoTiffReader> readers,
            ProductOptions options) {
        String id = product.metadata().productId();
        RasterInfo ref = readers.get(0).info();
        for (int i = 0; i < readers.size(); i++) {
            RasterInfo info = readers.get(i).info();
            String what =
                    "band " + calibrations.get(i).id() + " (" + files.get(i).getFileName() + ")";
            if (info.bandCount() != 1) {
                throw new SenseiException("Landsat product " + id + ": " + what + " has " + info.bandCount()
                        + " bands, not 1: give the product's own single-band GeoTIFFs");
            }
            boolean sameGrid = info.width() == ref.width()
                    && info.height() == ref.height()
                    && (info.georeference() == null
                            ? ref.georeference() == null
                            : ref.georeference() != null && info.georeference().sameGrid(ref.georeference(), 1e-3));
            if (!sameGrid) {
                throw new SenseiException("Landsat product " + id + ": " + what + " is " + info.width() + "x"
                        + info.height() + " pixels on " + grid(info.georeference()) + " but band "
                        + calibrations.get(0).id() + " (" + files.get(0).getFileName() + ") is " + ref.width() + "x"
                        + ref.height() + " on " + grid(ref.georeference()) + ": the band files are not from one"
                        + " product; download the product's band files again");
            }
        }
        if (ref.georeference() == null) {
            options.warnings()
                    .accept("Landsat product " + id + ": the band files have no georeference (plain"
                            + " TIFF): outputs will not be georeferenced");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < readers.size(); i++) {
            LandsatBand cal = calibrations.get(i);
            ThermalNormalisation t = null;
            if (cal.isThermal()) {
                t = ThermalStatistics.landsat(readers.get(i), cal);
                if (t.samples() == 0) {
                    options.warnings()
                            .accept("Landsat product " + id + ": thermal band " + cal.id()
                                    + " has no valid values: every pixel will be nodata");
                }
            }
            layers.add(new Layer(chosen.get(i), cal, files.get(i), readers.get(i), cal.quantizeCalMax(), t));
        }
        return new LandsatScene(product, sensor, layers, ref.width(), ref.height(), ref.georeference());
    }

    private static String grid(Georeference g) {
        return g == null ? "no georeference" : "grid " + g;
    }

    /** Reads every key the band's conversion needs, so that a missing key fails at open time. */
    private static void checkCalibration(LandsatBand cal, LandsatMetadata md) {
        cal.quantizeCalMax();
        if (cal.isThermal()) {
            cal.radianceMult();
            cal.radianceAdd();
            cal.k1();
            cal.k2();
        } else {
            cal.reflectanceMult();
            cal.reflectanceAdd();
            double e = md.sunElevationDeg();
            if (!(e > 0 && e <= 90)) {
                throw new SenseiException("SUN_ELEVATION in " + md.source() + " is " + e + "°: TOA reflectance needs"
                        + " the sun above the horizon (night scene); read only the thermal bands (--bands B10,B11)");
            }
        }
    }

    private static boolean isPanchromatic(LandsatMetadata md, String bandId) {
        return PAN_SENSORS.contains(md.sensorId()) && BandIds.key(bandId).equals("B8");
    }

    /** The product's band for a sensor band id (Landsat 7's B6 as chosen), or null when the product has none. */
    private static String productBandId(LandsatMetadata md, String sensorBandId, Landsat7Thermal landsat7Thermal) {
        String key = BandIds.key(sensorBandId);
        if (md.sensorId().equals("landsat7") && key.equals("B6")) {
            return md.bandIds().contains("B6") ? landsat7Thermal.bandId() : null;
        }
        for (String b : md.bandIds()) {
            if (BandIds.key(b).equals(key)) {
                return b;
            }
        }
        return null;
    }

    @Override
    public String id() {
        return product.metadata().productId();
    }

    /** The product's MTL content. */
    public LandsatMetadata metadata() {
        return product.metadata();
    }

    /** The product's folder and band files. */
    public LandsatProduct product() {
        return product;
    }

    /** Each band's calibration, in band order (Landsat 7's B6 as chosen: {@code B6} or {@code B6_VCID_2}). */
    public List<LandsatBand> calibrations() {
        return layers.stream().map(Layer::calibration).toList();
    }

    /** The scene-wide normalisation of band {@code band} (index in {@link #bands()}), if it is thermal. */
    public Optional<ThermalNormalisation> thermalNormalisation(int band) {
        return Optional.ofNullable(layers.get(band).thermal());
    }

    @Override
    public OptionalDouble resolutionM() {
        if (georeference == null || georeference.isGeographic()) {
            return OptionalDouble.of(GRID_M);
        }
        return OptionalDouble.of(Math.abs(georeference.pixelWidth()));
    }

    @Override
    protected void readLayers(PixelWindow window, float[] out, byte[] flags) {
        int plane = flags.length;
        double sunElevation = product.metadata().sunElevationDeg();
        int[] dn = new int[plane];
        for (int b = 0; b < layers.size(); b++) {
            Layer layer = layers.get(b);
            float[] raw = layer.reader().read(window, 0).data();
            for (int p = 0; p < plane; p++) {
                dn[p] = (int) raw[p];
            }
            float[] values;
            if (layer.thermal() != null) {
                float[] bt = LandsatRadiometry.brightnessTemperature(dn, layer.calibration());
                values = new float[plane];
                for (int p = 0; p < plane; p++) {
                    values[p] = Float.isFinite(bt[p]) ? (float) layer.thermal().apply(bt[p]) : Float.NaN;
                }
            } else {
                values = LandsatRadiometry.toaReflectance(dn, layer.calibration(), sunElevation);
            }
            int off = b * plane;
            for (int p = 0; p < plane; p++) {
                float v = values[p];
                boolean nodata = dn[p] == LandsatRadiometry.NODATA_DN || !Float.isFinite(v);
                store(out, off, flags, p, v, nodata, dn[p] == layer.saturatedDn());
            }
        }
    }

    /** Warns that options the MTL overrides are ignored. */
    static void warnIgnored(String what, ProductOptions options) {
        List<String> ignored = new ArrayList<>();
        if (options.scale() != null) {
            ignored.add("scale");
        }
        if (options.offset() != 0.0) {
            ignored.add("offset");
        }
        if (options.nodata() != null) {
            ignored.add("nodata");
        }
        if (options.saturation() != null) {
            ignored.add("saturation");
        }
        if (!ignored.isEmpty()) {
            options.warnings()
                    .accept(what + ": " + String.join(", ", ignored) + " ignored: the product's metadata"
                            + " defines how its DNs become reflectance, which pixels are nodata and which are "
                            + "saturated");
        }
    }

    @Override
    public String toString() {
        return "LandsatScene[" + id() + ", " + width + "x" + height + ", bands " + bandIds() + "]";
    }
}
