package io.livepeerpool.ledger.audit;

import java.util.List;

/**
 * One source record -> the replay input lines it stands for (none for a record the ledger does not read, e.g. a
 * deposit on the chain events topic). The export's extension point: a new source topic is a {@link SourceTopic}
 * with its writer.
 */
@FunctionalInterface
public interface LineWriter<V> {
    List<String> lines(V value);
}
