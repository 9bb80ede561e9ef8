package io.livepeerpool.chainwatcher.decode;

import io.livepeerpool.schemas.avro.ChainEvent;

/** What became of one log. */
public sealed interface Decoded {

    /** To the chain-events topic under {@code key}. */
    record Emit(KnownEvent type, String key, ChainEvent event) implements Decoded {
    }

    /** A known event for an orchestrator outside {@code ledger.orchestrators}. */
    record Filtered(KnownEvent type) implements Decoded {
    }

    /** Not one of the watched (contract, topic0) pairs. */
    record Ignored(String reason) implements Decoded {
    }
}
