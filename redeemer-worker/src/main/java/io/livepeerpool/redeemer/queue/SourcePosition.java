package io.livepeerpool.redeemer.queue;

/** Where a ticket was read: partition and offset of the winning-tickets topic. */
public record SourcePosition(int partition, long offset) implements Comparable<SourcePosition> {

    @Override
    public int compareTo(SourcePosition o) {
        int p = Integer.compare(partition, o.partition);
        return p != 0 ? p : Long.compare(offset, o.offset);
    }
}
