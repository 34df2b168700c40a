package org.sensei4j.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.sensei4j.classes.ClassKind;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.bundle.ModelBundle;
import org.sensei4j.model.cloud.Calibration;
import org.sensei4j.model.cloud.CirrusTest;
import org.sensei4j.model.cloud.CloudModel;
import org.sensei4j.model.cloud.CloudPredictor;
import org.sensei4j.model.cloud.CompiledHead;
import org.sensei4j.model.cloud.Int8Calibration;
import org.sensei4j.model.cloud.Precision;
import org.sensei4j.model.cloud.SnowTest;
import org.sensei4j.model.head.DeepLabV3Plus;
import org.sensei4j.model.onnx.ActivationRanges;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.raster.PixelWindow;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.scene.SceneWindow;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.SpectralSlot;

/**
 * Masks whole scenes with a cloud model: the Java API behind {@code sensei mask}.
 *
 * <p>Load the model once, then call {@link #mask(SceneSource, MaskingOptions)} for each scene, from any number of
 * threads. Scenes are read, predicted and blended tile by tile ({@link TileGrid}: overlapping tiles, weights
 * falling off towards inner tile edges), and the mask is handed out in row strips as soon as they are complete
 * ({@link #mask(SceneSource, MaskingOptions, MaskSink)}), so memory is bounded by the tile size × threads and
 * one strip of the scene's width, not by the scene size. The rows of each complete strip are calibrated, smoothed
 * and decided in chunks by the calling thread and, with more than one thread, helper threads. Tiles without valid
 * pixels are skipped; nodata pixels stay nodata in the output. {@link GeoTiffMaskSink} writes the strips to a mask
 * file.
 *
 * <p>Each call reads its scene from its tile threads one window at a time, under a lock of the call (not the
 * scene object): concurrent calls need their own {@link SceneSource}s, as a source is not thread safe.
 */
public final class CloudMasker implements AutoCloseable {

    /** Smallest tile side the models take (DeepLabv3+ needs 33); smaller tiles are padded by edge replication. */
    public static final int MIN_TILE = 33;

    private final CloudModel model;
    private final NDManager manager;
    private final boolean ownsManager;
    private final Calibration calibration;

    /**
     * Uses a model whose parameters live on {@code manager} (not closed by this masker), with the calibration of
     * its spec (if any).
     */
    public CloudMasker(CloudModel model, NDManager manager) {
        this(model, manager, false, model.spec().calibration());
    }

    private CloudMasker(CloudModel model, NDManager manager, boolean ownsManager, Calibration calibration) {
        this.model = model;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.calibration = calibration;
    }

    /**
     * The same model with another calibration (null: none, the raw probabilities and the most probable class), e.g.
     * to fit a new one. Shares this masker's model; closing the view frees nothing.
     */
    public CloudMasker withCalibration(Calibration c) {
        return new CloudMasker(model, manager, false, c);
    }

    /** The calibration applied to the probabilities and giving the default threshold, or null. */
    public Calibration calibration() {
        return calibration;
    }

    /**
     * The cloud threshold masking with {@code options} uses: {@link MaskingOptions#threshold()} when given, else the
     * calibration's {@link Calibration#cloudThreshold()}, else NaN (the most probable class).
     */
    public double threshold(MaskingOptions options) {
        if (!Double.isNaN(options.threshold())) {
            return options.threshold();
        }
        return calibration == null ? Double.NaN : calibration.cloudThreshold();
    }

    /** Says in words which decision {@code options} give, e.g. "cloud threshold 0.31 (calibrated, from the bundle)". */
    public String describeDecision(MaskingOptions options) {
        if (!Double.isNaN(options.threshold())) {
            return "cloud threshold " + options.threshold() + " (--threshold)"
                    + (calibration == null
                            ? ""
                            : " on probabilities calibrated with temperature " + calibration.temperature() + ", bias "
                                    + calibration.bias() + smoothingWords() + testWords());
        }
        if (calibration != null) {
            return "cloud threshold " + calibration.cloudThreshold() + " (calibrated, from the bundle; temperature "
                    + calibration.temperature() + ", bias " + calibration.bias() + smoothingWords() + testWords()
                    + ")";
        }
        return "most probable class (the bundle has no calibrated threshold)";
    }

    private String smoothingWords() {
        int n = calibration.smoothingWindow();
        return n > 1 ? ", cloud probability averaged over " + n + "x" + n + " pixels" : "";
    }

