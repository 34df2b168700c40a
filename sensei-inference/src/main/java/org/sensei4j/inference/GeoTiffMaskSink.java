package org.sensei4j.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.io.geotiff.CogWriter;
import org.sensei4j.io.geotiff.CogWriter.Resampling;
import org.sensei4j.io.geotiff.GdalMetadata;
import org.sensei4j.io.geotiff.RowWriter;
import org.sensei4j.io.geotiff.StreamingGeoTiffWriter;
import org.sensei4j.raster.Georeference;
import org.sensei4j.raster.SampleType;
import org.sensei4j.scene.SceneSource;

/**
 * The one place a mask file is written: a {@link MaskSink} that streams the masker's strips into a Cloud Optimized
 * GeoTIFF ({@link CogWriter}, the default) or a striped GeoTIFF ({@link StreamingGeoTiffWriter}), with the GDAL
 * description of a mask (colour table, {@code CLASSES}, {@code SENSEI_CONTENT}, band descriptions, and the run's
 * items given to {@link Builder#metadata}), and optionally a second file with the ensemble disagreement. It counts
 * the classes on the way ({@link #counts()}: the cloud fraction, computed once).
 *
 * <p>Memory is bounded by the writers (one strip per level, see {@link CogWriter}) whatever the scene's height.
 * Nothing appears at the target until {@link #commit()}: the image is written to a hidden temporary file that is
 * renamed over the target, then the PAM sidecar {@code OUT.tif.aux.xml} with the category names (which GDAL reads
 * only from there) is written the same way; a sidecar of a replaced file is deleted when the new file has no
 * categories, so stale class names never describe new pixels. {@link #close()} without a commit (an exception while
 * masking, no valid pixel) deletes the temporary files: no output, no leftover.
 *
 * <p>Strips must arrive top to bottom without gaps, as {@link CloudMasker#mask(org.sensei4j.scene.SceneSource,
 * MaskingOptions, MaskSink)} hands them out, in strips of any height. Not thread-safe (the masker calls a sink from
 * one thread).
 */
public final class GeoTiffMaskSink implements MaskSink, AutoCloseable {

    /** The file layout. */
    public enum Format {
        /** Cloud Optimized GeoTIFF: 512² tiles, DEFLATE with predictor, internal overviews. */
        COG,
        /** Striped GeoTIFF without overviews. */
        GTIFF;

        /**
         * {@code cog} or {@code gtiff} (also {@code geotiff}), any case.
         *
         * @param option how the user gave it, for the message ({@code --format})
         * @throws SenseiException for anything else
         */
        public static Format parse(String text, String option) {
            return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
                case "cog" -> COG;
                case "gtiff", "geotiff" -> GTIFF;
                default -> throw new SenseiException(option + " takes 'cog' or 'gtiff', got '" + text + "'");
            };
        }

        /** The lower-case name ({@code cog}, {@code gtiff}). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the main file holds. */
    public enum Content {
        /** One band of classes of the output scheme (uint8, nodata 255), with a colour table and class names. */
        CLASSES,
        /** One band per class of the model's scheme, probability in percent (uint8 0–100, nodata 255). */
        PROBABILITIES_PERCENT,
        /** One band per class of the model's scheme, probability 0–1 (float32, nodata NaN). */
        PROBABILITIES_FLOAT
    }

    private final Output main;
    private final Output uncertainty;
    private final Content content;
    private final int width;
    private final int height;
    private final MaskCounts counts;
    private int rowsWritten;
    private boolean committed;

    private GeoTiffMaskSink(
            Output main, Output uncertainty, Content content, int width, int height, ClassScheme scheme) {
        this.main = main;
        this.uncertainty = uncertainty;
        this.content = content;
        this.width = width;
        this.height = height;
        this.counts = new MaskCounts(scheme);
    }

    /** A mask file of {@code width × height} pixels on {@code georeference} (null: a plain TIFF) at {@code target}. */
    public static Builder to(Path target, int width, int height, Georeference georeference) {
        return new Builder(target, width, height, georeference);
    }

    /** A mask file on the grid of {@code scene} (a plain TIFF when it has no georeference) at {@code target}. */
    public static Builder to(Path target, SceneSource scene) {
        return to(target, scene.width(), scene.height(), scene.georeference().orElse(null));
    }

    /** The PAM sidecar GDAL reads next to {@code image} ({@code image.aux.xml}). */
    public static Path sidecar(Path image) {
        return image.resolveSibling(image.getFileName() + ".aux.xml");
    }

