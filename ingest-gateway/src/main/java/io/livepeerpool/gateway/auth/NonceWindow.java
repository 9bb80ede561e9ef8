package io.livepeerpool.gateway.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nonces seen per key inside the replay window, so that a captured request cannot be sent again while its
 * timestamp is still acceptable. A nonce is remembered until its request's timestamp leaves the window
 * ({@code timestamp + skew}); after that the timestamp check alone refuses a replay.
 *
 * <p>Sized by time and memory, not by a count. Nonces are kept in time buckets by expiry (a bucket spans
 * {@code 2 x skew / 30} seconds), each an open-addressing table of 64-bit digests of (key id, nonce) at a load of at
 * most 1/2; a bucket is dropped whole once every nonce in it has expired. So memory follows rate x window: a nonce
 * lives about {@code skew + bucket span} seconds and costs 16 to 32 bytes (8 bytes a slot; tables double), i.e.
 * {@code memory <= 32 B x rate x (skew + span)}. The only refusal is the explicit cap {@code memoryMaxBytes} (table
 * bytes): when a table would have to grow past it, a new nonce is refused ({@link Outcome#FULL}, 503) rather than an
 * old one forgotten, since forgetting would re-open a replay. With the defaults (300 s skew, 256 MiB) that is at least
 * 8,388,608 live nonces: 26,000 signed requests/s sustained in the worst case of every table just doubled, about twice
 * that typically. (64 MiB, the default until 2026-11-27, refused after 150 s of one gateway's 19,000 posts/s on two
 * cores: root README, ingest seventh pass.) Only requests with a valid signature reach this store, so only an
 * orchestrator holding a key can fill it.
 *
 * <p>A replay always has the same digest, so the digest's width never lets one through. A collision (two different
 * nonces equal in 64 bits) can only refuse a fresh request as a replay (401; the client signs again with a new nonce):
 * with 8 million live nonces the chance is about 2^-41 per request, one false refusal in about 2 trillion requests.
 * 128-bit digests made that 2^-106 at twice the memory, which halved the rate the default cap holds.
 *
 * <p>The store lives in this gateway's memory: it is per instance. With several gateway instances behind a load
 * balancer a replay sent to another instance inside the window is not detected here; downstream idempotency
 * (job id per orchestrator, ticket hash) makes such a replay harmless.
 */
public final class NonceWindow {
    public enum Outcome { FIRST_USE, REPLAYED, FULL }

    static final int BYTES_PER_SLOT = 8;
    static final int INITIAL_SLOTS = 256;
    private static final int BUCKETS_PER_WINDOW = 30;
    /**
     * Independent stripes, each with its own lock, chosen by digest: every signed write passes here, and one lock
     * for all of them was the gateway's second most contended monitor under load (JFR). A digest always maps to the
     * same stripe, so a replay is still decided under one lock. Fewer stripes under a small cap, which must hold at
     * least one table per stripe.
     */
    private static final int STRIPES_MAX = 16;

    private final long memoryMaxBytes;
    private final long bucketSeconds;
    private final Stripe[] stripes;
    /** Table bytes of all stripes: reserved before a table is made or grown, so the cap holds across stripes. */
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong size = new AtomicLong();
    /** The second every stripe was last purged: each record purges its own stripe, this sweeps the others. */
    private final AtomicLong purgedAt = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param memoryMaxBytes the cap on table memory; at least one initial table
     * @param skewSeconds    the accepted clock skew: nonces expire at most {@code 2 x skew} after now
     */
    public NonceWindow(long memoryMaxBytes, long skewSeconds) {
        if (memoryMaxBytes < (long) INITIAL_SLOTS * BYTES_PER_SLOT) {
            throw new IllegalArgumentException("memoryMaxBytes must be >= " + INITIAL_SLOTS * BYTES_PER_SLOT);
        }
        if (skewSeconds < 1) {
            throw new IllegalArgumentException("skewSeconds must be >= 1");
        }
        this.memoryMaxBytes = memoryMaxBytes;
        this.bucketSeconds = Math.max(1, Math.ceilDiv(2 * skewSeconds, BUCKETS_PER_WINDOW));
        // a stripe per 16 initial tables of cap (32 KiB), so that tables, not stripes, take up the memory
        long byCap = memoryMaxBytes / (16L * INITIAL_SLOTS * BYTES_PER_SLOT);
        int count = (int) Math.max(1, Math.min(STRIPES_MAX, Long.highestOneBit(Math.max(1, byCap))));
        this.stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Records {@code nonce} for {@code keyId} until {@code expiresAtEpochSecond}, unless it is already recorded and
     * unexpired (a replay) or the memory cap is reached.
     */
    public Outcome record(String keyId, String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        long digest = digest(keyId, nonce);
        // the top bits choose the stripe; a table's slot comes from the low bits (DigestTable.mix)
        Stripe stripe = stripes[(int) (digest >>> 59) & (stripes.length - 1)];
        purgeAllOncePerSecond(nowEpochSecond);
        return stripe.record(digest, Math.floorDiv(expiresAtEpochSecond, bucketSeconds), nowEpochSecond);
    }

    /** Expired buckets of stripes no request has touched lately still count against the cap; at most a second. */
    private void purgeAllOncePerSecond(long nowEpochSecond) {
        long last = purgedAt.get();
        if (nowEpochSecond > last && purgedAt.compareAndSet(last, nowEpochSecond)) {
            for (Stripe stripe : stripes) {
                stripe.purgeExpired(nowEpochSecond);
            }
        }
    }

    /** Nonces remembered now. */
    public long size() {
        return size.get();
    }

    /** Bytes of the tables now (the quantity the cap bounds). */
    public long memoryBytes() {
        return bytes.get();
    }

    public long memoryMaxBytes() {
        return memoryMaxBytes;
    }

    long bucketSeconds() {
        return bucketSeconds;
    }

    int stripes() {
        return stripes.length;
    }

    /** Takes {@code extra} bytes of the cap, or none when they would pass it. */
    private boolean reserve(long extra) {
        while (true) {
            long now = bytes.get();
            if (now + extra > memoryMaxBytes) {
                return false;
            }
            if (bytes.compareAndSet(now, now + extra)) {
                return true;
            }
        }
    }

    /** One stripe: time buckets of digest tables, touched only under this stripe's lock. */
    private final class Stripe {
        /** Bucket number (expiry second / bucketSeconds) -> its table. */
        private final TreeMap<Long, DigestTable> buckets = new TreeMap<>();

        synchronized Outcome record(long digest, long bucket, long nowEpochSecond) {
            purge(nowEpochSecond);
            for (DigestTable table : buckets.values()) {
                if (table.contains(digest)) {
                    return Outcome.REPLAYED;
                }
            }
            DigestTable table = buckets.get(bucket);
            long extra = table == null ? (long) INITIAL_SLOTS * BYTES_PER_SLOT : table.bytesToAddOne();
            if (extra > 0 && !reserve(extra)) {
                return Outcome.FULL;
            }
            if (table == null) {
                table = new DigestTable(INITIAL_SLOTS);
                buckets.put(bucket, table);
            }
            table.add(digest);
            size.incrementAndGet();
            return Outcome.FIRST_USE;
        }

        synchronized void purgeExpired(long nowEpochSecond) {
            purge(nowEpochSecond);
        }

        /** Drops every bucket whose latest expiry is before now. */
        private void purge(long nowEpochSecond) {
            Iterator<Map.Entry<Long, DigestTable>> it = buckets.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, DigestTable> e = it.next();
                long lastExpiry = (e.getKey() + 1) * bucketSeconds - 1;
                if (lastExpiry >= nowEpochSecond) {
                    return;
                }
                bytes.addAndGet(-e.getValue().bytes());
                size.addAndGet(-e.getValue().size());
                it.remove();
            }
        }
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    /** The first 64 bits of SHA-256(keyId NUL nonce); never 0, which marks an empty slot. */
    static long digest(String keyId, String nonce) {
        MessageDigest sha = SHA256.get();
        sha.update(keyId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        long d = ByteBuffer.wrap(sha.digest(nonce.getBytes(StandardCharsets.UTF_8))).getLong();
        return d == 0 ? 1 : d;
    }

    /** An open-addressing set of 64-bit digests (linear probing), grown by doubling at load 1/2. */
    static final class DigestTable {
        private long[] slots; // 0 is empty
        private int size;

        DigestTable(int slotCount) {
            slots = new long[slotCount];
        }

        int size() {
            return size;
        }

        long bytes() {
            return (long) slots.length * BYTES_PER_SLOT;
        }

        /** How many more bytes adding one digest takes: the doubling, when it would pass load 1/2. */
        long bytesToAddOne() {
            return 2L * (size + 1) > slots.length ? bytes() : 0;
        }

        boolean contains(long digest) {
            int mask = slots.length - 1;
            for (int i = mix(digest) & mask; ; i = (i + 1) & mask) {
                long d = slots[i];
                if (d == 0) {
                    return false;
                }
                if (d == digest) {
                    return true;
                }
            }
        }

        void add(long digest) {
            if (2L * (size + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                for (long d : old) {
                    if (d != 0) {
                        insert(d);
                    }
                }
            }
            insert(digest);
            size++;
        }

        private void insert(long digest) {
            int mask = slots.length - 1;
            int i = mix(digest) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = digest;
        }

        private static int mix(long d) {
            return (int) (d ^ (d >>> 32));
        }
    }
}
