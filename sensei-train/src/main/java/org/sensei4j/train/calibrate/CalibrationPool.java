package org.sensei4j.train.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.sensei4j.eval.SceneEvaluator;

/**
 * Labelled validation pixels for calibration, grouped by source (a data set, an image, with a band set): per pixel
 * the model's raw (uncalibrated) cloud probability and whether the reference says cloud. Sources are kept apart
 * so that fitting can weigh them equally, whatever their size.
 */
public final class CalibrationPool {

    /** One source's pixels. */
    public static final class Source {
        private final String name;
        private float[] probability = new float[1024];
        private boolean[] cloud = new boolean[1024];
        private int size;

        Source(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Labelled pixels. */
        public int size() {
            return size;
        }

        public float probability(int i) {
            return probability[i];
        }

        public boolean isCloud(int i) {
            return cloud[i];
        }

        /** Pixels labelled cloud. */
        public long cloudPixels() {
            long n = 0;
            for (int i = 0; i < size; i++) {
                if (cloud[i]) {
                    n++;
                }
            }
            return n;
        }

        /** Adds one pixel (NaN probabilities are skipped). */
        public void add(float p, boolean isCloud) {
            if (Float.isNaN(p)) {
                return;
            }
            if (size == probability.length) {
                int n = Math.multiplyExact(size, 2);
                probability = Arrays.copyOf(probability, n);
                cloud = Arrays.copyOf(cloud, n);
            }
            probability[size] = p;
            cloud[size] = isCloud;
            size++;
        }

        /**
         * Adds a scene's labelled pixels (truth and prediction not nodata).
         *
         * @throws IllegalStateException when the prediction has no cloud probability
         */
        public void add(SceneEvaluator.Prediction p) {
            p.forEachLabelledPixel(this::add);
        }
    }

    private final List<Source> sources = new ArrayList<>();

    /** A new, empty source of this pool. */
    public Source source(String name) {
        Source s = new Source(name);
        sources.add(s);
        return s;
    }

    public List<Source> sources() {
        return Collections.unmodifiableList(sources);
    }
}
