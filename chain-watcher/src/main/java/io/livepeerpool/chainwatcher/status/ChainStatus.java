package io.livepeerpool.chainwatcher.status;

import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.chainwatcher.ChainWatcherConfig;
import io.livepeerpool.chainwatcher.WatcherTopics;
import io.livepeerpool.chainwatcher.chain.ChainRpc;
import io.livepeerpool.chainwatcher.cursor.CursorTail;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.SecretMask;
import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.web3j.protocol.Web3j;

/**
 * The chain part of the gateway's {@code GET /status}: current and last initialized round (RoundsManager), the
 * node's head, the watcher's cursor (from the cursor topic) and the lag between them.
 *
 * <p>Callers never wait on the RPC node or Kafka: {@link #current()} returns the cached snapshot at once, and when
 * it is older than {@link StatusSettings#cacheTtl()} (~1 s) starts one refresh in the background (single flight:
 * however many callers, one refresh at a time). A refresh reads the three RPC values and the cursor side by side,
 * each bounded by its timeout, and is given up after {@link #refreshTimeout()}; so the snapshot served is at most
 * {@code cacheTtl + refreshTimeout} old (about 4 s with the defaults) whenever /status is called at least once per
 * {@code cacheTtl}. Before the first refresh ends, the snapshot has null fields and says so in {@code error}; the
 * first refresh starts at construction. Fails soft: an unreachable RPC node or broker gives null fields and an error
 * string, never an exception. Thread-safe.
 *
 * <pre>{@code
 * ChainStatus status = ChainStatus.fromConfig(config);   // config declared with ChainWatcherConfig.statusKeys()
 * ChainStatusSnapshot s = status.current();              // -> JSON as is
 * status.close();                                        // at shutdown
 * }</pre>
 */
public final class ChainStatus implements AutoCloseable {
    static final String NOT_READ_YET = "chain status not read yet (first read in progress)";
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(1);

    private record Cached(ChainStatusSnapshot snapshot, long readAtNanos) {
    }

