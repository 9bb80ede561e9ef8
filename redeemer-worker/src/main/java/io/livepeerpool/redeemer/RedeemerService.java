package io.livepeerpool.redeemer;

import io.livepeerpool.chain.wallet.WalletNode;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.redeemer.chain.RedemptionChain;
import io.livepeerpool.redeemer.chain.RoundsManagerClock;
import io.livepeerpool.redeemer.journal.Journal;
import io.livepeerpool.redeemer.journal.JournalView;
import io.livepeerpool.redeemer.journal.RedeemerTopics;
import io.livepeerpool.chain.wallet.Wallet;
import io.livepeerpool.redeemer.worker.CrashPoint;
import io.livepeerpool.redeemer.worker.RedeemerMetrics;
import io.livepeerpool.redeemer.worker.RedemptionWorker;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The redeemer worker as a service: one wallet, one thread running {@link RedemptionWorker}. Start more instances
 * (each with its own wallet) in the same {@code redeemer.groupId} to scale: tickets are keyed by sender, so each
 * sender's queue lives in one instance. A Kafka failure (fenced by another process with the same wallet, broker
 * gone past the timeout) stops the worker and turns {@link #healthy()} false: restarting it recovers from the journal.
 */
public final class RedeemerService implements Service {
    private static final Logger log = LoggerFactory.getLogger(RedeemerService.class);

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private final RedeemerSettings settings;
    private final Credentials credentials;
    private final RedeemerTopics topics;
    private final MeterRegistry meters;
    private final CrashPoint crash;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean failed;
    private volatile RedeemerMetrics metrics;
    private volatile boolean recovered;

    public RedeemerService(RedeemerSettings settings, Credentials credentials, RedeemerTopics topics,
                           MeterRegistry meters, CrashPoint crash) {
        this.settings = settings;
        this.credentials = credentials;
        this.topics = topics;
        this.meters = meters;
        this.crash = crash;
    }

    public static RedeemerService fromConfig(Config config, MeterRegistry meters) {
        log.info("redeemer configuration:\n{}", config.describe());
        return new RedeemerService(RedeemerConfig.settings(config), RedeemerConfig.credentials(config),
                RedeemerTopics.catalogue(), meters, CrashPoint.NONE);
    }

    @Override
    public String name() {
        return "redeemer[" + settings.redeemerId() + "]";
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name() + " already started");
        }
        thread = new Thread(this::run, name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Wallet wallet = new Wallet(credentials, settings.chainId());
        metrics = new RedeemerMetrics(meters, wallet.address().hex());
        Web3j web3j = WalletNode.connect(settings.rpcUrl(), settings.rpcTimeout());
        SchemaRegistryClient registry = SchemaRegistryClient.connect(settings.schemaRegistryUrl());
        AvroSerde<RedemptionIntent> intents = AvroSerde.forTopic(topics.intents(), registry);
        AvroSerde<Redemption> outcomes = AvroSerde.forTopic(topics.outcomes(), registry);
        AvroSerde<WinningTicket> tickets = AvroSerde.forTopic(topics.tickets(), registry);
        try (Journal journal = new Journal(settings.bootstrapServers(), wallet.address().hex(), topics,
                     intents.serializer(), outcomes.serializer(), settings.kafkaTimeout());
             JournalView view = new JournalView(settings.bootstrapServers(), topics, intents.deserializer(),
                     outcomes.deserializer());
             KafkaConsumer<String, byte[]> consumer = consumer()) {
            RedemptionChain chain = new RedemptionChain(web3j, settings.ticketBroker());
            RedemptionWorker worker = new RedemptionWorker(settings, wallet, chain,
                    new RoundsManagerClock(chain.reader(), settings.roundsManager()), journal, view, consumer,
                    topics.tickets().name(), tickets.deserializer(), metrics, crash);
            worker.recover();
            consumer.subscribe(List.of(topics.tickets().name()), worker);
            recovered = true;
            log.info("{}: redeeming {} with {} (confirmations {}, batch {})", name(), topics.tickets().name(), wallet,
                    settings.confirmations(), settings.batchMaxTickets());
            while (!stopping.get()) {
                worker.runOnce();
            }
            worker.drain(DRAIN_TIMEOUT);
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                failed = true;
                log.error("{}: stopped: {}", name(), e.toString(), e);
            }
        } finally {
            web3j.shutdown();
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "redeemer-" + settings.redeemerId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1_000, settings.sessionTimeout().toMillis() / 3));
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Running, recovered, and looping (a loop that has not turned in a minute is stuck). */
    @Override
    public boolean healthy() {
        Thread t = thread;
        RedeemerMetrics m = metrics;
        return t != null && t.isAlive() && !failed && recovered && m != null
                && System.currentTimeMillis() - m.lastLoopMs() < 60_000;
    }

    public boolean failed() {
        return failed;
    }

    public RedeemerMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
