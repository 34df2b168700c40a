package org.sensei4j.train.pretrain;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.sensei4j.model.sensei.RecoveryModule;
import org.sensei4j.model.sensei.SenseiEncoder;

/**
 * SEnSeI's pretraining autoencoder as one DJL block: encoder + recovery module, whose forward pass returns the
 * loss terms, so that a DJL {@code Trainer} can train both.
 *
 * <p>Input: {@link PretrainingLoss#inputs} (values, real descriptors, candidate descriptors, targets). Output:
 * {@link PretrainingLoss.Terms#toList()} (loss, candidate MSE, band MSE, candidate accuracy; scalars).
 */
public final class PretrainingAutoencoder extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SenseiEncoder encoder;
    private final RecoveryModule recovery;

    public PretrainingAutoencoder(SenseiEncoder encoder, RecoveryModule recovery) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", encoder);
        this.recovery = addChildBlock("recovery", recovery);
    }

    public SenseiEncoder encoder() {
        return encoder;
    }

    public RecoveryModule recovery() {
        return recovery;
    }

    /** Initialises encoder and recovery module with tiny input shapes. */
    public void initialize(NDManager manager) {
        encoder.initialize(manager);
        recovery.initialize(manager);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return PretrainingLoss.terms(encoder, recovery, ps, inputs, training).toList();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        initialize(manager);
    }

    /** No metadata of its own: the block is never initialised as a whole and its input shapes vary per batch. */
    @Override
    protected void saveMetadata(DataOutputStream os) {}

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is) throws MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("unsupported PretrainingAutoencoder version " + loadVersion);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(), new Shape(), new Shape(), new Shape()};
    }
}
