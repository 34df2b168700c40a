package org.sensei4j.train.sample;

/**
 * Derives independent seeds from one base seed, so that a run is reproducible from a single number: e.g. the
 * stream of epoch {@code e} uses {@code Seeds.derive(seed, e)} and worker {@code w} of that epoch
 * {@code Seeds.derive(seed, e, w)}. The derivation is stateless (it does not depend on what was drawn before)
 * and fixed: each key is folded in with the SplitMix64 finaliser, {@code h ← mix(h ⊕ mix(key + 1 + γ))}, starting
 * from {@code h = mix(seed)}, where γ = 0x9E3779B97F4A7C15 and mix is Stafford's variant 13.
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** A seed derived from {@code seed} and the keys, in order (different keys or order → unrelated seeds). */
    public static long derive(long seed, long... keys) {
        long h = mix(seed);
        for (long k : keys) {
            h = mix(h ^ mix(k + 1 + GOLDEN_GAMMA));
        }
        return h;
    }

    /** The seed of epoch {@code epoch}: {@code derive(seed, epoch)}. */
    public static long forEpoch(long seed, int epoch) {
        return derive(seed, epoch);
    }

    /** The seed of worker {@code worker} in epoch {@code epoch}: {@code derive(seed, epoch, worker)}. */
    public static long forWorker(long seed, int epoch, int worker) {
        return derive(seed, epoch, worker);
    }

    /** SplitMix64's finaliser (Stafford's mix13): a bijection of 64-bit values that scrambles all bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
