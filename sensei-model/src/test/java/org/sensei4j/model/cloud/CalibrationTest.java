package org.sensei4j.model.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.sensor.Sensor;
import org.sensei4j.sensor.SensorRegistry;

class CalibrationTest {

    static Calibration of(String method, double t, double b, double threshold) {
        return new Calibration(method, t, b, threshold, null, null, null, null, null, null, null);
    }

    @Test
    void theMapIsTemperatureAndBiasOnTheCloudLogOdds() {
        // T = 2: odds 4 -> 2, p = 2/3
        assertThat(of(Calibration.TEMPERATURE, 2, 0, 0.5).cloud(0.8)).isCloseTo(2.0 / 3, within(1e-12));
        // T = 2, b = ln 2: odds 4 -> 2 * 2 = 4, p = 0.8
        assertThat(of(Calibration.TEMPERATURE_BIAS, 2, Math.log(2), 0.5).cloud(0.8))
                .isCloseTo(0.8, within(1e-12));
        // T = 0.5: odds 0.25 -> 0.0625
        assertThat(of(Calibration.TEMPERATURE, 0.5, 0, 0.5).cloud(0.2)).isCloseTo(0.0625 / 1.0625, within(1e-12));
        // identity leaves even 0 and 1 alone; otherwise the log-odds are clamped at 1e-7
        assertThat(of(Calibration.TEMPERATURE, 1, 0, 0.5).cloud(0.0)).isZero();
        assertThat(of(Calibration.TEMPERATURE_BIAS, 1, 1, 0.5).cloud(0.0))
                .isCloseTo(1e-7 * Math.E / (1 - 1e-7 + 1e-7 * Math.E), within(1e-12));
    }

    @Test
    void applyScalesTheCloudClassesTogetherAndKeepsRatiosWithinGroups() {
        float[] p = {0.3f, 0.2f, 0.5f}; // clear, cloud, shadow
        of(Calibration.TEMPERATURE, 0.5, 0, 0.5).apply(p, ClassScheme.CLEAR_CLOUD_SHADOW);
        double q = 0.0625 / 1.0625;
        assertThat((double) p[1]).isCloseTo(q, within(1e-6));
        assertThat((double) p[0]).isCloseTo(0.3 * (1 - q) / 0.8, within(1e-6));
        assertThat((double) p[2]).isCloseTo(0.5 * (1 - q) / 0.8, within(1e-6));
        float[] full = {0.1f, 0.2f, 0.3f, 0.4f}; // clear, thin, thick, shadow: cloud = 0.5, T = 2 leaves 0.5
        of(Calibration.TEMPERATURE, 2, 0, 0.5).apply(full, ClassScheme.CLEAR_THIN_THICK_SHADOW);
        assertThat(full).containsExactly(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, within(1e-7f));
    }

    @Test
    void jsonRoundTripAndValidation() throws Exception {
        Calibration c = new Calibration(
                Calibration.TEMPERATURE_BIAS,
                1.5,
                0.25,
                0.42,
                "rule",
                List.of(new Calibration.PoolSource("ukis [ALL]", 100, 20, 50)),
                0.1,
                0.05,
                "2026-12-06T20:00Z",
                "abc",
                null);
        ObjectMapper json = new ObjectMapper();
        String s = json.writeValueAsString(c);
        assertThat(s).contains("\"cloud_threshold\":0.42").contains("\"cloud_pixels\":20");
        assertThat(json.readValue(s, Calibration.class)).isEqualTo(c);
        assertThatThrownBy(() -> of("isotonic", 1, 0, 0.5))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("isotonic");
        assertThatThrownBy(() -> of(Calibration.TEMPERATURE, 0, 0, 0.5)).isInstanceOf(SenseiException.class);
        assertThatThrownBy(() -> of(Calibration.TEMPERATURE, 1, 0.5, 0.5)).isInstanceOf(SenseiException.class);
        assertThatThrownBy(() -> of(Calibration.TEMPERATURE, 1, 0, 1.0)).isInstanceOf(SenseiException.class);
    }

