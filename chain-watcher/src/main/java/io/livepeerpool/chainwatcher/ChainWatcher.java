package io.livepeerpool.chainwatcher;

import io.livepeerpool.chainwatcher.chain.ChainRpc;
import io.livepeerpool.chainwatcher.chain.RpcException;
import io.livepeerpool.chainwatcher.cursor.CursorReadException;
import io.livepeerpool.chainwatcher.cursor.CursorReader;
import io.livepeerpool.chainwatcher.decode.LogDecoder;
import io.livepeerpool.chainwatcher.decode.UndecodableLogException;
import io.livepeerpool.chainwatcher.metrics.WatcherMetrics;
import io.livepeerpool.chainwatcher.poll.PollResult;
import io.livepeerpool.chainwatcher.poll.Poller;
import io.livepeerpool.chainwatcher.poll.WatcherHaltException;
import io.livepeerpool.chainwatcher.publish.BatchPublisher;
import io.livepeerpool.chainwatcher.publish.CommitHook;
import io.livepeerpool.chainwatcher.publish.PublishFailedException;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.SecretMask;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.platform.retry.Backoff;
import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/**
 * The chain watcher: one thread that turns confirmed logs of the TicketBroker, RoundsManager and BondingManager into
 * {@code ChainEvent} records, exactly once. Each poll's events and the new cursor are one Kafka transaction; the
 * cursor, read back from its compacted topic whenever the producer is (re)opened, is the only state.
 *
 * <p>Failures: only the transient kinds are retried: an RPC error or timeout, a Kafka failure, an I/O error or a
 * Kafka retriable exception is counted, logged and retried with bounded exponential backoff (after a Kafka failure
 * the producer is replaced and the cursor re-read, so the same range is retried from what is really committed).
 * Anything else halts the watcher with one log line: a {@link WatcherHaltException} (reorg below the cursor, wrong
 * chain, bad topic layout), an undecodable log, or an unexpected exception (a bug: retrying it would only repeat
 * it). Then {@link #healthy()} turns false and the {@code chainwatcher.halted} gauge 1, for an operator to decide.
 * Nothing ends the process.
 *
 * <p>Threads: the Kafka session (producer) belongs to the worker thread, which closes it as it ends; {@link #close()}
 * stops and joins that thread (bounded) and never closes the session under it.
 */
public final class ChainWatcher implements Service {
    private static final Logger log = LoggerFactory.getLogger(ChainWatcher.class);
    /** How long {@link #close()} waits for the worker after interrupting it (on top of one step's bound). */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(2);

    private final WatcherSettings settings;
    private final WatcherTopics topics;
    private final WatcherMetrics metrics;
    private final Web3j web3j;
    private final ChainRpc rpc;
    private final SchemaRegistryClient registry;
    private final AvroSerde<ChainEvent> eventSerde;
    private final AvroSerde<ChainCursor> cursorSerde;
    private final CursorReader cursorReader;
    private final Poller poller;
    private final Backoff backoff;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CommitHook commitHook = CommitHook.NONE;
    private volatile Thread thread;
    private volatile boolean halted;
    private volatile Optional<ChainCursor> committed = Optional.empty();
    private boolean chainChecked;
    private BatchPublisher publisher; // the worker thread's; close() touches it only after joining that thread

    /** Opens the two connections a watcher holds; a seam so that a test can make the second one fail. */
    interface Connections {
        Connections LIVE = new Connections() {
            @Override
            public Web3j web3j(WatcherSettings settings) {
                return ChainRpc.connect(settings.rpcUrl(), settings.rpcTimeout().toMillis());
            }

            @Override
            public SchemaRegistryClient registry(WatcherSettings settings) {
                return SchemaRegistryClient.connect(settings.schemaRegistryUrl());
            }
        };

        Web3j web3j(WatcherSettings settings);

        SchemaRegistryClient registry(WatcherSettings settings);
    }

    /** Takes ownership of {@code web3j} and {@code registry} only once it returns; metrics are registered last. */
    private ChainWatcher(WatcherSettings settings, WatcherTopics topics, MeterRegistry meterRegistry, Web3j web3j,
                         SchemaRegistryClient registry) {
        this.settings = settings;
        this.topics = topics;
        this.web3j = web3j;
        this.registry = registry;
        this.eventSerde = AvroSerde.forTopic(topics.events(), registry);
        this.cursorSerde = AvroSerde.forTopic(topics.cursor(), registry);
        this.cursorReader = new CursorReader(settings.bootstrapServers(), topics.cursor().name(),
                cursorSerde.deserializer(), settings.kafkaTimeout());
        this.backoff = new Backoff(settings.retryBackoffMin(), settings.retryBackoffMax());
        this.metrics = new WatcherMetrics(meterRegistry, settings.watcherId());
        this.rpc = new ChainRpc(web3j, metrics::rpcError);
        this.poller = new Poller(settings.watcherId(), rpc, settings.contracts(),
                new LogDecoder(settings.contracts(), settings.orchestrators()), metrics, settings.confirmations(),
                settings.startBlock(), settings.blockRangeMax());
    }

