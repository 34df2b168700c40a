package org.sensei4j.floor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.eval.PixelClassifier;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.SpectralSlot;

/**
 * A per-pixel gradient-boosted tree classifier (XGBoost) on {@link PixelFeatures}: the floor a cloud mask
 * network has to beat. It predicts the classes of the scheme it was trained in, pixel by pixel, from any
 * sensor's bands (slots the scene lacks are missing values). Scenes are predicted in row strips of about
 * {@value #STRIP_PIXELS} pixels, so memory is bounded by one strip and the class array.
 *
 * <p>File: a zip holding {@code booster.ubj} (the XGBoost model, UBJSON) and {@code floor.json} ({@link Info}:
 * format, features, scheme, parameters, seed, training data, provenance).
 */
public final class GradientBoostedPixelClassifier implements PixelClassifier, AutoCloseable {

    /** Name in tables. */
    public static final String NAME = "gbdt floor";
    /** The {@code format} of {@code floor.json}. */
    public static final String FORMAT = "sensei4j-gbdt-floor/1";

    static final String BOOSTER_ENTRY = "booster.ubj";
    static final String INFO_ENTRY = "floor.json";
    static final int STRIP_PIXELS = 1 << 16;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * XGBoost settings.
     *
     * @param rounds          boosting rounds (trees per class)
     * @param maxDepth        maximum tree depth
     * @param eta             learning rate
     * @param subsample       fraction of the pixels each tree sees
     * @param colsampleBytree fraction of the features each tree sees
     * @param minChildWeight  minimum hessian sum in a leaf
     * @param threads         XGBoost threads
     */
    public record Params(
            int rounds,
            int maxDepth,
            double eta,
            double subsample,
            double colsampleBytree,
            double minChildWeight,
            int threads) {

        public Params {
            if (rounds < 1 || maxDepth < 1 || threads < 1) {
                throw new IllegalArgumentException(
                        "rounds, max depth and threads must be >= 1, got " + rounds + ", " + maxDepth + ", " + threads);
            }
            if (!(eta > 0 && eta <= 1)
                    || !(subsample > 0 && subsample <= 1)
                    || !(colsampleBytree > 0 && colsampleBytree <= 1)) {
                throw new IllegalArgumentException("eta, subsample and colsample_bytree must be in (0, 1], got " + eta
                        + ", " + subsample + ", " + colsampleBytree);
            }
        }

        /** 200 rounds of depth-6 trees, eta 0.1, subsample 0.8, colsample 0.8, min child weight 1, 1 thread. */
        public static Params defaults() {
            return new Params(200, 6, 0.1, 0.8, 0.8, 1, 1);
        }

        public Params withThreads(int n) {
            return new Params(rounds, maxDepth, eta, subsample, colsampleBytree, minChildWeight, n);
        }

        public Params withRounds(int n) {
            return new Params(n, maxDepth, eta, subsample, colsampleBytree, minChildWeight, threads);
        }
    }

    /**
     * What {@code floor.json} holds.
     *
     * @param format          {@link #FORMAT}
     * @param features        the feature names ({@link PixelFeatures#NAMES})
     * @param scheme          the class scheme's id
     * @param params          the XGBoost settings
     * @param seed            the seed of sampling and boosting
     * @param trainingData    one line per training data set
     * @param trainingPixels  pixels trained on, per data set
     * @param trainingSeconds time spent boosting (s)
     * @param bandSubset      the random band subsets of the training pixels ({@code band_subset}: min_bands,
     *                        max_bands, per pixel), or null when every pixel had all its scene's bands
     * @param provenance      anything else (config, validation metrics, versions)
     */
    public record Info(
            String format,
            List<String> features,
            String scheme,
            Params params,
            long seed,
            List<String> trainingData,
            Map<String, Integer> trainingPixels,
            double trainingSeconds,
            PixelBandSubset bandSubset,
            Map<String, Object> provenance) {

        /** This info with other provenance. */
        public Info withProvenance(Map<String, Object> p) {
            return new Info(
                    format,
                    features,
                    scheme,
                    params,
                    seed,
                    trainingData,
                    trainingPixels,
                    trainingSeconds,
                    bandSubset,
                    p);
        }
    }

    /**
     * What {@code XGBoost.train(data, p, rounds, no watches, null, null)} does (a booster on {@code data}, then
     * {@code update(data, i)} for each round i: XGBoost4J 3.0's loop without watches or checkpoints), one round at a
     * time so that {@code roundsDone} (when not null) hears of each.
     */
    static Booster boost(DMatrix data, Map<String, Object> p, int rounds, IntConsumer roundsDone) throws XGBoostError {
        Booster b = XGBoost.train(data, p, 0, new HashMap<>(), null, null);
        try {
            for (int i = 0; i < rounds; i++) {
                b.update(data, i);
                if (roundsDone != null) {
                    roundsDone.accept(i + 1);
                }
            }
            return b;
        } catch (XGBoostError | RuntimeException e) {
            b.dispose();
            throw e;
        }
    }

