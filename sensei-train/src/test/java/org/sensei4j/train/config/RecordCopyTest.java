package org.sensei4j.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensei4j.error.SenseiException;

class RecordCopyTest {

    record Point(String name, int x, double y, List<String> tags) {
        Point {
            if (x < 0) {
                throw new SenseiException("x " + x + " must be >= 0");
            }
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    @Test
    void changesTheNamedComponentsAndKeepsTheOthers() {
        Point p = new Point("a", 1, 2.5, List.of("t"));
        assertThat(RecordCopy.with(p, "x", 7, "tags", null)).isEqualTo(new Point("a", 7, 2.5, List.of()));
        assertThat(RecordCopy.with(p)).isEqualTo(p);
    }

    @Test
    void theConstructorsChecksRunAndItsExceptionComesOutAsItIs() {
        Point p = new Point("a", 1, 2.5, null);
        assertThatThrownBy(() -> RecordCopy.with(p, "x", -1))
                .isExactlyInstanceOf(SenseiException.class)
                .hasMessage("x -1 must be >= 0");
    }

    @Test
    void anUnknownNameOrAMissingValueIsAProgrammingError() {
        Point p = new Point("a", 1, 2.5, null);
        assertThatThrownBy(() -> RecordCopy.with(p, "z", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("z is not a component of Point");
        assertThatThrownBy(() -> RecordCopy.with(p, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordCopy.with(p, "x", "seven")).isInstanceOf(IllegalArgumentException.class);
    }
}