    @Override
    public void strip(int y0, int rows, int stripWidth, byte[] classes, float[] probabilities, float[] disagreement) {
        if (committed) {
            throw new IllegalStateException(main.target + " is already committed");
        }
        if (y0 != rowsWritten || stripWidth != width) {
            throw new IllegalStateException("strip of rows " + y0 + ".." + (y0 + rows - 1) + " and width " + stripWidth
                    + " given after " + rowsWritten + " rows of width " + width + ": strips must come top to bottom");
        }
        counts.add(classes, 0, rows * width);
        switch (content) {
            case CLASSES -> main.writeRows(rows, classes);
            case PROBABILITIES_FLOAT -> main.writeRows(rows, probabilities);
            case PROBABILITIES_PERCENT -> main.writeRows(rows, percent(probabilities));
            default -> throw new IllegalStateException(content.toString());
        }
        if (uncertainty != null) {
            if (disagreement == null) {
                throw new IllegalStateException("the uncertainty file " + uncertainty.target
                        + " needs the ensemble's disagreement: mask with an ensemble of 2 or more");
            }
            uncertainty.writeRows(rows, percent(disagreement));
        }
        rowsWritten += rows;
    }

    @Override
    public boolean wantsProbabilities() {
        return content != Content.CLASSES;
    }

    /** The classes written so far (all of them after the last strip). */
    public MaskCounts counts() {
        return counts;
    }

    /** Rows written so far. */
    public int rowsWritten() {
        return rowsWritten;
    }

    /** The main file. */
    public Path target() {
        return main.target;
    }

    /**
     * Renames the files into place (the main file, then the uncertainty file), each followed by its sidecar.
     *
     * @throws SenseiException when a row is missing or a file cannot be finished
     */
    public void commit() {
        if (rowsWritten != height) {
            close();
            throw new SenseiException("cannot write " + main.target + ": only " + rowsWritten + " of its " + height
                    + " rows were masked");
        }
        main.commit();
        if (uncertainty != null) {
            uncertainty.commit();
        }
        committed = true;
    }

    /** Deletes the temporary files unless committed; safe to call more than once. */
    @Override
    public void close() {
        try {
            main.close();
        } finally {
            if (uncertainty != null) {
                uncertainty.close();
            }
        }
    }

    @Override
    public String toString() {
        return "GeoTiffMaskSink[" + main.target + ", " + content + ", " + rowsWritten + " of " + height + " rows]";
    }

    /** Percent 0–100 as bytes, nodata 255 for NaN. */
    static byte[] percent(float[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            b[i] = Float.isNaN(v) ? (byte) ClassScheme.NODATA : (byte) Math.round(Math.max(0, Math.min(1, v)) * 100);
        }
        return b;
    }

    /** Opens a mask sink; nothing is created before {@link #open()}. */
    public static final class Builder {
        private final Path target;
        private final int width;
        private final int height;
        private final Georeference georeference;
        private Format format = Format.COG;
        private Content content = Content.CLASSES;
        private ClassScheme classes;
        private ClassScheme modelClasses;
        private Path uncertainty;
        private GdalMetadata metadata = GdalMetadata.NONE;

        private Builder(Path target, int width, int height, Georeference georeference) {
            this.target = Objects.requireNonNull(target, "target");
            this.width = width;
            this.height = height;
            this.georeference = georeference;
        }

        /** {@link Format#COG} by default. */
        public Builder format(Format f) {
            this.format = Objects.requireNonNull(f, "format");
            return this;
        }

        /** {@link Content#CLASSES} by default. */
        public Builder content(Content c) {
            this.content = Objects.requireNonNull(c, "content");
            return this;
        }

