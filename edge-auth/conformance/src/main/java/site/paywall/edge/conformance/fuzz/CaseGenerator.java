package site.paywall.edge.conformance.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;
import site.paywall.edge.conformance.TestKeys;
import site.paywall.edge.conformance.TestSite;
import site.paywall.edge.conformance.TokenFactory;
import site.paywall.edge.conformance.ViewerRequestEvents;
import site.paywall.edge.conformance.fuzz.Signer.SigningKey;

/**
 * A seeded stream of fuzz cases: case {@code i} of seed {@code s} depends on nothing but {@code (s, i)} (each has
 * its own random stream), so any case can be regenerated alone. The mix, per thousand:
 * <ul>
 *   <li>240 valid tokens (ID/access, groups absent/present/other, primary/secondary key, fresh or near the window's
 *       edges) on every kind of rule;</li>
 *   <li>200 claim mutations signed by a test key, so the signature holds and the claim rules decide;</li>
 *   <li>100 header mutations (alg, kid, crit, jku…, header not an object), signed too;</li>
 *   <li>120 token-level mutations after signing (bit flips, truncation, dots, padding, whitespace, length…);</li>
 *   <li>210 event-level mutations (URIs, header shapes, Authorization/cookie combinations, event structure);</li>
 *   <li>30 size-maximal inputs at CloudFront's limits (MaximalInputs), for the time oracle;</li>
 *   <li>50 pure junk events, and 50 requests without any token.</li>
 * </ul>
 * Base tokens are drawn from a small pool (six subjects, a handful of issue times) so identical tokens recur at
 * other clocks, which drives the bundle's verified-token cache through hits and expiries.
 */
public final class CaseGenerator {

    static final List<String> PUBLIC_PATHS = List.of("/", "/index.html", "/about.html", "/blog/2026/launch.html",
            "/assets/app.js", "/assets/img/logo.png", "/assets/", "/downloads/readme.html", "/premium.html",
            "/internal.html");
    static final List<String> PROTECTED_PATHS = List.of("/premium/report.pdf", "/premium/", "/premium/videos/intro.mp4",
            "/premium/index.html", "/downloads/guide.pdf", "/downloads/2026/annual-report.pdf", "/account/profile",
            "/account/", "/account/settings.html", "/internal/dashboard", "/internal/reports/q3.pdf", "/reports/",
            "/reports/2026/q3.html");
    static final List<String> NO_RULE_PATHS = List.of("/premium", "/account", "/api/data.json", "/downloads/guide.txt",
            "/favicon.ico", "/robots.txt", "/PREMIUM/report.pdf", "/internal", "/reports/data.csv");

    /** Issue times relative to now (seconds): mostly fresh, some right at the edges of the validity window. */
    private static final long[] FRESH_OFFSETS = {-60, -300, -1800, -3000, 0};
    private static final long[] EDGE_OFFSETS = {-3599, -3600, -3601, -3659, -3660, -3661, 60, 119, 120, 121, 180,
            -86_400};

    /** Clock shifts (seconds after the fixture clock) at which pool tokens are presented again. */
    private static final long[] LATER_SHIFTS = {60, 600, 1800, 3599, 3600, 3601, 3659, 3660, 3661, 3720, 7200, -119,
            -120, -121, -180, -3600, 86_400};

    private static final List<List<String>> GROUP_CHOICES = List.of(List.of(TestSite.PAYING_GROUP), List.of("staff"),
            List.of(TestSite.PAYING_GROUP, "staff"), List.of("other"), List.of(), List.of("Paying-Customers"),
            List.of("readers", TestSite.PAYING_GROUP));

    private final TestSite site;
    private final Signer signer;
    private final long seed;
    private final TokenMutators tokenMutators;
    private final EventMutators eventMutators;
    /** With sign-in at the edge: half the cases exercise the flow. */
    private final java.util.Optional<SignInCases> signInCases;
    private final MaximalInputs maximalInputs;

    public CaseGenerator(TestSite site, Signer signer, long seed) {
        this(site, signer, seed, false);
    }

