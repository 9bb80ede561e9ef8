package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.ledger.streams.records.BoundarySource;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the export reads: the chain events, which set the order of epochs (one partition, block order); the topics
 * whose records are placed in epochs by the boundaries the ledger recorded for their partitions (the jobs, the
 * payout outcomes and the payout settings, in that order before each NewRound line); and the boundaries topic.
 */
public record ExportSources(SourceTopic<ChainEvent> chain, Map<BoundarySource, SourceTopic<?>> placedByBoundaries,
                            TopicSpec<EpochBoundary> boundaries) {

    public static ExportSources of(LedgerTopics topics) {
        Map<BoundarySource, SourceTopic<?>> placed = new LinkedHashMap<>();
        placed.put(BoundarySource.JOBS, new SourceTopic<>(topics.jobs(), new JobLines()));
        placed.put(BoundarySource.PAYOUTS, new SourceTopic<>(topics.payouts(), MemberLines.PAYOUTS));
        placed.put(BoundarySource.PAYOUT_SETTINGS, new SourceTopic<>(topics.payoutSettings(), MemberLines.SETTINGS));
        return new ExportSources(new SourceTopic<>(topics.chainEvents(), new ChainLines()), placed,
                topics.epochBoundaries());
    }
}