        /**
         * The classes the masker writes ({@link MaskingOptions#outputScheme()}, else the model's) and the model's own
         * (whose classes the probabilities are); required.
         */
        public Builder classes(ClassScheme output, ClassScheme model) {
            this.classes = Objects.requireNonNull(output, "output");
            this.modelClasses = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Also writes the ensemble's disagreement (uint8 percent, nodata 255) to {@code file} (null: none). */
        public Builder uncertainty(Path file) {
            this.uncertainty = file;
            return this;
        }

        /** The run's items (model, decision, sensor, ...; see {@link MaskMetadata}) both files carry. */
        public Builder metadata(GdalMetadata run) {
            this.metadata = Objects.requireNonNull(run, "metadata");
            return this;
        }

        /**
         * Creates the temporary files next to the targets.
         *
         * @throws SenseiException when a directory is missing or not writable, or a target is a directory
         */
        public GeoTiffMaskSink open() {
            if (classes == null) {
                throw new IllegalStateException("give the classes of the mask (classes(output, model))");
            }
            GdalMetadata mainMeta;
            int bands;
            SampleType type;
            Double nodata;
            Resampling resampling;
            if (content == Content.CLASSES) {
                int[] colours = new int[classes.classCount()];
                for (int c = 0; c < colours.length; c++) {
                    colours[c] = classes.colour(c);
                }
                mainMeta = metadata.with("SENSEI_CONTENT", "classes")
                        .with("CLASSES", GdalMetadata.classList(classes.classNames(), ClassScheme.NODATA))
                        .withBandDescriptions(List.of("class (" + classes.id() + ")"))
                        .withColours(colours, ClassScheme.NODATA_COLOUR)
                        .withCategories(classes.classNames());
                bands = 1;
                type = SampleType.UINT8;
                nodata = (double) ClassScheme.NODATA;
                resampling = Resampling.MODE;
            } else {
                boolean asFloat = content == Content.PROBABILITIES_FLOAT;
                List<String> names = new ArrayList<>();
                for (String c : modelClasses.classNames()) {
                    names.add("probability of " + c + (asFloat ? "" : " (percent)"));
                }
                mainMeta = metadata.with("SENSEI_CONTENT", asFloat ? "probabilities" : "probabilities (percent)")
                        .with("CLASSES", GdalMetadata.classList(modelClasses.classNames(), ClassScheme.NODATA))
                        .withBandDescriptions(names);
                bands = modelClasses.classCount();
                type = asFloat ? SampleType.FLOAT32 : SampleType.UINT8;
                nodata = asFloat ? Double.NaN : (double) ClassScheme.NODATA;
                resampling = Resampling.AVERAGE;
            }
            Output main = output(target, bands, type, nodata, resampling, mainMeta);
            Output unc = null;
            try {
                if (uncertainty != null) {
                    GdalMetadata uncMeta = metadata.with("SENSEI_CONTENT", "uncertainty (percent)")
                            .withBandDescriptions(List.of("ensemble disagreement (percent)"));
                    unc = output(
                            uncertainty, 1, SampleType.UINT8, (double) ClassScheme.NODATA, Resampling.AVERAGE, uncMeta);
                }
            } catch (RuntimeException e) {
                main.close();
                throw e;
            }
            return new GeoTiffMaskSink(main, unc, content, width, height, classes);
        }

        /** A writer of {@code file} on this sink's grid, in its format. */
        private Output output(
                Path file, int bands, SampleType type, Double nodata, Resampling resampling, GdalMetadata meta) {
            RowWriter w = format == Format.COG
                    ? CogWriter.open(file, width, height, bands, type, georeference, nodata, resampling)
                    : StreamingGeoTiffWriter.open(file, width, height, bands, type, georeference, nodata);
            return new Output(file, meta, w);
        }
    }

    /** One raster file with its GDAL metadata and sidecar. */
    private static final class Output {
        final Path target;
        final GdalMetadata metadata;
        final RowWriter writer;

        /** Opens {@code writer} on {@code target} with its {@code metadata} (closing it when that fails). */
        Output(Path target, GdalMetadata metadata, RowWriter writer) {
            this.target = target;
            this.metadata = metadata;
            this.writer = writer;
            try {
                writer.metadata(metadata);
            } catch (RuntimeException e) {
                writer.close();
                throw e;
            }
        }

        void writeRows(int rows, byte[] bandMajor) {
            writer.writeRows(rows, bandMajor);
        }

        void writeRows(int rows, float[] bandMajor) {
            writer.writeRows(rows, bandMajor);
        }

        /** Renames the image into place, then writes (or removes a stale) sidecar. */
        void commit() {
            writer.commit();
            Path aux = sidecar(target);
            String xml = metadata.auxXml();
            if (xml != null) {
                AtomicFiles.write(aux, xml.getBytes(StandardCharsets.UTF_8));
            } else {
                try {
                    if (Files.isRegularFile(aux, LinkOption.NOFOLLOW_LINKS)) {
                        Files.delete(aux);
                    }
                } catch (IOException e) {
                    throw new SenseiException(
                            "wrote " + target + " but cannot delete the sidecar " + aux
                                    + " of the file it replaced (" + e.getMessage()
                                    + "): delete it, or GDAL shows its old "
                                    + "metadata",
                            e);
                }
            }
        }

        void close() {
            writer.close();
        }
    }
}
