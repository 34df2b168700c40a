package org.sensei4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;
import picocli.CommandLine.Option;

/**
 * Options that say which bands an image holds, for use as a picocli {@code @Mixin}: {@code --sensor} with
 * optional {@code --bands}, or {@code --wavelengths}; {@code --sensor-file} adds user sensors first.
 */
public final class SensorOptions {

    @Option(
            names = "--sensor",
            paramLabel = "ID",
            description = "Sensor id or alias, e.g. sentinel2, landsat8, s2, L8 (list them with 'sensei sensors').")
    String sensor;

    @Option(
            names = "--bands",
            paramLabel = "ID[,ID...]",
            split = ",",
            description = "The image's bands in its band order, comma-separated, e.g. B02,B03,B04,B08"
                    + " (case and leading zeros do not matter; common names such as red work)."
                    + " Default: all of the sensor's bands in product order.")
    List<String> bands;

    @Option(
            names = "--wavelengths",
            paramLabel = "MIN:CENTRE:MAX[,...]",
            split = ",",
            description = "Instead of --sensor: each band's min:centre:max wavelength in nm, in the image's band"
                    + " order, e.g. 446:494:542,537.5:560:582.5.")
    List<String> wavelengths;

    @Option(
            names = "--sensor-file",
            paramLabel = "FILE",
            description = "A sensor definition (JSON/YAML, see the docs) or a STAC item with eo:bands; read before"
                    + " --sensor is looked up. Repeatable. With a single sensor file, --sensor may be left out.")
    List<Path> sensorFiles;

    /** True when --sensor, --wavelengths or --sensor-file was given (the input's bands are described). */
    public boolean isGiven() {
        return sensor != null
                || (wavelengths != null && !wavelengths.isEmpty())
                || (sensorFiles != null && !sensorFiles.isEmpty());
    }

    /** The sensor id or alias given, or null. */
    public String sensor() {
        return sensor;
    }

    /** The band ids given with --bands (empty when not given). */
    public List<String> bands() {
        return bands == null ? List.of() : List.copyOf(bands);
    }

    /** The --sensor-file paths (empty when none). */
    public List<Path> sensorFiles() {
        return sensorFiles == null ? List.of() : List.copyOf(sensorFiles);
    }

    /** The {@link SensorRegistry#defaultRegistry() default registry} plus the --sensor-file sensors. */
    public SensorRegistry registry() {
        return registry(SensorRegistry.defaultRegistry());
    }

    /** A copy of {@code base} plus the --sensor-file sensors. */
    public SensorRegistry registry(SensorRegistry base) {
        SensorRegistry r = base.copy();
        sensorFiles().forEach(r::registerFile);
        return r;
    }

    /** The bands the options describe, with sensors from {@link SensorRegistry#defaultRegistry()}. */
    public BandSelection resolve() {
        return resolve(SensorRegistry.defaultRegistry());
    }

    /**
     * The bands the options describe, looking sensors up in {@code base} plus the --sensor-file sensors.
     *
     * @throws SenseiException when neither or both of --sensor and --wavelengths are given, for --bands without a
     *                         sensor, an unknown sensor or band, or a malformed wavelength triple
     */
    public BandSelection resolve(SensorRegistry base) {
        boolean hasWavelengths = wavelengths != null && !wavelengths.isEmpty();
        if (hasWavelengths) {
            if (sensor != null) {
                throw new SenseiException("both --sensor and --wavelengths given: give either --sensor ID (with"
                        + " optional --bands) or --wavelengths min:centre:max,... in nm, not both");
            }
            if (bands != null) {
                throw new SenseiException("--bands selects bands of a --sensor; with --wavelengths the image's bands"
                        + " are the wavelength triples in order: drop --bands or use --sensor instead of "
                        + "--wavelengths");
            }
            List<BandDescriptor> descriptors = new ArrayList<>();
            for (int i = 0; i < wavelengths.size(); i++) {
                String w = wavelengths.get(i);
                try {
                    descriptors.add(BandDescriptor.parse(w));
                } catch (IllegalArgumentException e) {
                    throw new SenseiException("--wavelengths band " + (i + 1) + " ('" + w + "'): " + e.getMessage(), e);
                }
            }
            return BandSelection.ofWavelengths(descriptors);
        }
        List<Sensor> fromFiles = new ArrayList<>();
        SensorRegistry registry = base.copy();
        for (Path f : sensorFiles()) {
            fromFiles.addAll(registry.registerFile(f));
        }
        Sensor s;
        if (sensor != null && !sensor.isBlank()) {
            s = registry.get(sensor.trim());
        } else if (fromFiles.size() == 1) {
            s = fromFiles.get(0);
        } else {
            throw new SenseiException("no sensor given: give --sensor ID (e.g. " + firstIds(registry)
                    + "; see 'sensei sensors') with optional --bands, or --wavelengths min:centre:max,... in nm"
                    + (fromFiles.size() > 1
                            ? "; the --sensor-file sensors are "
                                    + String.join(
                                            ", ",
                                            fromFiles.stream().map(Sensor::id).toList())
                            : ""));
        }
        if (bands == null || bands.isEmpty()) {
            return s.selectAll();
        }
        List<String> ids = new ArrayList<>();
        for (String b : bands) {
            if (b == null || b.isBlank()) {
                throw new SenseiException("--bands has an empty entry: give band ids separated by single commas,"
                        + " e.g. "
                        + String.join(
                                ",",
                                s.bandIds().subList(0, Math.min(3, s.bands().size()))));
            }
            ids.add(b.trim());
        }
        return s.selection(ids);
    }

    private static String firstIds(SensorRegistry registry) {
        List<Sensor> all = registry.all();
        return String.join(
                ", ",
                all.subList(0, Math.min(3, all.size())).stream().map(Sensor::id).toList());
    }
}
