/**
 * The gradient-boosted per-pixel floor: {@link org.sensei4j.floor.PixelFeatures} (sensor-independent
 * features by wavelength), {@link org.sensei4j.floor.PixelSample} (balanced seeded pixel sampling, each pixel
 * on a random band
 * subset, {@link org.sensei4j.floor.PixelBandSubset}),
 * {@link org.sensei4j.floor.GradientBoostedPixelClassifier} (XGBoost, as a
 * {@link org.sensei4j.eval.PixelClassifier}) and {@link org.sensei4j.floor.FloorTrainer}
 * (training and validation on a {@code sensei train} config's data).
 */
package org.sensei4j.floor;
