package org.sensei4j.io.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sensei4j.error.SenseiException;

/**
 * Measured reflectance spectra and the refractive indices of liquid water and ice, read from a folder laid out as
 * {@code ../shared/data/spectra} (see its README): {@value #SPECTRA_FILE} (one spectrum a row: {@code library,
 * record_id, material_name, category}, then reflectance at 400, 410, …, 2500 nm; empty cells are gaps, filled
 * linearly, ends held constant) and {@value #INDEX_FILE} ({@code dataset, substance, wavelength_um, n, k}; liquid
 * water from Segelstein 1981 — or Hale &amp; Querry 1973 when Segelstein is absent — and ice from Warren &amp; Brandt
 * 2008). Spectra are kept on their 10 nm grid; {@link #at} interpolates linearly, constant beyond the ends.
 * Libraries are cached by folder ({@link #load}).
 */
public final class SpectralLibrary {

    /** File of the measured reflectance spectra. */
    public static final String SPECTRA_FILE = "spectra_10nm_wide.csv";
    /** File of the refractive indices of water and ice. */
    public static final String INDEX_FILE = "refractive_index_water_ice.csv";
    /** First wavelength of the spectra's grid, nm. */
    public static final int GRID_START_NM = 400;
    /** Step of the spectra's grid, nm. */
    public static final int GRID_STEP_NM = 10;
    /** Number of grid wavelengths (400..2500 nm). */
    public static final int GRID_SIZE = 211;
    /** Categories every library must hold at least one spectrum of. */
    public static final List<String> CATEGORIES =
            List.of("vegetation", "soil", "mineral", "manmade", "water", "snow_ice");

    private static final Map<Path, SpectralLibrary> CACHE = new ConcurrentHashMap<>();

    /** One measured spectrum: its reflectance on the 10 nm grid, gaps filled. */
    public record Spectrum(String id, String name, String category, float[] reflectance) {

        /** Reflectance at {@code nm}, linear between grid points, constant beyond 400 and 2500 nm. */
        public double at(double nm) {
            return SpectralLibrary.at(reflectance, nm);
        }

        /** Mean reflectance over {@code [loNm, hiNm]} on the grid. */
        public double mean(double loNm, double hiNm) {
            double sum = 0;
            int n = 0;
            for (double nm = loNm; nm <= hiNm; nm += GRID_STEP_NM) {
                sum += at(nm);
                n++;
            }
            return n == 0 ? at(loNm) : sum / n;
        }
    }

    private final Path folder;
    private final List<Spectrum> spectra;
    private final Map<String, List<Spectrum>> byCategory;
    private final double[][] water; // wavelength nm, n, k (increasing wavelength)
    private final double[][] ice;

    private SpectralLibrary(Path folder, List<Spectrum> spectra, double[][] water, double[][] ice) {
        this.folder = folder;
        this.spectra = List.copyOf(spectra);
        Map<String, List<Spectrum>> map = new LinkedHashMap<>();
        for (Spectrum s : spectra) {
            map.computeIfAbsent(s.category(), c -> new ArrayList<>()).add(s);
        }
        map.replaceAll((c, l) -> List.copyOf(l));
        this.byCategory = Collections.unmodifiableMap(map);
        this.water = water;
        this.ice = ice;
    }

    /**
     * The library in {@code folder} (read once per folder and cached).
     *
     * @throws SenseiException if the folder or one of its two files is missing or malformed, naming the file,
     *     the line and the fix
     */
    public static SpectralLibrary load(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        SpectralLibrary cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        SpectralLibrary lib = read(key);
        CACHE.putIfAbsent(key, lib);
        return CACHE.get(key);
    }

    private static SpectralLibrary read(Path folder) {
        String hint = ": give spectra_dir as the folder holding " + SPECTRA_FILE + " and " + INDEX_FILE
                + " (e.g. ../shared/data/spectra)";
        if (!Files.isDirectory(folder)) {
            throw new SenseiException("spectra folder " + folder + " does not exist or is not a folder" + hint);
        }
        Path spectraFile = folder.resolve(SPECTRA_FILE);
        Path indexFile = folder.resolve(INDEX_FILE);
        for (Path f : List.of(spectraFile, indexFile)) {
            if (!Files.isRegularFile(f)) {
                throw new SenseiException("spectra folder " + folder + " has no " + f.getFileName() + hint);
            }
        }
        List<Spectrum> spectra = readSpectra(spectraFile);
        double[][][] idx = readIndices(indexFile);
        return new SpectralLibrary(folder, spectra, idx[0], idx[1]);
    }

