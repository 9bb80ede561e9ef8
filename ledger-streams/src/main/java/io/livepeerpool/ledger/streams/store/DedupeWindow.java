package io.livepeerpool.ledger.streams.store;

import io.livepeerpool.ledger.dedupe.SeenIds;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link SeenIds}'s rule over two key-value stores, for a processor: {@code firstSeen} maps an id to the epoch it was
 * first seen in (one lookup per event), and {@code byEpoch} indexes the same ids by {@code <epoch>|<id>} so that the
 * ids whose window has ended are deleted by scanning one range instead of the whole store. The processor purges at
 * every epoch change, so the stores hold the ids of at most {@code retainedEpochs + 1} epochs.
 */
public final class DedupeWindow {
    /** Keys read from the index before they are deleted; bounds the memory of a purge. */
    static final int PURGE_BATCH_MAX = 10_000;

    private final KeyValueStore<String, Long> firstSeen;
    private final KeyValueStore<String, Long> byEpoch;
    private final int retainedEpochs;

    public DedupeWindow(KeyValueStore<String, Long> firstSeen, KeyValueStore<String, Long> byEpoch,
                        int retainedEpochs) {
        if (retainedEpochs < 0) {
            throw new IllegalArgumentException("retainedEpochs must be >= 0, got " + retainedEpochs);
        }
        this.firstSeen = firstSeen;
        this.byEpoch = byEpoch;
        this.retainedEpochs = retainedEpochs;
    }

    /** Records {@code id} in {@code epoch}; true when it counts, false for a duplicate within the window. */
    public boolean firstSighting(String id, long epoch) {
        Long first = firstSeen.get(id);
        if (first != null && SeenIds.isDuplicate(first, epoch, retainedEpochs)) {
            return false;
        }
        if (first != null) {
            byEpoch.delete(EpochKeys.of(first, id));
        }
        firstSeen.put(id, epoch);
        byEpoch.put(EpochKeys.of(epoch, id), epoch);
        return true;
    }

    /**
     * Forgets the ids whose window has ended once {@code currentEpoch} has started (first seen before
     * {@code currentEpoch - retainedEpochs}); returns how many. Each pass deletes what it read, so the loop ends
     * after (ids to forget / {@value #PURGE_BATCH_MAX}) + 1 passes.
     */
    public long purge(long currentEpoch) {
        long lastExpired = currentEpoch - retainedEpochs - 1;
        if (lastExpired < 0) {
            return 0;
        }
        long purged = 0;
        while (true) {
            List<KeyValue<String, Long>> batch = new ArrayList<>();
            // No key equals "<lastExpired + 1>|" (ids are never empty), so the inclusive range ends before that epoch.
            try (KeyValueIterator<String, Long> expired = byEpoch.range(EpochKeys.prefix(0),
                    EpochKeys.prefix(lastExpired + 1))) {
                while (expired.hasNext() && batch.size() < PURGE_BATCH_MAX) {
                    batch.add(expired.next());
                }
            }
            if (batch.isEmpty()) {
                return purged;
            }
            for (KeyValue<String, Long> entry : batch) {
                String id = EpochKeys.rest(entry.key);
                byEpoch.delete(entry.key);
                if (entry.value.equals(firstSeen.get(id))) {
                    firstSeen.delete(id);
                }
            }
            purged += batch.size();
        }
    }
}