    private final StatusSettings settings;
    private final Web3j web3j;
    private final RoundsManagerClient rounds;
    private final ChainReader reader;
    private final AvroDeserializer<ChainCursor> cursorValues;
    private final SchemaRegistryClient ownedRegistry;
    /** Three RPC reads and the cursor read of one refresh, side by side; daemon threads, so never in the way. */
    private final ExecutorService readers = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon()
            .name("chain-status-", 0).factory());
    private final AtomicReference<Cached> cached;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicLong refreshes = new AtomicLong();
    private final Object cursorLock = new Object();
    private volatile boolean closed;
    private CursorTail cursor; // under cursorLock; made at the first read: a bad bootstrap address is a reported error

    private ChainStatus(StatusSettings settings, SchemaRegistryClient registry, SchemaRegistryClient ownedRegistry) {
        this.settings = settings;
        this.ownedRegistry = ownedRegistry;
        this.web3j = ChainRpc.connect(settings.rpcUrl(), settings.rpcTimeout().toMillis());
        this.reader = new ChainReader(web3j);
        this.rounds = new RoundsManagerClient(reader, settings.contracts().roundsManager());
        try {
            this.cursorValues = AvroSerde.forTopic(WatcherTopics.catalogue().cursor(), registry).deserializer();
        } catch (RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
        this.cached = new AtomicReference<>(new Cached(new ChainStatusSnapshot(null, null, null, null, null,
                settings.contracts().asMap(), NOT_READ_YET), System.nanoTime() - settings.cacheTtl().toNanos()));
        refreshInBackground();
    }

    /** A status reader sharing the caller's registry client (the caller closes it). */
    public static ChainStatus create(StatusSettings settings, SchemaRegistryClient registry) {
        return new ChainStatus(settings, registry, null);
    }

    /**
     * From a configuration declared with {@link ChainWatcherConfig#statusKeys()} (or all watcher keys), with the
     * catalogue's cursor topic and default timeouts; owns its registry client.
     */
    public static ChainStatus fromConfig(Config config) {
        StatusSettings settings = new StatusSettings(config.get(ChainWatcherConfig.RPC_URL),
                ChainWatcherConfig.contracts(config), config.get(ChainWatcherConfig.CONFIRMATIONS),
                config.get(ChainWatcherConfig.KAFKA_BOOTSTRAP_SERVERS), WatcherTopics.catalogue().cursor().name(),
                config.get(ChainWatcherConfig.WATCHER_ID), StatusSettings.RPC_TIMEOUT_DEFAULT,
                StatusSettings.KAFKA_TIMEOUT_DEFAULT, StatusSettings.CACHE_TTL_DEFAULT);
        SchemaRegistryClient registry = SchemaRegistryClient.connect(config.get(ChainWatcherConfig.SCHEMA_REGISTRY_URL));
        return new ChainStatus(settings, registry, registry);
    }

    /** The cached snapshot, at once; starts a background refresh if it is older than {@code cacheTtl}. */
    public ChainStatusSnapshot current() {
        Cached c = cached.get();
        if (System.nanoTime() - c.readAtNanos() >= settings.cacheTtl().toNanos()) {
            refreshInBackground();
        }
        return c.snapshot();
    }

    /**
     * The cached snapshot only if it was read less than {@code maxAge} ago, else empty; never waits, and starts a
     * refresh as {@link #current()} does. For callers that act on the values (the gateway's round check): after a
     * quiet spell the cached snapshot may be hours old and must not decide anything; a call a moment later finds the
     * refreshed one. {@code maxAge} should be well above {@code cacheTtl + refreshTimeout}, the age a snapshot reaches
     * between refreshes while calls keep coming.
     */
    public Optional<ChainStatusSnapshot> currentIfReadWithin(Duration maxAge) {
        Cached c = cached.get();
        long ageNanos = System.nanoTime() - c.readAtNanos();
        if (ageNanos >= settings.cacheTtl().toNanos()) {
            refreshInBackground();
        }
        return ageNanos < maxAge.toNanos() ? Optional.of(c.snapshot()) : Optional.empty();
    }

    /** Refreshes started so far (each reads the three RPC values and the cursor once). */
    public long refreshes() {
        return refreshes.get();
    }

    /** The longest one refresh may take: its slowest read, plus a margin; then it is given up and reported. */
    Duration refreshTimeout() {
        Duration slowest = settings.rpcTimeout().compareTo(settings.kafkaTimeout()) >= 0
                ? settings.rpcTimeout() : settings.kafkaTimeout();
        return slowest.plus(REFRESH_MARGIN);
    }

    private void refreshInBackground() {
        if (closed || !refreshing.compareAndSet(false, true)) {
            return;
        }
        refreshes.incrementAndGet();
        try {
            CompletableFuture<Long> head = read(() -> reader.blockNumber().longValueExact());
            CompletableFuture<Long> round = read(() -> rounds.currentRound().longValueExact());
            CompletableFuture<Long> lastInitialized = read(() -> rounds.lastInitializedRound().longValueExact());
            CompletableFuture<Long> confirmed = read(this::confirmedBlock);
            CompletableFuture.allOf(head, round, lastInitialized, confirmed)
                    .orTimeout(refreshTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((done, failure) -> {
                        try {
                            cached.set(new Cached(snapshot(head, round, lastInitialized, confirmed), System.nanoTime()));
                        } finally {
                            refreshing.set(false);
                        }
                    });
        } catch (RejectedExecutionException e) { // closed meanwhile
            refreshing.set(false);
        }
    }

    private CompletableFuture<Long> read(Supplier<Long> value) {
        return CompletableFuture.supplyAsync(value, readers);
    }

    private Long confirmedBlock() {
        synchronized (cursorLock) {
            if (cursor == null) {
                cursor = new CursorTail(settings.bootstrapServers(), settings.cursorTopic(), settings.watcherId(),
                        cursorValues, settings.kafkaTimeout());
            }
            return cursor.latest().map(ChainCursor::getLastEmittedBlock).orElse(null);
        }
    }

    private ChainStatusSnapshot snapshot(CompletableFuture<Long> headRead, CompletableFuture<Long> roundRead,
                                         CompletableFuture<Long> lastInitializedRead, CompletableFuture<Long> confirmedRead) {
        List<String> errors = new ArrayList<>();
        Long head = value(headRead);
        Long round = value(roundRead);
        Long lastInitialized = value(lastInitializedRead);
        Long confirmed = value(confirmedRead);
        Stream.of(headRead, roundRead, lastInitializedRead).map(this::failure).flatMap(Optional::stream).findFirst()
                // /status is public: the RPC URL (which carries the provider's API key) is never part of the text
                .ifPresent(e -> errors.add("rpc: " + SecretMask.scrub(e, settings.rpcUrl())));
        failure(confirmedRead).ifPresent(e -> errors.add("kafka " + settings.bootstrapServers() + ": " + e));
        Long lag = head == null || confirmed == null ? null : Math.max(0, head - settings.confirmations() - confirmed);
        return new ChainStatusSnapshot(round, lastInitialized, head, confirmed, lag, settings.contracts().asMap(),
                errors.isEmpty() ? null : String.join("; ", errors));
    }

    private static Long value(CompletableFuture<Long> read) {
        return read.isDone() && !read.isCompletedExceptionally() ? read.join() : null;
    }

    /** Why {@code read} gave no value: its exception's message, or that it did not finish in time. */
    private Optional<String> failure(CompletableFuture<Long> read) {
        if (!read.isDone()) {
            return Optional.of("no answer within " + refreshTimeout().toMillis() + " ms");
        }
        if (!read.isCompletedExceptionally()) {
            return Optional.empty();
        }
        Throwable e = read.exceptionNow();
        return Optional.of(String.valueOf((e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)
                .getMessage()));
    }

    @Override
    public void close() {
        closed = true;
        readers.shutdownNow();
        try {
            readers.awaitTermination(refreshTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (cursorLock) {
            if (cursor != null) {
                cursor.close();
            }
        }
        web3j.shutdown();
        Optional.ofNullable(ownedRegistry).ifPresent(SchemaRegistryClient::close);
    }
}
