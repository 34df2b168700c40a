/**
 * Synthetic multi-sensor scenes: one seeded ground + cloud + shadow scene, rendered through any set of bands
 * (given as {@link org.sensei4j.descriptor.BandDescriptor}s) from smooth spectral curves, with its truth mask.
 *
 * <p>Entry point: {@link org.sensei4j.io.synthetic.SyntheticSceneGenerator}, configured by a
 * {@link org.sensei4j.io.synthetic.SyntheticSceneSpec}. Reflective bands come out as top-of-atmosphere
 * reflectance (0 to about 1.2), thermal bands (centre above 3000 nm) as brightness temperature in kelvin.
 */
package org.sensei4j.io.synthetic;
