package org.sensei4j.io.product;

import java.nio.file.Path;
import org.sensei4j.io.landsat.LandsatProduct;
import org.sensei4j.scene.SceneSource;

/**
 * A Landsat 4–9 Collection 1/2 Level-1 product: a folder holding a {@code *_MTL.txt}, or the MTL file itself, read
 * by {@link LandsatScene} (DN → TOA reflectance and normalised brightness temperature with the MTL's coefficients).
 */
public final class LandsatProvider implements SceneProvider {

    @Override
    public String name() {
        return "landsat";
    }

    @Override
    public String description() {
        return "a Landsat Level-1 product folder (or its *_MTL.txt)";
    }

    @Override
    public ProbeResult probe(ProductInput input) {
        Path path = input.path().orElse(null);
        if (path == null) {
            return ProbeResult.UNSUPPORTED;
        }
        boolean landsat = input.isDirectory() ? LandsatProduct.isProductFolder(path) : LandsatProduct.isMtlFile(path);
        return landsat ? ProbeResult.SUPPORTED : ProbeResult.UNSUPPORTED;
    }

    @Override
    public SceneSource open(ProductInput input, ProductOptions options) {
        return LandsatScene.open(input.path().orElseThrow(), options);
    }
}
