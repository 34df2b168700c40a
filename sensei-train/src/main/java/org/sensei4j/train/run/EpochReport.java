package org.sensei4j.train.run;

/**
 * What a trainer tells its listeners at the end of an epoch: of a pretraining also at epoch 0 (the model before
 * training, without a training loss), of a segmentation training also when a run stops within an epoch.
 *
 * @param <V>          the trainer's validation result
 * @param epoch        the epoch, 1-based (0: before training)
 * @param epochs       the epochs of the run
 * @param step         the global step count
 * @param trainLoss    mean training loss of the epoch; null before training
 * @param validation   the validation after the epoch; null when there was none
 * @param learningRate the learning rate of the next epoch
 * @param best         whether this is the best model so far
 * @param seconds      the run's training time so far
 */
public record EpochReport<V>(
        int epoch,
        int epochs,
        long step,
        Double trainLoss,
        V validation,
        double learningRate,
        boolean best,
        double seconds) {}
