package site.paywall.edge.jvm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Reproducible "random" bytes for replays, fixtures and the fuzzer: draw {@code k} (from 0, per event) is the first
 * n bytes of SHA-256(seed + ":" + k). {@code edge-runner.js} computes exactly the same for the bundle, so every engine
 * makes the same state and PKCE verifier for the same event and their results can be compared byte for byte.
 * Never used outside tests and replays.
 */
public final class PinnedRandom implements IntFunction<byte[]> {

    private String seed = "";
    private int draws;

    /** Starts the stream of {@code seed} again from its first draw. */
    public void reset(String newSeed) {
        this.seed = newSeed;
        this.draws = 0;
    }

    @Override
    public byte[] apply(int count) {
        if (count > 32) {
            throw new IllegalArgumentException("at most 32 pinned random bytes per draw");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + ":" + draws++).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
