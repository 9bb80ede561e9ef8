package io.livepeerpool.payout.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Payout requests read and not yet carried by a transaction, in the order they were read (oldest first, so nobody
 * waits behind later requests), at most once per payout id. A batch takes the oldest that may go now.
 */
public final class PayoutQueue {
    private final Map<String, QueuedPayout> pending = new LinkedHashMap<>();

    /** Adds a request; false when one with the same payout id is already queued (a duplicate record). */
    public boolean add(QueuedPayout p) {
        return pending.putIfAbsent(p.payoutId(), p) == null;
    }

    public boolean contains(String payoutId) {
        return pending.containsKey(payoutId);
    }

    public Optional<QueuedPayout> get(String payoutId) {
        return Optional.ofNullable(pending.get(payoutId));
    }

    public void remove(String payoutId) {
        pending.remove(payoutId);
    }

    /** The oldest {@code max} requests that {@code mayGo} accepts (others stay queued, in their place). */
    public List<QueuedPayout> nextBatch(int max, Predicate<QueuedPayout> mayGo) {
        if (max < 1) {
            throw new IllegalArgumentException("a batch holds at least one payout");
        }
        List<QueuedPayout> batch = new ArrayList<>();
        for (QueuedPayout p : pending.values()) {
            if (batch.size() == max) {
                break;
            }
            if (mayGo.test(p)) {
                batch.add(p);
            }
        }
        return batch;
    }

    /** Drops the requests read from {@code partitions} (handed to another instance); returns them. */
    public List<QueuedPayout> dropPartitions(Collection<Integer> partitions) {
        List<QueuedPayout> dropped = new ArrayList<>();
        for (Iterator<QueuedPayout> it = pending.values().iterator(); it.hasNext(); ) {
            QueuedPayout p = it.next();
            if (partitions.contains(p.partition())) {
                dropped.add(p);
                it.remove();
            }
        }
        return dropped;
    }

    public int size() {
        return pending.size();
    }
}
