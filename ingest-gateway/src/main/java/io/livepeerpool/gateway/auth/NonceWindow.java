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
 * {@code 2 x skew / 30} seconds), each an open-addressing table of 128-bit digests of (key id, nonce) at a load of at
 * most 1/2; a bucket is dropped whole once every nonce in it has expired. So memory follows rate x window: a nonce
 * lives about {@code skew + bucket span} seconds and costs 32 to 64 bytes (16 bytes a slot; tables double), i.e.
 * {@code memory <= 64 B x rate x (skew + span)}. The only refusal is the explicit cap {@code memoryMaxBytes} (table
 * bytes): when a table would have to grow past it, a new nonce is refused ({@link Outcome#FULL}, 503) rather than an
 * old one forgotten, since forgetting would re-open a replay. With the defaults (300 s skew, 64 MiB) that is at least
 * 1,048,576 live nonces: 3,200 signed requests/s sustained in the worst case of every table just doubled, about twice
 * that typically. Only requests with a valid signature reach this store, so only an orchestrator holding a key can
 * fill it.
 *
 * <p>A digest collision (two different nonces equal in 128 bits) would refuse a fresh request as a replay: with a
 * million live nonces the chance is about 2^-89 per request.
 *
 * <p>The store lives in this gateway's memory: it is per instance. With several gateway instances behind a load
 * balancer a replay sent to another instance inside the window is not detected here; downstream idempotency
 * (job id per orchestrator, ticket hash) makes such a replay harmless.
 */
public final class NonceWindow {
    public enum Outcome { FIRST_USE, REPLAYED, FULL }

    static final int BYTES_PER_SLOT = 16;
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
        // a stripe per 64 KiB of cap (16 initial tables), so that tables, not stripes, take up the memory
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
        long[] digest = digest(keyId, nonce);
        Stripe stripe = stripes[(int) (digest[1] >>> 1) & (stripes.length - 1)];
        return stripe.record(digest[0], digest[1], Math.floorDiv(expiresAtEpochSecond, bucketSeconds), nowEpochSecond);
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

        synchronized Outcome record(long hi, long lo, long bucket, long nowEpochSecond) {
            purge(nowEpochSecond);
            for (DigestTable table : buckets.values()) {
                if (table.contains(hi, lo)) {
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
            table.add(hi, lo);
            size.incrementAndGet();
            return Outcome.FIRST_USE;
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

    /** The first 128 bits of SHA-256(keyId NUL nonce); never (0, x), which marks an empty slot. */
    static long[] digest(String keyId, String nonce) {
        MessageDigest sha = SHA256.get();
        sha.update(keyId.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        ByteBuffer d = ByteBuffer.wrap(sha.digest(nonce.getBytes(StandardCharsets.UTF_8)));
        long hi = d.getLong();
        long lo = d.getLong();
        return new long[] {hi == 0 ? 1 : hi, lo};
    }

    /** An open-addressing set of 128-bit digests (linear probing), grown by doubling at load 1/2. */
    static final class DigestTable {
        private long[] slots; // pairs: hi, lo; hi == 0 is empty
        private int size;

        DigestTable(int slotCount) {
            slots = new long[2 * slotCount];
        }

        int size() {
            return size;
        }

        long bytes() {
            return (long) slots.length / 2 * BYTES_PER_SLOT;
        }

        /** How many more bytes adding one digest takes: the doubling, when it would pass load 1/2. */
        long bytesToAddOne() {
            return 2L * (size + 1) > slots.length / 2 ? bytes() : 0;
        }

        boolean contains(long hi, long lo) {
            int mask = slots.length / 2 - 1;
            for (int i = (int) mix(hi) & mask; ; i = (i + 1) & mask) {
                long h = slots[2 * i];
                if (h == 0) {
                    return false;
                }
                if (h == hi && slots[2 * i + 1] == lo) {
                    return true;
                }
            }
        }

        void add(long hi, long lo) {
            if (2L * (size + 1) > slots.length / 2) {
                long[] old = slots;
                slots = new long[old.length * 2];
                for (int i = 0; i < old.length; i += 2) {
                    if (old[i] != 0) {
                        insert(old[i], old[i + 1]);
                    }
                }
            }
            insert(hi, lo);
            size++;
        }

        private void insert(long hi, long lo) {
            int mask = slots.length / 2 - 1;
            int i = (int) mix(hi) & mask;
            while (slots[2 * i] != 0) {
                i = (i + 1) & mask;
            }
            slots[2 * i] = hi;
            slots[2 * i + 1] = lo;
        }

        private static long mix(long h) {
            return h ^ (h >>> 32);
        }
    }
}
