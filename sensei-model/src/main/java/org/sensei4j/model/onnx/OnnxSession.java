package org.sensei4j.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ONNX model with one float input and one float output, run by ONNX Runtime on the CPU with all graph
 * optimisations (fused convolution + activation, blocked channel layouts). Thread safe: tiles may be run from
 * several threads at once, each run using {@code threads} threads of its own.
 */
public final class OnnxSession implements AutoCloseable {

    /** How the message of the exception starts when ONNX Runtime cannot create the session. */
    public static final String LOAD_FAILED = "ONNX Runtime could not load the exported model: ";

    /**
     * With {@code -Dsensei.onnx.profile=PREFIX}, every session writes ONNX Runtime's profile (each kernel's time,
     * input and output shapes; Chrome trace JSON) to {@code PREFIX-N_<date>.json} when it closes: where a tile's time
     * goes, per operator.
     */
    public static final String PROFILE_PROPERTY = "sensei.onnx.profile";

    private static final AtomicInteger PROFILED = new AtomicInteger();

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;

    /** Output values and their shape. */
    public record Output(float[] values, long[] shape) {}

    /**
     * @param model   a serialised ONNX model (e.g. from {@link OnnxGraph#toModelBytes()})
     * @param threads threads per run (intra-op); 1 when the caller parallelises over tiles
     */
    public OnnxSession(byte[] model, int threads) {
        this(model, threads, OrtSession.SessionOptions.OptLevel.ALL_OPT);
    }

    /** As {@link #OnnxSession(byte[], int)} with another optimisation level (e.g. none, to check a fusion). */
    public OnnxSession(byte[] model, int threads, OrtSession.SessionOptions.OptLevel level) {
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(level);
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            String profile = System.getProperty(PROFILE_PROPERTY);
            if (profile != null) {
                // ONNX Runtime writes the file (PREFIX-N_date_time.json) when the session closes
                options.enableProfiling(profile + "-" + PROFILED.incrementAndGet());
            }
            this.session = environment.createSession(model, options);
            this.input = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalStateException(LOAD_FAILED + e.getMessage(), e);
        }
    }

    /** Runs the model on {@code values} of the given shape. */
    public Output run(float[] values, long... shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            FloatBuffer buffer = out.getFloatBuffer();
            float[] data = new float[buffer.remaining()];
            buffer.get(data);
            return new Output(data, out.getInfo().getShape());
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed on an input of shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    /** Runs the model on {@code values} of the given shape and returns every output, in the graph's order. */
    public List<Output> runAll(float[] values, long... shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            List<Output> outputs = new ArrayList<>(result.size());
            for (int i = 0; i < result.size(); i++) {
                OnnxTensor out = (OnnxTensor) result.get(i);
                FloatBuffer buffer = out.getFloatBuffer();
                float[] data = new float[buffer.remaining()];
                buffer.get(data);
                outputs.add(new Output(data, out.getInfo().getShape()));
            }
            return outputs;
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed on an input of shape " + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
