package org.sensei4j.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotAndProgressTest {

    @Test
    void writesAPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("loss.png");
        LossPlot.save(
                png,
                "t",
                "epoch",
                "loss",
                List.of(
                        new LossPlot.Series("train", new double[] {1, 2, 3}, new double[] {0.5, 0.3, 0.25}, false),
                        new LossPlot.Series("empty", new double[0], new double[0], false),
                        new LossPlot.Series("ref", new double[] {0, 3}, new double[] {0.181, 0.181}, true)),
                400,
                300,
                0.6);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
        int nonWhite = 0;
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                nonWhite += (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        assertThat(nonWhite).isGreaterThan(2000);
        assertThatThrownBy(() -> new LossPlot.Series("bad", new double[1], new double[2], false))
                .hasMessageContaining("1 x values, 2 y");
    }

    @Test
    void progressBarShowsStepsSpeedAndMessage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (TrainingProgress bar = TrainingProgress.start(stream, "run", 10, 2, Duration.ofSeconds(4))) {
            assertThat(bar.isEnabled()).isTrue();
            bar.update(5, "loss 0.1234");
            bar.println("epoch 1 done");
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("run")
                .contains("5/10")
                .contains("steps/s")
                .contains("loss 0.1234")
                .contains("epoch 1 done");
        TrainingProgress off = TrainingProgress.disabled();
        off.update(3, "x");
        off.println("y");
        off.close();
        assertThat(off.isEnabled()).isFalse();
    }
}
