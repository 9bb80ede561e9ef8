package io.livepeerpool.ledger.dedupe;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids already counted, remembered for a bounded window of epochs (an epoch is the time between two NewRound
 * markers): an id is a duplicate when it was first seen in the current epoch or in one of the
 * {@code retainedEpochs} epochs before it. Older ids are forgotten, so memory holds at most
 * {@code retainedEpochs + 1} epochs of ids, and a copy arriving later than that would count again; with the default
 * of 2 retained epochs that is more than two Livepeer rounds (about 44 hours on mainnet), far longer than any retry of
 * an orchestrator or a restart of the chain watcher.
 *
 * <p>Mutable and single-threaded: the replay keeps one per id kind. A streams processor keeps the same rule in a
 * key-value store of id -> epoch first seen, using {@link #isDuplicate(long, long, int)}, and purges entries for
 * which it returns false.
 */
public final class SeenIds {
    private final int retainedEpochs;
    /** Newest epoch first; never more than {@code retainedEpochs + 1} sets. */
    private final ArrayDeque<Set<String>> epochs = new ArrayDeque<>();

    public SeenIds(int retainedEpochs) {
        if (retainedEpochs < 0) {
            throw new IllegalArgumentException("retainedEpochs must be >= 0, got " + retainedEpochs);
        }
        this.retainedEpochs = retainedEpochs;
        epochs.addFirst(new HashSet<>());
    }

    /** The dedupe rule on its own: was an id first seen in {@code firstSeenEpoch} still inside the window? */
    public static boolean isDuplicate(long firstSeenEpoch, long currentEpoch, int retainedEpochs) {
        return firstSeenEpoch <= currentEpoch && currentEpoch - firstSeenEpoch <= retainedEpochs;
    }

    /** Records {@code id}; true when it is new (counts), false when it is a duplicate within the window. */
    public boolean firstSighting(String id) {
        if (contains(id)) {
            return false;
        }
        epochs.getFirst().add(id);
        return true;
    }

    public boolean contains(String id) {
        for (Set<String> epoch : epochs) {
            if (epoch.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** Starts a new epoch (at a NewRound) and forgets the epochs that fall out of the window. */
    public void nextEpoch() {
        epochs.addFirst(new HashSet<>());
        while (epochs.size() > retainedEpochs + 1) {
            epochs.removeLast();
        }
    }

    /** How many ids are remembered now. */
    public long size() {
        long size = 0;
        for (Set<String> epoch : epochs) {
            size += epoch.size();
        }
        return size;
    }

    public int retainedEpochs() {
        return retainedEpochs;
    }
}
