package io.livepeerpool.ledger.streams.barrier;

import io.livepeerpool.schemas.avro.EpochSubtotals;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Whether the subtotals received for one epoch are all there: every partition, every chunk of it. */
final class EpochParts {
    private EpochParts() {
    }

    /** @param parts one per (partition, chunk), as kept in the barrier store */
    static boolean complete(List<EpochSubtotals> parts, int partitions) {
        Map<Integer, Integer> chunksSeen = new HashMap<>();
        Map<Integer, Integer> chunkCounts = new HashMap<>();
        for (EpochSubtotals part : parts) {
            chunksSeen.merge(part.getPartition(), 1, Integer::sum);
            Integer declared = chunkCounts.putIfAbsent(part.getPartition(), part.getChunkCount());
            if (declared != null && declared != part.getChunkCount()) {
                throw new IllegalStateException("partition " + part.getPartition() + " of epoch " + part.getEpoch()
                        + " declares " + declared + " and " + part.getChunkCount() + " chunks");
            }
        }
        for (int p = 0; p < partitions; p++) {
            if (!chunkCounts.containsKey(p) || !chunksSeen.get(p).equals(chunkCounts.get(p))) {
                return false;
            }
        }
        return true;
    }
}
