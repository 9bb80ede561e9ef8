package io.livepeerpool.chainwatcher.publish;

import io.livepeerpool.chainwatcher.decode.KnownEvent;
import io.livepeerpool.schemas.avro.ChainEvent;

/** A ChainEvent, its Kafka key and its type (for the metrics). */
public record KeyedEvent(String key, ChainEvent event, KnownEvent type) {
}
