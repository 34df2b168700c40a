package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepSeedsTest {

    @Test
    void isSplitMix64() {
        // the first SplitMix64 output for state 0 (Steele, Lea, Flood 2014; Vigna's reference code)
        assertThat(StepSeeds.derive(0, 0)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(StepSeeds.derive(0, 1)).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void isDeterministicAndDistinct() {
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            for (long step = 0; step < 2000; step++) {
                assertThat(StepSeeds.derive(seed, step)).isEqualTo(StepSeeds.derive(seed, step));
                seen.add(StepSeeds.derive(seed, step));
            }
        }
        assertThat(seen).hasSize(20_000);
    }
}
