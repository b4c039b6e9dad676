package site.paywall.edge.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenTimesTest {

    private static final long NOW = 1_800_000_000L;
    private static final int SKEW = 60;

    private static Optional<Verification.Rejected> at(long nowSeconds, TokenTimes times) {
        return times.problemAt(nowSeconds * 1000L, SKEW);
    }

    @Test
    void expiresExactlyAtExpPlusSkew() {
        TokenTimes times = new TokenTimes(NOW, NOW - 3600, OptionalLong.empty());
        assertEquals(Optional.empty(), times.problemAt((NOW + SKEW) * 1000L - 1, SKEW));
        assertEquals(Optional.of(new Verification.Rejected(RejectionCode.EXPIRED, "token expired (exp)")),
                at(NOW + SKEW, times));
    }

    @Test
    void issuedAtMayRunAheadBySkewOnly() {
        assertEquals(Optional.empty(), at(NOW, new TokenTimes(NOW + 3600, NOW + SKEW, OptionalLong.empty())));
        assertEquals(Optional.of(new Verification.Rejected(RejectionCode.NOT_YET_VALID,
                        "token issued in the future (iat)")),
                at(NOW, new TokenTimes(NOW + 3600, NOW + SKEW + 1, OptionalLong.empty())));
    }

    @Test
    void notBeforeIsAcceptedFromNbfMinusSkew() {
        assertEquals(Optional.empty(), at(NOW, new TokenTimes(NOW + 3600, NOW, OptionalLong.of(NOW + SKEW))));
        assertEquals(Optional.of(new Verification.Rejected(RejectionCode.NOT_YET_VALID, "token not valid yet (nbf)")),
                at(NOW, new TokenTimes(NOW + 3600, NOW, OptionalLong.of(NOW + SKEW + 1))));
    }
}
