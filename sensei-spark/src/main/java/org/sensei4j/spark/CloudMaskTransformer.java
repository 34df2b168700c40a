package org.sensei4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sensei4j.error.SenseiException;
import org.sensei4j.inference.GeoTiffMaskSink;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.model.cloud.Precision;

/**
 * A Spark ML {@link Transformer} that masks the scene of each row: the input DataFrame has the string columns
 * {@code scene_id}, {@code input}, {@code sensor}, optionally {@code bands} (';'-separated string or array of
 * strings) and {@code output} (as in a {@link SceneManifest}); the result has every input column plus
 * {@value #CLOUD_FRACTION} (double, null when the scene failed), {@value #MASK_PATH} (string, null when failed),
 * {@value #MASK_STATUS} ({@code ok}, {@code skipped} or {@code failed}) and {@value #MASK_ERROR}.
 *
 * <p>Masking happens when the result is evaluated, one row per partition after a repartition by row count (see
 * {@link #numPartitions()}). Evaluating it again does not mask again: existing masks are skipped and their cloud
 * fraction is read back from the file, so the columns stay the same. Persist the result when it is used more
 * than once.
 */
public final class CloudMaskTransformer extends Transformer {

    private static final long serialVersionUID = 1L;

    public static final String CLOUD_FRACTION = "cloud_fraction";
    public static final String MASK_PATH = "mask_path";
    public static final String MASK_STATUS = "mask_status";
    public static final String MASK_ERROR = "mask_error";

    private final String uid;
    private final Param<String> outputDir;
    private final Param<String> model;
    private final IntParam tile;
    private final IntParam overlap;
    private final IntParam threads;
    private final IntParam numPartitions;
    private final Param<String> format;
    private final Param<String> precision;

    public CloudMaskTransformer() {
        this(Identifiable$.MODULE$.randomUID("cloudMask"));
    }

