package io.livepeerpool.ledger.audit;

import io.livepeerpool.schemas.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;

/** A retained topic the ledger reads, and how its records become replay lines. */
public record SourceTopic<V extends SpecificRecord>(TopicSpec<V> topic, LineWriter<V> lines) {
}
