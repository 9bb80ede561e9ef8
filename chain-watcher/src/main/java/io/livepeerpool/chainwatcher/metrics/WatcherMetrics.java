package io.livepeerpool.chainwatcher.metrics;

import io.livepeerpool.chainwatcher.chain.RpcException;
import io.livepeerpool.chainwatcher.decode.KnownEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The watcher's Micrometer meters, all tagged {@code watcher=<chainWatcher.id>}. Block gauges read -1 until known.
 * <pre>
 * chainwatcher.head.block            latest block the RPC node reported
 * chainwatcher.confirmed.block       head - confirmations
 * chainwatcher.cursor.block          last block whose logs are committed to Kafka
 * chainwatcher.lag.blocks            confirmed - cursor (0 when caught up)
 * chainwatcher.last.success.age.seconds  time since the last successful poll
 * chainwatcher.halted                1 after a reorg below the cursor or an undecodable log: needs an operator
 * chainwatcher.rpc.errors{operation} failed JSON-RPC calls (timeouts, HTTP errors, dropped connections, RPC errors)
 * chainwatcher.kafka.errors          failed Kafka transactions / cursor reads (the range is retried)
 * chainwatcher.events{event,outcome} logs decoded: outcome=emitted or filtered (ledger.orchestrators)
 * chainwatcher.batches               committed transactions (events + cursor)
 * chainwatcher.batch.duration        one poll: getLogs, receipts, commit
 * </pre>
 */
public final class WatcherMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicLong head = new AtomicLong(-1);
    private final AtomicLong confirmed = new AtomicLong(-1);
    private final AtomicLong cursor = new AtomicLong(-1);
    private final AtomicLong lastSuccessNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong halted = new AtomicLong();
    private final Counter kafkaErrors;
    private final Counter batches;
    private final Timer batchDuration;
    private final Map<String, Counter> rpcErrors = new ConcurrentHashMap<>();
    private final Map<KnownEvent, Counter> emitted = new EnumMap<>(KnownEvent.class);
    private final Map<KnownEvent, Counter> filtered = new EnumMap<>(KnownEvent.class);
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    public WatcherMetrics(MeterRegistry registry, String watcherId) {
        this.registry = registry;
        this.tags = Tags.of("watcher", watcherId);
        gauge("chainwatcher.head.block", head, AtomicLong::get);
        gauge("chainwatcher.confirmed.block", confirmed, AtomicLong::get);
        gauge("chainwatcher.cursor.block", cursor, AtomicLong::get);
        gauge("chainwatcher.lag.blocks", this, WatcherMetrics::lagBlocks);
        gauge("chainwatcher.last.success.age.seconds", this, m -> m.sinceLastSuccess().toMillis() / 1000.0);
        gauge("chainwatcher.halted", halted, AtomicLong::get);
        kafkaErrors = track(Counter.builder("chainwatcher.kafka.errors").tags(tags).register(registry));
        batches = track(Counter.builder("chainwatcher.batches").tags(tags).register(registry));
        batchDuration = track(Timer.builder("chainwatcher.batch.duration").tags(tags).register(registry));
        for (KnownEvent event : KnownEvent.values()) {
            emitted.put(event, track(Counter.builder("chainwatcher.events").tags(tags)
                    .tags("event", event.eventName(), "outcome", "emitted").register(registry)));
            filtered.put(event, track(Counter.builder("chainwatcher.events").tags(tags)
                    .tags("event", event.eventName(), "outcome", "filtered").register(registry)));
        }
    }

    public void rpcError(RpcException e) {
        rpcErrors.computeIfAbsent(e.operation(), op -> track(Counter.builder("chainwatcher.rpc.errors").tags(tags)
                .tag("operation", op).register(registry))).increment();
    }

    /** All RPC errors so far, every operation. */
    public long rpcErrorCount() {
        return rpcErrors.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    public void kafkaError() {
        kafkaErrors.increment();
    }

    public long kafkaErrorCount() {
        return (long) kafkaErrors.count();
    }

    public void emitted(KnownEvent event) {
        emitted.get(event).increment();
    }

    public void filtered(KnownEvent event) {
        filtered.get(event).increment();
    }

    public void heads(long headBlock, long confirmedBlock) {
        head.set(headBlock);
        confirmed.set(confirmedBlock);
    }

    public void cursor(long block) {
        cursor.set(block);
    }

    public void batchCommitted(Duration took) {
        batches.increment();
        batchDuration.record(took);
    }

    public void pollSucceeded() {
        lastSuccessNanos.set(System.nanoTime());
    }

    public Duration sinceLastSuccess() {
        return Duration.ofNanos(System.nanoTime() - lastSuccessNanos.get());
    }

    public void halted() {
        halted.set(1);
    }

    /**
     * Removes this watcher's meters from the registry, so that a later watcher with the same id in the same process
     * (a restart in a test, or {@code pool dev}) registers gauges bound to its own values.
     */
    @Override
    public void close() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }

    private <T> void gauge(String name, T holder, ToDoubleFunction<T> value) {
        track(Gauge.builder(name, holder, value).tags(tags).strongReference(true).register(registry));
    }

    private <M extends Meter> M track(M meter) {
        meters.add(meter);
        return meter;
    }

    /** confirmed - cursor, or -1 while either is unknown. */
    public long lagBlocks() {
        long c = confirmed.get();
        long k = cursor.get();
        return c < 0 || k < 0 ? -1 : Math.max(0, c - k);
    }
}
