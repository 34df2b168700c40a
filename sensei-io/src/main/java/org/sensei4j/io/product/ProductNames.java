package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandIds;
import org.sensei4j.sensor.Sensor;

/** File-name and band-lookup helpers shared by the providers. */
final class ProductNames {

    private ProductNames() {}

    static Optional<Band> findQuietly(Sensor sensor, String id) {
        try {
            return sensor.findBand(id);
        } catch (SenseiException ambiguous) {
            return Optional.empty();
        }
    }

    /** The words of a file name without its extension (split at anything but letters and digits), as band keys. */
    static List<String> nameKeys(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        if (dot > 0) {
            n = n.substring(0, dot);
        }
        List<String> keys = new ArrayList<>();
        for (String token : n.split("[^A-Za-z0-9]+")) {
            if (!token.isEmpty()) {
                keys.add(BandIds.key(token));
            }
        }
        return keys;
    }

    static String lowerName(Path p) {
        Path f = p.getFileName();
        return f == null ? "" : f.toString().toLowerCase(Locale.ROOT);
    }

    static String stem(Path p) {
        Path f = p.toAbsolutePath().normalize().getFileName();
        String n = f == null ? p.toString() : f.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