    public CloudMaskTransformer(String uid) {
        this.uid = uid;
        outputDir = new Param<>(this, "outputDir", "directory (path or Hadoop URI) for masks without an output column");
        model = new Param<>(this, "model", "model bundle: 'default', a path on every executor, or a URI");
        tile = new IntParam(this, "tile", "tile size in pixels", ParamValidators.gtEq(1));
        overlap = new IntParam(this, "overlap", "tile overlap in pixels", ParamValidators.gtEq(0));
        threads = new IntParam(this, "threads", "tiles predicted in parallel within a task", ParamValidators.gtEq(1));
        numPartitions = new IntParam(
                this,
                "numPartitions",
                "partitions to mask in; 0: one per row (counts the rows first)",
                ParamValidators.gtEq(0));
        format = new Param<>(
                this,
                "format",
                "mask layout: cog (Cloud Optimized GeoTIFF) or gtiff (striped)",
                ParamValidators.inArray(List.of("cog", "gtiff")));
        precision = new Param<>(
                this,
                "precision",
                "arithmetic of a DeepLabv3+ head: int8 (calibrated on windows of each scene), fp32, or auto (int8 "
                        + "where the bundle passed sensei calibrate --int8-check on a CPU like this and the scene is "
                        + "large, else fp32)",
                ParamValidators.inArray(List.of("auto", "int8", "fp32")));
        MaskingOptions d = MaskingOptions.defaults();
        setDefault(model, ModelLocator.DEFAULT);
        setDefault(tile, d.tile());
        setDefault(overlap, d.overlap());
        setDefault(threads, d.threads());
        setDefault(numPartitions, 0);
        setDefault(format, "cog");
        setDefault(precision, Precision.DEFAULT.id());
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> outputDir() {
        return outputDir;
    }

    public Param<String> model() {
        return model;
    }

    public IntParam tile() {
        return tile;
    }

    public IntParam overlap() {
        return overlap;
    }

    public IntParam threads() {
        return threads;
    }

    public IntParam numPartitions() {
        return numPartitions;
    }

    public Param<String> format() {
        return format;
    }

    public Param<String> precision() {
        return precision;
    }

    /**
     * {@code int8} or {@code fp32} (the default): the arithmetic of a DeepLabv3+ head run by ONNX Runtime; the
     * per-pixel NN head runs in fp32 either way.
     */
    public CloudMaskTransformer setPrecision(String p) {
        set(precision, Precision.parse(p).id());
        return this;
    }

    /** {@code cog} (the default) or {@code gtiff}. */
    public CloudMaskTransformer setFormat(String layout) {
        set(format, GeoTiffMaskSink.Format.parse(layout, "format").id());
        return this;
    }

    public CloudMaskTransformer setOutputDir(String dir) {
        set(outputDir, dir);
        return this;
    }

    public CloudMaskTransformer setModel(String bundle) {
        set(model, bundle);
        return this;
    }

    public CloudMaskTransformer setTile(int px, int overlapPx) {
        set(tile, px);
        set(overlap, overlapPx);
        return this;
    }

    public CloudMaskTransformer setThreads(int n) {
        set(threads, n);
        return this;
    }

    public CloudMaskTransformer setNumPartitions(int n) {
        set(numPartitions, n);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String c : List.of(SceneManifest.SCENE_ID, SceneManifest.INPUT, SceneManifest.SENSOR)) {
            if (!names.contains(c)) {
                throw new SenseiException("the DataFrame has no column '" + c + "' (columns: "
                        + String.join(", ", names) + "): give scene_id, input, sensor and optionally bands and output");
            }
            requireType(schema, c, DataTypes.StringType);
        }
        if (names.contains(SceneManifest.OUTPUT)) {
            requireType(schema, SceneManifest.OUTPUT, DataTypes.StringType);
        }
        if (names.contains(SceneManifest.BANDS)) {
            DataType t = schema.apply(SceneManifest.BANDS).dataType();
            if (!t.equals(DataTypes.StringType)
                    && !(t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType))) {
                throw new SenseiException("column 'bands' is " + t.simpleString() + ": give a ';'-separated string"
                        + " or an array of strings");
            }
        }
        for (String c : List.of(CLOUD_FRACTION, MASK_PATH, MASK_STATUS, MASK_ERROR)) {
            if (names.contains(c)) {
                throw new SenseiException("the DataFrame already has a column '" + c + "': drop or rename it first");
            }
        }
        return schema.add(CLOUD_FRACTION, DataTypes.DoubleType, true)
                .add(MASK_PATH, DataTypes.StringType, true)
                .add(MASK_STATUS, DataTypes.StringType, false)
                .add(MASK_ERROR, DataTypes.StringType, true);
    }

    private static void requireType(StructType schema, String column, DataType type) {
        DataType t = schema.apply(column).dataType();
        if (!t.equals(type)) {
            throw new SenseiException(
                    "column '" + column + "' is " + t.simpleString() + ": it must be " + type.simpleString());
        }
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in);
        if (!isDefined(outputDir) && !Arrays.asList(in.fieldNames()).contains(SceneManifest.OUTPUT)) {
            throw new SenseiException("no output directory: call setOutputDir(DIR) or give an 'output' column");
        }
        String dir = isDefined(outputDir) ? getOrDefault(outputDir) : null;
        MaskingOptions options = MaskingOptions.defaults()
                .withTile((Integer) getOrDefault(tile), (Integer) getOrDefault(overlap))
                .withThreads((Integer) getOrDefault(threads))
                .withPrecision(Precision.parse(getOrDefault(precision)));
        Configuration hc = dataset.sparkSession().sparkContext().hadoopConfiguration();
        HadoopConf conf = new HadoopConf(hc);
        SceneMaskTask task = new SceneMaskTask(
                dir,
                new MaskerLoader(getOrDefault(model), conf),
                options,
                conf,
                true,
                GeoTiffMaskSink.Format.parse(getOrDefault(format), "format"));
        Dataset<Row> rows = dataset.toDF();
        int n = (Integer) getOrDefault(numPartitions);
        if (n == 0) {
            n = (int) Math.max(1, Math.min(Integer.MAX_VALUE, rows.count()));
        }
        return rows.repartition(n).mapPartitions(new MaskRows(task, in), Encoders.row(out));
    }

    @Override
    public CloudMaskTransformer copy(ParamMap extra) {
        return (CloudMaskTransformer) defaultCopy(extra);
    }

    /** Appends the mask columns to each row. */
    private record MaskRows(SceneMaskTask task, StructType in) implements MapPartitionsFunction<Row, Row> {

        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            int id = in.fieldIndex(SceneManifest.SCENE_ID);
            int input = in.fieldIndex(SceneManifest.INPUT);
            int sensor = in.fieldIndex(SceneManifest.SENSOR);
            List<String> names = Arrays.asList(in.fieldNames());
            int bands = names.indexOf(SceneManifest.BANDS);
            int output = names.indexOf(SceneManifest.OUTPUT);
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                SceneResult res;
                try {
                    SceneEntry e = new SceneEntry(
                            r.getString(id),
                            r.getString(input),
                            r.getString(sensor),
                            bands < 0 ? List.of() : bandList(r, bands),
                            output < 0 ? null : r.getString(output));
                    res = task.mask(e);
                } catch (RuntimeException ex) { // a null field
                    res = new SceneResult(
                            String.valueOf(r.get(id)),
                            SceneResult.Status.FAILED,
                            null,
                            0,
                            null,
                            "row " + r + ": " + SceneMaskTask.describe(ex)
                                    + ": scene_id, input and sensor must not be null");
                }
                Object[] values = new Object[r.length() + 4];
                for (int i = 0; i < r.length(); i++) {
                    values[i] = r.get(i);
                }
                boolean failed = res.status() == SceneResult.Status.FAILED;
                values[r.length()] = res.cloudFraction();
                values[r.length() + 1] = failed ? null : res.output();
                values[r.length() + 2] = res.status().label();
                values[r.length() + 3] = res.error();
                out.add(RowFactory.create(values));
            }
            return out.iterator();
        }

        private static List<String> bandList(Row r, int i) {
            if (r.isNullAt(i)) {
                return List.of();
            }
            Object v = r.get(i);
            if (v instanceof String s) {
                return Arrays.stream(s.split(";"))
                        .map(String::trim)
                        .filter(b -> !b.isEmpty())
                        .toList();
            }
            return r.<String>getList(i).stream()
                    .map(String::trim)
                    .filter(b -> !b.isEmpty())
                    .toList();
        }
    }
}
