package org.sensei4j.io.product;

import java.util.Locale;
import org.sensei4j.io.remote.ByteSource;
import org.sensei4j.io.remote.HttpByteSource;
import org.sensei4j.scene.SceneSource;

/**
 * An {@code http(s)://} URL of a GeoTIFF/COG or a STAC item ({@code .json}, {@code .geojson}), read with HTTP range
 * requests ({@link HttpByteSource}). A remote VRT is refused.
 */
public final class RemoteProvider implements SceneProvider {

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public String description() {
        return "an http(s):// URL of a GeoTIFF/COG or STAC item";
    }

    @Override
    public ProbeResult probe(ProductInput input) {
        if (!input.isRemote()) {
            return ProbeResult.UNSUPPORTED;
        }
        if (input.lowerName().endsWith(".vrt")) {
            return ProbeResult.refused("VRT " + input + " is remote, which is not supported: download the VRT and its"
                    + " GeoTIFFs and give the local VRT, or give the GeoTIFF's URL");
        }
        return ProbeResult.SUPPORTED;
    }

    @Override
    public SceneSource open(ProductInput input, ProductOptions options) {
        String url = input.url().orElseThrow();
        String name = ByteSource.fileName(url).toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".geojson")) {
            return StacItemProvider.openRemoteStacItem(url, options);
        }
        return GeoTiffProvider.openMultiband(null, url, options);
    }
}