    private static List<Spectrum> readSpectra(Path file) {
        List<Spectrum> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            String[] h = header == null ? new String[0] : header.split(",", -1);
            if (h.length != 4 + GRID_SIZE
                    || !h[4].strip().equals(String.valueOf(GRID_START_NM))
                    || !h[h.length - 1]
                            .strip()
                            .equals(String.valueOf(GRID_START_NM + GRID_STEP_NM * (GRID_SIZE - 1)))) {
                throw new SenseiException(file + ": header is not 'library,record_id,material_name,category,400,"
                        + "410,...,2500' (" + h.length + " columns): use the file from ../shared/data/spectra");
            }
            String hint = ": every row holds 4 labels and " + GRID_SIZE + " reflectances";
            readRows(in, file, h.length, hint, (c, lineNo) -> {
                float[] r = new float[GRID_SIZE];
                int valid = 0;
                for (int i = 0; i < GRID_SIZE; i++) {
                    String v = c[4 + i].strip();
                    if (v.isEmpty()) {
                        r[i] = Float.NaN;
                        continue;
                    }
                    try {
                        r[i] = Float.parseFloat(v);
                    } catch (NumberFormatException e) {
                        throw new SenseiException(file + " line " + lineNo + ": reflectance '" + v + "' at "
                                + (GRID_START_NM + GRID_STEP_NM * i) + " nm is not a number");
                    }
                    if (!(r[i] >= -0.05f && r[i] <= 2f)) {
                        throw new SenseiException(file + " line " + lineNo + ": reflectance " + v + " at "
                                + (GRID_START_NM + GRID_STEP_NM * i) + " nm is outside -0.05..2: give reflectance "
                                + "as a fraction (0-1), not percent");
                    }
                    valid++;
                }
                if (valid < 2) {
                    return; // nothing to interpolate from
                }
                fillGaps(r);
                out.add(new Spectrum(c[1].strip(), c[2].strip(), c[3].strip().toLowerCase(Locale.ROOT), r));
            });
        } catch (IOException e) {
            throw new SenseiException(file + " cannot be read: " + e.getMessage(), e);
        }
        for (String cat : CATEGORIES) {
            if (out.stream().noneMatch(s -> s.category().equals(cat))) {
                throw new SenseiException(file + " has no spectrum of category '" + cat + "': synthetic scenes "
                        + "need each of " + CATEGORIES);
            }
        }
        return out;
    }

    /** One data row of a CSV file: its cells and its line number (the header is line 1). */
    private interface RowReader {
        void row(String[] cells, int lineNo);
    }

    /**
     * Hands each data row after the header to {@code rows}, split at commas; blank lines are skipped and a row
     * without {@code columns} cells fails, naming the file and line, followed by {@code columnsHint}.
     */
    private static void readRows(BufferedReader in, Path file, int columns, String columnsHint, RowReader rows)
            throws IOException {
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split(",", -1);
            if (c.length != columns) {
                throw new SenseiException(
                        file + " line " + lineNo + ": " + c.length + " columns instead of " + columns + columnsHint);
            }
            rows.row(c, lineNo);
        }
    }

    /** Fills NaN gaps linearly between valid neighbours, holding the end values constant. */
    static void fillGaps(float[] r) {
        int n = r.length;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(r[i])) {
                continue;
            }
            if (prev < 0) {
                for (int j = 0; j < i; j++) {
                    r[j] = r[i];
                }
            } else if (i - prev > 1) {
                for (int j = prev + 1; j < i; j++) {
                    r[j] = r[prev] + (r[i] - r[prev]) * (j - prev) / (float) (i - prev);
                }
            }
            prev = i;
        }
        for (int j = prev + 1; j < n; j++) {
            r[j] = r[prev];
        }
    }

    /** {water, ice}, each rows of (nm, n, k) by increasing wavelength. */
    private static double[][][] readIndices(Path file) {
        Map<String, List<double[]>> sets = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals("dataset,substance,wavelength_um,n,k")) {
                throw new SenseiException(file + ": header is not 'dataset,substance,wavelength_um,n,k': use the "
                        + "file from ../shared/data/spectra");
            }
            readRows(in, file, 5, "", (c, lineNo) -> {
                double um;
                double n;
                double k;
                try {
                    um = Double.parseDouble(c[2].strip());
                    n = Double.parseDouble(c[3].strip());
                    k = Double.parseDouble(c[4].strip());
                } catch (NumberFormatException e) {
                    throw new SenseiException(file + " line " + lineNo + ": wavelength, n and k must be numbers");
                }
                if (!(um > 0 && n > 0 && k >= 0)) {
                    throw new SenseiException(file + " line " + lineNo + ": wavelength " + um + " µm, n " + n + ", k "
                            + k + ": need wavelength > 0, n > 0, k >= 0");
                }
                String substance = c[1].toLowerCase(Locale.ROOT);
                String kind = substance.contains("ice") ? "ice" : substance.contains("water") ? "water" : null;
                if (kind != null) {
                    sets.computeIfAbsent(kind + ":" + c[0].strip(), s -> new ArrayList<>())
                            .add(new double[] {um * 1000, n, k});
                }
            });
        } catch (IOException e) {
            throw new SenseiException(file + " cannot be read: " + e.getMessage(), e);
        }
        List<double[]> water = sets.getOrDefault("water:Segelstein", sets.get("water:Hale"));
        if (water == null) {
            water = sets.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("water:"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
        List<double[]> ice = sets.entrySet().stream()
                .filter(e -> e.getKey().startsWith("ice:"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (water == null || ice == null) {
            throw new SenseiException(file + " lacks " + (water == null ? "liquid water" : "ice") + " rows: it "
                    + "needs the refractive index of liquid water and of ice over 400-2500 nm");
        }
        double[][] w = sorted(water);
        double[][] i = sorted(ice);
        for (double[][] t : List.of(w, i)) {
            if (t[0][0] > 400 || t[t.length - 1][0] < 2500) {
                throw new SenseiException(file + ": the " + (t == w ? "water" : "ice") + " refractive index covers "
                        + t[0][0] + "-" + t[t.length - 1][0] + " nm, not all of 400-2500 nm");
            }
        }
        return new double[][][] {w, i};
    }

    private static double[][] sorted(List<double[]> rows) {
        double[][] a = rows.toArray(new double[0][]);
        Arrays.sort(a, (x, y) -> Double.compare(x[0], y[0]));
        return a;
    }

    /** The folder read. */
    public Path folder() {
        return folder;
    }

    /** All spectra, in file order. */
    public List<Spectrum> spectra() {
        return spectra;
    }

    /** The spectra of {@code category} (e.g. {@code vegetation}), empty when none. */
    public List<Spectrum> category(String category) {
        return byCategory.getOrDefault(category, List.of());
    }

    /** Imaginary refractive index of liquid water at {@code nm} (log-linear interpolation). */
    public double waterK(double nm) {
        return interpolate(water, nm, 2, true);
    }

    /** Real refractive index of liquid water at {@code nm}. */
    public double waterN(double nm) {
        return interpolate(water, nm, 1, false);
    }

    /** Imaginary refractive index of ice at {@code nm} (log-linear interpolation). */
    public double iceK(double nm) {
        return interpolate(ice, nm, 2, true);
    }

    /** Real refractive index of ice at {@code nm}. */
    public double iceN(double nm) {
        return interpolate(ice, nm, 1, false);
    }

    private static double interpolate(double[][] t, double nm, int col, boolean log) {
        if (nm <= t[0][0]) {
            return t[0][col];
        }
        int n = t.length;
        if (nm >= t[n - 1][0]) {
            return t[n - 1][col];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (t[mid][0] <= nm) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f = (nm - t[lo][0]) / (t[hi][0] - t[lo][0]);
        double a = t[lo][col];
        double b = t[hi][col];
        if (log && a > 0 && b > 0) {
            return Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a)));
        }
        return a + f * (b - a);
    }

    /** Value of a grid spectrum at {@code nm}: linear between grid points, constant beyond the ends. */
    static double at(float[] r, double nm) {
        double x = (nm - GRID_START_NM) / GRID_STEP_NM;
        if (x <= 0) {
            return r[0];
        }
        if (x >= r.length - 1) {
            return r[r.length - 1];
        }
        int i = (int) x;
        double f = x - i;
        return r[i] + f * (r[i + 1] - r[i]);
    }
}
