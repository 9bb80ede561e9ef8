package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.chain.contracts.BondingManagerClient;
import io.livepeerpool.chain.contracts.RoundsManagerClient;
import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.tx.ChainReader;
import io.livepeerpool.ledger.maxfloat.SenderViews;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code pool max-float}: runs {@link MaxFloatTopology} with exactly_once_v2 and publishes {@code pool.max-float}.
 * Its own Kafka Streams application (own id, own scaling, and the only part of ledger-streams that calls the chain).
 * A failed stream thread stops the client (health DOWN): a max float computed from a skipped event would be wrong
 * for as long as the sender lives, so it stops and says why; a restart resumes from the last commit.
 */
public final class MaxFloatService implements Service {
    private static final Logger log = LoggerFactory.getLogger(MaxFloatService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final MaxFloatConfig config;
    private final MaxFloatTopics topics;
    private final Map<String, Object> streamsOverrides;
    private final MeterRegistry meters;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaStreams streams;
    private SchemaRegistryClient registry;
    private Web3j web3j;
    private KafkaStreamsMetrics streamsMetrics;

    private MaxFloatService(MaxFloatConfig config, MaxFloatTopics topics, Map<String, ?> streamsOverrides,
                            MeterRegistry meters) {
        this.config = config;
        this.topics = topics;
        this.streamsOverrides = Map.copyOf(streamsOverrides);
        this.meters = meters;
    }

    /** For the launcher: the catalogue topics, configured by {@link MaxFloatConfig#KEYS}; meters may be null. */
    public static MaxFloatService fromConfig(Config config, MeterRegistry meters) {
        return create(MaxFloatConfig.from(config), MaxFloatTopics.catalogue(), Map.of(), meters);
    }

    /** @param streamsOverrides Kafka Streams properties set last (tests: commit interval, session timeouts) */
    public static MaxFloatService create(MaxFloatConfig config, MaxFloatTopics topics, Map<String, ?> streamsOverrides,
                                         MeterRegistry meters) {
        return new MaxFloatService(config, topics, streamsOverrides, meters);
    }

    @Override
    public String name() {
        return "max-float " + config.applicationId();
    }

    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name() + " already started or closed");
        }
        log.info("starting {}: bootstrap {}, registry {}, recipient {}, state {}, {} partition(s)", name(),
                config.bootstrapServers(), config.schemaRegistryUrl(), config.recipient().hex(), config.stateDir(),
                config.partitions());
        try {
            checkTopics();
            registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
            web3j = Web3j.build(new HttpService(config.rpcUrl()));
            KafkaStreams kafkaStreams = new KafkaStreams(MaxFloatTopology.build(topics, config.recipient().hex(),
                    config.partitions(), views(new ChainReader(web3j)), registry), properties());
            kafkaStreams.setUncaughtExceptionHandler(e -> {
                log.error("{} stops: a stream thread failed: {}", name(), String.valueOf(e).replace('\n', ' '));
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            kafkaStreams.setStateListener((now, before) -> log.info("{}: {} -> {}", name(), before, now));
            if (meters != null) {
                streamsMetrics = new KafkaStreamsMetrics(kafkaStreams);
                streamsMetrics.bindTo(meters);
            }
            streams = kafkaStreams;
            kafkaStreams.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private SenderViews views(ChainReader reader) {
        return new ChainSenderViews(reader, new TicketBrokerClient(reader, config.ticketBroker()),
                new BondingManagerClient(reader, config.bondingManager()),
                new RoundsManagerClient(reader, config.roundsManager()), config.recipient());
    }

    @Override
    public boolean healthy() {
        KafkaStreams current = streams;
        return current != null && !closed.get() && (current.state() == KafkaStreams.State.RUNNING
                || current.state() == KafkaStreams.State.REBALANCING);
    }

    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (streams != null) {
            // Leave the group now (static membership, as the ledger does): a start right after, on the same kept
            // application id, does not wait out this member's session in a rebalance.
            streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (web3j != null) {
            web3j.shutdown();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // a new value should reach MonitorMaxFloat streams within a second: commit (and so publish) often
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                instanceId());
        props.putAll(streamsOverrides);
        return props;
    }

    /** The application id, the host and the state directory: stable across restarts, distinct between instances. */
    private String instanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        String dir = config.stateDir().toAbsolutePath().normalize().toString();
        return config.applicationId() + "-" + host.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + Integer.toHexString(dir.hashCode());
    }

    /** The four topics must exist (the deployment creates the catalogue); all missing ones named at once. */
    private void checkTopics() {
        List<String> wanted = List.of(topics.chainEvents(), topics.redemptionIntents(), topics.redemptions(),
                topics.maxFloat());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = wanted.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(name() + " cannot start: missing topic(s) " + missing
                        + " (create the catalogue topics first)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not list topics within "
                    + ADMIN_TIMEOUT + ": " + e, e);
        }
    }
}
