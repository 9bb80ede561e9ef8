package io.livepeerpool.payout.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The payout worker's metrics: queue, in flight, outcomes by status, RPC errors, wallet balance and shortfall. */
public final class PayoutMetrics {
    private final MeterRegistry registry;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong inFlightTxs = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicReference<BigInteger> balanceWei = new AtomicReference<>(BigInteger.ZERO);
    private final AtomicReference<BigInteger> shortfallWei = new AtomicReference<>(BigInteger.ZERO);
    private final Counter rpcErrors;
    private final Counter broadcasts;
    private final Counter replacements;
    private final ConcurrentHashMap<String, AtomicLong> outcomeCounts = new ConcurrentHashMap<>();
    private final AtomicLong rpcErrorCount = new AtomicLong();
    private volatile long lastLoopMs = System.currentTimeMillis();

    public PayoutMetrics(MeterRegistry registry, String wallet) {
        this.registry = registry;
        Gauge.builder("payout.queue.requests", queued, AtomicLong::get).tag("wallet", wallet).register(registry);
        Gauge.builder("payout.inflight.transactions", inFlightTxs, AtomicLong::get).tag("wallet", wallet).register(registry);
        Gauge.builder("payout.held.requests", held, AtomicLong::get).tag("wallet", wallet).register(registry);
        // display only, never money math
        Gauge.builder("payout.wallet.balance.wei", balanceWei, b -> b.get().doubleValue()).tag("wallet", wallet).register(registry);
        Gauge.builder("payout.wallet.shortfall.wei", shortfallWei, b -> b.get().doubleValue()).tag("wallet", wallet)
                .register(registry);
        this.rpcErrors = Counter.builder("payout.rpc.errors").tag("wallet", wallet).register(registry);
        this.broadcasts = Counter.builder("payout.broadcasts").tag("wallet", wallet).register(registry);
        this.replacements = Counter.builder("payout.replacements").tag("wallet", wallet).register(registry);
    }

    void loop(int requests, int txs, int heldRequests) {
        queued.set(requests);
        inFlightTxs.set(txs);
        held.set(heldRequests);
        lastLoopMs = System.currentTimeMillis();
    }

    void balance(BigInteger wei) {
        balanceWei.set(wei);
    }

    void shortfall(BigInteger wei) {
        shortfallWei.set(wei);
    }

    void rpcError() {
        rpcErrors.increment();
        rpcErrorCount.incrementAndGet();
    }

    void broadcast() {
        broadcasts.increment();
    }

    void replacement() {
        replacements.increment();
    }

    void outcome(String status) {
        Counter.builder("payout.outcomes").tag("status", status).register(registry).increment();
        outcomeCounts.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    public long outcomes(String status) {
        AtomicLong n = outcomeCounts.get(status);
        return n == null ? 0 : n.get();
    }

    public long rpcErrorCount() {
        return rpcErrorCount.get();
    }

    /** Wei the wallet lacks for the next batch (0 when it can pay). */
    public BigInteger shortfallWei() {
        return shortfallWei.get();
    }

    public long lastLoopMs() {
        return lastLoopMs;
    }
}
