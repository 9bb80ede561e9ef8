package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.ledger.streams.bench.LedgerBench;
import org.junit.jupiter.api.Test;

/**
 * The bench runs end to end on the devstack; its timings are printed, never asserted. A small epoch by default; the
 * full run: {@code -Dledger.bench.jobs=1000000 -Dledger.bench.transcoders=10000 -Dledger.bench.partitions=6}.
 */
class LedgerBenchTest {

    @Test
    void benchMeasuresBothTopologiesAndTheSettlement() throws Exception {
        Devstack devstack = SharedDevstack.get();
        LedgerBench.Options options = new LedgerBench.Options(Integer.getInteger("ledger.bench.jobs", 3_000),
                Integer.getInteger("ledger.bench.transcoders", 150), Integer.getInteger("ledger.bench.partitions", 3));

        LedgerBench.Result result = LedgerBench.run(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                options);

        result.lines().forEach(System.out::println);
        assertThat(result.settlementAllocations()).as("every transcoder allocated").isEqualTo(options.transcoders());
        assertThat(result.passThroughJobsPerSecond()).isPositive();
        assertThat(result.ledgerJobsPerSecond()).isPositive();
        assertThat(result.settlementLatencyMs()).isNotNegative();
    }
}