    /** The snow and cirrus tests and the shadow threshold of the calibration, in words ("" for none). */
    private String testWords() {
        SnowTest s = calibration.snowTest();
        CirrusTest t = calibration.cirrusTest();
        Double shadow = calibration.shadowThreshold();
        return (s == null ? "" : ", lowered by the snow test from NDSI " + s.low() + " to " + s.high())
                + (t == null
                        ? ""
                        : ", raised by the 1.38 um cirrus test from " + t.low() + " to " + t.high()
                                + " where the scene has a cirrus band")
                + (shadow == null || model.spec().scheme().indexOf(ClassKind.SHADOW) < 0
                        ? ""
                        : "; shadow where p(shadow) / (p(shadow) + p(clear)) >= " + shadow);
    }

    /**
     * Positions in {@code bands} of the bands {@link CirrusTest#evidence} reads: cirrus, green, NIR, SWIR 1.6 µm
     * (−1 where absent); null when there is no cirrus band (a band centred in {@link SpectralSlot#CIRRUS}, at most
     * {@link #MAX_CIRRUS_WIDTH_NM} wide: a wider one sees the ground).
     */
    static int[] cirrusBands(List<Band> bands) {
        int cirrus = Arrays.stream(SpectralSlot.CIRRUS.candidates(bands))
                .filter(i -> bands.get(i).wavelengths().maxNm()
                                - bands.get(i).wavelengths().minNm()
                        <= MAX_CIRRUS_WIDTH_NM)
                .findFirst()
                .orElse(-1);
        if (cirrus < 0) {
            return null;
        }
        return new int[] {
            cirrus, SpectralSlot.GREEN.find(bands), SpectralSlot.NIR.find(bands), SpectralSlot.SWIR1.find(bands)
        };
    }

    /** Positions in {@code bands} of the green and SWIR 1.6 µm bands {@link SnowTest#evidence} reads, or null. */
    static int[] snowBands(List<Band> bands) {
        int green = SpectralSlot.GREEN.find(bands);
        int swir = SpectralSlot.SWIR1.find(bands);
        return green < 0 || swir < 0 ? null : new int[] {green, swir};
    }

    /** The widest band the cirrus test takes as a cirrus band (Sentinel-2 B10 is 76 nm wide). */
    static final double MAX_CIRRUS_WIDTH_NM = 100;

