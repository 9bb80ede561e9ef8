package io.livepeerpool.redeemer.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The redeemer's metrics: queue, in-flight, outcomes by status, retries, RPC errors, wallet balance. */
public final class RedeemerMetrics {
    private final MeterRegistry registry;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong senders = new AtomicLong();
    private final AtomicLong inFlightTxs = new AtomicLong();
    private final AtomicReference<BigInteger> balanceWei = new AtomicReference<>(BigInteger.ZERO);
    private final Counter rpcErrors;
    private final Counter broadcasts;
    private final Counter replacements;
    private final ConcurrentHashMap<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> outcomeCounts = new ConcurrentHashMap<>();
    private final AtomicLong rpcErrorCount = new AtomicLong();
    private final Counter retries;
    private volatile long lastLoopMs = System.currentTimeMillis();

    public RedeemerMetrics(MeterRegistry registry, String wallet) {
        this.registry = registry;
        Gauge.builder("redeemer.queue.tickets", queued, AtomicLong::get).tag("wallet", wallet).register(registry);
        Gauge.builder("redeemer.queue.senders", senders, AtomicLong::get).tag("wallet", wallet).register(registry);
        Gauge.builder("redeemer.inflight.transactions", inFlightTxs, AtomicLong::get).tag("wallet", wallet).register(registry);
        Gauge.builder("redeemer.wallet.balance.wei", balanceWei, b -> b.get().doubleValue()) // display only, never money math
                .tag("wallet", wallet).register(registry);
        this.rpcErrors = Counter.builder("redeemer.rpc.errors").tag("wallet", wallet).register(registry);
        this.broadcasts = Counter.builder("redeemer.broadcasts").tag("wallet", wallet).register(registry);
        this.replacements = Counter.builder("redeemer.replacements").tag("wallet", wallet).register(registry);
        this.retries = Counter.builder("redeemer.retries").tag("wallet", wallet).register(registry);
    }

    void queue(int tickets, int queueSenders, int txs) {
        queued.set(tickets);
        senders.set(queueSenders);
        inFlightTxs.set(txs);
        lastLoopMs = System.currentTimeMillis();
    }

    void balance(BigInteger wei) {
        balanceWei.set(wei);
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

    void retry() {
        retries.increment();
    }

    void outcome(String status) {
        outcomes.computeIfAbsent(status, s -> Counter.builder("redeemer.outcomes").tag("status", s).register(registry))
                .increment();
        outcomeCounts.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    public long outcomes(String status) {
        AtomicLong n = outcomeCounts.get(status);
        return n == null ? 0 : n.get();
    }

    public long rpcErrorCount() {
        return rpcErrorCount.get();
    }

    public long queuedTickets() {
        return queued.get();
    }

    public long inFlightTransactions() {
        return inFlightTxs.get();
    }

    public long lastLoopMs() {
        return lastLoopMs;
    }
}
