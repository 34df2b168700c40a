package org.sensei4j.io.product;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.scene.SceneSource;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.BandSelection;
import org.sensei4j.sensor.Sensor;

/**
 * A GDAL VRT ({@code .vrt}) of simple sources, e.g. {@code gdalbuildvrt -separate} of single-band GeoTIFFs on one
 * grid (see {@link VrtFile} for what is supported): read like the multiband GeoTIFF {@code gdal_translate} would make
 * of it, with the VRT's nodata values; with only a sensor, band descriptions ({@code <Description>}) that name the
 * sensor's bands choose them.
 */
public final class VrtProvider implements SceneProvider {

    @Override
    public String name() {
        return "vrt";
    }

    @Override
    public String description() {
        return "a GDAL VRT (.vrt) of GeoTIFF bands";
    }

    @Override
    public ProbeResult probe(ProductInput input) {
        return input.isFile() && input.lowerName().endsWith(".vrt") ? ProbeResult.SUPPORTED : ProbeResult.UNSUPPORTED;
    }

    @Override
    public SceneSource open(ProductInput input, ProductOptions options) {
        return openVrt(input.path().orElseThrow(), options);
    }

    static GeoTiffScene openVrt(Path file, ProductOptions options) {
        VrtFile vrt = VrtFile.read(file);
        for (VrtFile.VrtBand b : vrt.bands()) {
            try (GeoTiffReader r = GeoTiffReader.open(b.source())) {
                vrt.checkSource(b, r.info());
            }
        }
        BandSelection selection = options.selection();
        Sensor sensor = selection != null ? selection.sensor().orElse(null) : options.sensor();
        List<String> names =
                vrt.bands().stream().map(VrtFile.VrtBand::description).toList();
        List<Band> bands = GeoTiffProvider.bandsInFileOrder(
                file.toString(), file, vrt.bands().size(), options, names);
        List<BandFile> files = new ArrayList<>();
        List<GeoTiffScene.BandValues> nodata = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            VrtFile.VrtBand b = vrt.bands().get(i);
            files.add(new BandFile(bands.get(i), b.source(), b.sourceBand()));
            nodata.add(GeoTiffScene.BandValues.nodata(b.nodata()));
        }
        return GeoTiffScene.open(ProductNames.stem(file), "GDAL VRT", sensor, files, options, false, nodata);
    }
}
