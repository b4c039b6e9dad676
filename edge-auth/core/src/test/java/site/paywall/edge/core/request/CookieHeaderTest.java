package site.paywall.edge.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class CookieHeaderTest {

    private static final List<String> TOKEN_COOKIES = List.of("id_token", "access_token");

    @Test
    void readsPairsTrimmed() {
        assertEquals(List.of(new CookieHeader.Pair("a", "1"), new CookieHeader.Pair("b", "x=y"),
                        new CookieHeader.Pair("c", "")),
                CookieHeader.pairs(" a=1;b=x=y ;  flag; c="));
    }

    @Test
    void removesOnlyTheTokenCookies() {
        assertEquals("theme=dark; lang=en",
                CookieHeader.without("theme=dark; id_token=abc.def.ghi; lang=en; access_token=x", TOKEN_COOKIES));
    }

    @Test
    void leavesTheHeaderUntouchedWhenItHoldsNoTokenCookie() {
        String header = "theme=dark;lang=en ;  flag";
        assertSame(header, CookieHeader.without(header, TOKEN_COOKIES));
    }

    @Test
    void aHeaderOfOnlyTokenCookiesBecomesEmpty() {
        assertEquals("", CookieHeader.without("id_token=a.b.c; access_token=d.e.f", TOKEN_COOKIES));
    }

    @Test
    void namesMatchExactly() {
        assertEquals("ID_TOKEN=x; id_token_old=y",
                CookieHeader.without("ID_TOKEN=x; id_token_old=y; id_token=z", TOKEN_COOKIES));
    }
}
