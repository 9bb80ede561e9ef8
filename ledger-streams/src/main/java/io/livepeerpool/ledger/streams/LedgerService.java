package io.livepeerpool.ledger.streams;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pool ledger}: runs {@link LedgerTopology} with exactly_once_v2. Start checks that the ledger's topics exist
 * (creating them is the deployment's job; Kafka Streams creates only its changelogs) and reads the jobs topic's
 * partition count, the number of subtotals the barrier waits for. A failed stream thread stops the whole client: the ledger never skips a
 * money event, it stops and says why (health turns DOWN), and a restart resumes from the last commit.
 */
public final class LedgerService implements Service {
    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);
    /** Within the runner's default stop bound (service.stopTimeoutMs, 20 s), so the ledger reports its own overrun. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

    private final LedgerConfig config;
    private final LedgerTopics topics;
    private final Map<String, Object> streamsOverrides;
    private final MeterRegistry meters;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaStreams streams;
    private SchemaRegistryClient registry;
    private Admin admin;
    private ScheduledExecutorService purger;
    private KafkaStreamsMetrics streamsMetrics;

    private LedgerService(LedgerConfig config, LedgerTopics topics, Map<String, ?> streamsOverrides,
                          MeterRegistry meters) {
        this.config = config;
        this.topics = topics;
        this.streamsOverrides = Map.copyOf(streamsOverrides);
        this.meters = meters;
    }

    /** For the launcher: the catalogue topics, configured by {@link LedgerConfig#KEYS}. */
    public static LedgerService fromConfig(Config config) {
        return create(LedgerConfig.from(config), LedgerTopics.catalogue(), Map.of(), null);
    }

    /** For the launcher: as {@link #fromConfig(Config)}, with the Kafka Streams metrics in {@code meters}. */
    public static LedgerService fromConfig(Config config, MeterRegistry meters) {
        return create(LedgerConfig.from(config), LedgerTopics.catalogue(), Map.of(), meters);
    }

    /**
     * @param streamsOverrides Kafka Streams properties set last (tests: shorter session timeouts; the bench)
     * @param meters           where to publish the Kafka Streams metrics, or null
     */
    public static LedgerService create(LedgerConfig config, LedgerTopics topics, Map<String, ?> streamsOverrides,
                                       MeterRegistry meters) {
        return new LedgerService(config, topics, streamsOverrides, meters);
    }

    @Override
    public String name() {
        return "ledger " + config.applicationId();
    }

    @Override
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name() + " already started or closed");
        }
        log.info("starting {}: bootstrap {}, registry {}, state {}, {} thread(s), {}", name(),
                config.bootstrapServers(), config.schemaRegistryUrl(), config.stateDir(), config.numStreamThreads(),
                config.policy());
        try {
            startStreams();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startStreams() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()));
        LedgerTopics actual = topics.withJobPartitions(checkTopics());
        registry = SchemaRegistryClient.connect(config.schemaRegistryUrl());
        KafkaStreams kafkaStreams = new KafkaStreams(
                LedgerTopology.build(actual, config.policy(), LedgerSerdes.avro(registry)), properties());
        kafkaStreams.setUncaughtExceptionHandler(e -> {
            log.error("{} stops: a stream thread failed and nothing may be skipped: {}", name(), oneLine(e));
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        kafkaStreams.setStateListener((now, before) -> log.info("{}: {} -> {}", name(), before, now));
        if (meters != null) {
            streamsMetrics = new KafkaStreamsMetrics(kafkaStreams);
            streamsMetrics.bindTo(meters);
        }
        streams = kafkaStreams;
        kafkaStreams.start();
        purger = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ledger-purge"));
        purger.scheduleWithFixedDelay(new ConsumedRecordsPurger(admin, config.applicationId(),
                        actual.internal().stream().map(TopicSpec::name).toList()),
                PURGE_INTERVAL.toMillis(), PURGE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Running or rebalancing; DOWN before start, after a fatal error and after close. */
    @Override
    public boolean healthy() {
        KafkaStreams current = streams;
        return current != null && !closed.get() && (current.state() == KafkaStreams.State.RUNNING
                || current.state() == KafkaStreams.State.REBALANCING);
    }

    /** The Kafka Streams state, {@code null} before start. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    /** The ids of the tasks this instance runs now, e.g. {@code [0_1, 2_0]}; empty before start. */
    String activeTasks() {
        KafkaStreams current = streams;
        if (current == null) {
            return "[]";
        }
        return current.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().toString()).sorted().toList().toString();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (purger != null) {
            purger.shutdownNow();
        }
        if (streams != null) {
            // Leave the group now (static membership: the admin client removes this member), so that the next start,
            // here or on another instance, does not wait out the dead member's session in a rebalance.
            long begun = System.nanoTime();
            boolean done = streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
            if (!done) {
                log.warn("{}: stream threads still running after {} (state {}); abandoning them", name(), CLOSE_TIMEOUT,
                        streams.state());
            } else {
                log.info("{}: streams closed, left the group, in {} ms", name(), (System.nanoTime() - begun) / 1_000_000);
            }
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (admin != null) {
            admin.close(ADMIN_TIMEOUT);
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
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.numStreamThreads());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Static membership: a restart inside the session timeout takes its partitions back without a rebalance, and
        // close(leaveGroup) can remove the member at once. One id per instance: instances differ by state directory.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId());
        // A settlement is one transaction: the Settlement, one Allocation per transcoder and its balance, the payout
        // requests. At 100,000 transcoders on a loaded machine that outlasts Kafka Streams' 10 s default, the broker
        // aborts it and the ledger retries the same settlement for ever (LedgerScaleTest). The cost of a longer bound:
        // a crashed instance's open transaction holds read_committed readers back until it expires.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) TRANSACTION_TIMEOUT.toMillis());
        props.putAll(streamsOverrides);
        return props;
    }

    /** The application id, the host and the state directory: stable across restarts, distinct between instances. */
    String instanceId() {
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
     * Every problem with the topics at once; returns the jobs topic's partition count. Chain events must have one
     * partition: the order of transfers and NewRounds is what attributes revenue to rounds.
     */
    private int checkTopics() {
        Map<String, TopicDescription> found = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (TopicSpec<?> topic : topics.all()) {
            try {
                found.put(topic.name(), admin.describeTopics(List.of(topic.name())).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic.name()));
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    problems.add(topic.name() + ": missing (create the catalogue topics before starting the ledger)");
                } else {
                    throw new IllegalStateException("cannot describe topic " + topic.name() + ": " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the ledger's topics", e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not answer within "
                        + ADMIN_TIMEOUT, e);
            }
        }
        for (TopicSpec<?> single : topics.singlePartition()) {
            TopicDescription found1 = found.get(single.name());
            if (found1 != null && found1.partitions().size() != 1) {
                problems.add(single.name() + ": has " + found1.partitions().size() + " partitions, the ledger "
                        + "needs exactly 1 (" + (single == topics.chainEvents() ? "block order"
                        : "read by the one settlement task that holds the balances") + ")");
            }
        }
        TopicDescription jobs = found.get(topics.jobs().name());
        TopicDescription markers = found.get(topics.epochMarkers().name());
        if (jobs != null && markers != null && jobs.partitions().size() != markers.partitions().size()) {
            problems.add(topics.epochMarkers().name() + ": has " + markers.partitions().size() + " partitions, the "
                    + "ledger needs as many as " + topics.jobs().name() + " (" + jobs.partitions().size()
                    + "): partition p closes the epoch of jobs partition p");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the ledger cannot start: " + String.join("; ", problems));
        }
        return jobs.partitions().size();
    }

    private static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder(String.valueOf(e));
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            line.append(" <- ").append(cause);
        }
        return line.toString().replace('\n', ' ');
    }
}