    public CaseGenerator(TestSite site, Signer signer, long seed, boolean signIn) {
        this.site = site;
        this.signer = signer;
        this.seed = seed;
        this.tokenMutators = new TokenMutators(this);
        this.eventMutators = new EventMutators(this);
        this.signInCases = signIn ? java.util.Optional.of(new SignInCases(this)) : java.util.Optional.empty();
        this.maximalInputs = new MaximalInputs(this);
    }

    public long seed() {
        return seed;
    }

    TestSite site() {
        return site;
    }

    Signer signer() {
        return signer;
    }

    public FuzzCase generate(int index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        int p = random.nextInt(1000);
        boolean later = p < 240 && random.nextInt(100) < 25;
        long nowSeconds = TestSite.FIXTURE_NOW_SECONDS;
        if (later) {
            nowSeconds += LATER_SHIFTS[random.nextInt(LATER_SHIFTS.length)];
        } else if (random.nextInt(100) < 3) {
            nowSeconds = random.nextLong(946_684_800L, 4_102_444_800L);
        }
        long nowMillis = nowSeconds * 1000 + (random.nextInt(100) < 40 ? random.nextInt(1000) : 0);
        Draft d = new Draft(random, nowSeconds, nowMillis);
        if (signInCases.isPresent() && random.nextInt(100) < 50) {
            signInCases.get().generate(d);
        } else if (later) {
            validLater(d);
        } else if (p < 240) {
            valid(d);
        } else if (p < 440) {
            tokenMutators.claims(d);
        } else if (p < 540) {
            tokenMutators.header(d);
        } else if (p < 660) {
            tokenMutators.token(d);
        } else if (p < 870) {
            eventMutators.event(d);
        } else if (p < 900) {
            maximalInputs.generate(d);
        } else if (p < 950) {
            eventMutators.junk(d);
        } else {
            noToken(d);
        }
        return new FuzzCase(seed, index, d.category, List.copyOf(d.mutations), d.event, d.nowMillis, d.ledger,
                List.copyOf(d.secrets), List.copyOf(d.answers), seed + "-" + index);
    }

    /** SplitMix64 finalizer over (seed, index): independent streams per case. */
    static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void valid(Draft d) {
        d.category = "valid";
        TokenSpec spec = spec(d, d.chance(80));
        startEvent(d, path(d));
        place(d, token(d, spec));
        d.mutation(spec.label());
    }

    /**
     * A token of the pool issued around the fixture clock, presented at another clock: the bundle has usually
     * cached it already, so its cache must expire (or not yet admit) it exactly as a fresh verification would.
     */
    private void validLater(Draft d) {
        d.category = "valid";
        TokenSpec spec = spec(d, true, TestSite.FIXTURE_NOW_SECONDS);
        startEvent(d, d.pick(PROTECTED_PATHS));
        place(d, token(d, spec));
        d.mutation(spec.label() + " (relative to the fixture clock)");
        d.mutation("presented at fixture+" + (d.nowSeconds - TestSite.FIXTURE_NOW_SECONDS) + "s");
    }

    private void noToken(Draft d) {
        d.category = "no-token";
        startEvent(d, path(d));
        if (d.chance(40)) {
            d.header("Cookie", d.pick("theme=dark", "session=abc; lang=en", "id_token=", "access_token= ; x=1"));
            d.mutation("other cookies");
        }
        if (d.chance(20)) {
            d.header("Authorization", d.pick("Basic dXNlcjpwYXNz", "Digest username=\"u\"", "", "Negotiate abc"));
            d.mutation("non-bearer authorization");
        }
    }

    /** A new well-formed event for {@code uri}, sometimes from a browser (Accept: text/html). */
    void startEvent(Draft d, String uri) {
        d.event = ViewerRequestEvents.get(uri);
        int accept = d.nextInt(100);
        if (accept < 25) {
            d.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        } else if (accept < 45) {
            d.header("Accept", "*/*");
        }
    }

    /** A known path: protected two times in three, so the token logic is reached. */
    String path(Draft d) {
        int p = d.nextInt(100);
        if (p < 66) {
            return d.pick(PROTECTED_PATHS);
        }
        return p < 90 ? d.pick(PUBLIC_PATHS) : d.pick(NO_RULE_PATHS);
    }

