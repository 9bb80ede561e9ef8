package io.livepeerpool.ledger.streams;

import static io.livepeerpool.ledger.streams.LedgerTopologyTest.POLICY;
import static io.livepeerpool.ledger.streams.LedgerTopologyTest.T1;
import static io.livepeerpool.ledger.streams.LedgerTopologyTest.T2;
import static io.livepeerpool.ledger.streams.LedgerTopologyTest.T3;
import static io.livepeerpool.ledger.streams.LedgerTopologyTest.wei;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.streams.Outputs.Line;
import io.livepeerpool.ledger.streams.Outputs.SettlementLine;
import io.livepeerpool.schemas.avro.EpochSubtotals;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.RevenueClosed;
import io.livepeerpool.schemas.avro.TranscoderWeight;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The settlement barrier fed directly, as three jobs partitions would feed it, in shuffled orders. */
class LedgerBarrierTest {
    private static final SettlementLine EPOCH_1 = new SettlementLine(5, wei(1_000), wei(600), wei(100), wei(900),
            wei(0), List.of(new Line(T1, wei(100), wei(150)), new Line(T2, wei(200), wei(300)),
                    new Line(T3, wei(300), wei(450))));
    private static final SettlementLine EPOCH_2 = new SettlementLine(6, wei(0), wei(100), wei(0), wei(0), wei(0),
            List.of());

    /** Epoch 1 (round 5): revenue 1000; partition 1 in two chunks, partition 2 empty. Epoch 2: no revenue. */
    private static List<LedgerBarrierEvent> twoEpochs() {
        return List.of(
                revenue(1, 5, 1_000),
                part(1, 5, 0, 0, 1, Map.of(T1, 100)),
                part(1, 5, 1, 0, 2, Map.of(T2, 200)),
                part(1, 5, 1, 1, 2, Map.of(T3, 300)),
                part(1, 5, 2, 0, 1, Map.of()),
                revenue(2, 6, 0),
                part(2, 6, 0, 0, 1, Map.of(T1, 50)),
                part(2, 6, 1, 0, 1, Map.of()),
                part(2, 6, 2, 0, 1, Map.of(T2, 50)));
    }

    @Test
    void settlesEachEpochOnceEveryPartitionIsInAndInOrderWhateverTheArrivalOrder() {
        for (long seed = 0; seed < 30; seed++) {
            List<LedgerBarrierEvent> shuffled = new ArrayList<>(twoEpochs());
            Collections.shuffle(shuffled, new Random(seed));
            try (LedgerDriver ledger = new LedgerDriver(POLICY, 3)) {
                List<SettlementLine> settled = new ArrayList<>();
                List<LedgerBarrierEvent> piped = new ArrayList<>();
                for (LedgerBarrierEvent event : shuffled) {
                    ledger.barrier.pipeInput(LedgerStores.POOL, event);
                    piped.add(event);
                    settled.addAll(ledger.settlements());
                    assertThat(settled).as("seed %d after %d records", seed, piped.size())
                            .isEqualTo(expectedAfter(piped));
                }
                assertThat(settled).containsExactly(EPOCH_1, EPOCH_2);
            }
        }
    }

    @Test
    void refusesSubtotalsFromAnotherPartitionCount() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY, 3)) {
            EpochSubtotals wrong = (EpochSubtotals) part(1, 5, 0, 0, 1, Map.of(T1, 1)).getEvent();
            wrong.setPartitionCount(4);

            assertThatThrownBy(() -> ledger.barrier.pipeInput(LedgerStores.POOL, new LedgerBarrierEvent(wrong)))
                    .hasStackTraceContaining("the ledger runs with 3 jobs partitions");
        }
    }

    /** Epoch 1 settles when all five of its records are in; epoch 2 only after epoch 1, once its four are in. */
    private static List<SettlementLine> expectedAfter(List<LedgerBarrierEvent> piped) {
        boolean first = piped.stream().filter(e -> epochOf(e) == 1).count() == 5;
        boolean second = piped.stream().filter(e -> epochOf(e) == 2).count() == 4;
        return first ? (second ? List.of(EPOCH_1, EPOCH_2) : List.of(EPOCH_1)) : List.of();
    }

    private static long epochOf(LedgerBarrierEvent event) {
        return event.getEvent() instanceof RevenueClosed r ? r.getEpoch() : ((EpochSubtotals) event.getEvent())
                .getEpoch();
    }

    private static LedgerBarrierEvent revenue(long epoch, long round, long wei) {
        return new LedgerBarrierEvent(new RevenueClosed(epoch, round, BigDecimal.valueOf(wei)));
    }

    private static LedgerBarrierEvent part(long epoch, long round, int partition, int chunk, int chunks,
                                           Map<String, Integer> weights) {
        List<TranscoderWeight> lines = new TreeMap<>(weights).entrySet().stream()
                .map(e -> new TranscoderWeight(e.getKey(), BigDecimal.valueOf(e.getValue()))).toList();
        return new LedgerBarrierEvent(new EpochSubtotals(epoch, round, partition, 3, chunk, chunks, lines));
    }
}
