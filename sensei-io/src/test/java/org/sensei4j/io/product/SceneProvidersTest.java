package org.sensei4j.io.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;

/** The providers' probes, their order, and the list of supported inputs made from them. */
class SceneProvidersTest {

    @TempDir
    Path dir;

    /** One input per provider, by provider name. */
    private Map<String, ProductInput> fixtures() throws IOException {
        Map<String, ProductInput> f = new LinkedHashMap<>();
        Path tif = Files.write(dir.resolve("scene.tif"), new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
        f.put("geotiff", ProductInput.local(tif));
        f.put("vrt", ProductInput.local(Files.writeString(dir.resolve("bands.vrt"), "<VRTDataset/>")));
        f.put("stac", ProductInput.local(Files.writeString(dir.resolve("item.json"), "{\"type\": \"Feature\"}")));
        f.put("remote", ProductInput.remote("https://example.com/data/scene.tif"));
        Path safe = Files.createDirectories(dir.resolve("S2A_MSIL1C_20200101T000000_N0208_R000_T32TQM.SAFE"));
        f.put("sentinel2-safe", ProductInput.local(safe));
        Path landsat = Files.createDirectories(dir.resolve("landsat"));
        Files.writeString(landsat.resolve("LC08_L1TP_001002_20200101_20200101_02_T1_MTL.txt"), "GROUP = L1\n");
        f.put("landsat", ProductInput.local(landsat));
        Path folder = Files.createDirectories(dir.resolve("bands"));
        Files.write(folder.resolve("B02.tif"), new byte[] {'I', 'I', 42, 0});
        f.put("folder", ProductInput.local(folder));
        return f;
    }

    @Test
    void everyProviderProbesItsOwnFixtureSupportedAndTheOthersUnsupported() throws IOException {
        Map<String, ProductInput> fixtures = fixtures();
        List<SceneProvider> providers = SceneProviders.BUILT_IN;
        assertThat(providers).extracting(SceneProvider::name).containsExactlyElementsOf(fixtures.keySet());
        for (SceneProvider p : providers) {
            for (Map.Entry<String, ProductInput> e : fixtures.entrySet()) {
                ProbeResult r = p.probe(e.getValue());
                boolean own = e.getKey().equals(p.name());
                // the folder of single-band files is the catch-all for folders: the Landsat and SAFE folders are
                // folders too, and the probe order gives them to their own providers first (tested below)
                boolean catchAll =
                        p instanceof BandFolderProvider && e.getValue().isDirectory();
                assertThat(r.isSupported())
                        .as("%s probing the %s fixture (%s)", p.name(), e.getKey(), r)
                        .isEqualTo(own || catchAll);
                assertThat(r.reason()).as("%s probing %s", p.name(), e.getKey()).isEmpty();
            }
        }
    }

    @Test
    void theFirstSupportingProviderInProbeOrderIsTheFixturesOwn() throws IOException {
        for (Map.Entry<String, ProductInput> e : fixtures().entrySet()) {
            SceneProvider first = SceneProviders.providers().stream()
                    .filter(p -> p.probe(e.getValue()).isSupported())
                    .findFirst()
                    .orElseThrow();
            assertThat(first.name()).as("%s", e.getKey()).isEqualTo(e.getKey());
        }
    }

    @Test
    void aTiffSignatureMakesAGeoTiffWhateverTheName() throws IOException {
        Path bin = Files.write(dir.resolve("scene.img"), new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        assertThat(new GeoTiffProvider().probe(ProductInput.local(bin))).isSameAs(ProbeResult.SUPPORTED);
    }

    @Test
    void aRemoteVrtIsRefusedWithTheReason() {
        ProbeResult r = new RemoteProvider().probe(ProductInput.remote("https://example.com/bands.vrt"));
        assertThat(r.isSupported()).isFalse();
        assertThat(r.reason()).hasValueSatisfying(m -> assertThat(m).startsWith("VRT https://example.com/bands.vrt"));
        assertThatThrownBy(() -> ProductReaders.open("https://example.com/bands.vrt", ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessage(r.reason().get());
    }

    @Test
    void theErrorForAnUnknownInputListsExactlyTheProviders() throws IOException {
        Path txt = Files.writeString(dir.resolve("notes.txt"), "hello");
        String listed = "a GeoTIFF (.tif/.tiff), a GDAL VRT (.vrt) of GeoTIFF bands, a STAC item (.json) with"
                + " eo:bands and GeoTIFF assets, an http(s):// URL of a GeoTIFF/COG or STAC item, a Sentinel-2 .SAFE"
                + " folder (or its MTD_MSIL1C.xml / MTD_MSIL2A.xml), a Landsat Level-1 product folder (or its"
                + " *_MTL.txt), or a folder of single-band GeoTIFFs named by band (e.g. B02.tif or *_B02.tif)";
        assertThat(SceneProviders.supportedInputs()).isEqualTo(listed);
        assertThat(ProductReaders.SUPPORTED).isEqualTo(listed);
        assertThatThrownBy(() -> ProductReaders.open(txt, ProductOptions.defaults()))
                .isInstanceOf(SenseiException.class)
                .hasMessage("unsupported input " + txt + ": give " + listed);
        // the list is the providers' descriptions in probe order, each once
        String rest = listed;
        for (SceneProvider p : SceneProviders.providers()) {
            int at = rest.indexOf(p.description());
            assertThat(at).as("%s in %s", p.name(), rest).isGreaterThanOrEqualTo(0);
            rest = rest.substring(at + p.description().length());
        }
        assertThat(rest).isEmpty();
        assertThat(SceneProviders.providers()).extracting(SceneProvider::name).doesNotHaveDuplicates();
    }

    @Test
    void theBuiltInsAreRegisteredForTheServiceLoader() throws IOException {
        String services;
        try (InputStream in =
                SceneProvider.class.getResourceAsStream("/META-INF/services/" + SceneProvider.class.getName())) {
            assertThat(in).isNotNull();
            services = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> listed = services.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(listed)
                .containsExactlyElementsOf(SceneProviders.BUILT_IN.stream()
                        .map(p -> p.getClass().getName())
                        .toList());
        assertThat(SceneProviders.providers()).hasSameSizeAs(SceneProviders.BUILT_IN);
    }

    @Test
    void aBandMapAsksOnlyTheFolderProvider() throws IOException {
        Path landsat = Files.createDirectories(dir.resolve("landsat"));
        Files.writeString(landsat.resolve("LC08_L1TP_001002_20200101_20200101_02_T1_MTL.txt"), "GROUP = L1\n");
        Path map = Files.writeString(dir.resolve("map.yaml"), "B02: missing.tif\n");
        assertThatThrownBy(() -> ProductReaders.open(
                        landsat,
                        ProductOptions.forSensor(ProductReadersTest.S2, List.of("B02"))
                                .withBandMap(map)))
                .isInstanceOf(SenseiException.class)
                .hasMessageStartingWith("band map " + map);
    }
}
