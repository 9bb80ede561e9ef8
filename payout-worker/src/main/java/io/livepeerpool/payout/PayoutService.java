package io.livepeerpool.payout;

import io.livepeerpool.chain.wallet.Wallet;
import io.livepeerpool.chain.wallet.WalletNode;
import io.livepeerpool.payout.chain.PayoutChain;
import io.livepeerpool.payout.journal.PayoutJournal;
import io.livepeerpool.payout.journal.PayoutJournalView;
import io.livepeerpool.payout.journal.PayoutTopics;
import io.livepeerpool.payout.worker.CrashPoint;
import io.livepeerpool.payout.worker.PayoutMetrics;
import io.livepeerpool.payout.worker.PayoutWorker;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutRequest;
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
 * The payout worker as a service: the payout wallet, one thread running {@link PayoutWorker}. A Kafka failure (fenced
 * by another process with the same wallet, broker gone past the timeout) or a wallet that is not the contract's
 * payer stops the worker and turns {@link #healthy()} false: restarting it recovers from the journal. While the
 * wallet is short of funds the service is up but not ready ({@code /health/ready} 503), and pays once funded.
 */
public final class PayoutService implements Service {
    private static final Logger log = LoggerFactory.getLogger(PayoutService.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private final PayoutSettings settings;
    private final Credentials credentials;
    private final PayoutTopics topics;
    private final MeterRegistry meters;
    private final CrashPoint crash;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean failed;
    private volatile boolean recovered;
    private volatile PayoutMetrics metrics;
    private volatile PayoutWorker worker;

    public PayoutService(PayoutSettings settings, Credentials credentials, PayoutTopics topics, MeterRegistry meters,
                         CrashPoint crash) {
        this.settings = settings;
        this.credentials = credentials;
        this.topics = topics;
        this.meters = meters;
        this.crash = crash;
    }

    public static PayoutService fromConfig(Config config, MeterRegistry meters) {
        log.info("payout worker configuration:\n{}", config.describe());
        return new PayoutService(PayoutConfig.settings(config), PayoutConfig.credentials(config),
                PayoutTopics.catalogue(), meters, CrashPoint.NONE);
    }

    @Override
    public String name() {
        return "payouts[" + settings.workerId() + "]";
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
        metrics = new PayoutMetrics(meters, wallet.address().hex());
        Web3j web3j = WalletNode.connect(settings.rpcUrl(), settings.rpcTimeout());
        try {
            SchemaRegistryClient registry = SchemaRegistryClient.connect(settings.schemaRegistryUrl());
            AvroSerde<PayoutIntent> intents = AvroSerde.forTopic(topics.intents(), registry);
            AvroSerde<Payout> outcomes = AvroSerde.forTopic(topics.outcomes(), registry);
            AvroSerde<PayoutRequest> requests = AvroSerde.forTopic(topics.requests(), registry);
            try (PayoutJournal journal = new PayoutJournal(settings.bootstrapServers(), wallet.address().hex(), topics,
                         intents.serializer(), outcomes.serializer(), settings.kafkaTimeout());
                 PayoutJournalView view = new PayoutJournalView(settings.bootstrapServers(), topics,
                         intents.deserializer(), outcomes.deserializer());
                 KafkaConsumer<String, byte[]> consumer = consumer()) {
                PayoutWorker w = new PayoutWorker(settings, wallet, new PayoutChain(web3j, settings.poolPayouts()),
                        journal, view, consumer, topics.requests().name(), requests.deserializer(), metrics, crash);
                w.recover();
                consumer.subscribe(List.of(topics.requests().name()), w);
                worker = w;
                recovered = true;
                log.info("{}: paying {} from {} through PoolPayouts {} (confirmations {}, batch {}, gas paid by {})",
                        name(), topics.requests().name(), wallet, settings.poolPayouts(), settings.confirmations(),
                        settings.batchMaxPayees(), settings.gasPaidBy());
                while (!stopping.get()) {
                    w.runOnce();
                }
                w.drain(DRAIN_TIMEOUT);
            }
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
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "payouts-" + settings.workerId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1_000, settings.sessionTimeout().toMillis() / 3));
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Running, recovered, looping (a loop that has not turned in a minute is stuck) and funded. */
    @Override
    public boolean healthy() {
        Thread t = thread;
        PayoutMetrics m = metrics;
        PayoutWorker w = worker;
        return t != null && t.isAlive() && !failed && recovered && m != null && w != null && !w.fundsShort()
                && System.currentTimeMillis() - m.lastLoopMs() < 60_000;
    }

    /** True while the payout wallet holds less than the next batch needs. */
    public boolean fundsShort() {
        PayoutWorker w = worker;
        return w != null && w.fundsShort();
    }

    public boolean failed() {
        return failed;
    }

    public PayoutMetrics metrics() {
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
