package io.livepeerpool.chainwatcher.poll;

import io.livepeerpool.schemas.avro.ChainCursor;
import java.util.Optional;

/**
 * The outcome of one successful poll: the cursor now committed (unchanged if nothing new was confirmed), the range
 * read, and how many events were emitted.
 */
public record PollResult(Optional<ChainCursor> cursor, BlockRange range, int emitted) {

    /** True when the watcher has reached the confirmed head and should wait for the next interval. */
    public boolean caughtUp() {
        return range.isEmpty() || range.reachesConfirmed();
    }
}
