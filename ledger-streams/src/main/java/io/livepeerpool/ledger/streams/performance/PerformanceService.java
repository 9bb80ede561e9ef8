package io.livepeerpool.ledger.streams.performance;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pool performance}: runs {@link PerformanceTopology} with exactly_once_v2 and publishes
 * {@code pool.transcoder-status}. Its own Kafka Streams application (own id, own scaling). A failed stream thread
 * stops the client (health DOWN); a restart resumes from the last commit with the stores restored from Kafka.
 */
public final class PerformanceService implements Service {
    private static final Logger log = LoggerFactory.getLogger(PerformanceService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final PerformanceConfig config;
    private final PerformanceTopics topics;
    private final Map<String, Object> streamsOverrides;
    private final MeterRegistry meters;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaStreams streams;
    private SchemaRegistryClient registry;
    private KafkaStreamsMetrics streamsMetrics;

    private PerformanceService(PerformanceConfig config, PerformanceTopics topics, Map<String, ?> streamsOverrides,
                               MeterRegistry meters) {
        this.config = config;
        this.topics = topics;
        this.streamsOverrides = Map.copyOf(streamsOverrides);
        this.meters = meters;
    }

    /** For the launcher: the catalogue topics, configured by {@link PerformanceConfig#KEYS}; meters may be null. */
    public static PerformanceService fromConfig(Config config, MeterRegistry meters) {
        return create(PerformanceConfig.from(config), PerformanceTopics.catalogue(), Map.of(), meters);
    }

    /** @param streamsOverrides Kafka Streams properties set last (tests: commit interval) */
    public static PerformanceService create(PerformanceConfig config, PerformanceTopics topics,
                                            Map<String, ?> streamsOverrides, MeterRegistry meters) {
        return new PerformanceService(config, topics, streamsOverrides, meters);
    }

    @Override
    public String name() {
        return "performance " + config.applicationId();
    }

    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name() + " already started or closed");
        }
        log.info("starting {}: bootstrap {}, registry {}, state {}, window {} jobs, limit p95 <= {} ms over >= {} jobs",
                name(), config.bootstrapServers(), config.schemaRegistryUrl(), config.stateDir(), config.windowJobs(),
                config.limit().maxSegmentMs(), config.limit().minSamples());
        try {
            checkTopics();
            registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
            KafkaStreams kafkaStreams = new KafkaStreams(PerformanceTopology.build(topics, config.windowJobs(),
                    config.limit(), registry), properties());
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
            // leave the group at once: a replacement instance takes the partitions without waiting for a timeout
            streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
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
        // static membership (as the ledger): a restart takes its partitions back; close(leaveGroup) removes it at once
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId());
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

    /**
     * The three topics must exist, and jobs and registrations must have as many partitions as each other: the
     * topology relies on one transcoder's jobs and registrations reaching the same task.
     */
    private void checkTopics() {
        List<String> wanted = List.of(topics.jobs(), topics.registrations(), topics.status());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            var existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = new ArrayList<>(wanted.stream().filter(t -> !existing.contains(t)).toList());
            if (!missing.isEmpty()) {
                throw new IllegalStateException(name() + " cannot start: missing topic(s) " + missing
                        + " (create the catalogue topics first)");
            }
            Map<String, TopicDescription> described = admin.describeTopics(List.of(topics.jobs(), topics.registrations()))
                    .allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int jobs = described.get(topics.jobs()).partitions().size();
            int registrations = described.get(topics.registrations()).partitions().size();
            if (jobs != registrations) {
                throw new IllegalStateException(name() + " cannot start: " + topics.jobs() + " has " + jobs
                        + " partitions and " + topics.registrations() + " " + registrations
                        + "; they must be equal (a transcoder's jobs and registrations meet in one task)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not describe topics within "
                    + ADMIN_TIMEOUT + ": " + e, e);
        }
    }
}
