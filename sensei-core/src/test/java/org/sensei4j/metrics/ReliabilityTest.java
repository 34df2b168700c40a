package org.sensei4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReliabilityTest {

    @Test
    void eceOfAHandComputedExample() {
        Reliability r = new Reliability(2);
        // bin [0, 0.5): 0.1 clear, 0.2 cloud -> mean predicted 0.15, observed 0.5, |diff| 0.35
        r.add(0.1, false);
        r.add(0.2, true);
        // bin [0.5, 1]: 0.5 cloud, 0.7 cloud, 1.0 clear -> mean 2.2 / 3, observed 2 / 3, |diff| 0.2 / 3
        r.add(0.5, true);
        r.add(0.7, true);
        r.add(1.0, false);
        r.add(Double.NaN, true); // skipped
        assertThat(r.pixels()).isEqualTo(5);
        assertThat(r.count(0)).isEqualTo(2);
        assertThat(r.count(1)).isEqualTo(3);
        assertThat(r.meanPredicted(0)).isCloseTo(0.15, within(1e-12));
        assertThat(r.observed(1)).isCloseTo(2.0 / 3, within(1e-12));
        // ECE = 2/5 * 0.35 + 3/5 * (0.2/3) = 0.14 + 0.04
        assertThat(r.ece()).isCloseTo(0.18, within(1e-12));
    }

    @Test
    void perfectlyCalibratedBinsHaveZeroErrorAndJsonRoundTrips() {
        Reliability r = new Reliability();
        assertThat(r.bins()).isEqualTo(15);
        assertThat(r.ece()).isNaN();
        // 4 pixels at 0.25 with one cloud, 2 at 0.95 with... both cloud would be 1.0 observed: use 20 at 0.95, 19 cloud
        for (int i = 0; i < 4; i++) {
            r.add(0.25, i == 0);
        }
        for (int i = 0; i < 20; i++) {
            r.add(0.95, i < 19);
        }
        assertThat(r.ece()).isCloseTo(0.0, within(1e-12));
        r.add(0.95, false); // now 19 of 21 cloud in the top bin: |0.95 - 19/21| * 21/25
        assertThat(r.ece()).isCloseTo(Math.abs(0.95 - 19.0 / 21) * 21 / 25, within(1e-12));
        Reliability back = Reliability.fromJson(r.toJson());
        assertThat(back.ece()).isCloseTo(r.ece(), within(1e-12));
        assertThat(back.pixels()).isEqualTo(25);
        assertThat(r.toJson().get("diagram").get(3).get("pixels").asLong()).isEqualTo(4); // 0.25 in [0.2, 0.2667)
    }
}
