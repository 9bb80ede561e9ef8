package io.livepeerpool.gateway.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Nonces seen per key inside the replay window, so that a captured request cannot be sent again while its
 * timestamp is still acceptable. A nonce is remembered until its request's timestamp leaves the window
 * ({@code timestamp + skew}); after that the timestamp check alone refuses a replay.
 *
 * <p>Bounded: at most {@code capacity} nonces. When full (after dropping expired ones) a new nonce is refused
 * rather than an old one forgotten, since forgetting would re-open a replay. Only requests with a valid signature
 * reach this store, so only an orchestrator holding a key can fill it.
 *
 * <p>The store lives in this gateway's memory: it is per instance. With several gateway instances behind a load
 * balancer a replay sent to another instance inside the window is not detected here; downstream idempotency
 * (job id per orchestrator, ticket hash) makes such a replay harmless.
 */
public final class NonceWindow {
    public enum Outcome { FIRST_USE, REPLAYED, FULL }

    private record Expiry(long atEpochSecond, String entry) {
    }

    private final int capacity;
    private final Map<String, Long> expiries = new HashMap<>();
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.atEpochSecond, b.atEpochSecond));

    public NonceWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code nonce} for {@code keyId} until {@code expiresAtEpochSecond}, unless it is already recorded and
     * unexpired (a replay) or the store is full.
     */
    public synchronized Outcome record(String keyId, String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        purge(nowEpochSecond);
        String entry = keyId + " " + nonce;
        if (expiries.containsKey(entry)) {
            return Outcome.REPLAYED;
        }
        if (expiries.size() >= capacity) {
            return Outcome.FULL;
        }
        expiries.put(entry, expiresAtEpochSecond);
        byExpiry.add(new Expiry(expiresAtEpochSecond, entry));
        return Outcome.FIRST_USE;
    }

    public synchronized int size() {
        return expiries.size();
    }

    public int capacity() {
        return capacity;
    }

    private void purge(long nowEpochSecond) {
        while (!byExpiry.isEmpty() && byExpiry.peek().atEpochSecond < nowEpochSecond) {
            expiries.remove(byExpiry.poll().entry);
        }
    }
}
