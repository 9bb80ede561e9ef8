package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.allocation;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.payout;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.payoutId;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.AllocationLine;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's output topics land in PostgreSQL with exact values, idempotently, never moving a balance back. */
class ProjectorLedgerTest {
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final Instant SETTLED = Instant.parse("2025-06-02T00:00:00.123Z");
    private static final Instant ALLOCATED = Instant.parse("2025-06-02T00:00:01.456Z");
    private static final Instant REQUESTED = Instant.parse("2025-06-02T00:00:02.789Z");
    private static final String T1 = address(11);
    private static final String T2 = address(12);

    private ProjectorTestKit kit;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ProjectorTestKit();
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private String[] ledgerTopics() {
        return new String[] {kit.settlements.name(), kit.allocations.name(), kit.payouts.name()};
    }

    @Test
    void settlementsAllocationsAndPayoutRequestsBecomeRowsWithExactValues() throws Exception {
        BigInteger poolFee = UINT256_MAX.multiply(BigInteger.valueOf(50_000)).divide(BigInteger.valueOf(1_000_000));
        BigInteger distributed = UINT256_MAX.subtract(poolFee);
        BigInteger toT2 = BigInteger.valueOf(3);
        BigInteger toT1 = distributed.subtract(toT2);
        Settlement paid = Settlement.newBuilder().setRound(100).setRevenue(wei(UINT256_MAX))
                .setTotalWeight(wei(UINT256_MAX)).setPoolFee(wei(poolFee)).setDistributed(wei(distributed))
                .setCarriedRevenue(wei(BigInteger.ZERO))
                .setAllocations(List.of(line(T1, UINT256_MAX.subtract(BigInteger.ONE), toT1), line(T2, BigInteger.ONE, toT2)))
                .build();
        Settlement nothingToSplit = Settlement.newBuilder().setRound(101).setRevenue(wei(BigInteger.ZERO))
                .setTotalWeight(wei(BigInteger.valueOf(92_754_400))).setPoolFee(wei(BigInteger.ZERO))
                .setDistributed(wei(BigInteger.ZERO)).setCarriedRevenue(wei(BigInteger.ZERO)).setAllocations(List.of())
                .build();
        Allocation a1 = allocation(100, T1, UINT256_MAX.subtract(BigInteger.ONE), toT1, BigInteger.ZERO);
        Allocation a2 = allocation(100, T2, BigInteger.ONE, toT2, toT2);
        PayoutRequest p1 = payout(100, T1, toT1);

        List<RecordMetadata> settled = kit.produceSettlements(List.of(paid, nothingToSplit), SETTLED);
        List<RecordMetadata> allocated = kit.produceAllocations(List.of(a1, a2), ALLOCATED);
        kit.producePayouts(List.of(p1), REQUESTED);
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(ledgerTopics());

        assertThat(kit.count("SELECT count(*) FROM settlements")).isEqualTo(2);
        assertSettlementRow(paid, settled.get(0));
        assertSettlementRow(nothingToSplit, settled.get(1));
        assertThat(kit.count("SELECT count(*) FROM allocations")).isEqualTo(2);
        assertAllocationRow(a1, allocated.get(0));
        assertAllocationRow(a2, allocated.get(1));
        assertThat(balances()).containsExactly(
                Map.entry(T1, new Balance(BigInteger.ZERO, 100, ALLOCATED)),
                Map.entry(T2, new Balance(toT2, 100, ALLOCATED)));
        assertPayoutRow(p1, "On hold", null);
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT revenue::text, total_weight::text FROM settlements WHERE round = 100")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(UINT256_MAX.toString());
            assertThat(rs.getString(2)).isEqualTo(UINT256_MAX.toString());
        }
        assertThat(projector.metrics().count(kit.settlements.name(), "inserted")).isEqualTo(2);
        assertThat(projector.metrics().count(kit.allocations.name(), "inserted")).isEqualTo(2);
        assertThat(projector.metrics().count(kit.payouts.name(), "inserted")).isEqualTo(1);
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
    }

    @Test
    void aReplayedPayoutRequestNeverOverwritesTheOutcomeThePayoutWorkerRecorded() throws Exception {
        BigInteger threshold = new BigInteger("10000000000000000");
        PayoutRequest p1 = payout(7, T1, threshold);
        PayoutRequest p2 = payout(7, T2, threshold.add(BigInteger.ONE));
        PayoutRequest paidBeforeProjected = payout(8, T1, threshold.add(BigInteger.TWO));
        kit.produceSettlements(List.of(settlement(7)), SETTLED);
        kit.produceAllocations(List.of(allocation(7, T1, BigInteger.TEN, threshold, BigInteger.ZERO),
                allocation(7, T2, BigInteger.ONE, p2.getAmount().toBigIntegerExact(), BigInteger.ZERO)), ALLOCATED);
        kit.producePayouts(List.of(p1, p2), REQUESTED);
        ReadModelDatabase.migrate(kit.newPool());
        // the payout worker may record its outcome before the projector gets to the request
        markOutcome(paidBeforeProjected, "Paid", true);
        Projector first = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(ledgerTopics());

        assertPayoutRow(p1, "On hold", null);
        markOutcome(p1, "Paid", false);
        markOutcome(p2, "Failed", false);
        // the same requests again: re-sent, and the one already paid
        kit.producePayouts(List.of(p1, p2, paidBeforeProjected), REQUESTED.plusSeconds(60));
        kit.awaitCaughtUp(ledgerTopics());
        assertPayoutRow(p1, "Paid", "0x" + "aa".repeat(32));
        assertPayoutRow(p2, "Failed", "0x" + "aa".repeat(32));
        assertPayoutRow(paidBeforeProjected, "Paid", "0x" + "aa".repeat(32));
        assertThat(first.metrics().count(kit.payouts.name(), "duplicate")).isEqualTo(3);

        // an operator re-projects everything from offset 0: nothing changes
        first.close();
        List<List<String>> before = ledgerTables();
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM projector_offsets");
        }
        Projector again = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(ledgerTopics());

        assertThat(ledgerTables()).isEqualTo(before);
        assertPayoutRow(p1, "Paid", "0x" + "aa".repeat(32));
        assertThat(again.metrics().count(kit.payouts.name(), "inserted")).isZero();
        assertThat(again.metrics().count(kit.payouts.name(), "duplicate")).isEqualTo(5);
        assertThat(again.metrics().count(kit.allocations.name(), "duplicate")).isEqualTo(2);
        assertThat(again.metrics().count(kit.settlements.name(), "duplicate")).isEqualTo(1);
    }

    @Test
    void aBalanceKeepsTheNewestRoundWhenAnOlderAllocationArrivesLater() throws Exception {
        Instant t = ALLOCATED;
        // one batch, out of round order on T1's partition
        kit.produce(kit.allocations, List.of(
                allocation(5, T1, BigInteger.ONE, BigInteger.valueOf(500), BigInteger.valueOf(500)),
                allocation(7, T1, BigInteger.ONE, BigInteger.valueOf(200), BigInteger.valueOf(700)),
                allocation(6, T1, BigInteger.ONE, BigInteger.valueOf(100), BigInteger.valueOf(600)),
                allocation(1, T2, BigInteger.ONE, BigInteger.valueOf(10), BigInteger.valueOf(10))),
                Allocation::getTranscoder, a -> t.plusSeconds(a.getRound()));
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.allocations.name());
        assertThat(balances()).containsExactly(
                Map.entry(T1, new Balance(BigInteger.valueOf(700), 7, t.plusSeconds(7))),
                Map.entry(T2, new Balance(BigInteger.TEN, 1, t.plusSeconds(1))));

        // later batches: an older round, the newest round again with another balance, and T2 moving forward
        kit.produce(kit.allocations, List.of(
                allocation(4, T1, BigInteger.ONE, BigInteger.valueOf(400), BigInteger.valueOf(400)),
                allocation(7, T1, BigInteger.ONE, BigInteger.valueOf(999), BigInteger.valueOf(777)),
                allocation(2, T2, BigInteger.ONE, UINT256_MAX.subtract(BigInteger.TEN), UINT256_MAX)),
                Allocation::getTranscoder, a -> t.plusSeconds(100 + a.getRound()));
        kit.awaitCaughtUp(kit.allocations.name());

        assertThat(balances()).containsExactly(
                Map.entry(T1, new Balance(BigInteger.valueOf(700), 7, t.plusSeconds(7))),
                Map.entry(T2, new Balance(UINT256_MAX, 2, t.plusSeconds(102))));
        assertThat(kit.dump("allocations", "transcoder, round").stream().map(r -> r.replaceAll(",\"settled_at.*", ""))
                .toList()).containsExactly(
                "{\"round\":4,\"transcoder\":\"" + T1 + "\",\"weight\":1,\"amount\":400,\"balance_after\":400",
                "{\"round\":5,\"transcoder\":\"" + T1 + "\",\"weight\":1,\"amount\":500,\"balance_after\":500",
                "{\"round\":6,\"transcoder\":\"" + T1 + "\",\"weight\":1,\"amount\":100,\"balance_after\":600",
                "{\"round\":7,\"transcoder\":\"" + T1 + "\",\"weight\":1,\"amount\":200,\"balance_after\":700",
                "{\"round\":1,\"transcoder\":\"" + T2 + "\",\"weight\":1,\"amount\":10,\"balance_after\":10",
                "{\"round\":2,\"transcoder\":\"" + T2 + "\",\"weight\":1,\"amount\":"
                        + UINT256_MAX.subtract(BigInteger.TEN) + ",\"balance_after\":" + UINT256_MAX);
    }

    /** The reads handed to the gateway (README, "Projector") can be index scans in page order, without a sort. */
    @Test
    void theGatewayReadsAreServedByIndexes() throws Exception {
        ReadModelDatabase.migrate(kit.newPool());
        Map<String, String> indexByRead = Map.of(
                "SELECT * FROM settlements WHERE round < 100 ORDER BY round DESC LIMIT 51", "settlements_pkey",
                "SELECT * FROM allocations WHERE transcoder = 'x' AND round < 100 ORDER BY round DESC LIMIT 51",
                "allocations_by_transcoder",
                "SELECT * FROM allocations WHERE round = 7 ORDER BY transcoder", "allocations_pkey",
                "SELECT * FROM transcoder_balances WHERE transcoder = 'x'", "transcoder_balances_pkey");
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            // an empty table's plan is a guess: rule out the other plans so that EXPLAIN shows what the indexes allow
            s.execute("SET enable_seqscan = off");
            s.execute("SET enable_bitmapscan = off");
            s.execute("SET enable_sort = off");
            for (Map.Entry<String, String> read : indexByRead.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN " + read.getKey())) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).as(read.getKey()).contains("Index Scan").contains(" using " + read.getValue() + " ")
                        .doesNotContain("Sort");
            }
        }
    }

    // ---- values ----

    private static BigDecimal wei(BigInteger amount) {
        return new BigDecimal(amount);
    }

    private static AllocationLine line(String transcoder, BigInteger weight, BigInteger amount) {
        return AllocationLine.newBuilder().setTranscoder(transcoder).setWeight(wei(weight)).setAmount(wei(amount)).build();
    }

    private static Settlement settlement(long round) {
        return Settlement.newBuilder().setRound(round).setRevenue(wei(BigInteger.valueOf(1_000)))
                .setTotalWeight(wei(BigInteger.TEN)).setPoolFee(wei(BigInteger.valueOf(50)))
                .setDistributed(wei(BigInteger.valueOf(950))).setCarriedRevenue(wei(BigInteger.ZERO))
                .setAllocations(List.of(line(T1, BigInteger.TEN, BigInteger.valueOf(950)))).build();
    }

    private void markOutcome(PayoutRequest request, String status, boolean insert) throws SQLException {
        String sql = insert
                ? "INSERT INTO rewards_payments (payout_id, transcoder, round, amount, status, tx_hash, gas_fees,"
                        + " created_at, paid_at) VALUES (?, ?, ?, ?, ?, ?, 21000, now(), now())"
                : "UPDATE rewards_payments SET status = ?, tx_hash = ?, gas_fees = 21000, paid_at = now()"
                        + " WHERE payout_id = ?";
        try (Connection c = kit.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            String txHash = "0x" + "aa".repeat(32);
            if (insert) {
                s.setString(1, request.getPayoutId());
                s.setString(2, request.getTranscoder());
                s.setLong(3, request.getRound());
                s.setBigDecimal(4, request.getAmount());
                s.setString(5, status);
                s.setString(6, txHash);
            } else {
                s.setString(1, status);
                s.setString(2, txHash);
                s.setString(3, request.getPayoutId());
            }
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    // ---- reading back ----

    record Balance(BigInteger balance, long asOfRound, Instant updatedAt) {
    }

    private Map<String, Balance> balances() throws SQLException {
        Map<String, Balance> balances = new java.util.LinkedHashMap<>();
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT transcoder, balance, as_of_round, updated_at FROM transcoder_balances"
                     + " ORDER BY transcoder")) {
            while (rs.next()) {
                balances.put(rs.getString(1), new Balance(rs.getBigDecimal(2).toBigIntegerExact(), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
        return balances;
    }

    private List<List<String>> ledgerTables() throws SQLException {
        return List.of(kit.dump("settlements", "round"), kit.dump("allocations", "round, transcoder"),
                kit.dump("transcoder_balances", "transcoder"), kit.dump("rewards_payments", "payout_id"));
    }

    private void assertSettlementRow(Settlement expected, RecordMetadata where) throws SQLException {
        try (Connection c = kit.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM settlements WHERE round = ?")) {
            s.setLong(1, expected.getRound());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(exact(rs, "revenue")).isEqualTo(expected.getRevenue().toBigIntegerExact());
                assertThat(exact(rs, "total_weight")).isEqualTo(expected.getTotalWeight().toBigIntegerExact());
                assertThat(exact(rs, "pool_fee")).isEqualTo(expected.getPoolFee().toBigIntegerExact());
                assertThat(exact(rs, "distributed")).isEqualTo(expected.getDistributed().toBigIntegerExact());
                assertThat(exact(rs, "carried_revenue")).isEqualTo(expected.getCarriedRevenue().toBigIntegerExact());
                assertThat(rs.getInt("allocation_count")).isEqualTo(expected.getAllocations().size());
                assertThat(rs.getObject("settled_at", OffsetDateTime.class).toInstant()).isEqualTo(SETTLED)
                        .isEqualTo(Instant.ofEpochMilli(where.timestamp()));
                assertThat(rs.getInt("kafka_partition")).isEqualTo(where.partition());
                assertThat(rs.getLong("kafka_offset")).isEqualTo(where.offset());
            }
        }
    }

    private void assertAllocationRow(Allocation expected, RecordMetadata where) throws SQLException {
        try (Connection c = kit.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM allocations WHERE round = ? AND transcoder = ?")) {
            s.setLong(1, expected.getRound());
            s.setString(2, expected.getTranscoder());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(exact(rs, "weight")).isEqualTo(expected.getWeight().toBigIntegerExact());
                assertThat(exact(rs, "amount")).isEqualTo(expected.getAmount().toBigIntegerExact());
                assertThat(exact(rs, "balance_after")).isEqualTo(expected.getBalanceAfter().toBigIntegerExact());
                assertThat(rs.getObject("settled_at", OffsetDateTime.class).toInstant()).isEqualTo(ALLOCATED);
                assertThat(rs.getInt("kafka_partition")).isEqualTo(where.partition());
                assertThat(rs.getLong("kafka_offset")).isEqualTo(where.offset());
            }
        }
    }

    /** The request's row; {@code txHash} null means an untouched request (On hold, no outcome columns). */
    private void assertPayoutRow(PayoutRequest expected, String status, String txHash) throws SQLException {
        try (Connection c = kit.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM rewards_payments WHERE payout_id = ?")) {
            s.setString(1, expected.getPayoutId());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("payout_id")).isEqualTo(payoutId(expected.getTranscoder(), expected.getRound()));
                assertThat(rs.getString("transcoder")).isEqualTo(expected.getTranscoder());
                assertThat(rs.getLong("round")).isEqualTo(expected.getRound());
                assertThat(exact(rs, "amount")).isEqualTo(expected.getAmount().toBigIntegerExact());
                assertThat(rs.getString("status")).isEqualTo(status);
                assertThat(rs.getString("tx_hash")).isEqualTo(txHash);
                if (txHash == null) {
                    assertThat(rs.getObject("created_at", OffsetDateTime.class).toInstant()).isEqualTo(REQUESTED);
                    assertThat(rs.getObject("gas_fees")).isNull();
                    assertThat(rs.getObject("paid_at")).isNull();
                } else {
                    assertThat(exact(rs, "gas_fees")).isEqualTo(BigInteger.valueOf(21_000));
                }
            }
        }
    }

    private static BigInteger exact(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).toBigIntegerExact();
    }
}
