package site.paywall.edge.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import site.paywall.edge.core.config.TokenUse;

class RecentTokensTest {

    private static Verification.Verified verified(String sub) {
        return new Verification.Verified(new Identity(sub, TokenUse.ID, "client", List.of(),
                new TokenTimes(2_000_000_000d, 1_000_000_000d, TokenTimes.NO_NOT_BEFORE), Optional.empty(),
                Optional.empty()));
    }

    /** Tokens that share length and the hashed tail, so they share a bucket: equality must decide. */
    private static String token(String head) {
        return head + "." + "x".repeat(RecentTokens.HASHED_TAIL);
    }

    @Test
    void tokensThatShareABucketAreToldApartByTheirWholeText() {
        RecentTokens cache = new RecentTokens(8);
        Verification.Verified a = verified("a");
        Verification.Verified b = verified("b");
        cache.put(token("aa"), a);
        cache.put(token("bb"), b);
        assertEquals(RecentTokens.hash(token("aa")), RecentTokens.hash(token("bb")));
        assertSame(a, cache.get(token("aa")));
        assertSame(b, cache.get(token("bb")));
        assertNull(cache.get(token("cc")));
    }

    @Test
    void theLeastRecentlyUsedGoesFirstAndAHitCountsAsAUse() {
        RecentTokens cache = new RecentTokens(2);
        cache.put("t1", verified("1"));
        cache.put("t2", verified("2"));
        cache.get("t1");
        cache.put("t3", verified("3"));
        assertNull(cache.get("t2"));
        assertEquals("1", cache.get("t1").identity().sub());
        assertEquals("3", cache.get("t3").identity().sub());
        assertEquals(2, cache.size());
    }

    /** Thousands of random operations against LinkedHashMap in access order, the behaviour it replaces. */
    @Test
    void behavesLikeAnAccessOrderedLinkedHashMapBoundedToItsCapacity() {
        Random random = new Random(11);
        for (int capacity : new int[] {1, 2, 3, 7, 64}) {
            RecentTokens cache = new RecentTokens(capacity);
            Map<String, Verification.Verified> model = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Verification.Verified> eldest) {
                    return size() > capacity;
                }
            };
            Map<String, Verification.Verified> values = new HashMap<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < capacity * 3 + 2; i++) {
                // Half the names collide in one bucket, half spread out.
                names.add(i % 2 == 0 ? token("k" + (char) ('A' + i % 26) + i / 26) : "token-" + i);
            }
            for (int step = 0; step < 20_000; step++) {
                String name = names.get(random.nextInt(names.size()));
                switch (random.nextInt(3)) {
                    case 0 -> {
                        Verification.Verified value = values.computeIfAbsent(name, RecentTokensTest::verified);
                        cache.put(name, value);
                        model.put(name, value);
                    }
                    case 1 -> assertSame(model.get(name), cache.get(name), "get " + name + " at step " + step);
                    default -> {
                        cache.remove(name);
                        model.remove(name);
                    }
                }
                assertEquals(model.size(), cache.size(), "size at step " + step);
            }
            for (String name : names) {
                assertSame(model.get(name), cache.get(name), "capacity " + capacity + ", " + name);
            }
        }
    }
}
