package io.livepeerpool.payout.fees;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.lifecycle.Service;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.FeeWithdrawal;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The fee withdrawer as a service: one thread taking a {@link FeeWithdrawer} turn every
 * {@code payout.feeWithdrawal.intervalMs}. An RPC failure costs one turn (counted, logged once per turn); a Kafka
 * failure (fenced by another withdrawer of the same orchestrator, broker gone) stops it and turns {@link #healthy()}
 * false: a restart recovers from {@code pool.fee-withdrawals}.
 */
public final class FeeWithdrawalService implements Service {
    private static final Logger log = LoggerFactory.getLogger(FeeWithdrawalService.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private final FeeWithdrawalSettings settings;
    private final FeeTopics topics;
    private final MeterRegistry meters;
    private final WithdrawalCrashPoint crash;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean failed;
    private volatile boolean recovered;

    public FeeWithdrawalService(FeeWithdrawalSettings settings, FeeTopics topics, MeterRegistry meters,
                                WithdrawalCrashPoint crash) {
        this.settings = settings;
        this.topics = topics;
        this.meters = meters;
        this.crash = crash;
    }

    /**
     * The withdrawer a deployable runs, or none when {@code payout.feeWithdrawal.enabled=false} (operators who withdraw
     * by hand). {@code payoutWallet}: the payout worker's wallet, the recipient unless one is configured.
     */
    public static Optional<FeeWithdrawalService> fromConfig(Config config, Optional<Address> payoutWallet, MeterRegistry meters) {
        Optional<FeeWithdrawalSettings> settings = FeeWithdrawalConfig.settings(config, payoutWallet);
        if (settings.isEmpty()) {
            log.info("fee withdrawal off ({}=false): the payout wallet is funded by hand", FeeWithdrawalConfig.ENABLED.name());
        }
        return settings.map(s -> new FeeWithdrawalService(s, FeeTopics.catalogue(), meters, WithdrawalCrashPoint.NONE));
    }

    @Override
    public String name() {
        return "fee-withdrawer[" + settings.withdrawerId() + "]";
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

    /** True once the withdrawal log is read back and the first turn (reconciling any open withdrawal) ran. */
    public boolean recovered() {
        return recovered;
    }

    private void run() {
        OrchestratorSigner signer = new OrchestratorSigner(settings.orchestrator(), settings.chainId());
        FeeMetrics metrics = new FeeMetrics(meters, signer.address().hex());
        Web3j web3j = connect(settings.rpcUrl(), settings.rpcTimeout());
        SchemaRegistryClient registry = SchemaRegistryClient.connect(settings.schemaRegistryUrl());
        AvroSerde<FeeWithdrawal> withdrawals = AvroSerde.forTopic(topics.withdrawals(), registry);
        AvroSerde<PayoutRequest> requests = AvroSerde.forTopic(topics.requests(), registry);
        AvroSerde<Payout> outcomes = AvroSerde.forTopic(topics.outcomes(), registry);
        try (WithdrawalJournal journal = new WithdrawalJournal(settings.bootstrapServers(), topics.withdrawals().name(),
                     signer.address().hex(), withdrawals.serializer(), withdrawals.deserializer(), KAFKA_TIMEOUT);
             PayoutBook book = new PayoutBook(settings.bootstrapServers(), topics, requests.deserializer(),
                     outcomes.deserializer())) {
            FeeWithdrawer withdrawer = new FeeWithdrawer(settings, signer,
                    new FeeChain(web3j, settings.bondingManager(), settings.poolPayouts()), journal, book, metrics, crash);
            log.info("{}: withdrawing fees of {} from {} to {} when short of the payouts due (confirmations {})", name(),
                    signer.address(), settings.bondingManager(), settings.recipient(), settings.confirmations());
            while (!stopping.get()) {
                turn(withdrawer, metrics);
                recovered = true;
                sleep(settings.interval());
            }
        } catch (KafkaException | IllegalStateException e) {
            if (!stopping.get()) {
                failed = true;
                log.error("{}: stopped: {}", name(), e.toString());
            }
        } finally {
            web3j.shutdown();
        }
    }

    private void turn(FeeWithdrawer withdrawer, FeeMetrics metrics) {
        try {
            withdrawer.runOnce();
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            // RPC trouble (transport, node error): the next turn starts by reconciling, so nothing is lost or repeated
            metrics.error();
            log.warn("{}: turn failed, next in {} ms: {}", name(), settings.interval().toMillis(), e.toString());
        }
    }

    /** Waits for the next turn; {@link #close()} cuts it short without interrupting a Kafka or RPC call. */
    private void sleep(Duration d) {
        try {
            stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.set(true);
        }
    }

    private static Web3j connect(String rpcUrl, Duration timeout) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return Web3j.build(new HttpService(rpcUrl, http));
    }

    @Override
    public boolean healthy() {
        Thread t = thread;
        return t != null && t.isAlive() && !failed;
    }

    @Override
    public void close() {
        stopping.set(true);
        stopped.countDown();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
