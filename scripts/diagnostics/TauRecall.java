import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.inference.CloudMasker;
import org.sensei4j.inference.MaskResult;
import org.sensei4j.inference.MaskingOptions;
import org.sensei4j.inference.ModelLocator;
import org.sensei4j.io.synthetic.SyntheticBand;
import org.sensei4j.metrics.BinaryConfusion;
import org.sensei4j.io.synthetic.SyntheticScene;
import org.sensei4j.io.synthetic.SyntheticSceneGenerator;
import org.sensei4j.raster.FloatRaster;
import org.sensei4j.scene.Scene;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.train.segmentation.SyntheticDataset;

/**
 * The share of pixels a model calls cloud per bin of the total optical thickness at 550 nm above them (what the label
 * convention's truth follows: cloud from 0.5), on synthetic scenes from measured spectra rendered through the bands
 * of the given sensors: where the model's decision really sits, per sensor family. A diagnostic, not a test; run
 * from the repository root after building the CLI jar (needs ../shared/data/spectra):
 *
 *   java -cp sensei-cli/target/sensei.jar -Dai.djl.offline=true scripts/diagnostics/TauRecall.java \
 *       landsat7,landsat5 12 777 [MODEL]            (-DdropThermal=true: without the thermal bands)
 *
 * SENSORS: registry ids (or "virtual") taken in turn; N scenes of 384 px; SEED of the synthetic data set (pick one no
 * training config uses); MODEL: a bundle, default "default". The same N and SEED give the same scenes whatever the
 * sensors, so sensor families compare on identical clouds.
 */
public final class TauRecall {
    static final double[] EDGES = {0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1, 1.5, 2, 3, 5, 1e9};
    public static void main(String[] a) throws Exception {
        List<String> sensors = List.of(a[0].split(","));
        int n = Integer.parseInt(a[1]);
        long seed = Long.parseLong(a[2]);
        boolean dropThermal = Boolean.getBoolean("dropThermal");
        Path spectra = Path.of(System.getProperty("spectra", "../shared/data/spectra"));
        SyntheticDataset d = new SyntheticDataset("diag", sensors, n, 384, seed, spectra);
        // per bin: [all, of which mostly ice (cirrus and contrails hold most of the thickness)] x [not cloud, cloud]
        long[][][] c = new long[EDGES.length - 1][2][2];
        try (CloudMasker m = CloudMasker.load(ModelLocator.resolve(a.length > 3 ? a[3] : "default"))) {
            MaskingOptions o = MaskingOptions.defaults().withThreads(1).withOutputScheme(ClassScheme.CLOUD_CLEAR);
            for (int i = 0; i < n; i++) {
                List<Band> all = d.bands(i);
                List<Band> bands = new ArrayList<>();
                for (Band b : all) {
                    if (!(dropThermal && b.quantity() == Quantity.BRIGHTNESS_TEMPERATURE)) bands.add(b);
                }
                List<SyntheticBand> render =
                        bands.stream().map(b -> SyntheticBand.of(b.id(), b.wavelengths())).toList();
                SyntheticScene s = new SyntheticSceneGenerator(d.spec(i), d.measured(i)).render(render);
                float[][] planes = new float[bands.size()][];
                for (int k = 0; k < planes.length; k++) {
                    planes[k] = render.get(k).thermal()
                            ? s.normalisedBrightnessTemperature(render.get(k).id())
                            : s.band(k);
                }
                FloatRaster values = FloatRaster.ofBands(384, 384, null, planes);
                Scene scene = new Scene("s" + i, bands, d.sensor(i), values, null, null, s.spec().pixelSizeM());
                MaskResult r = m.mask(scene, o);
                float[] tau = s.opticalThickness();
                float[] ice = s.cirrusOpacity();
                for (int p = 0; p < tau.length; p++) {
                    int bin = 0;
                    while (tau[p] >= EDGES[bin + 1]) bin++;
                    int called = r.classes()[p] == 1 ? 1 : 0;
                    c[bin][0][called]++;
                    double iceTau = -4 * Math.log(1 - Math.min(ice[p], 0.999999f));
                    if (iceTau > 0.5 * tau[p]) {
                        c[bin][1][called]++;
                    }
                }
            }
        }
        // against tau >= 0.5 as the truth (the convention's optical-thickness rule alone, without its cirrus rule)
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int b = 0; b < c.length; b++) {
            boolean cloud = EDGES[b] >= 0.5;
            tp += cloud ? c[b][0][1] : 0;
            fn += cloud ? c[b][0][0] : 0;
            fp += cloud ? 0 : c[b][0][1];
            tn += cloud ? 0 : c[b][0][0];
        }
        BinaryConfusion bc = new BinaryConfusion(tp, fp, fn, tn);
        System.out.printf("against tau >= 0.5: OA %.2f, precision %.2f, recall %.2f, F1 %.2f (%d px)%n",
                bc.overallAccuracy().value(), bc.precision().value(), bc.recall().value(), bc.f1().value(), bc.total());
        for (int b = 0; b < c.length; b++) {
            long t = c[b][0][0] + c[b][0][1];
            long ti = c[b][1][0] + c[b][1][1];
            System.out.printf(
                    "tau [%.2f, %s): %8d px, called cloud %5.1f%%; mostly ice %8d px, called cloud %5.1f%%%n",
                    EDGES[b],
                    EDGES[b + 1] > 1e8 ? "inf" : String.valueOf(EDGES[b + 1]),
                    t,
                    t == 0 ? 0 : 100.0 * c[b][0][1] / t,
                    ti,
                    ti == 0 ? 0 : 100.0 * c[b][1][1] / ti);
        }
    }
}
