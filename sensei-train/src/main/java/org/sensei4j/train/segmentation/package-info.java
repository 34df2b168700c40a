/**
 * Training cloud segmentation models ({@code sensei train}): {@link org.sensei4j.train.segmentation.TrainConfig}
 * (YAML), {@link org.sensei4j.train.segmentation.TrainingData} (data sets, hold-outs, validation tiles),
 * {@link org.sensei4j.train.segmentation.MaskedCrossEntropy} (loss ignoring unlabelled pixels),
 * {@link org.sensei4j.train.segmentation.SegmentationTrainer} (the loop: validation, plateau schedule,
 * checkpoints with exact resume, best model as a bundle with provenance).
 */
package org.sensei4j.train.segmentation;
