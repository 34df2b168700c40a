package org.sensei4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic with a constant that is safe on the training path. DJL 0.36's number-operand arithmetic
 * ({@code x.mul(2f)}, {@code div(n)}, {@code maximum(eps)}, {@code Activation.relu6}, ...) wraps the number in a
 * temporary array that is a view of a Java direct buffer and closes it right after the call; PyTorch's backward
 * functions for mul, div, pow, maximum and minimum keep that tensor, so a garbage collection between the forward
 * pass and {@code backward()} frees the bytes under it and the gradient is computed from freed memory (NaN, zero or
 * silently wrong). Here the constant is allocated by PyTorch itself ({@code torch::full}): its storage is
 * reference-counted by the engine and lives as long as autograd holds it, so closing our handle at once is safe.
 *
 * <p>The rule, enforced by {@code NoNumberOperandArithmeticTest} over the compiled classes of sensei-model and
 * sensei-train: no number-operand {@code add/sub/mul/div/pow/mod/maximum/minimum} (nor their in-place and
 * reversed forms, the {@code NDArrays} statics, or {@code Activation.relu6}) in those modules; use these methods.
 * Comparisons with a number ({@code gt(0.5f)}) and {@code clip(min, max)} are safe: they save no operand tensor
 * (clip passes its bounds to the engine as scalars).
 */
public final class Scalars {

    private Scalars() {}

    /**
     * A 0-d array holding {@code value}, allocated by the engine with {@code like}'s data type and device, in
     * {@code like}'s manager (close it, or let the manager do so).
     */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code x + value}. */
    public static NDArray add(NDArray x, double value) {
        return withConstant(x, value, NDArray::add);
    }

    /** {@code x - value}. */
    public static NDArray sub(NDArray x, double value) {
        return withConstant(x, value, NDArray::sub);
    }

    /** {@code x · value}. */
    public static NDArray mul(NDArray x, double value) {
        return withConstant(x, value, NDArray::mul);
    }

    /** {@code x / value}. */
    public static NDArray div(NDArray x, double value) {
        return withConstant(x, value, NDArray::div);
    }

    /** Element-wise {@code max(x, value)}. */
    public static NDArray maximum(NDArray x, double value) {
        return withConstant(x, value, NDArray::maximum);
    }

    /** Element-wise {@code min(x, value)}. */
    public static NDArray minimum(NDArray x, double value) {
        return withConstant(x, value, NDArray::minimum);
    }

    /** {@code op(x, c)} with {@code c} an engine-allocated constant, whose handle is closed right after. */
    private static NDArray withConstant(NDArray x, double value, BinaryOperator<NDArray> op) {
        try (NDArray c = of(x, value)) {
            return op.apply(x, c);
        }
    }

    /**
     * ReLU6, {@code min(max(x, 0), 6)}, as one clamp (the engine gets the bounds as scalars); its gradient is 1 for
     * {@code 0 ≤ x ≤ 6} and 0 elsewhere.
     */
    public static NDArray relu6(NDArray x) {
        return x.clip(0f, 6f);
    }
}
