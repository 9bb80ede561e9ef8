package io.livepeerpool.payout.fees;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The fee withdrawer's metrics: withdrawals by outcome, errors, the open withdrawal, the last figures compared. */
public final class FeeMetrics {
    private final MeterRegistry registry;
    private final String orchestrator;
    private final AtomicLong open = new AtomicLong();
    private final AtomicReference<BigInteger> dueWei = new AtomicReference<>(BigInteger.ZERO);
    private final AtomicReference<BigInteger> walletWei = new AtomicReference<>(BigInteger.ZERO);
    private final AtomicReference<BigInteger> pendingFeesWei = new AtomicReference<>(BigInteger.ZERO);
    private final Counter errors;
    private final Counter wouldRevert;

    public FeeMetrics(MeterRegistry registry, String orchestrator) {
        this.registry = registry;
        this.orchestrator = orchestrator;
        Gauge.builder("fee.withdrawal.open", open, AtomicLong::get).tag("orchestrator", orchestrator).register(registry);
        // display only, never money math
        Gauge.builder("fee.withdrawal.payouts.due.wei", dueWei, v -> v.get().doubleValue()).tag("orchestrator", orchestrator).register(registry);
        Gauge.builder("fee.withdrawal.wallet.balance.wei", walletWei, v -> v.get().doubleValue()).tag("orchestrator", orchestrator).register(registry);
        Gauge.builder("fee.withdrawal.pending.fees.wei", pendingFeesWei, v -> v.get().doubleValue()).tag("orchestrator", orchestrator).register(registry);
        this.errors = Counter.builder("fee.withdrawal.errors").tag("orchestrator", orchestrator).register(registry);
        this.wouldRevert = Counter.builder("fee.withdrawal.would.revert").tag("orchestrator", orchestrator).register(registry);
    }

    void looked(BigInteger due, BigInteger wallet, BigInteger pendingFees) {
        dueWei.set(due);
        walletWei.set(wallet);
        pendingFeesWei.set(pendingFees);
    }

    void open(boolean isOpen) {
        open.set(isOpen ? 1 : 0);
    }

    void closed(String state) {
        Counter.builder("fee.withdrawals").tag("orchestrator", orchestrator).tag("state", state).register(registry).increment();
    }

    void error() {
        errors.increment();
    }

    void wouldRevert() {
        wouldRevert.increment();
    }
}
