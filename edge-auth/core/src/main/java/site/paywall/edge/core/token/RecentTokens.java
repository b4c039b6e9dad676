package site.paywall.edge.core.token;

import java.util.Arrays;

/**
 * A bounded least-recently-used map from a token's whole text to its verification, kept in parallel arrays: no
 * object per entry, and an evicted slot's references are cleared at once.
 *
 * <p>Why not {@code LinkedHashMap}: under TeaVM its removed entries keep their links to the entries inserted after
 * them, so one promoted, dead entry holds every later entry alive through V8's young-generation collections — on
 * the bundle each never-seen token cost about 3 µs of copying garbage. And why not the token as a {@code HashMap}
 * key: {@code String.hashCode} walks the whole 1 KB token, a character loop once compiled to JS.
 *
 * <p>The hash covers the length and the last {@value #HASHED_TAIL} characters — the signature's, effectively
 * random — while equality compares every character. Only verified tokens are ever stored, so no one can aim
 * tokens at one bucket. Not thread-safe: one request at a time per Lambda container (and per JVM engine).
 */
final class RecentTokens {

    static final int HASHED_TAIL = 32;
    private static final int NONE = -1;

    private final String[] tokens;
    private final Verification.Verified[] values;
    private final int[] hashes;
    /** Bucket heads (slot or NONE), and each slot's next slot in its bucket. */
    private final int[] buckets;
    private final int[] chained;
    /** Recency, a doubly linked list of slots: {@link #newest} first. */
    private final int[] older;
    private final int[] newer;
    private int newest = NONE;
    private int oldest = NONE;
    private int size;

    RecentTokens(int capacity) {
        tokens = new String[capacity];
        values = new Verification.Verified[capacity];
        hashes = new int[capacity];
        chained = new int[capacity];
        older = new int[capacity];
        newer = new int[capacity];
        int bucketCount = 1;
        while (bucketCount < capacity * 2) {
            bucketCount <<= 1;
        }
        buckets = new int[bucketCount];
        Arrays.fill(buckets, NONE);
    }

    int size() {
        return size;
    }

    /** The token's verification, made the most recently used; null when it is not here. */
    Verification.Verified get(String token) {
        int slot = find(token, hash(token));
        if (slot == NONE) {
            return null;
        }
        touch(slot);
        return values[slot];
    }

    /** Stores a verified token as the most recently used, evicting the least recently used when full. */
    void put(String token, Verification.Verified value) {
        int hash = hash(token);
        int slot = find(token, hash);
        if (slot != NONE) {
            values[slot] = value;
            touch(slot);
            return;
        }
        if (size == tokens.length) {
            slot = oldest;
            remove(slot);
        } else {
            slot = size;
        }
        tokens[slot] = token;
        values[slot] = value;
        hashes[slot] = hash;
        int bucket = hash & (buckets.length - 1);
        chained[slot] = buckets[bucket];
        buckets[bucket] = slot;
        older[slot] = NONE;
        newer[slot] = NONE;
        linkNewest(slot);
        size++;
    }

    /** Forgets a token (its window closed); nothing happens when it is not here. */
    void remove(String token) {
        int slot = find(token, hash(token));
        if (slot != NONE) {
            remove(slot);
            // Keep slots dense: the last used slot moves into the hole, so free slots are always size..end.
            int last = size;
            if (slot != last) {
                move(last, slot);
            }
        }
    }

    private int find(String token, int hash) {
        for (int slot = buckets[hash & (buckets.length - 1)]; slot != NONE; slot = chained[slot]) {
            if (hashes[slot] == hash && tokens[slot].equals(token)) {
                return slot;
            }
        }
        return NONE;
    }

    /** Unlinks a slot from its bucket and the recency list and clears it; size drops by one. */
    private void remove(int slot) {
        int bucket = hashes[slot] & (buckets.length - 1);
        if (buckets[bucket] == slot) {
            buckets[bucket] = chained[slot];
        } else {
            int before = buckets[bucket];
            while (chained[before] != slot) {
                before = chained[before];
            }
            chained[before] = chained[slot];
        }
        unlinkRecency(slot);
        tokens[slot] = null;
        values[slot] = null;
        size--;
    }

    /** Moves a live slot's entry into an empty slot, fixing every index that pointed at it. */
    private void move(int from, int to) {
        tokens[to] = tokens[from];
        values[to] = values[from];
        hashes[to] = hashes[from];
        chained[to] = chained[from];
        older[to] = older[from];
        newer[to] = newer[from];
        int bucket = hashes[from] & (buckets.length - 1);
        if (buckets[bucket] == from) {
            buckets[bucket] = to;
        } else {
            int before = buckets[bucket];
            while (chained[before] != from) {
                before = chained[before];
            }
            chained[before] = to;
        }
        if (older[to] != NONE) {
            newer[older[to]] = to;
        } else {
            oldest = to;
        }
        if (newer[to] != NONE) {
            older[newer[to]] = to;
        } else {
            newest = to;
        }
        tokens[from] = null;
        values[from] = null;
    }

    private void touch(int slot) {
        if (slot != newest) {
            unlinkRecency(slot);
            linkNewest(slot);
        }
    }

    private void linkNewest(int slot) {
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest != NONE) {
            newer[newest] = slot;
        } else {
            oldest = slot;
        }
        newest = slot;
    }

    private void unlinkRecency(int slot) {
        int before = older[slot];
        int after = newer[slot];
        if (before != NONE) {
            newer[before] = after;
        } else {
            oldest = after;
        }
        if (after != NONE) {
            older[after] = before;
        } else {
            newest = before;
        }
        older[slot] = NONE;
        newer[slot] = NONE;
    }

    static int hash(String token) {
        int length = token.length();
        int hash = length;
        for (int i = Math.max(0, length - HASHED_TAIL); i < length; i++) {
            hash = 31 * hash + token.charAt(i);
        }
        return hash;
    }
}
