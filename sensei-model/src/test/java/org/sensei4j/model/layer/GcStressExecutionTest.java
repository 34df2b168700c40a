package org.sensei4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The build runs this module's tests twice: once as usual and once (surefire execution {@code gc-stress}, property
 * {@code sensei.gcStress}) with a 2 MB young generation, so that garbage collections fall between forward and
 * backward passes. This checks that the second run really has that young generation.
 */
class GcStressExecutionTest {

    @Test
    void theGcStressRunHasATinyYoungGeneration() {
        long eden = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().contains("Eden"))
                .mapToLong(p -> p.getUsage().getCommitted())
                .max()
                .orElseThrow();
        if (Boolean.getBoolean("sensei.gcStress")) {
            assertThat(eden).as("committed eden space in the gc-stress run").isLessThanOrEqualTo(2L << 20);
            assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).contains("-Xmn2m");
        } else {
            assertThat(eden).as("committed eden space in the normal run").isGreaterThan(2L << 20);
        }
    }
}
