/**
 * The gradient-boosted per-pixel floor: {@link org.sensei4j.train.boosting.PixelFeatures} (sensor-independent
 * features by wavelength), {@link org.sensei4j.train.boosting.PixelSample} (balanced seeded pixel sampling, each pixel
 * on a random band
 * subset, {@link org.sensei4j.train.boosting.PixelBandSubset}),
 * {@link org.sensei4j.train.boosting.GradientBoostedPixelClassifier} (XGBoost, as a
 * {@link org.sensei4j.train.evaluate.PixelClassifier}) and {@link org.sensei4j.train.boosting.FloorTrainer}
 * (training and validation on a {@code sensei train} config's data).
 */
package org.sensei4j.train.boosting;
