package io.livepeerpool.ledger.projector;

import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.platform.ops.Metrics;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects the event topics into the PostgreSQL read model: one consumer thread ({@link ProjectorLoop}) writes each
 * polled batch and its {@code projector_offsets} in one transaction, so the database alone says how far it got.
 * Start runs the Flyway migrations first. Close wakes the consumer up, lets the current transaction finish (a batch is
 * bounded by {@code projector.batchMax}), then closes the consumer, the connection pool and the registry client.
 */
public final class Projector implements Service {
    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    /** Within the runner's default stop bound (service.stopTimeoutMs, 20 s), so the projector reports its own overrun. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);
    /** Health turns DOWN when no poll has completed (and committed) for this long, or 3 poll timeouts if longer. */
    static final Duration STALL_AFTER = Duration.ofSeconds(30);
    static final int DB_CONNECTIONS_MAX = 2;

    private final ProjectorConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final HikariDataSource dataSource;
    private final List<AutoCloseable> alsoOwned;
    private final ProjectorMetrics metrics;
    private final ProjectorLoop loop;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread thread;

    /**
     * @param consumer   unsubscribed; the projector subscribes it, uses it from its own thread only, and closes it
     * @param dataSource the read model's pool; the projector closes it
     * @param topics     what to project (normally {@link ProjectedTopics#catalogue})
     */
    public Projector(ProjectorConfig config, Consumer<byte[], byte[]> consumer, HikariDataSource dataSource,
            List<ProjectedTopic<?>> topics, MeterRegistry registry) {
        this(config, consumer, dataSource, topics, registry, BatchHook.NONE, List.of());
    }

    Projector(ProjectorConfig config, Consumer<byte[], byte[]> consumer, HikariDataSource dataSource,
            List<ProjectedTopic<?>> topics, MeterRegistry registry, BatchHook hook, List<AutoCloseable> alsoOwned) {
        this.config = config;
        this.consumer = consumer;
        this.dataSource = dataSource;
        this.alsoOwned = List.copyOf(alsoOwned);
        this.metrics = new ProjectorMetrics(registry, config.consumerName());
        SkippedRecords skippedRecords = new SkippedRecords(config.consumerName(), metrics);
        OffsetStore offsets = new OffsetStore(dataSource, config.consumerName());
        this.loop = new ProjectorLoop(consumer, topics.stream().map(ProjectedTopic::name).toList(),
                Duration.ofMillis(config.pollTimeoutMs()), new PartitionPositions(consumer, offsets),
                new BatchDecoder(topics, config.batchMax()),
                new BatchWriter(dataSource, offsets, skippedRecords, hook), skippedRecords, metrics, stop);
    }

    /** For the launcher: the catalogue topics, with a registry of its own (see {@link #fromConfig(Config, MeterRegistry)}). */
    public static Projector fromConfig(Config config) {
        return fromConfig(config, Metrics.newRegistry());
    }

    /** For the launcher: the catalogue topics, metered into the process's registry (the one its ops endpoint serves). */
    public static Projector fromConfig(Config config, MeterRegistry registry) {
        return create(ProjectorConfig.from(config), registry);
    }

    public static Projector create(ProjectorConfig config, MeterRegistry registry) {
        return create(config, registry, BatchHook.NONE, schemas -> ProjectedTopics.catalogue(schemas, config.weights()));
    }

    interface TopicsFactory {
        List<ProjectedTopic<?>> topics(SchemaRegistryClient registry);
    }

    static Projector create(ProjectorConfig config, MeterRegistry registry, BatchHook hook, TopicsFactory topics) {
        List<AutoCloseable> built = new ArrayList<>();
        try {
            SchemaRegistryClient schemas = SchemaRegistryClient.connect(config.schemaRegistryUrl());
            built.add(schemas);
            HikariDataSource dataSource = ReadModelDatabase.pool(config.jdbcUrl(), config.dbUser(), config.dbPassword(),
                    DB_CONNECTIONS_MAX, "projector-" + config.consumerName());
            built.add(dataSource);
            Consumer<byte[], byte[]> consumer = ProjectorConsumer.create(config);
            return new Projector(config, consumer, dataSource, topics.topics(schemas), registry, hook, List.of(schemas));
        } catch (RuntimeException e) {
            built.forEach(c -> closeQuietly(c, e));
            throw e;
        }
    }

    @Override
    public String name() {
        return "projector " + config.consumerName();
    }

    @Override
    public void start() {
        if (thread != null || closed.get()) {
            throw new IllegalStateException(name() + " already started or closed");
        }
        log.info("starting {}: {}", name(), config);
        ReadModelDatabase.migrate(dataSource);
        Thread worker = new Thread(loop, "projector-" + config.consumerName());
        worker.setUncaughtExceptionHandler((t, e) -> log.error("{} stopped: consumer thread died", name(), e));
        thread = worker;
        worker.start();
    }

    /** The consumer thread is alive and has completed a poll (and committed what it returned) recently. */
    @Override
    public boolean healthy() {
        Thread worker = thread;
        long sinceNanos = System.nanoTime() - loop.lastProgressNanos();
        long stallNanos = Math.max(STALL_AFTER.toNanos(), Duration.ofMillis(3 * config.pollTimeoutMs()).toNanos());
        return worker != null && worker.isAlive() && !closed.get() && sinceNanos < stallNanos;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stop.countDown();
        Thread worker = thread;
        if (worker == null) {
            closeQuietly(consumer, null);
        } else {
            consumer.wakeup();
            join(worker);
        }
        dataSource.close();
        alsoOwned.forEach(c -> closeQuietly(c, null));
        log.info("{} stopped", name());
    }

    ProjectorMetrics metrics() {
        return metrics;
    }

    Thread thread() {
        return thread;
    }

    private void join(Thread worker) {
        try {
            worker.join(SHUTDOWN_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            // closing the pool under it aborts its transaction: nothing half-written is ever committed
            log.warn("{}: consumer thread still busy after {}; closing the database pool under it", name(),
                    SHUTDOWN_WAIT);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Exception cause) {
        try {
            closeable.close();
        } catch (Exception e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                log.warn("close failed: {}", e.toString());
            }
        }
    }
}
