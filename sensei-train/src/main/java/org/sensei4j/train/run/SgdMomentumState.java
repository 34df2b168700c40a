package org.sensei4j.train.run;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Sgd;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saves and restores the momentum buffers of DJL's {@link Sgd} optimizer, keyed by the parameter names of the
 * trained block, so that a resumed run continues with the same momentum as an uninterrupted one.
 *
 * <p>DJL 0.36 has no public API for optimizer state: the buffers live in the private field
 * {@code Sgd.momentumStates} (parameter id → device → buffer), which this class reads and fills by reflection.
 * Parameter ids are random per process, hence the mapping through parameter names. If a DJL version renames the
 * field, {@link #isSupported()} is false and a resumed run restarts momentum from zero.
 *
 * <p>Format: int count, then per buffer: UTF parameter name, int length, {@link NDArray#encode()} bytes.
 */
public final class SgdMomentumState {

    private static final Field STATES = findField();

    private SgdMomentumState() {}

    private static Field findField() {
        try {
            Field f = Sgd.class.getDeclaredField("momentumStates");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** True if this DJL version exposes the momentum buffers (momentum survives a resume). */
    public static boolean isSupported() {
        return STATES != null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<Device, NDArray>> states(Sgd sgd) {
        try {
            return (Map<String, Map<Device, NDArray>>) STATES.get(sgd);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Sgd.momentumStates", e);
        }
    }

    /** The momentum buffers of {@code sgd} for the parameters of {@code block} (none before the first step). */
    public static byte[] save(Sgd sgd, Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (!isSupported()) {
                out.writeInt(0);
                return bytes.toByteArray();
            }
            Map<String, Map<Device, NDArray>> states = states(sgd);
            Map<String, byte[]> encoded = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                Map<Device, NDArray> perDevice = states.get(p.getValue().getId());
                if (perDevice == null || perDevice.isEmpty()) {
                    continue;
                }
                NDArray buffer = perDevice.get(p.getValue().getArray().getDevice());
                if (buffer == null) {
                    buffer = perDevice.values().iterator().next();
                }
                encoded.put(p.getKey(), buffer.encode());
            }
            out.writeInt(encoded.size());
            for (Map.Entry<String, byte[]> e : encoded.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Puts saved momentum buffers into {@code sgd} (before its first update), allocated on {@code manager}.
     *
     * @return the number of buffers restored
     * @throws IllegalArgumentException if a saved buffer names a parameter {@code block} does not have or has a
     *     different shape
     */
    public static int restore(Sgd sgd, Block block, byte[] saved, NDManager manager) {
        Map<String, Parameter> byName = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            byName.put(p.getKey(), p.getValue());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            int count = in.readInt();
            if (count > 0 && !isSupported()) {
                return 0;
            }
            Map<String, Map<Device, NDArray>> states = count > 0 ? states(sgd) : Map.of();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                Parameter p = byName.get(name);
                if (p == null) {
                    throw new IllegalArgumentException("saved optimizer state has a buffer for parameter " + name
                            + ", which the model does not have: the checkpoint belongs to another architecture");
                }
                NDArray buffer = NDArray.decode(manager, data);
                NDArray weight = p.getArray();
                if (!buffer.getShape().equals(weight.getShape())) {
                    throw new IllegalArgumentException("saved momentum of " + name + " has shape " + buffer.getShape()
                            + ", the parameter " + weight.getShape());
                }
                Map<Device, NDArray> perDevice = new ConcurrentHashMap<>();
                perDevice.put(weight.getDevice(), buffer);
                states.put(p.getId(), perDevice);
            }
            return count;
        } catch (IOException e) {
            throw new IllegalArgumentException("saved optimizer state is corrupt: " + e.getMessage(), e);
        }
    }
}
