package io.livepeerpool.payout.fees;

import static io.livepeerpool.payout.fees.FeesFixture.ETH;
import static io.livepeerpool.payout.fees.FeesFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.schemas.avro.FeeWithdrawal;
import io.livepeerpool.schemas.avro.FeeWithdrawalState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fee withdrawer against the real dev chain and broker. */
class FeeWithdrawalTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigInteger FACE_VALUE = ETH.multiply(BigInteger.valueOf(3));
    private static final BigInteger RESERVE = ETH.divide(BigInteger.valueOf(100));

    @Test
    void aShortWalletGetsWhatIsDueOnceAndTheWithdrawalIsRecorded(@TempDir Path dir) throws Exception {
        try (FeesFixture f = new FeesFixture("short")) {
            BigInteger fees = f.earnFees(FACE_VALUE);
            BigInteger a = ETH.divide(BigInteger.TWO);
            BigInteger b = ETH.multiply(BigInteger.valueOf(7)).divide(BigInteger.TEN);
            f.requestPayout("payout-a", a);
            f.requestPayout("payout-b", b);
            Map<String, String> settings = f.keystoreSettings(dir);
            settings.put("payout.feeWithdrawal.gasReserveWei", RESERVE.toString());
            f.start(settings);

            BigInteger expected = a.add(b).add(RESERVE);
            await("the withdrawal", WAIT, () -> closed(f).size() == 1);
            Thread.sleep(1_500); // fifteen more turns: nothing more is due
            assertThat(f.walletBalance()).isEqualTo(expected);
            assertThat(f.pendingFees()).isEqualTo(fees.subtract(expected));
            assertThat(f.withdrawFeesLogs()).isEqualTo(1);
            List<FeeWithdrawal> records = f.withdrawals();
            assertThat(records).extracting(FeeWithdrawal::getState)
                    .containsExactly(FeeWithdrawalState.Intent, FeeWithdrawalState.Withdrawn);
            FeeWithdrawal withdrawn = records.get(1);
            assertThat(withdrawn.getAmount().toBigIntegerExact()).isEqualTo(expected);
            assertThat(withdrawn.getPayoutsDue().toBigIntegerExact()).isEqualTo(a.add(b));
            assertThat(withdrawn.getWalletBalance().toBigIntegerExact()).isZero();
            assertThat(withdrawn.getPendingFees().toBigIntegerExact()).isEqualTo(fees);
            assertThat(withdrawn.getRecipient()).isEqualTo(f.wallet.hex());
            assertThat(withdrawn.getBlockNumber()).isNotNull();
            assertThat(withdrawn.getGasCost().toBigIntegerExact()).isPositive();

            // a new request: exactly its amount follows
            BigInteger c = ETH.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
            f.requestPayout("payout-c", c);
            await("the second withdrawal", WAIT, () -> closed(f).size() == 2);
            Thread.sleep(1_000);
            assertThat(f.walletBalance()).isEqualTo(expected.add(c));
            assertThat(f.withdrawFeesLogs()).isEqualTo(2);
        }
    }

    @Test
    void theFeesBoundAWithdrawal() throws Exception {
        try (FeesFixture f = new FeesFixture("bounded")) {
            BigInteger fees = f.earnFees(FACE_VALUE);
            f.requestPayout("payout-big", ETH.multiply(BigInteger.TEN));
            f.start(f.settings());
            await("the withdrawal", WAIT, () -> closed(f).size() == 1);
            Thread.sleep(1_000); // no fees left: nothing more, though still short
            assertThat(f.walletBalance()).isEqualTo(fees);
            assertThat(f.pendingFees()).isZero();
            assertThat(f.withdrawFeesLogs()).isEqualTo(1);
        }
    }

    /** A payout PoolPayouts already paid, its outcome not yet recorded, is not due: the wallet spent it already. */
    @Test
    void aPayoutTheContractAlreadyPaidIsNotDue() throws Exception {
        try (FeesFixture f = new FeesFixture("settled")) {
            f.earnFees(FACE_VALUE);
            BigInteger a = ETH.divide(BigInteger.TWO);
            BigInteger b = ETH.divide(BigInteger.TEN);
            var transactor = f.net.chain().transactor(f.net.accounts().payout());
            var line = new io.livepeerpool.chain.payouts.PayoutLine(
                    io.livepeerpool.chain.payouts.PoolPayoutsClient.onChainId("payout-a"), f.net.accounts().spare(6).address(), a);
            f.net.poolPayouts().pay(transactor, List.of(line), BigInteger.valueOf(300_000)).requireSuccess("pay payout-a");
            f.requestPayout("payout-a", a);
            f.requestPayout("payout-b", b);
            Map<String, String> settings = f.settings();
            settings.put("chain.poolPayouts", f.net.contracts().poolPayouts().hex());
            settings.put("payout.feeWithdrawal.gasReserveWei", "0");
            f.start(settings);
            await("the withdrawal", WAIT, () -> closed(f).size() == 1);
            Thread.sleep(1_000);
            assertThat(f.walletBalance()).isEqualTo(b);
            assertThat(f.withdrawals().get(1).getPayoutsDue().toBigIntegerExact()).isEqualTo(b);
            assertThat(f.withdrawFeesLogs()).isEqualTo(1);
        }
    }

    @Test
    void switchedOffItNeedsNoKeyAndWithdrawsNothing() throws Exception {
        try (FeesFixture f = new FeesFixture("off")) {
            BigInteger fees = f.earnFees(FACE_VALUE);
            f.requestPayout("payout-a", ETH);
            Map<String, String> settings = f.settings();
            settings.remove("payout.feeWithdrawal.orchestratorKey");
            settings.remove("chain.bondingManager");
            settings.put("payout.feeWithdrawal.enabled", "false");
            Optional<FeeWithdrawalService> service = FeeWithdrawalService.fromConfig(
                    FeeWithdrawalConfig.load(ConfigSource.of(settings)), Optional.of(f.wallet), new SimpleMeterRegistry());
            assertThat(service).isEmpty();
            Thread.sleep(500);
            assertThat(f.walletBalance()).isZero();
            assertThat(f.pendingFees()).isEqualTo(fees);
            assertThat(f.withdrawFeesLogs()).isZero();
            assertThat(f.withdrawals()).isEmpty();
        }
    }

    /**
     * SIGKILL at each point of a withdrawal, then a new withdrawer: one withdrawal on chain and one closing record.
     * After the broadcast the transaction is kept pending (automine off) while the new withdrawer takes turns, so the
     * wallet is still short when it starts: only the recorded intent stops it from withdrawing a second time.
     */
    @ParameterizedTest
    @ValueSource(strings = {WithdrawalCrashPoint.AFTER_INTENT, WithdrawalCrashPoint.AFTER_BROADCAST,
        WithdrawalCrashPoint.BEFORE_OUTCOME})
    void aCrashDoesNotWithdrawTwice(String point) throws Exception {
        try (FeesFixture f = new FeesFixture("crash")) {
            BigInteger fees = f.earnFees(FACE_VALUE);
            BigInteger due = ETH;
            f.requestPayout("payout-a", due);
            Map<String, String> settings = f.settings();
            settings.put("payout.feeWithdrawal.gasReserveWei", "0");
            boolean keepPending = point.equals(WithdrawalCrashPoint.AFTER_BROADCAST);
            try {
                if (keepPending) {
                    f.setAutomine(false);
                }
                try (ChildWithdrawer child = ChildWithdrawer.start(f.suffix, settings, point)) {
                    assertThat(child.awaitParked(WAIT)).isEqualTo(point);
                    child.kill();
                }
                assertThat(f.withdrawals()).extracting(FeeWithdrawal::getState).containsExactly(FeeWithdrawalState.Intent);
                FeeWithdrawalService restarted = f.start(settings);
                await("the restarted withdrawer's first turn", WAIT, restarted::recovered);
                if (keepPending) {
                    Thread.sleep(1_000); // ten turns with the wallet short and the withdrawal pending
                    assertThat(f.walletBalance()).isZero();
                    assertThat(f.withdrawals()).hasSize(1);
                    f.setAutomine(true);
                    f.mine();
                }
            } finally {
                f.setAutomine(true);
            }
            await("the withdrawal closed", WAIT, () -> closed(f).size() == 1);
            Thread.sleep(1_000);
            assertThat(f.withdrawFeesLogs()).isEqualTo(1);
            assertThat(f.walletBalance()).isEqualTo(due);
            assertThat(f.pendingFees()).isEqualTo(fees.subtract(due));
            assertThat(f.withdrawals()).extracting(FeeWithdrawal::getState)
                    .containsExactly(FeeWithdrawalState.Intent, FeeWithdrawalState.Withdrawn);
        }
    }

    private static List<FeeWithdrawal> closed(FeesFixture f) {
        return f.withdrawals().stream().filter(w -> w.getState() != FeeWithdrawalState.Intent).toList();
    }
}
