package org.sensei4j.io.geotiff;

import static org.assertj.core.api.Assertions.assertThat;

/** Fast exact comparison of large float arrays (AssertJ's containsExactly is slow on 10^5+ elements). */
final class FloatArrays {

    private FloatArrays() {}

    /** Asserts equal length and bit-equal values (NaN equals NaN), naming the first difference. */
    static void assertSame(float[] actual, float[] expected, String what) {
        assertThat(actual.length).as("%s: length", what).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                throw new AssertionError(
                        what + ": first difference at index " + i + ": got " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