    @Test
    void smoothingIsAbsentUnlessSetAndMustBeAnOddWindowFromOneToFifteen() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Calibration c = of(Calibration.TEMPERATURE, 1.5, 0, 0.4);
        assertThat(c.smoothing()).isNull();
        assertThat(c.smoothingWindow()).isEqualTo(1);
        // bundles written before smoothing existed read and write the same JSON
        String plain = json.writeValueAsString(c);
        assertThat(plain).doesNotContain("smoothing");
        assertThat(json.readValue(plain, Calibration.class)).isEqualTo(c);
        Calibration s3 = c.withSmoothing(3);
        assertThat(s3.smoothingWindow()).isEqualTo(3);
        assertThat(s3.temperature()).isEqualTo(1.5);
        assertThat(s3.cloudThreshold()).isEqualTo(0.4);
        String smooth = json.writeValueAsString(s3);
        assertThat(smooth).contains("\"smoothing\":3");
        assertThat(json.readValue(smooth, Calibration.class)).isEqualTo(s3);
        assertThat(s3.withSmoothing(1)).isEqualTo(c);
        assertThat(c.withSmoothing(Calibration.MAX_SMOOTHING).smoothingWindow()).isEqualTo(15);
        for (int bad : new int[] {0, -1, 2, 4, 17}) {
            assertThatThrownBy(() -> c.withSmoothing(bad))
                    .isInstanceOf(SenseiException.class)
                    .hasMessage("smoothing must be an odd window side from 1 to 15 pixels, got " + bad
                            + " (3 averages each pixel with its 8 neighbours)");
        }
        assertThatThrownBy(() -> json.readValue(plain.replace("}", ",\"smoothing\":4}"), Calibration.class))
                .hasMessageContaining("smoothing must be an odd window side");
    }

    @Test
    void theShadowThresholdIsAbsentUnlessFittedAndDecidesByShadowsShareOfTheRest() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Calibration c = of(Calibration.TEMPERATURE, 1.5, 0, 0.4).withSmoothing(3);
        assertThat(c.shadowThreshold()).isNull();
        assertThat(json.writeValueAsString(c)).doesNotContain("shadow");
        Calibration s = c.withShadowThreshold(0.27);
        assertThat(s.smoothingWindow()).isEqualTo(3);
        String text = json.writeValueAsString(s);
        assertThat(text).contains("\"shadow_threshold\":0.27");
        assertThat(json.readValue(text, Calibration.class)).isEqualTo(s);
        assertThat(s.withShadowThreshold(null)).isEqualTo(c);
        assertThat(s.withSmoothing(1).withCirrusTest(null).withSnowTest(null).shadowThreshold())
                .isEqualTo(0.27);
        for (double bad : new double[] {0, 1, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> c.withShadowThreshold(bad))
                    .isInstanceOf(SenseiException.class)
                    .hasMessage("calibration shadow_threshold must be between 0 and 1 (exclusive), got " + bad
                            + ": refit with sensei calibrate, or remove it to decide shadow by the more probable "
                            + "class");
        }
        // without a threshold: the more probable, clear on a tie (as the most probable class always did)
        assertThat(Calibration.isShadow(0.5f, 0.5f, null)).isFalse();
        assertThat(Calibration.isShadow(0.49f, 0.51f, null)).isTrue();
        // with one: shadow's share of clear + shadow, from the threshold on (inclusive); the cloud share plays no part
        assertThat(Calibration.isShadow(0.73f, 0.27f, 0.27)).isTrue();
        assertThat(Calibration.isShadow(0.74f, 0.26f, 0.27)).isFalse();
        assertThat(Calibration.isShadow(0.073f, 0.027f, 0.27)).isTrue(); // share 0.27 of a pixel 90% cloud
        assertThat(Calibration.isShadow(0, 0, 0.27)).isFalse();
        // it applies to scenes with a near-infrared band only
        Sensor s2 = SensorRegistry.defaultRegistry().get("sentinel2");
        assertThat(Calibration.shadowThresholdApplies(s2.select(List.of("B02", "B03", "B04", "B08"))))
                .isTrue();
        assertThat(Calibration.shadowThresholdApplies(s2.select(List.of("B02", "B03", "B04"))))
                .isFalse();
        assertThat(Calibration.shadowThresholdApplies(s2.select(List.of("B02", "B03", "B04", "B11"))))
                .isFalse();
    }

    @Test
    void setCloudGivesTheCloudGroupTheNewShareAndKeepsTheRatiosWithinGroups() {
        float[] p = {0.1f, 0.2f, 0.3f, 0.4f}; // clear, thin, thick, shadow: cloud 0.5
        Calibration.setCloud(p, 0.8, ClassScheme.CLEAR_THIN_THICK_SHADOW);
        assertThat(p).containsExactly(new float[] {0.04f, 0.32f, 0.48f, 0.16f}, within(1e-6f));
        float[] noCloud = {0.5f, 0f, 0f, 0.5f};
        Calibration.setCloud(noCloud, 0.2, ClassScheme.CLEAR_THIN_THICK_SHADOW);
        assertThat(noCloud).containsExactly(new float[] {0.4f, 0.1f, 0.1f, 0.4f}, within(1e-6f));
    }
}