    /** What a base token is made of. {@code groups} null: no cognito:groups claim at all. */
    record TokenSpec(boolean id, String sub, List<String> groups, SigningKey key, long issuedAt, long offset) {
        String label() {
            return (id ? "id" : "access") + " token, " + key.name().toLowerCase() + " key, groups "
                    + (groups == null ? "absent" : groups) + ", issued now" + (offset >= 0 ? "+" : "") + offset + "s";
        }
    }

    TokenSpec spec(Draft d, boolean fresh) {
        return spec(d, fresh, d.nowSeconds);
    }

    TokenSpec spec(Draft d, boolean fresh, long baseSeconds) {
        long offset = fresh ? FRESH_OFFSETS[d.nextInt(FRESH_OFFSETS.length)]
                : EDGE_OFFSETS[d.nextInt(EDGE_OFFSETS.length)];
        List<String> groups = d.chance(22) ? null : d.pick(GROUP_CHOICES);
        return new TokenSpec(d.chance(55), "user-" + d.nextInt(6), groups,
                d.chance(75) ? SigningKey.PRIMARY : SigningKey.SECONDARY, baseSeconds + offset, offset);
    }

    ObjectNode claims(TokenSpec spec) {
        String[] groups = spec.groups() == null ? new String[0] : spec.groups().toArray(new String[0]);
        ObjectNode claims = spec.id() ? TokenFactory.idClaims(site, spec.sub(), spec.issuedAt(), groups)
                : TokenFactory.accessClaims(site, spec.sub(), spec.issuedAt(), groups);
        if (spec.groups() != null && spec.groups().isEmpty()) {
            claims.putArray("cognito:groups");
        }
        return claims;
    }

    static String kidOf(SigningKey key) {
        return key == SigningKey.SECONDARY ? TestKeys.SECONDARY_KID : TestKeys.PRIMARY_KID;
    }

    String headerText(SigningKey key) {
        return TokenFactory.json(TokenFactory.header(kidOf(key)));
    }

    String token(Draft d, TokenSpec spec) {
        return signer.signText(headerText(spec.key()), TokenFactory.json(claims(spec)), spec.key(), d.ledger);
    }

    /** Puts the token where a viewer would: the Authorization header (scheme variants) or a token cookie. */
    void place(Draft d, String token) {
        d.secret(token);
        int p = d.nextInt(100);
        if (p < 40) {
            d.header("Authorization", "Bearer " + token);
        } else if (p < 48) {
            d.header("Authorization", d.pick("bearer ", "BEARER ", "BeArEr ", "Bearer  ") + token + d.pick("", " "));
            d.mutation("bearer spelling");
        } else if (p < 75) {
            cookie(d, "id_token", token);
        } else if (p < 92) {
            cookie(d, "access_token", token);
        } else if (p < 96) {
            d.header("Authorization", "Basic dXNlcjpwYXNz");
            cookie(d, "id_token", token);
            d.mutation("basic authorization + cookie");
        } else {
            d.header("Cookie", "id_token=" + token + "; access_token=" + "eyJ0ZXN0IjoidW51c2VkIn0.e30.c2ln");
            d.mutation("both token cookies");
        }
    }

    void cookie(Draft d, String name, String token) {
        switch (d.nextInt(5)) {
            case 0:
                d.header("Cookie", "theme=dark; " + name + "=" + token + "; lang=en");
                break;
            case 1:
                d.header("Cookie", "theme=dark");
                d.header("Cookie", name + "=" + token);
                break;
            case 2:
                d.header("Cookie", " " + name + " = " + token + " ;");
                break;
            default:
                d.header("Cookie", name + "=" + token);
        }
    }

    /** A random string of characters CloudFront could deliver (no lone surrogates): ASCII mostly, some Unicode. */
    static String randomText(Draft d, int maxLength) {
        int length = d.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int p = d.nextInt(100);
            if (p < 80) {
                out.append((char) d.between(0x20, 0x7e));
            } else if (p < 88) {
                out.append(d.pick("é", "ß", "日", "\u2028", "\u00a0", "\ufeff", "\u202e", "😀"));
            } else {
                out.append(d.pick("\u0000", "\t", "\n", "\r", "\u001f", "\u007f", "\u0085"));
            }
        }
        return out.toString();
    }
}