    private final Booster booster;
    private final ClassScheme scheme;
    private Info info;

    private GradientBoostedPixelClassifier(Booster booster, ClassScheme scheme, Info info) {
        this.booster = booster;
        this.scheme = scheme;
        this.info = info;
    }

    /**
     * Trains on {@code sample} in its scheme.
     *
     * @param trainingData one line per training data set, for provenance
     * @throws SenseiException when the sample lacks a class or XGBoost fails
     */
    public static GradientBoostedPixelClassifier train(
            PixelSample sample, Params params, long seed, List<String> trainingData) {
        return train(sample, params, seed, trainingData, null);
    }

    /**
     * As {@link #train(PixelSample, Params, long, List)}, telling {@code roundsDone} (when not null) the number of
     * boosting rounds done after each round: for a progress bar. The trees are the same either way.
     */
    public static GradientBoostedPixelClassifier train(
            PixelSample sample, Params params, long seed, List<String> trainingData, IntConsumer roundsDone) {
        ClassScheme scheme = sample.scheme();
        int k = scheme.classCount();
        long[] perClass = new long[k];
        for (byte l : sample.labels()) {
            perClass[l & 0xff]++;
        }
        for (int c = 0; c < k; c++) {
            if (perClass[c] == 0) {
                throw new SenseiException("the training pixels have no '" + scheme.className(c) + "' pixel (scheme "
                        + scheme.id() + "): add data with that class or train a coarser scheme");
            }
        }
        float[] labels = new float[sample.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = sample.labels()[i] & 0xff;
        }
        Map<String, Object> p = new HashMap<>();
        if (k == 2) {
            p.put("objective", "binary:logistic");
        } else {
            p.put("objective", "multi:softprob");
            p.put("num_class", k);
        }
        p.put("max_depth", params.maxDepth());
        p.put("eta", params.eta());
        p.put("subsample", params.subsample());
        p.put("colsample_bytree", params.colsampleBytree());
        p.put("min_child_weight", params.minChildWeight());
        p.put("tree_method", "hist");
        p.put("nthread", params.threads());
        p.put("seed", (int) Math.floorMod(seed, Integer.MAX_VALUE));
        p.put("verbosity", 0);
        long t0 = System.nanoTime();
        DMatrix data = null;
        try {
            data = new DMatrix(sample.features(), sample.count(), PixelFeatures.COUNT, Float.NaN);
            data.setLabel(labels);
            Booster b = boost(data, p, params.rounds(), roundsDone);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Info info = new Info(
                    FORMAT,
                    PixelFeatures.NAMES,
                    scheme.id(),
                    params,
                    seed,
                    List.copyOf(trainingData),
                    sample.perGroup(),
                    seconds,
                    sample.bandSubset(),
                    Map.of());
            return new GradientBoostedPixelClassifier(b, scheme, info);
        } catch (XGBoostError e) {
            throw new SenseiException("XGBoost could not train the floor: " + e.getMessage(), e);
        } finally {
            if (data != null) {
                data.dispose();
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClassScheme scheme() {
        return scheme;
    }

    /** What the file says about the classifier. */
    public Info info() {
        return info;
    }

    /** Replaces the provenance (e.g. with validation metrics) before {@link #save}. */
    public void provenance(Map<String, Object> provenance) {
        info = info.withProvenance(Collections.unmodifiableMap(new LinkedHashMap<>(provenance)));
    }

    @Override
    public byte[] classify(SceneSource scene, ClassScheme output) {
        if (!scheme.canConvertTo(output)) {
            throw new IllegalArgumentException("the gbdt floor predicts scheme '" + scheme.id() + "', which cannot "
                    + "be converted to '" + output.id() + "'");
        }
        PixelFeatures features = PixelFeatures.of(scene.bands());
        if (features.slotBands().isEmpty()) {
            throw new SenseiException("scene '" + scene.id() + "' has no band in any window of the gbdt floor "
                    + Arrays.stream(SpectralSlot.values())
                            .map(SpectralSlot::describe)
                            .toList()
                    + " (its bands: " + scene.bandIds() + "): give a scene with visible, NIR or SWIR bands");
        }
        int[] table = scheme.conversionTable(output);
        int w = scene.width();
        int h = scene.height();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        int stripRows = Math.max(1, STRIP_PIXELS / w);
        for (int y0 = 0; y0 < h; y0 += stripRows) {
            int rows = Math.min(stripRows, h - y0);
            SceneWindow win = scene.read(new PixelWindow(0, y0, w, rows));
            int n = rows * w;
            byte[] classes = predict(features.window(win), n);
            byte[] invalid = win.invalid();
            for (int i = 0; i < n; i++) {
                out[y0 * w + i] =
                        invalid[i] == SceneWindow.NODATA ? (byte) ClassScheme.NODATA : (byte) table[classes[i]];
            }
        }
        return out;
    }

    /**
     * Classes of {@code n} pixels in {@link #scheme()}.
     *
     * @param features {@code n × PixelFeatures.COUNT} values, pixel-major, NaN for missing
     */
    public byte[] predict(float[] features, int n) {
        DMatrix m = null;
        try {
            m = new DMatrix(features, n, PixelFeatures.COUNT, Float.NaN);
            float[][] p = booster.predict(m);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                float[] row = p[i];
                if (row.length == 1) {
                    out[i] = (byte) (row[0] >= 0.5f ? 1 : 0);
                } else {
                    int best = 0;
                    for (int c = 1; c < row.length; c++) {
                        if (row[c] > row[best]) {
                            best = c;
                        }
                    }
                    out[i] = (byte) best;
                }
            }
            return out;
        } catch (XGBoostError e) {
            throw new SenseiException("XGBoost could not predict: " + e.getMessage(), e);
        } finally {
            if (m != null) {
                m.dispose();
            }
        }
    }

    /** Writes the classifier to {@code file} (a zip), atomically, creating its directory. */
    public void save(Path file) {
        byte[] model;
        byte[] json;
        try {
            model = booster.toByteArray("ubj");
            json = JSON.writeValueAsBytes(info);
        } catch (XGBoostError | IOException e) {
            throw new SenseiException("cannot serialise the gbdt floor: " + e.getMessage(), e);
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new SenseiException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeStream(file, os -> {
            try (ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry(INFO_ENTRY));
                zip.write(json);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(BOOSTER_ENTRY));
                zip.write(model);
                zip.closeEntry();
            }
        });
    }

    /**
     * Reads a classifier written by {@link #save}.
     *
     * @throws SenseiException for a missing file, a file that is not a gbdt floor, or a damaged one
     */
    public static GradientBoostedPixelClassifier load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SenseiException("gbdt floor file " + file + " does not exist: give the path of a file written "
                    + "by 'sensei floor train' (default runs/<name>/gbdt-floor.zip)");
        }
        byte[] model = null;
        byte[] json = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (BOOSTER_ENTRY.equals(e.getName())) {
                    model = readAll(zip);
                } else if (INFO_ENTRY.equals(e.getName())) {
                    json = readAll(zip);
                }
            }
        } catch (NoSuchFileException e) {
            throw new SenseiException(
                    "gbdt floor file " + file + " does not exist: give the path of a file written "
                            + "by 'sensei floor train'",
                    e);
        } catch (ZipException e) {
            throw damaged(file, "not a readable zip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SenseiException("cannot read gbdt floor file " + file + ": " + e.getMessage(), e);
        }
        if (model == null || json == null) {
            throw damaged(file, "it lacks " + (json == null ? INFO_ENTRY : BOOSTER_ENTRY), null);
        }
        Info info;
        try {
            info = JSON.readValue(json, Info.class);
        } catch (IOException e) {
            throw damaged(file, INFO_ENTRY + " is not valid (" + e.getMessage() + ")", e);
        }
        if (!FORMAT.equals(info.format())) {
            throw damaged(file, "its format is '" + info.format() + "', not '" + FORMAT + "'", null);
        }
        if (!PixelFeatures.NAMES.equals(info.features())) {
            throw new SenseiException("gbdt floor file " + file + " was made with the features " + info.features()
                    + " but this version computes " + PixelFeatures.NAMES + ": train it again with 'sensei floor "
                    + "train'");
        }
        ClassScheme scheme;
        try {
            scheme = ClassScheme.fromId(info.scheme());
        } catch (RuntimeException e) {
            throw damaged(file, "its scheme '" + info.scheme() + "' is unknown", e);
        }
        try {
            Booster b = XGBoost.loadModel(model);
            b.setParam("nthread", info.params() == null ? 1 : info.params().threads());
            return new GradientBoostedPixelClassifier(b, scheme, info);
        } catch (XGBoostError | IOException | RuntimeException e) {
            throw damaged(file, "its booster cannot be loaded (" + e.getMessage() + ")", e);
        }
    }

    private static SenseiException damaged(Path file, String why, Exception cause) {
        return new SenseiException(
                "gbdt floor file " + file + " is damaged or not a gbdt floor: " + why
                        + ": train it again with 'sensei floor train'",
                cause);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** Model size in bytes (serialised booster). */
    public long boosterBytes() {
        try {
            return booster.toByteArray("ubj").length;
        } catch (XGBoostError e) {
            throw new SenseiException("cannot serialise the gbdt floor: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }

    @Override
    public String toString() {
        Params p = info.params();
        return String.format(
                Locale.ROOT,
                "%s (XGBoost, %s, %d rounds, depth %d, eta %.3g, %d features)",
                NAME,
                scheme.id(),
                p.rounds(),
                p.maxDepth(),
                p.eta(),
                info.features().size());
    }
}