    /** The watcher of {@code pool chain-watcher}: a configuration loaded with {@link ChainWatcherConfig#keys()}. */
    public static ChainWatcher fromConfig(Config config, MeterRegistry meterRegistry) {
        WatcherSettings settings = ChainWatcherConfig.settings(config);
        return create(settings, WatcherTopics.catalogue(), meterRegistry);
    }

    /** A watcher writing to {@code topics} (the catalogue's, or renamed ones in tests). Not started. */
    public static ChainWatcher create(WatcherSettings settings, WatcherTopics topics, MeterRegistry meterRegistry) {
        return create(settings, topics, meterRegistry, Connections.LIVE);
    }

    /** As above; whatever was opened is closed again if a later step fails. */
    static ChainWatcher create(WatcherSettings settings, WatcherTopics topics, MeterRegistry meterRegistry,
                               Connections connections) {
        Web3j web3j = connections.web3j(settings);
        SchemaRegistryClient registry = null;
        try {
            registry = connections.registry(settings);
            return new ChainWatcher(settings, topics, meterRegistry, web3j, registry);
        } catch (RuntimeException | Error e) {
            if (registry != null) {
                closeQuietly(registry::close, e);
            }
            closeQuietly(web3j::shutdown, e);
            throw e;
        }
    }

    private static void closeQuietly(Runnable close, Throwable failure) {
        try {
            close.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Test seam: called between sending a batch and committing it. Set before {@link #start()}. */
    ChainWatcher withCommitHook(CommitHook hook) {
        this.commitHook = hook;
        return this;
    }

    @Override
    public String name() {
        return "chain-watcher[" + settings.watcherId() + "]";
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name() + " already started");
        }
        log.info("{}: watching {} at {} (confirmations {}, start {}, orchestrators {}) -> {}", name(),
                settings.contracts().asMap(), SecretMask.origin(settings.rpcUrl()), settings.confirmations(), settings.startBlock(),
                settings.orchestrators(), topics.events().name());
        thread = new Thread(this::run, name());
        thread.setDaemon(true);
        thread.start();
    }

    /** Running, not halted, and the last successful poll is more recent than {@code chainWatcher.healthStaleMs}. */
    @Override
    public boolean healthy() {
        Thread t = thread;
        return t != null && t.isAlive() && !halted && metrics.sinceLastSuccess().compareTo(settings.healthStale()) < 0;
    }

    /** True after a condition that needs an operator (see {@link WatcherHaltException}). */
    public boolean halted() {
        return halted;
    }

    /** The last cursor this watcher read or committed: every log up to its block is in the events topic. */
    public Optional<ChainCursor> cursor() {
        return committed;
    }

    public WatcherMetrics metrics() {
        return metrics;
    }

    public WatcherSettings settings() {
        return settings;
    }

    /**
     * Stops the worker and waits for it: one step's bound ({@code stepTimeout}), then an interrupt and a short grace.
     * The worker closes its Kafka session itself as it ends (after an {@code Error} it is closed here, once the thread
     * has ended); if it has not ended by then (a call that ignores both its timeout and the interrupt), the session is
     * left to it rather than closed under it, and one line says so.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            // Let the current step end by itself (every call in it is bounded); interrupt only if it does not.
            join(t, settings.stepTimeout());
            if (t.isAlive()) {
                t.interrupt();
                join(t, INTERRUPT_GRACE);
            }
            if (t.isAlive()) {
                log.warn("{}: worker did not stop within {} ms; it closes its Kafka session when its current call "
                        + "returns", name(), settings.stepTimeout().plus(INTERRUPT_GRACE).toMillis());
            } else {
                closeSession(); // left open only if the worker died of an Error; it has ended (joined), so no race
            }
        }
        web3j.shutdown();
        registry.close();
        metrics.close();
    }

    /** True while the worker thread runs (it may outlive {@link #close()}, see there). */
    boolean workerAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    private void run() {
        loop();
        closeSession(); // the session is this thread's: close() touches it only once this thread has ended
    }

    private void loop() {
        while (stopping.getCount() > 0) {
            try {
                PollResult result = step();
                backoff.reset();
                metrics.pollSucceeded();
                if (result.caughtUp()) {
                    pause(settings.pollInterval());
                }
            } catch (WatcherHaltException | UndecodableLogException e) {
                halt(e.getMessage());
                return;
            } catch (RpcException e) {
                pauseAfterFailure("RPC", e);
            } catch (PublishFailedException | CursorReadException e) {
                metrics.kafkaError();
                closeSession(); // a new producer (same transactional.id) and a fresh cursor read on the next step
                pauseAfterFailure(e instanceof PublishFailedException p && p.fenced()
                        ? "Kafka (fenced: another watcher with id " + settings.watcherId() + ", or a timed-out transaction)"
                        : "Kafka", e);
            } catch (RuntimeException e) {
                if (stopping.getCount() == 0) {
                    return; // closing: whatever failed failed because the connections are going away
                }
                if (!isTransient(e)) {
                    halt("unexpected " + e + " at " + where(e) + " (a bug, not retried)");
                    return;
                }
                closeSession();
                pauseAfterFailure("transient", e);
            }
        }
    }

    /** I/O errors and Kafka's retriable exceptions, anywhere in the cause chain; the rest is not worth a retry. */
    static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RpcException || c instanceof PublishFailedException || c instanceof CursorReadException
                    || c instanceof UncheckedIOException || c instanceof java.io.IOException
                    || c instanceof RetriableException || c instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "(no stack trace)" : trace[0].toString();
    }

