package org.sensei4j.train.sample;

import java.util.SplittableRandom;

/**
 * Something that gives training samples one at a time, drawing all its randomness from the generator it is
 * given (so one seed gives the same samples). {@link SceneSampleProvider} cuts them from labelled scenes,
 * {@link DatasetMixer} mixes several providers; a lambda works as a lazy supplier.
 */
@FunctionalInterface
public interface SampleProvider {

    /**
     * The next sample.
     *
     * @throws org.sensei4j.error.SenseiException when no usable sample can be found
     */
    TrainingSample next(SplittableRandom random);
}
