package io.livepeerpool.chainwatcher;

import io.livepeerpool.chainwatcher.chain.ChainRpc;
import io.livepeerpool.chainwatcher.chain.RpcException;
import io.livepeerpool.chainwatcher.cursor.CursorReadException;
import io.livepeerpool.chainwatcher.cursor.CursorReader;
import io.livepeerpool.chainwatcher.decode.LogDecoder;
import io.livepeerpool.chainwatcher.decode.UndecodableLogException;
import io.livepeerpool.chainwatcher.metrics.WatcherMetrics;
import io.livepeerpool.chainwatcher.poll.Backoff;
import io.livepeerpool.chainwatcher.poll.PollResult;
import io.livepeerpool.chainwatcher.poll.Poller;
import io.livepeerpool.chainwatcher.poll.WatcherHaltException;
import io.livepeerpool.chainwatcher.publish.BatchPublisher;
import io.livepeerpool.chainwatcher.publish.CommitHook;
import io.livepeerpool.chainwatcher.publish.PublishFailedException;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.SecretMask;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/**
 * The chain watcher: one thread that turns confirmed logs of the TicketBroker, RoundsManager and BondingManager into
 * {@code ChainEvent} records, exactly once. Each poll's events and the new cursor are one Kafka transaction; the
 * cursor, read back from its compacted topic whenever the producer is (re)opened, is the only state.
 *
 * <p>Failures: an RPC error or timeout, or a Kafka failure, is counted, logged and retried with bounded exponential
 * backoff (after a Kafka failure the producer is replaced and the cursor re-read, so the same range is retried from
 * what is really committed). Nothing ends the process. Only a {@link WatcherHaltException} (reorg below the cursor,
 * wrong chain, bad topic layout) or an undecodable log stops the thread: {@link #healthy()} turns false and the
 * {@code chainwatcher.halted} gauge 1, for an operator to decide.
 */
public final class ChainWatcher implements Service {
    private static final Logger log = LoggerFactory.getLogger(ChainWatcher.class);

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
    private BatchPublisher publisher; // worker thread only, and close() once the thread has ended

    private ChainWatcher(WatcherSettings settings, WatcherTopics topics, MeterRegistry meterRegistry) {
        this.settings = settings;
        this.topics = topics;
        this.metrics = new WatcherMetrics(meterRegistry, settings.watcherId());
        this.web3j = ChainRpc.connect(settings.rpcUrl(), settings.rpcTimeout().toMillis());
        this.rpc = new ChainRpc(web3j, metrics::rpcError);
        this.registry = SchemaRegistryClient.connect(settings.schemaRegistryUrl());
        this.eventSerde = AvroSerde.forTopic(topics.events(), registry);
        this.cursorSerde = AvroSerde.forTopic(topics.cursor(), registry);
        this.cursorReader = new CursorReader(settings.bootstrapServers(), topics.cursor().name(),
                cursorSerde.deserializer(), settings.kafkaTimeout());
        this.poller = new Poller(settings.watcherId(), rpc, settings.contracts(),
                new LogDecoder(settings.contracts(), settings.orchestrators()), metrics, settings.confirmations(),
                settings.startBlock(), settings.blockRangeMax());
        this.backoff = new Backoff(settings.retryBackoffMin(), settings.retryBackoffMax());
    }

    /** The watcher of {@code pool chain-watcher}: a configuration loaded with {@link ChainWatcherConfig#keys()}. */
    public static ChainWatcher fromConfig(Config config, MeterRegistry meterRegistry) {
        WatcherSettings settings = ChainWatcherConfig.settings(config);
        return create(settings, WatcherTopics.catalogue(), meterRegistry);
    }

    /** A watcher writing to {@code topics} (the catalogue's, or renamed ones in tests). Not started. */
    public static ChainWatcher create(WatcherSettings settings, WatcherTopics topics, MeterRegistry meterRegistry) {
        return new ChainWatcher(settings, topics, meterRegistry);
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
                join(t, Duration.ofSeconds(5));
            }
        }
        closeSession();
        web3j.shutdown();
        registry.close();
        metrics.close();
    }

    private void run() {
        while (stopping.getCount() > 0) {
            try {
                PollResult result = step();
                backoff.reset();
                metrics.pollSucceeded();
                if (result.caughtUp()) {
                    pause(settings.pollInterval());
                }
            } catch (WatcherHaltException | UndecodableLogException e) {
                halt(e);
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
                log.error("{}: unexpected failure; retrying", name(), e);
                closeSession();
                pause(backoff.next());
            }
        }
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
        chainChecked = true;
    }

    private void closeSession() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    private void halt(RuntimeException e) {
        halted = true;
        metrics.halted();
        log.error("{}: STOPPED, nothing more is emitted until an operator intervenes (see README, Reorgs): {}",
                name(), e.getMessage());
        closeSession();
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
