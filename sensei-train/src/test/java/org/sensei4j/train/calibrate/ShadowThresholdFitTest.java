package org.sensei4j.train.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensei4j.model.cloud.Calibration;

class ShadowThresholdFitTest {

    /** Adds {@code n} pixels not called cloud with shadow share {@code share}. */
    private static void add(ShadowThresholdFit.Source s, int n, double share, boolean truthShadow) {
        for (int i = 0; i < n; i++) {
            s.add(false, (float) (1 - share), (float) share, truthShadow);
        }
    }

    @Test
    void f1PrecisionAndRecallPerThresholdAreCountedByHand() {
        ShadowThresholdFit fit = new ShadowThresholdFit();
        ShadowThresholdFit.Source s = fit.source("ukis [ALL]");
        add(s, 30, 0.355, true); // found from 0.35 down
        add(s, 10, 0.155, true); // found from 0.15 down
        add(s, 20, 0.255, false); // false shadow from 0.25 down
        add(s, 100, 0.02, false);
        for (int i = 0; i < 5; i++) {
            s.add(true, 0.1f, 0.9f, true); // shadow called cloud: always missed
            s.add(true, 0.9f, 0.1f, false);
        }
        assertThat(s.shadowPixels()).isEqualTo(45);
        // at 0.30: TP 30, FP 0, FN 15
        assertThat(s.f1(30)).isCloseTo(2.0 * 30 / (2 * 30 + 0 + 15), within(1e-12));
        assertThat(s.precision(30)).isEqualTo(1.0);
        assertThat(s.recall(30)).isCloseTo(30 / 45.0, within(1e-12));
        // at 0.20: TP 30, FP 20, FN 15; at 0.10: TP 40, FP 20, FN 5; at 0.40 nothing is shadow
        assertThat(s.f1(20)).isCloseTo(60.0 / 95, within(1e-12));
        assertThat(s.f1(10)).isCloseTo(80.0 / 105, within(1e-12));
        assertThat(s.f1(40)).isZero();
        assertThat(s.precision(40)).isNaN();
        // F1 0.762 from 0.05 to 0.15, 0.632 to 0.25, 0.8 from 0.26 to 0.35, 0 above: the highest of the best
        assertThat(s.f1(26)).isCloseTo(60.0 / 75, within(1e-12));
        assertThat(s.f1(15)).isCloseTo(80.0 / 105, within(1e-12));
        assertThat(fit.threshold()).hasValue(0.35);
    }

    @Test
    void sourcesWeighEquallyAndSourcesWithoutShadowLabelsDoNotCount() {
        ShadowThresholdFit fit = new ShadowThresholdFit();
        assertThat(fit.threshold()).isEmpty();
        ShadowThresholdFit.Source clearSky = fit.source("wright");
        add(clearSky, 1000, 0.6, false);
        assertThat(fit.threshold()).as("no source has shadow labels").isEmpty();
        ShadowThresholdFit.Source a = fit.source("a");
        add(a, 10, 0.205, true);
        add(a, 10, 0.105, false);
        ShadowThresholdFit.Source b = fit.source("b");
        add(b, 1000, 0.405, true);
        add(b, 1000, 0.305, false);
        // a alone is best from 0.11 to 0.20 (F1 1), b alone from 0.31 to 0.40; a's 20 pixels weigh as much as b's
        // 2000: the mean is 0.667 up to 0.10, (1 + 2/3) / 2 from 0.11 to 0.20, 1/3 to 0.30, 1/2 to 0.40
        assertThat(fit.meanF1(10)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(fit.meanF1(20)).isCloseTo((1 + 2000.0 / 3000) / 2, within(1e-12));
        assertThat(fit.meanF1(30)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(fit.meanF1(40)).isCloseTo(0.5, within(1e-12));
        assertThat(fit.threshold()).hasValue(0.2);
    }

    @Test
    void ofThresholdsWithinAPointOfTheBestMeanF1TheHighestIsChosen() {
        ShadowThresholdFit fit = new ShadowThresholdFit();
        ShadowThresholdFit.Source s = fit.source("s");
        add(s, 1000, 0.355, true);
        add(s, 5, 0.305, true); // missed from 0.31 on
        add(s, 20, 0.255, true); // missed from 0.26 on
        add(s, 100, 0.02, false); // false shadow below 0.03 only
        assertThat(s.f1(25)).isEqualTo(1.0);
        assertThat(s.f1(30)).isCloseTo(2010.0 / 2030, within(1e-12)); // 0.9901: within 0.01 of 1
        assertThat(s.f1(35)).isCloseTo(2000.0 / 2025, within(1e-12)); // 0.9877: not
        // the best mean F1 is 1 (0.05 to 0.25); the highest threshold within 0.01 of it is 0.30
        assertThat(fit.threshold()).hasValue(0.3);
    }

    @Test
    void theStepOfAPixelAgreesWithTheDecisionAtEveryThreshold() {
        Random r = new Random(5);
        for (int n = 0; n < 20_000; n++) {
            float clear = r.nextInt(4) == 0 ? r.nextInt(101) / 100f : r.nextFloat();
            float shadow = r.nextInt(4) == 0 ? r.nextInt(101) / 100f : r.nextFloat() * (1 - clear);
            int k = ShadowThresholdFit.highestStep(clear, shadow);
            if (clear + shadow == 0) {
                assertThat(k).isEqualTo(-1);
                continue;
            }
            for (int j = 0; j <= ShadowThresholdFit.GRID; j++) {
                assertThat(Calibration.isShadow(clear, shadow, j / (double) ShadowThresholdFit.GRID))
                        .as("clear %s shadow %s at step %d", clear, shadow, j)
                        .isEqualTo(j <= k);
            }
        }
    }
}
