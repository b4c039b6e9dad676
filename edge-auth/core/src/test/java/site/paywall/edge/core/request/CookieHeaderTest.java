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

    @Test
    void valuesOfFindsEveryPairOfTheNameTrimmedAndNothingElse() {
        List<String> values = new java.util.ArrayList<>();
        CookieHeader.valuesOf(" id_token = a.b.c ;id_token_old=x; ID_TOKEN=y;id_token=;flag; id_token=d=e", "id_token",
                values);
        assertEquals(List.of("a.b.c", "", "d=e"), values);
    }

    @Test
    void valuesOfIgnoresTextWithoutEquals() {
        List<String> values = new java.util.ArrayList<>();
        CookieHeader.valuesOf(";;;id_token;;; ;", "id_token", values);
        assertEquals(List.of(), values);
    }

    @Test
    void aPairWithoutEqualsNamedLikeATokenCookieIsRemovedToo() {
        assertEquals("a=1", CookieHeader.without("a=1; id_token ;", TOKEN_COOKIES));
    }

    @Test
    void headersOfSeparatorsOnlyReadAsNoPairs() {
        assertEquals(List.of(), CookieHeader.pairs(";".repeat(19_000)));
        assertEquals(List.of(new CookieHeader.Pair("", "")), CookieHeader.pairs(" = ;"));
    }
}
