package io.livepeerpool.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in this JVM: one {@link KafkaRaftServer} in combined broker + controller mode (KRaft,
 * static quorum of itself), PLAINTEXT on 127.0.0.1, log directory {@code <dir>}. Sized for a one-node cluster that
 * still supports idempotent and transactional producers and Kafka Streams {@code exactly_once_v2}.
 */
final class KafkaBroker implements AutoCloseable {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final KafkaRaftServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats {@code logDir} on first use, starts the server and waits until the broker answers a describeCluster.
     *
     * @param port           PLAINTEXT listener for clients
     * @param controllerPort KRaft controller listener (internal)
     */
    static KafkaBroker start(Path logDir, int port, int controllerPort) throws Exception {
        boolean formatted = KafkaStorage.formatIfNeeded(logDir, NODE_ID, CONTROLLER_LISTENER);
        log.debug("{} log dir {}", formatted ? "Formatted new" : "Reusing", logDir);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config(logDir, port, controllerPort), false),
                Time.SYSTEM);
        KafkaBroker broker = new KafkaBroker(server, port);
        try {
            server.startup();
            broker.awaitReady();
            return broker;
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    static Properties config(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        // one node: every replication factor and ISR is 1
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // fewer internal partitions than the production default of 50: faster first use of groups and transactions
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");

        // small footprint: few threads, small segments and cleaner buffers
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "4");
        p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // keep everything unless a topic says otherwise: the ledger must be replayable from offset 0
        p.put("log.retention.ms", "-1");
        p.put("metadata.log.segment.bytes", Integer.toString(8 * 1024 * 1024));
        // a single controller never competes in an election: do not wait long for one
        p.put("controller.quorum.election.timeout.ms", "1000");
        p.put("controlled.shutdown.enable", "true");
        return p;
    }

    private void awaitReady() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Await.until("Kafka broker at " + bootstrapServers(), START_TIMEOUT, Duration.ofMillis(100),
                    () -> !admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(10, TimeUnit.SECONDS).isEmpty());
        }
    }

    /** e.g. {@code 127.0.0.1:40123} */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Shuts the server down and waits for it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
            log.info("Kafka broker stopped");
        } catch (RuntimeException e) {
            log.warn("Kafka shutdown failed", e);
        }
    }
}