    /** Loads a model bundle (directory or zip) into a masker that owns its engine resources. */
    public static CloudMasker load(Path bundle) {
        NDManager m = NDManager.newBaseManager();
        try {
            CloudModel model = ModelBundle.load(bundle, m).model();
            return new CloudMasker(model, m, true, model.spec().calibration());
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public CloudModel model() {
        return model;
    }

    /** Masks a scene into memory. */
    public MaskResult mask(SceneSource scene, MaskingOptions options) {
        ClassScheme modelScheme = model.spec().scheme();
        ClassScheme out = options.outputScheme() == null ? modelScheme : options.outputScheme();
        int w = scene.width();
        int h = scene.height();
        int k = modelScheme.classCount();
        byte[] classes = new byte[w * h];
        float[] probabilities = new float[k * w * h];
        float[] disagreement = options.ensemble() > 1 ? new float[w * h] : null;
        MaskingStats stats = mask(scene, options, (y0, rows, width, c, p, d) -> {
            System.arraycopy(c, 0, classes, y0 * width, rows * width);
            for (int cls = 0; cls < k; cls++) {
                System.arraycopy(p, cls * rows * width, probabilities, cls * w * h + y0 * width, rows * width);
            }
            if (d != null) {
                System.arraycopy(d, 0, disagreement, y0 * width, rows * width);
            }
        });
        return new MaskResult(
                w,
                h,
                out,
                modelScheme,
                classes,
                probabilities,
                disagreement,
                scene.georeference().orElse(null),
                stats);
    }

    /** Masks a scene, handing the mask to {@code sink} strip by strip, top to bottom. */
    public MaskingStats mask(SceneSource scene, MaskingOptions requested, MaskSink sink) {
        MaskingOptions options = requested.withThreshold(threshold(requested));
        ClassScheme modelScheme = model.spec().scheme();
        ClassScheme out = options.outputScheme() == null ? modelScheme : options.outputScheme();
        if (!modelScheme.canConvertTo(out)) {
            throw new SenseiException("model '" + model.spec().name() + "' predicts " + modelScheme.classNames()
                    + " and cannot produce the classes '" + out.id() + "': choose --classes " + modelScheme.id()
                    + " or a coarser scheme");
        }
        List<int[]> members = ensembleMembers(scene, options);
        // a per-pixel head needs no context: without overlap its tiles give the same result with less work
        int overlap = model.spec().head().type().isPerPixel() ? 0 : options.overlap();
        TileGrid grid = new TileGrid(scene.width(), scene.height(), options.tile(), overlap);
        Precision precision = options.precisionOrDefault()
                .resolve(calibration == null ? null : calibration.int8Check(), (long) scene.width() * scene.height());
        List<CompiledHead> compiled = compile(members, scene, precision);
        try {
            return new Run(scene, options, sink, grid, members, compiled, modelScheme.conversionTable(out)).run();
        } finally {
            close(compiled);
        }
    }

    /**
     * One call of {@link #mask(SceneSource, MaskingOptions, MaskSink)}: its grid, blending strips, the lock that
     * serialises the scene's reads, and where the time went. Tile threads read and predict; the calling thread
     * blends and emits strips.
     */
    private final class Run {
        private final SceneSource scene;
        private final MaskingOptions options;
        private final MaskSink sink;
        private final TileGrid grid;
        private final List<int[]> members;
        private final List<CompiledHead> compiled;
        private final int[] table;
        private final ClassScheme scheme = model.spec().scheme();
        private final StripAccumulator acc;
        /** Helpers of the calling thread for the per-pixel work of each strip, or null with one thread. */
        private final ForkJoinPool emitPool;
        /** {@link #cirrusBands} of the scene when the calibration has a cirrus test, else null. */
        private final int[] cirrusBands;
        /** Green and SWIR 1.6 µm band positions when the calibration has a snow test and the scene both, else null. */
        private final int[] snowBands;
        /** The scene reads one window at a time (a source is not thread safe): reads take turns on this. */
        private final Object readLock = new Object();
        /** Summed over the tile threads; guarded by {@code this}. */
        private double readSeconds;

        private double predictSeconds;
        /** Blending happens on the calling thread only. */
        private double blendSeconds;

        private int tilesPredicted;
        private int tilesSkipped;
        /** The tile row being blended, −1 before the first. */
        private int row = -1;

        Run(
                SceneSource scene,
                MaskingOptions options,
                MaskSink sink,
                TileGrid grid,
                List<int[]> members,
                List<CompiledHead> compiled,
                int[] table) {
            this.scene = scene;
            this.options = options;
            this.sink = sink;
            this.grid = grid;
            this.members = members;
            this.compiled = compiled;
            this.table = table;
            // the rows of each finished strip are calibrated, smoothed and decided by this thread and these
            this.emitPool = options.threads() > 1 ? new ForkJoinPool(options.threads()) : null;
            this.acc = new StripAccumulator(
                    scene.width(),
                    scene.height(),
                    grid.tileHeight(),
                    scheme.classCount(),
                    members.size() > 1,
                    calibration == null
                                    || calibration.shadowThreshold() == null
                                    || Calibration.shadowThresholdApplies(scene.bands())
                            ? calibration
                            : calibration.withShadowThreshold(null),
                    scheme,
                    emitPool);
            this.cirrusBands =
                    calibration == null || calibration.cirrusTest() == null ? null : cirrusBands(scene.bands());
            this.snowBands = calibration == null || calibration.snowTest() == null ? null : snowBands(scene.bands());
        }

        MaskingStats run() {
            long wallStart = System.nanoTime();
            ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads()) : null;
            try {
                // Tiles are predicted in row-major order, up to 2 × threads ahead of the one being blended, so the
                // threads go on into the next tile row while this thread blends and emits the last one (no idle wait
                // per row); the predictions waiting to be blended are a few tiles, whatever the scene's width.
                int ahead = pool == null ? 1 : 2 * options.threads();
                ArrayDeque<Future<TileResult>> queue = new ArrayDeque<>();
                for (int r = 0; r < grid.rows(); r++) {
                    for (int c = 0; c < grid.columns(); c++) {
                        int tileRow = r;
                        PixelWindow win = grid.window(r, c);
                        Callable<TileResult> task = () -> predictTile(win, tileRow);
                        queue.add(pool == null ? CompletableFuture.completedFuture(task.call()) : pool.submit(task));
                        while (queue.size() >= ahead) {
                            blend(take(queue.poll()));
                        }
                    }
                }
                while (!queue.isEmpty()) {
                    blend(take(queue.poll()));
                }
                acc.emit(scene.height(), options.threshold(), scheme, table, sink);
            } catch (Exception e) {
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e);
            } finally {
                if (emitPool != null) {
                    emitPool.shutdownNow();
                }
                if (pool != null) {
                    pool.shutdownNow();
                    try {
                        pool.awaitTermination(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            synchronized (this) {
                return new MaskingStats(
                        readSeconds,
                        predictSeconds,
                        blendSeconds,
                        wall,
                        tilesPredicted,
                        tilesSkipped,
                        precision(compiled));
            }
        }

        /**
         * Adds a tile's prediction to the blending strips, in row-major order: the first tile of a new tile row first
         * emits the rows the previous tile row completed.
         */
        private void blend(TileResult t) {
            if (t.row() != row) {
                if (row >= 0) {
                    acc.emit(grid.rowOrigin(t.row()), options.threshold(), scheme, table, sink);
                }
                acc.startRow(grid.rowOrigin(t.row()));
                row = t.row();
            }
            if (t.probabilities() == null) {
                acc.markNodata(t.window());
                tilesSkipped++;
                return;
            }
            long t0 = System.nanoTime();
            acc.add(
                    t.window(),
                    t.probabilities(),
                    t.members(),
                    grid.weights(t.window()),
                    t.invalid(),
                    t.cirrus(),
                    t.snow());
            blendSeconds += (System.nanoTime() - t0) / 1e9;
            tilesPredicted++;
        }

        private synchronized void addTimes(double read, double predict) {
            readSeconds += read;
            predictSeconds += predict;
        }

        private TileResult predictTile(PixelWindow win, int row) {
            long t0;
            SceneWindow sw;
            synchronized (readLock) {
                // read time without the wait for the other threads' reads
                t0 = System.nanoTime();
                sw = scene.read(win);
            }
            long t1 = System.nanoTime();
            if (sw.isAllNodata()) {
                addTimes((t1 - t0) / 1e9, 0);
                return new TileResult(win, row, null, null, null, null, null);
            }
            int k = model.spec().head().classes();
            int pixels = win.width() * win.height();
            float[] sum = new float[k * pixels];
            float[][] memberProbs = new float[members.size()][];
            for (int m = 0; m < members.size(); m++) {
                memberProbs[m] = predict(sw.values(), members.get(m), scene.descriptors(), compiled.get(m));
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += memberProbs[m][i];
                }
            }
            if (members.size() > 1) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] /= members.size();
                }
            }
            long t2 = System.nanoTime();
            addTimes((t1 - t0) / 1e9, (t2 - t1) / 1e9);
            return new TileResult(
                    win,
                    row,
                    sum,
                    memberProbs.length > 1 ? memberProbs : null,
                    sw.invalid(),
                    cirrusEvidence(sw),
                    snowEvidence(sw));
        }

        /** The tile's snow evidence per pixel, or null when there is no test or no green or SWIR1 band. */
        private float[] snowEvidence(SceneWindow sw) {
            if (snowBands == null) {
                return null;
            }
            SnowTest test = calibration.snowTest();
            return perPixel(sw, (d, n, i) -> test.evidence(d[snowBands[0] * n + i], d[snowBands[1] * n + i]));
        }

        /** The tile's cirrus evidence per pixel, or null when there is no test or no cirrus band. */
        private float[] cirrusEvidence(SceneWindow sw) {
            if (cirrusBands == null) {
                return null;
            }
            CirrusTest test = calibration.cirrusTest();
            return perPixel(
                    sw,
                    (d, n, i) -> test.evidence(
                            d[cirrusBands[0] * n + i],
                            at(d, cirrusBands[1], n, i),
                            at(d, cirrusBands[2], n, i),
                            at(d, cirrusBands[3], n, i)));
        }
    }