    private PollResult step() {
        if (publisher == null) {
            openSession();
        }
        PollResult result = poller.poll(committed, publisher);
        committed = result.cursor();
        committed.ifPresent(c -> metrics.cursor(c.getLastEmittedBlock()));
        return result;
    }

    /**
     * (Re)opens the transactional producer, which fences older producers with our id and settles what they left open,
     * and only then reads the cursor: after that no transaction of ours can still change it.
     */
    private void openSession() {
        if (!chainChecked) {
            checkChain();
        }
        publisher = BatchPublisher.open(settings.bootstrapServers(), settings.watcherId(), settings.kafkaTimeout(),
                topics, eventSerde.serializer(), cursorSerde.serializer(), commitHook);
        int partitions = publisher.partitions(topics.events().name());
        if (partitions != 1) {
            throw new WatcherHaltException(topics.events().name() + " has " + partitions
                    + " partitions; it must have exactly 1, or consumers lose the block order");
        }
        committed = cursorReader.read(settings.watcherId());
        committed.ifPresentOrElse(
                c -> {
                    metrics.cursor(c.getLastEmittedBlock());
                    log.info("{}: resuming after block {} ({})", name(), c.getLastEmittedBlock(), c.getLastEmittedBlockHash());
                },
                () -> {
                    if (!settings.startBlock().latest()) {
                        metrics.cursor(settings.startBlock().block() - 1);
                    }
                    log.info("{}: no cursor yet; starting at block {}", name(), settings.startBlock());
                });
    }

    private void checkChain() {
        if (settings.expectedChainId().isPresent()) {
            long chainId = rpc.chainId();
            if (chainId != settings.expectedChainId().getAsLong()) {
                throw new WatcherHaltException("chain.rpcUrl serves chain id " + chainId + ", but chain.preset expects "
                        + settings.expectedChainId().getAsLong());
            }
        }
        if (settings.orchestrators().acceptsAll()) {
            long chainId = rpc.chainId();
            if (chainId != ChainWatcherConfig.DEV_CHAIN_ID) {
                throw new WatcherHaltException(ChainWatcherConfig.POOL_ORCHESTRATORS.name() + " is required: chain.rpcUrl "
                        + "serves chain id " + chainId + ", not the dev chain (" + ChainWatcherConfig.DEV_CHAIN_ID
                        + "), and every orchestrator's tickets would be emitted as the pool's");
            }
            log.warn("{}: {} not set: emitting every orchestrator's transfers (dev chain only)", name(),
                    ChainWatcherConfig.POOL_ORCHESTRATORS.name());
        }
        chainChecked = true;
    }

    private void closeSession() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    private void halt(String reason) {
        halted = true;
        metrics.halted();
        log.error("{}: STOPPED, nothing more is emitted until an operator intervenes (see README, Reorgs): {}",
                name(), reason);
    }

    private void pauseAfterFailure(String what, RuntimeException e) {
        Duration wait = backoff.next();
        log.warn("{}: {} failure, retrying in {} ms: {}", name(), what, wait.toMillis(), e.getMessage());
        pause(wait);
    }

    /** Sleeps for {@code wait}, or less if {@link #close()} is called meanwhile. */
    private void pause(Duration wait) {
        try {
            stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }

    private static void join(Thread t, Duration timeout) {
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
