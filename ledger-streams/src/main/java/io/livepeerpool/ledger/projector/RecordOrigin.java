package io.livepeerpool.ledger.projector;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Where a record is in Kafka, and its Kafka timestamp. Rows take their times from the record rather than the clock,
 * so projecting the same records again gives the same rows.
 *
 * @param timestampMs the record's timestamp (producer create time or broker append time); -1 if it has none
 */
public record RecordOrigin(int partition, long offset, long timestampMs) {

    /** The record's timestamp for a TIMESTAMPTZ column; a record without one cannot be mapped (it is skipped). */
    public OffsetDateTime timestamp() {
        if (timestampMs < 0) {
            throw new IllegalArgumentException("record has no timestamp");
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(timestampMs), ZoneOffset.UTC);
    }
}
