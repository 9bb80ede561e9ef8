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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;

/**
 * The chain part of the gateway's {@code GET /status}: current and last initialized round (RoundsManager), the
 * node's head, the watcher's cursor (from the cursor topic) and the lag between them. A snapshot is reused for
 * {@link StatusSettings#cacheTtl()} (~1 s), whoever asks, so /status cannot hammer the RPC node or Kafka; concurrent
 * callers wait for one refresh. Fails soft: an unreachable RPC node or broker gives null fields and an error string,
 * never an exception. Thread-safe.
 *
 * <pre>{@code
 * ChainStatus status = ChainStatus.fromConfig(config);   // config declared with ChainWatcherConfig.statusKeys()
 * ChainStatusSnapshot s = status.current();              // -> JSON as is
 * status.close();                                        // at shutdown
 * }</pre>
 */
public final class ChainStatus implements AutoCloseable {
    private final StatusSettings settings;
    private final Web3j web3j;
    private final RoundsManagerClient rounds;
    private final ChainReader reader;
    private final AvroDeserializer<ChainCursor> cursorValues;
    private final SchemaRegistryClient ownedRegistry;
    private CursorTail cursor; // made at the first read: a bad bootstrap address is then a reported error, not a crash
    private ChainStatusSnapshot cached;
    private long cachedAtNanos;

    private ChainStatus(StatusSettings settings, SchemaRegistryClient registry, SchemaRegistryClient ownedRegistry) {
        this.settings = settings;
        this.ownedRegistry = ownedRegistry;
        this.web3j = ChainRpc.connect(settings.rpcUrl(), settings.rpcTimeout().toMillis());
        this.reader = new ChainReader(web3j);
        this.rounds = new RoundsManagerClient(reader, settings.contracts().roundsManager());
        this.cursorValues = AvroSerde.forTopic(WatcherTopics.catalogue().cursor(), registry).deserializer();
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

    /** The snapshot of at most {@code cacheTtl} ago, or a fresh one. */
    public synchronized ChainStatusSnapshot current() {
        if (cached == null || System.nanoTime() - cachedAtNanos >= settings.cacheTtl().toNanos()) {
            cached = read();
            cachedAtNanos = System.nanoTime();
        }
        return cached;
    }

    private ChainStatusSnapshot read() {
        List<String> errors = new ArrayList<>();
        Long round = null;
        Long lastInitialized = null;
        Long head = null;
        try {
            head = reader.blockNumber().longValueExact();
            round = rounds.currentRound().longValueExact();
            lastInitialized = rounds.lastInitializedRound().longValueExact();
        } catch (RuntimeException e) {
            // /status is public: the RPC URL (which carries the provider's API key) is never part of the text
            errors.add("rpc: " + SecretMask.scrub(String.valueOf(e.getMessage()), settings.rpcUrl()));
        }
        Long confirmed = null;
        try {
            if (cursor == null) {
                cursor = new CursorTail(settings.bootstrapServers(), settings.cursorTopic(), settings.watcherId(),
                        cursorValues, settings.kafkaTimeout());
            }
            confirmed = cursor.latest().map(ChainCursor::getLastEmittedBlock).orElse(null);
        } catch (RuntimeException e) {
            errors.add("kafka " + settings.bootstrapServers() + ": " + e.getMessage());
        }
        Long lag = head == null || confirmed == null ? null : Math.max(0, head - settings.confirmations() - confirmed);
        return new ChainStatusSnapshot(round, lastInitialized, head, confirmed, lag, settings.contracts().asMap(),
                errors.isEmpty() ? null : String.join("; ", errors));
    }

    @Override
    public synchronized void close() {
        if (cursor != null) {
            cursor.close();
        }
        web3j.shutdown();
        Optional.ofNullable(ownedRegistry).ifPresent(SchemaRegistryClient::close);
    }
}
