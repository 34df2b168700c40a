package org.sensei4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

class TrainingCurvesTest {

    @TempDir
    Path dir;

    Path write(String text) throws Exception {
        Path f = dir.resolve("log.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsLenientlyAndPicksColumns() throws Exception {
        TrainingCurves c = TrainingCurves.read(write(
                "Epoch;Step;Train_Loss;'val_loss';val_oa;seconds\n" + "1;10;1.5;1.2;60;3\n# comment\n\n2;;1.0;x;70\n"));
        assertThat(c.columns()).containsExactly("epoch", "step", "train_loss", "val_loss", "val_oa", "seconds");
        assertThat(c.rows()).isEqualTo(2);
        assertThat(c.column("train_loss")).containsExactly(1.5, 1.0);
        assertThat(c.column("step")[1]).isNaN();
        assertThat(c.column("val_loss")[1]).isNaN();
        assertThat(c.column("seconds")[1]).isNaN(); // short row padded
        assertThat(c.xColumn()).isEqualTo("step");
        assertThat(c.lossColumns()).containsExactly("train_loss", "val_loss");
        assertThat(c.metricColumns()).containsExactly("val_oa");
        assertThat(TrainingCurves.read(write("epoch,loss\n1,0.5\n2,0.4\n")).xColumn())
                .isEqualTo("epoch");
        assertThat(TrainingCurves.read(write("loss\t f1\n0.5\t0.1\n")).xColumn())
                .isNull();
        assertThat(TrainingCurves.read(write("loss\t f1\n0.5\t0.1\n")).metricColumns())
                .containsExactly("f1");
    }

    @Test
    void drawsAPng() throws Exception {
        TrainingCurves c = TrainingCurves.read(write("step,train_loss,val_loss\n1,1,\n2,0.8,0.9\n3,0.6,\n"));
        byte[] png = c.chartPng("t", "loss", c.lossColumns(), 300, 200);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThatThrownBy(() -> c.chartPng("t", "x", List.of("nothing"), 300, 200))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("has values to plot");
    }

    @Test
    void emptyOrNonNumericLogsAreRefused() throws Exception {
        assertThatThrownBy(() -> TrainingCurves.read(write("\n# only a comment\n")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> TrainingCurves.read(write("epoch,loss\n")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("no numeric rows");
        assertThatThrownBy(() -> TrainingCurves.read(dir.resolve("missing.csv")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("cannot read training log");
    }
}
