package io.livepeerpool.ledger.streams.records;

import io.livepeerpool.schemas.avro.EpochBoundary;

/**
 * The source topics whose records the ledger applies in an order Kafka does not fix by itself, and for which it
 * therefore records epoch boundaries ({@link EpochBoundary#getSource()}): the jobs (which epoch counts a job), the
 * payout outcomes and the payout settings (which settlement sees a member's outcome or settings first).
 */
public enum BoundarySource {
    JOBS("jobs"), PAYOUTS("payouts"), PAYOUT_SETTINGS("payoutSettings");

    private final String text;

    BoundarySource(String text) {
        this.text = text;
    }

    /** How {@link EpochBoundary#getSource()} spells it. */
    public String text() {
        return text;
    }

    /** The boundary record's key: {@code <epoch>|<source>|<partition>}, unique per boundary. */
    public String key(long epoch, int partition) {
        return epoch + "|" + text + "|" + partition;
    }

    public EpochBoundary boundary(long epoch, long round, int partition, int partitions, long offset) {
        return new EpochBoundary(epoch, round, text, partition, partitions, offset);
    }

    public static BoundarySource parse(String text) {
        for (BoundarySource source : values()) {
            if (source.text.equals(text)) {
                return source;
            }
        }
        throw new IllegalArgumentException("must be jobs, payouts or payoutSettings, got " + text);
    }
}
