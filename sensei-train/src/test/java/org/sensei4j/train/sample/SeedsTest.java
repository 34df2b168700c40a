package org.sensei4j.train.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void derivedSeedsAreStableAndDistinct() {
        // fixed values: a change to the derivation would silently change every run's data
        assertThat(Seeds.derive(42)).isEqualTo(Seeds.mix(42));
        assertThat(Seeds.forEpoch(42, 3)).isEqualTo(Seeds.derive(42, 3));
        assertThat(Seeds.forWorker(42, 3, 1)).isEqualTo(Seeds.derive(42, 3, 1));
        assertThat(Seeds.mix(0)).isZero();
        assertThat(Seeds.mix(1)).isEqualTo(0x5692161D100B05E5L);
        assertThat(Seeds.derive(42, 3, 1)).isEqualTo(0xE95BCC8321E57D80L); // computed independently in Python
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            for (int epoch = 0; epoch < 200; epoch++) {
                seen.add(Seeds.forEpoch(seed, epoch));
                for (int worker = 0; worker < 16; worker++) {
                    seen.add(Seeds.forWorker(seed, epoch, worker));
                }
            }
        }
        assertThat(seen).hasSize(4 * 200 * 17);
        assertThat(Seeds.derive(7, 1, 2)).isNotEqualTo(Seeds.derive(7, 2, 1));
    }
}
