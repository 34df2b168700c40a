/**
 * Synthetic multi-sensor scenes: one seeded ground + cloud + shadow scene, rendered through any set of bands
 * (given as {@link org.sensei4j.descriptor.BandDescriptor}s) from smooth spectral curves, with its truth mask.
 *
 * <p>Entry point: {@link org.sensei4j.io.synthetic.SyntheticSceneGenerator}, configured by a
 * {@link org.sensei4j.io.synthetic.SyntheticSceneSpec}. Reflective bands come out as top-of-atmosphere
 * reflectance (0 to about 1.2), thermal bands (centre above 3000 nm) as brightness temperature in kelvin.
 *
 * <p>Two renderers: the legacy one (built-in smooth spectra; the default) and, opt-in with a
 * {@link org.sensei4j.io.synthetic.MeasuredSceneSpec}, one from measured spectra
 * ({@link org.sensei4j.io.synthetic.SpectralLibrary}) and two-stream cloud, haze and snow optics from the
 * refractive indices of water and ice, with sensor effects ({@link org.sensei4j.io.synthetic.SensorEffects}) and
 * truth by {@link org.sensei4j.classes.LabelConvention}. {@link org.sensei4j.io.synthetic.VirtualSensors} draws
 * random sensors to render through.
 */
package org.sensei4j.io.synthetic;
