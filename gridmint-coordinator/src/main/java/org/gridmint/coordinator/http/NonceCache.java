package org.gridmint.coordinator.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.gridmint.core.ids.AccountId;

/**
 * The nonces of the signed requests accepted lately, per account, so that each signed request is accepted once.
 *
 * <p>A request is only accepted while its signed timestamp is within the window of the coordinator's clock, so a
 * nonce need only be remembered until its timestamp has left the window; entries are kept for twice that, and
 * dropped as later requests arrive. Memory is bounded: when full, the entry with the oldest timestamp goes, and
 * from then on a request signed at or before that timestamp is refused as too old to tell (the cache can no longer
 * prove it new). Under a flood that only narrows the window; it never lets a replay through.
 *
 * <p>Concurrency: one lock around a hash map and a heap; each call is a few map operations.
 */
final class NonceCache {
    /** What became of one request's nonce. */
    enum Outcome { FRESH, REPLAYED, TOO_OLD }

    /** About 200 bytes an entry: some 50 MB when full, thousands of requests a second for the whole window. */
    static final int DEFAULT_MAX_ENTRIES = 250_000;

    private record Entry(long timestampMillis, String key) {}

    private final int maxEntries;
    private final long keepMillis;
    private final Map<String, Long> seen = new HashMap<>();
    private final PriorityQueue<Entry> oldestFirst =
            new PriorityQueue<>(Comparator.comparingLong(Entry::timestampMillis).thenComparing(Entry::key));
    /** Requests signed at or before this were evicted for room, or may have been: they cannot be told new. */
    private long floorMillis = Long.MIN_VALUE;

    NonceCache(int maxEntries, Duration keep) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        this.maxEntries = maxEntries;
        this.keepMillis = keep.toMillis();
    }

    /** Records {@code nonce} of a request that {@code account} signed at {@code timestampMillis}, unless already seen. */
    synchronized Outcome record(AccountId account, String nonce, long timestampMillis, Instant now) {
        purge(now.toEpochMilli());
        if (timestampMillis <= floorMillis) return Outcome.TOO_OLD;
        String key = account.value() + ' ' + nonce;
        if (seen.putIfAbsent(key, timestampMillis) != null) return Outcome.REPLAYED;
        oldestFirst.add(new Entry(timestampMillis, key));
        while (seen.size() > maxEntries) {
            Entry evicted = oldestFirst.poll();
            seen.remove(evicted.key());
            floorMillis = Math.max(floorMillis, evicted.timestampMillis());
        }
        return Outcome.FRESH;
    }

    synchronized int size() {
        return seen.size();
    }

    /** The newest signing time that is refused as too old to tell; {@link Long#MIN_VALUE} until the cache first filled. */
    synchronized long floorMillis() {
        return floorMillis;
    }

    private void purge(long nowMillis) {
        while (!oldestFirst.isEmpty() && oldestFirst.peek().timestampMillis() + keepMillis < nowMillis) {
            seen.remove(oldestFirst.poll().key());
        }
    }
}
