package org.sensei4j.io.product;

import java.nio.file.Path;
import org.sensei4j.io.sentinel2.Sentinel2Safe;
import org.sensei4j.scene.SceneSource;

/**
 * A Sentinel-2 L1C/L2A SAFE product: a {@code *.SAFE} folder (or one holding {@code MTD_MSIL1C.xml} /
 * {@code MTD_MSIL2A.xml}), the metadata file itself, a granule folder or its {@code MTD_TL.xml}, read by
 * {@link Sentinel2SafeScene} (JPEG2000 bands, DN → reflectance with the product's offsets).
 */
public final class Sentinel2SafeProvider implements SceneProvider {

    @Override
    public String name() {
        return "sentinel2-safe";
    }

    @Override
    public String description() {
        return "a Sentinel-2 .SAFE folder (or its MTD_MSIL1C.xml / MTD_MSIL2A.xml)";
    }

    @Override
    public ProbeResult probe(ProductInput input) {
        Path path = input.path().orElse(null);
        if (path == null) {
            return ProbeResult.UNSUPPORTED;
        }
        boolean safe = input.isDirectory() ? Sentinel2Safe.isSafeFolder(path) : Sentinel2Safe.isMetadataFile(path);
        return safe ? ProbeResult.SUPPORTED : ProbeResult.UNSUPPORTED;
    }

    @Override
    public SceneSource open(ProductInput input, ProductOptions options) {
        return Sentinel2SafeScene.open(input.path().orElseThrow(), options);
    }
}
