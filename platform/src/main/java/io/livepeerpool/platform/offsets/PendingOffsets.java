package io.livepeerpool.platform.offsets;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which source offsets a worker may commit (the redeemer's winning tickets, the payout worker's requests): per
 * partition, everything before the oldest record that has no outcome yet. A restart re-reads from there; records
 * that already have outcomes are then skipped by their id.
 */
public final class PendingOffsets {
    private final Map<Integer, TreeSet<Long>> pending = new HashMap<>();
    private final Map<Integer, Long> next = new HashMap<>();

    /** A record was read at {@code offset}; it stays pending until {@link #done}. */
    public void read(int partition, long offset) {
        pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        next.merge(partition, offset + 1, Math::max);
    }

    /** The record at {@code offset} needs nothing more (outcome recorded, or a duplicate). */
    public void done(int partition, long offset) {
        TreeSet<Long> set = pending.get(partition);
        if (set != null) {
            set.remove(offset);
        }
    }

    /** Per partition read so far: the offset to commit (the oldest pending one, else one past the last read). */
    public Map<Integer, Long> committable() {
        Map<Integer, Long> out = new HashMap<>();
        for (Map.Entry<Integer, Long> e : next.entrySet()) {
            TreeSet<Long> set = pending.get(e.getKey());
            out.put(e.getKey(), set == null || set.isEmpty() ? e.getValue() : set.first());
        }
        return out;
    }

    /** Forgets a partition this instance no longer owns. */
    public void forget(int partition) {
        pending.remove(partition);
        next.remove(partition);
    }

    public int pendingCount() {
        return pending.values().stream().mapToInt(TreeSet::size).sum();
    }
}
