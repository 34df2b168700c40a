package org.sensei4j.eval.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.LabelledScene;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.dataset.UkisCsmaskDataset;
import org.sensei4j.io.geotiff.GeoTiffReader;
import org.sensei4j.io.synthetic.MeasuredSceneSpec;
import org.sensei4j.io.synthetic.SensorEffects;
import org.sensei4j.io.synthetic.SpectralLibrary;
import org.sensei4j.io.synthetic.SurfaceMix;
import org.sensei4j.io.synthetic.SyntheticBand;
import org.sensei4j.io.synthetic.SyntheticScene;
import org.sensei4j.io.synthetic.SyntheticSceneGenerator;
import org.sensei4j.io.synthetic.SyntheticSceneSpec;
import org.sensei4j.io.synthetic.VirtualSensors;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Sensor;

/**
 * A page of quicklooks (PNG) that puts synthetic scenes from measured spectra next to real ones: each synthetic
 * scene as an RGB quicklook and its truth overlay (cloud in blue over the dimmed quicklook, {@link Pictures}), then
 * the real ukis-csmask Sentinel-2 scene with its reference mask, the real rio-cloudmask Landsat 8 scene with its
 * 1.37 µm cirrus band, and the 1.375 µm band of two synthetic scenes. Usage:
 * {@code SyntheticQuicklooks SPECTRA_DIR REAL_DIR OUT.png} (e.g. {@code ../shared/data/spectra ../shared/data/real
 * docs/synthetic-quicklooks.png}).
 */
public final class SyntheticQuicklooks {

    /** Side of one picture on the page, px. */
    public static final int TILE = 112;

    private static final int GAP = 4;
    private static final int CAPTION = 14;
    private static final int COLUMNS = 6;

    private SyntheticQuicklooks() {}

    /** One picture and its caption. */
    private record Tile(BufferedImage image, String caption) {}

    /** The page: synthetic scenes from {@code spectraDir}, real ones from {@code realDir}. */
    public static BufferedImage page(Path spectraDir, Path realDir) {
        SpectralLibrary lib = SpectralLibrary.load(spectraDir);
        List<Tile> tiles = new ArrayList<>();
        MeasuredSceneSpec plain = MeasuredSceneSpec.defaults(lib);
        SyntheticSceneSpec base = SyntheticSceneSpec.defaults(TILE * 2, TILE * 2, 11);

        SyntheticScene s2 = render(
                base.withSeed(21).withCloudCover(0.35),
                plain.withContrails(true),
                SyntheticSceneGenerator.sentinel2Like());
        add(tiles, s2, "B04", "B03", "B02", "S2, cumulus+cirrus");
        SyntheticScene l7 = render(
                base.withSeed(5).withSurfaceMix(new SurfaceMix(0.3, 0.2, 0.1, 0.35, 0.05)),
                plain.withEffects(new SensorEffects(8, 0.6, 0.001, 0.004, 0.5, 0.3, false)),
                SyntheticSceneGenerator.landsat7Like());
        add(tiles, l7, "B3", "B2", "B1", "L7 8-bit, snow");
        Sensor virtual = VirtualSensors.draw(7);
        List<SyntheticBand> vb = virtual.bands().stream()
                .map(b -> SyntheticBand.of(b.id(), b.wavelengths()))
                .toList();
        SyntheticScene v = render(base.withSeed(8), MeasuredSceneSpec.draw(lib, 8), vb);
        String[] rgb = nearest(virtual.bands(), 660, 560, 480);
        add(tiles, v, rgb[0], rgb[1], rgb[2], "virtual " + virtual.bands().size() + " bands");
        SyntheticScene haze = render(
                base.withSeed(31).withCloudCover(0.1).withSurfaceMix(new SurfaceMix(0.4, 0.2, 0.35, 0, 0.05)),
                plain.withHaze(1.2).withGlint(0.2),
                SyntheticSceneGenerator.sentinel2Like());
        add(tiles, haze, "B04", "B03", "B02", "S2, haze, glint");
        SyntheticScene desert = render(
                base.withSeed(41).withCloudCover(0.15).withSurfaceMix(new SurfaceMix(0.05, 0.8, 0, 0, 0.15)),
                plain.withContrails(true).withCirrus(2.5, 11_000),
                SyntheticSceneGenerator.sentinel2Like());
        add(tiles, desert, "B04", "B03", "B02", "S2, desert, cirrus");
        SyntheticScene coarse = render(
                base.withSeed(51).withPixelSizeM(250),
                MeasuredSceneSpec.draw(lib, 51).withEffects(SensorEffects.NOISE_ONLY),
                SyntheticSceneGenerator.landsat8Like());
        add(tiles, coarse, "B4", "B3", "B2", "L8 bands, 250 m");

        LabelledScene ukis =
                UkisCsmaskDataset.of(realDir.resolve("ukis-csmask")).open("sentinel2");
        FloatRaster values = ukis.scene().values();
        int w = values.width();
        int h = values.height();
        BufferedImage ukisRgb = Pictures.quicklook(values.band(2), values.band(1), values.band(0), w, h);
        tiles.add(new Tile(ukisRgb, "real S2 (ukis)"));
        tiles.add(new Tile(Pictures.overlay(ukisRgb, ukis.labels(), ukis.labels(), ukis.scheme()), "ukis reference"));
        Path rio = realDir.resolve("rio-cloudmask");
        float[][] bands = new float[4][];
        int[] size = new int[2];
        String[] ids = {"B4", "B3", "B2", "B9"};
        for (int k = 0; k < 4; k++) {
            Path f = rio.resolve("LC80130312015295LGN00_" + ids[k] + "_toa.tif");
            if (!Files.isRegularFile(f)) {
                throw new SenseiException(f + " is missing: give the folder of ../shared/data/real");
            }
            try (GeoTiffReader r = GeoTiffReader.open(f)) {
                bands[k] = r.readBand(0);
                size[0] = r.info().width();
                size[1] = r.info().height();
            }
        }
        tiles.add(new Tile(Pictures.quicklook(bands[0], bands[1], bands[2], size[0], size[1]), "real L8 (rio)"));
        tiles.add(new Tile(Pictures.grey(bands[3], size[0], size[1]), "rio 1.37 um"));
        tiles.add(new Tile(Pictures.grey(s2.band("B10"), s2.width(), s2.height()), "S2 synth 1.375 um"));
        tiles.add(
                new Tile(Pictures.grey(desert.band("B10"), desert.width(), desert.height()), "desert synth 1.375 um"));
        return layout(tiles);
    }

