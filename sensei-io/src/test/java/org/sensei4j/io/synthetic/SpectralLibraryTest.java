package org.sensei4j.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

/** Reading a spectra folder: a small hand-made one, and every way it can be missing or malformed. */
class SpectralLibraryTest {

    @TempDir
    Path dir;

    private static String header() {
        StringBuilder b = new StringBuilder("library,record_id,material_name,category");
        for (int nm = 400; nm <= 2500; nm += 10) {
            b.append(',').append(nm);
        }
        return b.toString();
    }

    private static String row(String category, double value, boolean gap) {
        StringBuilder b = new StringBuilder("lib,1," + category + "_x," + category);
        for (int nm = 400; nm <= 2500; nm += 10) {
            b.append(',');
            if (!(gap && nm >= 1350 && nm <= 1450)) {
                b.append(nm < 1350 ? value : value + 0.1);
            }
        }
        return b.toString();
    }

    private void write(List<String> spectra, List<String> index) throws IOException {
        Files.write(dir.resolve(SpectralLibrary.SPECTRA_FILE), spectra);
        Files.write(dir.resolve(SpectralLibrary.INDEX_FILE), index);
    }

    private static List<String> goodSpectra() {
        List<String> l = new ArrayList<>(List.of(header()));
        for (String c : SpectralLibrary.CATEGORIES) {
            l.add(row(c, 0.2, c.equals("vegetation")));
        }
        return l;
    }

    private static List<String> goodIndex() {
        return List.of(
                "dataset,substance,wavelength_um,n,k",
                "Segelstein,liquid water,0.3,1.33,1e-8",
                "Segelstein,liquid water,3.0,1.30,1e-4",
                "Warren-2008,ice -7C,0.3,1.31,1e-9",
                "Warren-2008,ice -7C,3.0,1.28,1e-3");
    }

    @Test
    void readsSpectraFillsGapsAndInterpolatesIndices() throws IOException {
        write(goodSpectra(), goodIndex());
        SpectralLibrary lib = SpectralLibrary.load(dir);
        assertThat(lib.spectra()).hasSize(6);
        SpectralLibrary.Spectrum veg = lib.category("vegetation").get(0);
        // gap 1350..1450 filled linearly between 1340 (0.2) and 1460 (0.3)
        assertThat(veg.at(1400)).isCloseTo(0.25, Assertions.within(1e-6));
        assertThat(veg.at(300)).isCloseTo(0.2, Assertions.within(1e-6));
        // k log-linear: halfway in wavelength between 1e-8 and 1e-4 is 1e-6
        assertThat(lib.waterK(1650)).isCloseTo(1e-6, Assertions.within(1e-9));
        assertThat(lib.iceN(1650)).isCloseTo(1.295, Assertions.within(1e-9));
    }

    @Test
    void missingOrMalformedFilesAreClearErrors() throws IOException {
        assertThatThrownBy(() -> SpectralLibrary.load(dir.resolve("nope")))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("spectra_dir");
        Files.write(dir.resolve(SpectralLibrary.SPECTRA_FILE), goodSpectra());
        assertThatThrownBy(() -> SpectralLibrary.load(dir))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("has no " + SpectralLibrary.INDEX_FILE);
        Path other = Files.createDirectory(dir.resolve("bad-header"));
        Files.write(other.resolve(SpectralLibrary.SPECTRA_FILE), List.of("a,b,c", "1,2,3"));
        Files.write(other.resolve(SpectralLibrary.INDEX_FILE), goodIndex());
        assertThatThrownBy(() -> SpectralLibrary.load(other))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("header");
        Path nan = Files.createDirectory(dir.resolve("not-a-number"));
        List<String> spectra = goodSpectra();
        spectra.set(1, spectra.get(1).replaceFirst(",0\\.2,", ",abc,"));
        Files.write(nan.resolve(SpectralLibrary.SPECTRA_FILE), spectra);
        Files.write(nan.resolve(SpectralLibrary.INDEX_FILE), goodIndex());
        assertThatThrownBy(() -> SpectralLibrary.load(nan))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'abc'");
        Path percent = Files.createDirectory(dir.resolve("percent"));
        spectra = goodSpectra();
        spectra.set(2, spectra.get(2).replace(",0.2,", ",45.0,"));
        Files.write(percent.resolve(SpectralLibrary.SPECTRA_FILE), spectra);
        Files.write(percent.resolve(SpectralLibrary.INDEX_FILE), goodIndex());
        assertThatThrownBy(() -> SpectralLibrary.load(percent))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("not percent");
        Path noIce = Files.createDirectory(dir.resolve("no-ice"));
        Files.write(noIce.resolve(SpectralLibrary.SPECTRA_FILE), goodSpectra());
        Files.write(noIce.resolve(SpectralLibrary.INDEX_FILE), goodIndex().subList(0, 3));
        assertThatThrownBy(() -> SpectralLibrary.load(noIce))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("lacks ice");
        Path noSnow = Files.createDirectory(dir.resolve("no-snow"));
        Files.write(noSnow.resolve(SpectralLibrary.SPECTRA_FILE), goodSpectra().subList(0, 6));
        Files.write(noSnow.resolve(SpectralLibrary.INDEX_FILE), goodIndex());
        assertThatThrownBy(() -> SpectralLibrary.load(noSnow))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("snow_ice");
    }
}
