package org.sensei4j.io.product;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SceneProvider} says about an input, as Apache SIS's {@code ProbeResult}: it reads it
 * ({@link #SUPPORTED}), it is not its format ({@link #UNSUPPORTED}), or it is its format but cannot be read, with the
 * reason as a user message ({@link #refused(String)}).
 */
public final class ProbeResult {

    /** The provider reads the input. */
    public static final ProbeResult SUPPORTED = new ProbeResult(true, null);

    /** The input is not the provider's format. */
    public static final ProbeResult UNSUPPORTED = new ProbeResult(false, null);

    private final boolean supported;
    private final String reason;

    private ProbeResult(boolean supported, String reason) {
        this.supported = supported;
        this.reason = reason;
    }

    /** The input is the provider's format but cannot be read; {@code reason} says why and what to do instead. */
    public static ProbeResult refused(String reason) {
        return new ProbeResult(false, Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the provider reads the input. */
    public boolean isSupported() {
        return supported;
    }

    /** Why a recognised input cannot be read; empty for {@link #SUPPORTED} and {@link #UNSUPPORTED}. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return supported ? "SUPPORTED" : reason == null ? "UNSUPPORTED" : "REFUSED(" + reason + ")";
    }
}
