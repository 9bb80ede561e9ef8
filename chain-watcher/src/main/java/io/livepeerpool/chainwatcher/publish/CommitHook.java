package io.livepeerpool.chainwatcher.publish;

/**
 * Called after a batch's records are sent and before its transaction commits. Production uses {@link #NONE}; the
 * exactly-once test injects a crash here (the worst moment: records in the log, transaction open).
 */
@FunctionalInterface
public interface CommitHook {
    CommitHook NONE = (fromBlock, toBlock, records) -> { };

    void beforeCommit(long fromBlock, long toBlock, int records);
}
