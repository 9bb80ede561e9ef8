package io.livepeerpool.ledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.platform.config.ConfigException;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerPolicyTest {
    private static final String POOL = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String POOL_KEY = "ledger.orchestrators";

    @Test
    void defaults() {
        assertThat(LedgerPolicy.defaults(PoolOrchestrators.of(POOL))).isEqualTo(new LedgerPolicy(JobWeight.DEFAULT,
                0, false, 50_000, new BigInteger("10000000000000000"), 2, PoolOrchestrators.of(POOL)));
        assertThat(JobWeight.DEFAULT).isEqualTo(new JobWeight(BigInteger.ONE, BigInteger.valueOf(5_000),
                BigInteger.valueOf(2_500_000)));
    }

    @Test
    void parsesEverySetting() {
        LedgerPolicy policy = LedgerPolicy.fromSettings(Map.of(
                "ledger.weight.pixels", "2",
                "ledger.weight.durationMs", "0",
                "ledger.weight.profiles", "7",
                "ledger.delegatorFeeSharePpm", "250000",
                "ledger.deductRedemptionGas", "true",
                "ledger.poolFeePpm", "0",
                "ledger.payoutThresholdWei", "123456789012345678901234567890",
                "ledger.dedupe.retainRounds", "5",
                "ledger.orchestrators", "0x2222222222222222222222222222222222222222, " + POOL.toUpperCase().replace("0X", "0x"),
                "gateway.port", "8443"));

        assertThat(policy).isEqualTo(new LedgerPolicy(
                new JobWeight(BigInteger.TWO, BigInteger.ZERO, BigInteger.valueOf(7)), 250_000, true, 0,
                new BigInteger("123456789012345678901234567890"), 5,
                new PoolOrchestrators(java.util.Set.of(POOL, "0x2222222222222222222222222222222222222222"))));
    }

    @Test
    void theOrchestratorsAreRequiredAndHaveNoAllDefault() {
        assertThatThrownBy(() -> LedgerPolicy.fromSettings(Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("ledger.orchestrators")));
        assertThatThrownBy(() -> LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", " , ")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("ledger.orchestrators")));
        assertThatThrownBy(() -> LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", "0x12")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("ledger.orchestrators")));
    }

    @Test
    void reportsEveryBadKeyAtOnceByName() {
        assertThatThrownBy(() -> LedgerPolicy.fromSettings(Map.of(POOL_KEY, POOL,
                "ledger.poolFeePpm", "1000001",
                "ledger.payoutThresholdWei", "0.01",
                "ledger.deductRedemptionGas", "maybe")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(3))
                .hasMessageContaining("ledger.poolFeePpm")
                .hasMessageContaining("ledger.payoutThresholdWei")
                .hasMessageContaining("ledger.deductRedemptionGas");
    }

    @Test
    void rejectsUnknownLedgerKeysAndAllZeroWeights() {
        assertThatThrownBy(() -> LedgerPolicy.fromSettings(Map.of(POOL_KEY, POOL, "ledger.poolFee", "5",
                "ledger.payoutThresholdWei", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ledger.poolFee: unknown")
                .hasMessageContaining("ledger.payoutThresholdWei: invalid value '-1'");
        assertThatThrownBy(() -> LedgerPolicy.fromSettings(Map.of(POOL_KEY, POOL, "ledger.weight.pixels", "0",
                "ledger.weight.durationMs", "0", "ledger.weight.profiles", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ledger.weight.pixels");
    }
}
