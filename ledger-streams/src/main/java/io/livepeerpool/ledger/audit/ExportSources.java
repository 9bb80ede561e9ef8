package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.util.List;

/**
 * What the export reads: the chain events, which set the order of epochs (one partition, block order); the topics
 * whose records are placed in epochs by the boundaries the ledger recorded for their partitions (today the jobs);
 * and the boundaries topic. A new source (payouts, payout settings) is one more entry with its {@link LineWriter}.
 */
public record ExportSources(SourceTopic<ChainEvent> chain, List<SourceTopic<?>> placedByBoundaries,
                            TopicSpec<EpochBoundary> boundaries) {

    public static ExportSources of(LedgerTopics topics) {
        return new ExportSources(new SourceTopic<>(topics.chainEvents(), new ChainLines()),
                List.of(new SourceTopic<>(topics.jobs(), new JobLines())), topics.epochBoundaries());
    }
}