    private static SyntheticScene render(
            SyntheticSceneSpec spec, MeasuredSceneSpec physics, List<SyntheticBand> bands) {
        return new SyntheticSceneGenerator(spec, physics).render(bands);
    }

    private static void add(List<Tile> tiles, SyntheticScene s, String r, String g, String b, String caption) {
        BufferedImage rgb = Pictures.quicklook(s.band(r), s.band(g), s.band(b), s.width(), s.height());
        byte[] truth = s.truthMask(ClassScheme.CLEAR_CLOUD_SHADOW);
        tiles.add(new Tile(rgb, caption));
        tiles.add(new Tile(Pictures.overlay(rgb, truth, truth, ClassScheme.CLEAR_CLOUD_SHADOW), "truth"));
    }

    /** Ids of the bands whose centres are nearest to each wavelength. */
    static String[] nearest(List<Band> bands, double... nm) {
        String[] out = new String[nm.length];
        for (int k = 0; k < nm.length; k++) {
            Band best = null;
            for (Band b : bands) {
                if (best == null
                        || Math.abs(b.wavelengths().centreNm() - nm[k])
                                < Math.abs(best.wavelengths().centreNm() - nm[k])) {
                    best = b;
                }
            }
            out[k] = best.id();
        }
        return out;
    }

    private static BufferedImage layout(List<Tile> tiles) {
        int rows = (tiles.size() + COLUMNS - 1) / COLUMNS;
        int cell = TILE + CAPTION + GAP;
        BufferedImage page =
                new BufferedImage(COLUMNS * (TILE + GAP) + GAP, rows * cell + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < tiles.size(); i++) {
            int x = GAP + (i % COLUMNS) * (TILE + GAP);
            int y = GAP + (i / COLUMNS) * cell;
            Tile t = tiles.get(i);
            g.drawImage(t.image(), x, y + CAPTION, TILE, TILE, null);
            g.setColor(Color.BLACK);
            g.drawString(t.caption(), x + 1, y + CAPTION - 3);
        }
        g.dispose();
        return page;
    }

    /** Writes the page: {@code SPECTRA_DIR REAL_DIR OUT.png}. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: SyntheticQuicklooks SPECTRA_DIR REAL_DIR OUT.png "
                    + "(e.g. ../shared/data/spectra ../shared/data/real docs/synthetic-quicklooks.png)");
            System.exit(2);
        }
        try {
            Path out = Path.of(args[2]);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Pictures.writePng(page(Path.of(args[0]), Path.of(args[1])), out);
            System.out.println("wrote " + out);
        } catch (SenseiException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }
}
