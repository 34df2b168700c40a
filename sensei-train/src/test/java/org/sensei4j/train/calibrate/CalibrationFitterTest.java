package org.sensei4j.train.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.model.cloud.Calibration;

class CalibrationFitterTest {

    /**
     * Sources whose labels follow σ(z) while the model reports σ((z - shift) * t): the map σ(logit(p) / t + shift)
     * recovers the truth.
     */
    static CalibrationPool synthetic(double t, double shift, long seed) {
        Random rnd = new Random(seed);
        CalibrationPool pool = new CalibrationPool();
        double[] spread = {1.5, 2.0, 3.0};
        for (int s = 0; s < 3; s++) {
            CalibrationPool.Source src = pool.source("s" + s);
            for (int i = 0; i < 40_000 * (s + 1); i++) {
                double z = rnd.nextGaussian() * spread[s] + (s - 1);
                boolean cloud = rnd.nextDouble() < Calibration.sigmoid(z);
                src.add((float) Calibration.sigmoid((z - shift) * t), cloud);
            }
        }
        return pool;
    }

    @Test
    void temperatureScalingRecoversAKnownTemperature() {
        for (long seed = 1; seed <= 3; seed++) {
            for (double t : new double[] {0.6, 2.5}) {
                CalibrationFitter.Fit fit =
                        CalibrationFitter.fitMap(synthetic(t, 0, seed), Calibration.TEMPERATURE, 200_000, seed);
                assertThat(fit.temperature()).as("seed %d, T %s", seed, t).isCloseTo(t, within(0.04 * t));
                assertThat(fit.bias()).isZero();
                assertThat(fit.sampled()).containsExactly(40_000, 80_000, 120_000);
            }
        }
    }

    @Test
    void temperatureAndBiasRecoverAKnownMap() {
        for (long seed = 1; seed <= 3; seed++) {
            CalibrationFitter.Fit fit =
                    CalibrationFitter.fitMap(synthetic(2.5, -0.8, seed), Calibration.TEMPERATURE_BIAS, 50_000, seed);
            assertThat(fit.temperature()).as("seed %d", seed).isCloseTo(2.5, within(0.1));
            assertThat(fit.bias()).as("seed %d", seed).isCloseTo(-0.8, within(0.06));
            assertThat(fit.sampled()).containsExactly(40_000, 50_000, 50_000);
        }
    }

    @Test
    void calibrationLowersTheErrorOfAnOverconfidentModel() {
        CalibrationPool pool = synthetic(3, 0, 7);
        Calibration c = CalibrationFitter.fit(pool, Calibration.TEMPERATURE, 100_000, 7, 1.0);
        assertThat(c.eceBefore()).isGreaterThan(0.05);
        assertThat(c.eceAfter()).isLessThan(0.01);
        assertThat(c.pool()).extracting(Calibration.PoolSource::pixels).containsExactly(40_000L, 80_000L, 120_000L);
        assertThat(c.pool().get(0).cloudPixels())
                .isEqualTo(pool.sources().get(0).cloudPixels());
    }

    static void add(CalibrationPool.Source s, boolean cloud, double... p) {
        for (double v : p) {
            s.add((float) v, cloud);
        }
    }

    /** A pool with source A, "cloudy": 3 cloud and 3 clear pixels. */
    private static CalibrationPool poolWithCloudySource() {
        CalibrationPool pool = new CalibrationPool();
        CalibrationPool.Source a = pool.source("cloudy");
        // probabilities off the 0.01 grid (as floats, 0.35 would be just below 0.35)
        add(a, true, 0.9, 0.7, 0.355);
        add(a, false, 0.305, 0.1, 0.05);
        return pool;
    }

    @Test
    void thresholdRuleOnAHandMadePixelSet() {
        CalibrationPool pool = poolWithCloudySource();
        CalibrationPool.Source b = pool.source("clear");
        add(b, false, 0.2, 0.325);
        // t in 0.33..0.35: A all right (BA 1), B both clear (1) -> 1.0; t = 0.31, 0.32: B 1/2 -> 0.75;
        // t = 0.36: A cloud recall 2/3 -> BA 5/6, mean 11/12. Ties 0.33..0.35 go to the one nearest 0.5
        double[] score = CalibrationFitter.thresholdScores(CalibrationFitter.curves(pool, null));
        assertThat(score[32]).isCloseTo(0.75, within(1e-12));
        assertThat(score[33]).isEqualTo(1.0);
        assertThat(score[35]).isEqualTo(1.0);
        assertThat(score[36]).isCloseTo(11.0 / 12, within(1e-12));
        assertThat(CalibrationFitter.chooseThreshold(pool, null, 1.0)).isEqualTo(0.35);
    }

    @Test
    void theClearSkyCapBindsWhenCloudySourcesWouldTradeItAway() {
        CalibrationPool pool = poolWithCloudySource();
        CalibrationPool.Source d = pool.source("clear scene");
        add(d, false, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.405);
        // no cap: t = 0.31..0.35 gives A 1, D 0.9 -> 0.95 (best; nearest 0.5 is 0.35); t = 0.41..0.69 gives A 5/6, D 1
        assertThat(CalibrationFitter.chooseThreshold(pool, null, 1.0)).isEqualTo(0.35);
        // at most 5% of D cloud: t must exceed 0.405; 0.41..0.69 tie at 11/12 -> 0.50
        assertThat(CalibrationFitter.chooseThreshold(pool, null, 0.05)).isEqualTo(0.5);
        // with a calibration the rule sees calibrated probabilities: T = 0.5 squares the odds
        Calibration sharp =
                new Calibration(Calibration.TEMPERATURE, 0.5, 0, 0.5, null, null, null, null, null, null, null);
        // calibrated: cloud 0.988, 0.845, 0.2325; rest 0.1615, 0.012, 0.003 -> t in 0.17..0.23 is perfect for A;
        // D: 0.405 -> 0.3166 (cloud for t <= 0.31): 0.17..0.23 tie at 0.95, nearest 0.5 is 0.23
        assertThat(CalibrationFitter.chooseThreshold(pool, sharp, 1.0)).isEqualTo(0.23);
    }

    @Test
    void gridIndexMatchesTheDecisionsComparison() {
        for (int k = 1; k < 100; k++) {
            double t = k / 100.0;
            assertThat(CalibrationFitter.reached(t)).isEqualTo(k);
            assertThat(CalibrationFitter.reached(Math.nextDown(t))).isEqualTo(k - 1);
        }
        assertThat(CalibrationFitter.reached(0)).isZero();
        assertThat(CalibrationFitter.reached(1)).isEqualTo(99);
    }
}
