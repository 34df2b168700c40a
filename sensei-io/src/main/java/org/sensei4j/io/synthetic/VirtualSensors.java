package org.sensei4j.io.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sensei4j.descriptor.BandDescriptor;
import org.sensei4j.sensor.Band;
import org.sensei4j.sensor.Quantity;
import org.sensei4j.sensor.Sensor;

/**
 * Random virtual sensors, so that a sensor the model never saw is the normal case in training: 3 to 15
 * reflective bands with centres drawn uniformly over 400-2500 nm and full widths drawn log-uniformly over
 * 10-200 nm (clipped to 400-2500 nm), sorted by centre, plus, in 30% of the sensors, one or two thermal bands
 * (centres 8-13 µm, widths 0.5-1.5 µm), and, in 30% of them, a cirrus band in the 1.38 µm water vapour absorption
 * (centre 1365-1385 nm, width 15-35 nm, as Sentinel-2 B10, Landsat 8/9 B9, MODIS band 26), which sees only high
 * cloud: without it, few random sensors would have one and the model would rarely learn what it shows. Bands are
 * named {@code V01, V02, ...} in wavelength order; the sensor id
 * is {@code virtual-} and 16 hex digits of the seed, so the same seed always gives the same sensor.
 */
public final class VirtualSensors {

    /** The name that stands for a virtual sensor in a list of sensor ids (e.g. {@code [sentinel2, virtual]}). */
    public static final String NAME = "virtual";

    public static final int MIN_BANDS = 3;
    public static final int MAX_BANDS = 15;
    public static final double MIN_NM = 400;
    public static final double MAX_NM = 2500;
    /** Share of virtual sensors with thermal bands. */
    public static final double THERMAL_SHARE = 0.3;
    /** Share of virtual sensors with a 1.38 µm cirrus band. */
    public static final double CIRRUS_SHARE = 0.3;

    private VirtualSensors() {}

    /** The virtual sensor of {@code seed}. */
    public static Sensor draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = MIN_BANDS + r.nextInt(MAX_BANDS - MIN_BANDS + 1);
        BandDescriptor[] reflective = new BandDescriptor[n];
        for (int k = 0; k < n; k++) {
            double centre = MIN_NM + (MAX_NM - MIN_NM) * r.nextDouble();
            double width = 10 * Math.pow(20, r.nextDouble());
            double lo = Math.max(MIN_NM, centre - width / 2);
            double hi = Math.min(MAX_NM, centre + width / 2);
            reflective[k] = new BandDescriptor(round(lo), round(centre), round(hi));
        }
        Arrays.sort(reflective, (a, b) -> Double.compare(a.centreNm(), b.centreNm()));
        List<BandDescriptor> all = new ArrayList<>(Arrays.asList(reflective));
        if (r.nextDouble() < THERMAL_SHARE) {
            int t = 1 + r.nextInt(2);
            List<BandDescriptor> thermal = new ArrayList<>();
            for (int k = 0; k < t; k++) {
                double centre = 8000 + 5000 * r.nextDouble();
                double width = 500 + 1000 * r.nextDouble();
                thermal.add(new BandDescriptor(round(centre - width / 2), round(centre), round(centre + width / 2)));
            }
            thermal.sort((a, b) -> Double.compare(a.centreNm(), b.centreNm()));
            all.addAll(thermal);
        }
        // drawn after the others, so a seed's other bands are those it had before cirrus bands existed
        if (r.nextDouble() < CIRRUS_SHARE) {
            double centre = 1365 + 20 * r.nextDouble();
            double width = 15 + 20 * r.nextDouble();
            all.add(new BandDescriptor(round(centre - width / 2), round(centre), round(centre + width / 2)));
            all.sort((a, b) -> Double.compare(a.centreNm(), b.centreNm()));
        }
        List<Band> bands = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            BandDescriptor d = all.get(k);
            bands.add(
                    new Band(String.format(Locale.ROOT, "V%02d", k + 1), null, d, Double.NaN, Quantity.defaultFor(d)));
        }
        String id = NAME + "-" + String.format(Locale.ROOT, "%016x", seed);
        return new Sensor(id, "virtual sensor " + id, List.of(), bands, "random, drawn from seed " + seed);
    }

    private static double round(double nm) {
        return Math.rint(nm * 10) / 10;
    }
}