    /** A value of pixel {@code i} from a tile's band-major values {@code d} of {@code n} pixels per band. */
    @FunctionalInterface
    private interface PixelValue {
        double at(float[] d, int n, int i);
    }

    /** {@code f} of every pixel of the window's values. */
    private static float[] perPixel(SceneWindow sw, PixelValue f) {
        float[] d = sw.values().data();
        int n = sw.values().height() * sw.values().width();
        float[] e = new float[n];
        for (int i = 0; i < n; i++) {
            e[i] = (float) f.at(d, n, i);
        }
        return e;
    }

    /** The band positions (into the scene's bands) of each ensemble member; one member with all bands by default. */
    private List<int[]> ensembleMembers(SceneSource scene, MaskingOptions options) {
        int[] base;
        if (model.isSensorIndependent()) {
            base = new int[scene.bands().size()];
            for (int i = 0; i < base.length; i++) {
                base[i] = i;
            }
        } else {
            base = CloudPredictor.of(model).selectBands(scene.bandIds());
        }
        List<int[]> members = new ArrayList<>();
        if (options.ensemble() == 1) {
            members.add(base);
            return members;
        }
        if (!model.isSensorIndependent()) {
            throw new SenseiException(
                    "--ensemble needs a SEnSeI model: model '" + model.spec().name() + "' takes a fixed band list");
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        int min = Math.min(Math.max(1, options.minBands()), base.length);
        for (int e = 0; e < options.ensemble(); e++) {
            int n = min + rnd.nextInt(base.length - min + 1);
            int[] shuffled = base.clone();
            for (int i = 0; i < n; i++) {
                int j = i + rnd.nextInt(shuffled.length - i);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            int[] subset = Arrays.copyOf(shuffled, n);
            Arrays.sort(subset);
            members.add(subset);
        }
        return members;
    }

    /**
     * Each member's head compiled ({@link CloudPredictor#compile}: the per-pixel head as a kernel, DeepLabv3+ for ONNX
     * Runtime; null where ONNX Runtime is off or missing, so DJL runs it): compiled once per scene and band subset,
     * used for all its tiles. In int8, each member's activations
     * are calibrated on {@link #calibrationWindows} of the scene.
     */
    private List<CompiledHead> compile(List<int[]> members, SceneSource scene, Precision precision) {
        List<CompiledHead> compiled = new ArrayList<>();
        boolean int8 = precision == Precision.INT8 && model.head() instanceof DeepLabV3Plus;
        List<SceneWindow> windows = int8 ? calibrationWindows(scene) : List.of();
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            for (int[] bands : members) {
                List<BandDescriptor> d = model.isSensorIndependent() ? select(scene.descriptors(), bands) : null;
                CloudPredictor predictor = CloudPredictor.of(model);
                if (int8 && !windows.isEmpty()) {
                    List<ActivationRanges.Input> inputs = new ArrayList<>();
                    for (SceneWindow w : windows) {
                        FloatRaster v = w.values();
                        int ph = Math.max(v.height(), MIN_TILE);
                        int pw = Math.max(v.width(), MIN_TILE);
                        inputs.add(new ActivationRanges.Input(headInput(v, bands, true), bands.length + 1, ph, pw));
                    }
                    String set = windows.size() + " window(s) of up to " + CALIBRATION_WINDOW + "² px of the scene";
                    Int8Calibration calibration = new Int8Calibration(inputs, Int8Calibration.PERCENTILE, set);
                    compiled.add(predictor
                            .compile(ps, d, 1, Precision.INT8, calibration)
                            .orElse(null));
                } else {
                    compiled.add(predictor.compile(ps, d, 1).orElse(null));
                }
            }
        } catch (RuntimeException e) {
            close(compiled);
            throw e;
        }
        return compiled;
    }

    /** Side of the scene windows an int8 head is calibrated on. */
    static final int CALIBRATION_WINDOW = 256;

    /**
     * Up to 4 windows of {@link #CALIBRATION_WINDOW}² px (less for a smaller scene) spread over the scene: centred
     * in its four quadrants, or in the scene when it is no larger than two windows across; windows without valid
     * pixels are left out.
     */
    private static List<SceneWindow> calibrationWindows(SceneSource scene) {
        int w = scene.width();
        int h = scene.height();
        int sw = Math.min(CALIBRATION_WINDOW, w);
        int sh = Math.min(CALIBRATION_WINDOW, h);
        List<int[]> centres = new ArrayList<>();
        if (w < 2 * CALIBRATION_WINDOW && h < 2 * CALIBRATION_WINDOW) {
            centres.add(new int[] {w / 2, h / 2});
        } else {
            for (int qy = 0; qy < 2; qy++) {
                for (int qx = 0; qx < 2; qx++) {
                    centres.add(new int[] {w * (1 + 2 * qx) / 4, h * (1 + 2 * qy) / 4});
                }
            }
        }
        List<SceneWindow> windows = new ArrayList<>();
        for (int[] c : centres) {
            int x0 = Math.max(0, Math.min(w - sw, c[0] - sw / 2));
            int y0 = Math.max(0, Math.min(h - sh, c[1] - sh / 2));
            SceneWindow sw2 = scene.read(new PixelWindow(x0, y0, sw, sh));
            if (!sw2.isAllNodata()) {
                windows.add(sw2);
            }
        }
        return windows;
    }

    /** What the compiled heads run in: the first one's {@link CompiledHead#quantisation()}, else "fp32". */
    private static String precision(List<CompiledHead> compiled) {
        for (CompiledHead head : compiled) {
            if (head != null) {
                return head.quantisation();
            }
        }
        return "fp32";
    }

    /** One tile's prediction waiting to be blended: null probabilities for a tile without valid pixels. */
    private static float at(float[] d, int band, int n, int i) {
        return band < 0 ? Float.NaN : d[band * n + i];
    }

    private record TileResult(
            PixelWindow window,
            int row,
            float[] probabilities,
            float[][] members,
            byte[] invalid,
            float[] cirrus,
            float[] snow) {}

    private static TileResult take(Future<TileResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SenseiException("masking interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The descriptors of the chosen bands, in their order. */
    private static List<BandDescriptor> select(List<BandDescriptor> descriptors, int[] bands) {
        List<BandDescriptor> d = new ArrayList<>(bands.length);
        for (int b : bands) {
            d.add(descriptors.get(b));
        }
        return d;
    }

    private static void close(List<CompiledHead> compiled) {
        for (CompiledHead head : compiled) {
            if (head != null) {
                head.close();
            }
        }
    }

    /** Class probabilities (K × h × w) for one tile and one band subset. */
    private float[] predict(FloatRaster values, int[] bands, List<BandDescriptor> descriptors, CompiledHead compiled) {
        int h = values.height();
        int w = values.width();
        if (compiled != null && compiled.perPixel()) {
            // the tile's planes as they are: no padding, no copy
            int[] offsets = new int[bands.length];
            for (int b = 0; b < bands.length; b++) {
                offsets[b] = values.bandOffset(bands[b]);
            }
            return compiled.probabilities(values.data(), offsets, h * w);
        }
        int ph = Math.max(h, MIN_TILE);
        int pw = Math.max(w, MIN_TILE);
        int n = bands.length;
        float[] input = headInput(values, bands, compiled != null);
        if (compiled != null) {
            return crop(compiled.probabilities(input, ph, pw), compiled.classes(), ph, pw, h, w);
        }
        try (NDManager step = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(step, false);
            NDArray p;
            NDArray x = step.create(input, new Shape(1, n, ph, pw));
            if (model.isSensorIndependent()) {
                p = CloudPredictor.of(model).predict(ps, x, select(descriptors, bands));
            } else {
                p = CloudModel.probabilities(
                        model.forward(ps, new NDList(x), false).singletonOrThrow());
            }
            return crop(p.toFloatArray(), (int) p.getShape().get(1), ph, pw, h, w);
        }
    }

    /**
     * The chosen bands of a tile, each padded by edge replication to at least {@link #MIN_TILE} px each way; with
     * {@code ones}, followed by a plane of ones (what a compiled head takes).
     */
    private static float[] headInput(FloatRaster values, int[] bands, boolean ones) {
        int h = values.height();
        int w = values.width();
        int ph = Math.max(h, MIN_TILE);
        int pw = Math.max(w, MIN_TILE);
        int n = bands.length;
        if (!ones && ph == h && pw == w && n == values.bands() && values.data().length == n * h * w) {
            boolean inOrder = true;
            for (int b = 0; b < n && inOrder; b++) {
                inOrder = bands[b] == b && values.bandOffset(b) == b * h * w;
            }
            if (inOrder) {
                // the tile as it is (DJL copies it into its own tensor): no second array of the tile's size
                return values.data();
            }
        }
        float[] input = new float[(ones ? n + 1 : n) * ph * pw];
        if (ones) {
            Arrays.fill(input, n * ph * pw, input.length, 1f);
        }
        float[] data = values.data();
        for (int b = 0; b < n; b++) {
            int src = values.bandOffset(bands[b]);
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, h - 1);
                int dst = (b * ph + y) * pw;
                System.arraycopy(data, src + sy * w, input, dst, w);
                for (int x = w; x < pw; x++) {
                    input[dst + x] = data[src + sy * w + w - 1];
                }
            }
        }
        return input;
    }

    /** The top-left h × w of each of the k planes of ph × pw values (the tile without its edge padding). */
    private static float[] crop(float[] full, int k, int ph, int pw, int h, int w) {
        if (ph == h && pw == w) {
            return full;
        }
        float[] cropped = new float[k * h * w];
        for (int c = 0; c < k; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(full, (c * ph + y) * pw, cropped, (c * h + y) * w, w);
            }
        }
        return cropped;
    }

    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}
