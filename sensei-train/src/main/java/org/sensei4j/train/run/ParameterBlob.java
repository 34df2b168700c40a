package org.sensei4j.train.run;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.sensei4j.error.SenseiException;

/** A block's parameters as the bytes of a checkpoint blob (DJL's {@code saveParameters} format). */
public final class ParameterBlob {

    private ParameterBlob() {}

    /** The parameters of {@code block} (BatchNorm statistics included). */
    public static byte[] save(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads {@link #save}'s bytes into {@code block} and marks its trainable parameters again
     * ({@link TrainableParameters}).
     *
     * @throws SenseiException when the parameters do not fit the block (a checkpoint of another architecture)
     */
    public static void load(Block block, NDManager manager, byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new SenseiException(
                    "checkpoint parameters do not fit the model: " + e.getMessage()
                            + ": resume with the original config",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new SenseiException(
                    "checkpoint parameters cannot be read (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): the checkpoint is corrupt or"
                            + " truncated; delete it to resume from the one before",
                    e);
        }
        TrainableParameters.mark(block);
    }
}
