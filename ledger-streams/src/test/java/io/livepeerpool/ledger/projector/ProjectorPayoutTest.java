package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.hash;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.payout;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.payoutId;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.schemas.avro.AccountChangeCause;
import io.livepeerpool.schemas.avro.GasPayer;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutSettings;
import io.livepeerpool.schemas.avro.PayoutStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payout outcomes, payout settings and the ledger's account changes, written to their topics as the payout worker,
 * the gateway and the ledger write them, projected on the devstack's broker and database: rows move from On hold to
 * Paid (tx hash, the gas share, paid_at = the worker's time) or Failed (the reason), in either order of request and
 * outcome; the first outcome wins; settings keep the highest nonce; balances take the account changes in the
 * ledger's order; a full re-projection changes no row.
 */
class ProjectorPayoutTest {
    private static final Instant REQUESTED = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant RECORDED = Instant.parse("2025-06-02T08:30:00.125Z");
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final String T1 = address(0xa1);
    private static final String T2 = address(0xa2);
    private static final String T3 = address(0xa3);

    private ProjectorTestKit kit;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ProjectorTestKit();
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private String[] topics() {
        return new String[] {kit.payouts.name(), kit.payoutOutcomes.name(), kit.payoutSettings.name(),
                kit.accountChanges.name(), kit.allocations.name()};
    }

    static Payout outcome(String transcoder, long round, PayoutStatus status, BigInteger amount, BigInteger gasShare,
                          String reason) {
        return Payout.newBuilder().setPayoutId(payoutId(transcoder, round)).setOnChainId(hash(round == 0 ? 1 : (int) round))
                .setTranscoder(transcoder).setPayee(address(0xbb)).setRound(round).setStatus(status)
                .setAmount(new BigDecimal(amount))
                .setAmountSent(new BigDecimal(status == PayoutStatus.Paid ? amount : BigInteger.ZERO))
                .setGasShare(new BigDecimal(gasShare)).setGasPaidBy(GasPayer.member).setTxHash(hash(7_000 + (int) round))
                .setBlockNumber(77L).setBlockHash(hash(77)).setLogIndex(status == PayoutStatus.Reverted ? null : 1)
                .setTxGasCost(new BigDecimal(gasShare.multiply(BigInteger.TWO))).setTxPayouts(2).setReason(reason)
                .setWorkerId("worker-1").setAt(RECORDED).build();
    }

    @Test
    void outcomesMoveRequestsToPaidOrFailedInEitherOrderAndTheFirstOutcomeWins() throws Exception {
        // T1 and T2: request first; T3: outcome first
        kit.producePayouts(List.of(payout(5, T1, UINT256_MAX), payout(5, T2, BigInteger.valueOf(1_000))), REQUESTED);
        Projector first = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.payouts.name());
        assertThat(row(T1, 5)).isEqualTo("On hold|null|null|null|null");

        kit.produce(kit.payoutOutcomes, List.of(
                outcome(T1, 5, PayoutStatus.Paid, UINT256_MAX, BigInteger.valueOf(21_000), null),
                outcome(T2, 5, PayoutStatus.Refused, BigInteger.valueOf(1_000), BigInteger.valueOf(9), "payee rejected ETH"),
                outcome(T3, 5, PayoutStatus.Reverted, BigInteger.valueOf(500), BigInteger.ZERO, "out of gas"),
                // a second outcome of T1's payout: the first one counts
                outcome(T1, 5, PayoutStatus.Refused, UINT256_MAX, BigInteger.ONE, "later")), p -> p.getTranscoder(),
                p -> RECORDED);
        kit.awaitCaughtUp(topics());
        kit.producePayouts(List.of(payout(5, T3, BigInteger.valueOf(500))), REQUESTED);
        kit.awaitCaughtUp(topics());

        assertThat(row(T1, 5)).isEqualTo("Paid|" + hash(7_005) + "|21000|" + RECORDED + "|null");
        assertThat(row(T2, 5)).isEqualTo("Failed|" + hash(7_005) + "|9|null|Refused: payee rejected ETH");
        assertThat(row(T3, 5)).isEqualTo("Failed|" + hash(7_005) + "|0|null|Reverted: out of gas");
        assertThat(kit.count("SELECT count(*) FROM payout_outcomes")).isEqualTo(3);
        assertThat(kit.count("SELECT count(*) FROM rewards_payments WHERE amount_sent IS NOT NULL")).isEqualTo(3);

        // an operator re-projects everything from offset 0: nothing changes
        first.close();
        List<String> before = kit.dump("rewards_payments", "payout_id");
        try (Connection c = kit.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM projector_offsets");
        }
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(topics());
        assertThat(kit.dump("rewards_payments", "payout_id")).isEqualTo(before);
    }

    @Test
    void settingsKeepTheHighestNonceAndBalancesFollowTheLedgersOrder() throws Exception {
        PayoutSettings first = settings(T1, address(0xb1), 3);
        PayoutSettings replayedOlder = settings(T1, address(0xb0), 2);
        kit.produce(kit.payoutSettings, List.of(first, replayedOlder), PayoutSettings::getTranscoder, s -> RECORDED);
        // T1: allocation of round 9 (balance 100), then a payout resolved after round 9 (debt 4), then round 10's
        // allocation nets the debt (its DebtNetted change comes after it); the old change of round 8 arrives last
        kit.produceAllocations(List.of(ProjectorTestKit.allocation(9, T1, BigInteger.ONE, BigInteger.TEN,
                BigInteger.valueOf(100))), REQUESTED);
        kit.produce(kit.accountChanges, List.of(change(T1, 9, 4, AccountChangeCause.PayoutResolved, 0, 4)),
                MemberAccountChange::getTranscoder, c -> RECORDED);
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(topics());
        assertThat(balance(T1)).isEqualTo("0|4|9|4");

        kit.produceAllocations(List.of(ProjectorTestKit.allocation(10, T1, BigInteger.ONE, BigInteger.TEN,
                BigInteger.valueOf(6))), REQUESTED);
        kit.produce(kit.accountChanges, List.of(change(T1, 10, 5, AccountChangeCause.DebtNetted, 6, 0),
                change(T1, 8, 2, AccountChangeCause.PayoutResolved, 999, 0)), MemberAccountChange::getTranscoder,
                c -> RECORDED);
        kit.awaitCaughtUp(topics());

        assertThat(balance(T1)).isEqualTo("6|0|10|5");
        try (Connection c = kit.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT payout_address, nonce, signature FROM payout_settings WHERE transcoder = '" + T1 + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3))
                    .isEqualTo(address(0xb1) + "|3|0x" + "00".repeat(65));
        }
    }

    private static PayoutSettings settings(String transcoder, String payee, long nonce) {
        return new PayoutSettings(transcoder, payee, new BigDecimal(BigInteger.TEN.pow(17)), nonce, 1_900_000_000L,
                31337L, "0x" + "00".repeat(65), "req-" + nonce, RECORDED);
    }

    private static MemberAccountChange change(String transcoder, long afterRound, long seq, AccountChangeCause cause,
                                              long balance, long debt) {
        return new MemberAccountChange(transcoder, afterRound, seq, cause,
                cause == AccountChangeCause.PayoutResolved ? payoutId(transcoder, afterRound) : null,
                cause == AccountChangeCause.PayoutResolved ? "Paid" : null, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.valueOf(balance), BigDecimal.valueOf(debt));
    }

    /** status|tx_hash|gas_fees|paid_at|failure_reason of a payout row. */
    private String row(String transcoder, long round) throws Exception {
        try (Connection c = kit.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, tx_hash, gas_fees, paid_at, failure_reason FROM rewards_payments WHERE payout_id = ?")) {
            ps.setString(1, payoutId(transcoder, round));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row for " + transcoder).isTrue();
                java.time.OffsetDateTime paidAt = rs.getObject(4, java.time.OffsetDateTime.class);
                return rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3) + "|"
                        + (paidAt == null ? null : paidAt.toInstant()) + "|" + rs.getString(5);
            }
        }
    }

    /** balance|debt|as_of_round|as_of_seq. */
    private String balance(String transcoder) throws Exception {
        try (Connection c = kit.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT balance, debt, as_of_round, as_of_seq FROM transcoder_balances WHERE transcoder = ?")) {
            ps.setString(1, transcoder);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBigDecimal(1) + "|" + rs.getBigDecimal(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4);
            }
        }
    }
}
