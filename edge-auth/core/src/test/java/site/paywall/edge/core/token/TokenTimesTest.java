package site.paywall.edge.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenTimesTest {

    private static final long NOW = 1_800_000_000L;
    private static final int SKEW = 60;

    private static Optional<Verification.Rejected> at(long nowSeconds, TokenTimes times) {
        return times.problemAt(nowSeconds * 1000L, SKEW);
    }

    @Test
    void expiresExactlyAtExpPlusSkew() {
        TokenTimes times = new TokenTimes(NOW, NOW - 3600, TokenTimes.NO_NOT_BEFORE);
        assertEquals(Optional.empty(), times.problemAt((NOW + SKEW) * 1000L - 1, SKEW));
        assertEquals(Optional.of(new Verification.Rejected(RejectionCode.EXPIRED, "token expired (exp)")),
                at(NOW + SKEW, times));
    }

    @Test
    void issuedAtMayRunAheadBySkewOnly() {
        assertEquals(Optional.empty(), at(NOW, new TokenTimes(NOW + 3600, NOW + SKEW, TokenTimes.NO_NOT_BEFORE)));
        assertEquals(Optional.of(new Verification.Rejected(RejectionCode.NOT_YET_VALID,
                        "token issued in the future (iat)")),
                at(NOW, new TokenTimes(NOW + 3600, NOW + SKEW + 1, TokenTimes.NO_NOT_BEFORE)));
    }

    @Test
    void notBeforeIsAcceptedFromNbfMinusSkew() {
        assertEquals(Optional.empty(), at(NOW, new TokenTimes(NOW + 3600, NOW, NOW + SKEW)));
        assertEquals(Optional.of(new Verification.Rejected(RejectionCode.NOT_YET_VALID, "token not valid yet (nbf)")),
                at(NOW, new TokenTimes(NOW + 3600, NOW, NOW + SKEW + 1)));
    }
}
