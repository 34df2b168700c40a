package org.sensei4j.spark;

import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What happened to one scene of a job: one row of the results table.
 *
 * @param sceneId       the manifest's scene id
 * @param status        {@code ok} (mask written), {@code skipped} (the output existed) or {@code failed}
 * @param cloudFraction share of valid pixels classed as cloud (0–1); null when skipped or failed, NaN when the
 *                      scene has no valid pixel
 * @param seconds       wall time spent on the scene in seconds (reading, masking, writing)
 * @param output        the mask's location (null only when none could be made)
 * @param error         one-line reason of a failure, else null
 */
public record SceneResult(
        String sceneId, Status status, Double cloudFraction, double seconds, String output, String error)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Outcome of one scene. */
    public enum Status {
        OK,
        SKIPPED,
        FAILED;

        /** The lower-case name written to the results table. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The results table's columns, in order (without the run id). */
    public static final StructType SCHEMA = new StructType()
            .add("scene_id", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("cloud_fraction", DataTypes.DoubleType, true)
            .add("seconds", DataTypes.DoubleType, false)
            .add("output", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true);

    public Row toRow() {
        return RowFactory.create(sceneId, status.label(), cloudFraction, seconds, output, error);
    }
}
