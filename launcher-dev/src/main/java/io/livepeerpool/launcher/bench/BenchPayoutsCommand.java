package io.livepeerpool.launcher.bench;

import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.payouts.PayoutLine;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.DevstackOptions;
import io.livepeerpool.payout.PayoutConfig;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.payout.gas.PayoutGasMeter;
import io.livepeerpool.payout.journal.PayoutTopics;
import io.livepeerpool.payout.worker.CrashPoint;
import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutStatus;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pool bench payouts}: payees paid per second and gas per payee, in one run on its own devstack and dev chain:
 * the baseline is one plain signed transfer per payee from the payout wallet, each waited for (what pools without a
 * batch contract do); then PoolPayouts.pay batches sent directly (the contract alone); then the payout worker from
 * payout requests on Kafka to recorded outcomes (intent, broadcast, receipt, outcomes and offsets committed), timed
 * from the first request written, the worker already running.
 */
@Command(name = "payouts", mixinStandardHelpOptions = true,
        description = "Benchmark payouts: the payout worker and PoolPayouts batches vs one transfer per payee.")
public final class BenchPayoutsCommand implements Callable<Integer> {
    private static final BigInteger AMOUNT = BigInteger.TEN.pow(15);
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);

    @Option(names = "--payees", defaultValue = "500", description = "Payees per phase (default: ${DEFAULT-VALUE}).")
    int payees;

    @Option(names = "--batch", defaultValue = "100", description = "Payees per pay transaction (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--fresh-payees", description = "Payees that never held ETH (default: each is given 1 wei first).")
    boolean freshPayees;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("pool-bench-payouts-");
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults(dir).withChain(0))) {
            DevNetwork net = devstack.chain().orElseThrow();
            Transactor wallet = net.chain().transactor(net.accounts().payout());
            Result transfers = transfers(net, wallet, payees(net));
            Result direct = directBatches(net, wallet, payees(net));
            Result worker = worker(devstack, net, payees(net));
            System.out.println(String.format(Locale.ROOT, "%d payees per phase, %s, %d per pay transaction", payees,
                    freshPayees ? "fresh payees" : "payees already holding ETH", batch));
            print("one transfer per payee (baseline)", transfers, transfers);
            print("PoolPayouts.pay, direct", direct, transfers);
            print("payout worker (Kafka to outcome)", worker, transfers);
        } finally {
            Directories.deleteQuietly(dir);
        }
        return 0;
    }

    /** Payees paid per second and the gas of their transactions per payee. */
    record Result(double payeesPerSecond, long gasPerPayee) {
    }

    private static void print(String name, Result r, Result baseline) {
        System.out.println(String.format(Locale.ROOT, "%-36s %8.1f payees/s (x%.2f)  %,7d gas per payee (x%.2f)", name,
                r.payeesPerSecond(), r.payeesPerSecond() / baseline.payeesPerSecond(), r.gasPerPayee(),
                (double) r.gasPerPayee() / baseline.gasPerPayee()));
    }

    private List<Address> payees(DevNetwork net) {
        return freshPayees ? PayoutGasMeter.freshPayees(payees) : PayoutGasMeter.holdingPayees(net.deployer(), payees);
    }

    private static Result transfers(DevNetwork net, Transactor wallet, List<Address> to) {
        BigInteger gas = BigInteger.ZERO;
        long start = System.nanoTime();
        for (Address payee : to) {
            gas = gas.add(wallet.transfer(payee, AMOUNT).requireSuccess("transfer").gasUsed());
        }
        return result(to.size(), start, gas);
    }

    private Result directBatches(DevNetwork net, Transactor wallet, List<Address> to) {
        PoolPayoutsClient contract = net.poolPayouts();
        BigInteger gas = BigInteger.ZERO;
        long start = System.nanoTime();
        for (int from = 0; from < to.size(); from += batch) {
            List<PayoutLine> lines = new ArrayList<>();
            for (Address payee : to.subList(from, Math.min(to.size(), from + batch))) {
                lines.add(new PayoutLine(PoolPayoutsClient.onChainId("bench-" + UUID.randomUUID()), payee, AMOUNT));
            }
            BigInteger limit = contract.estimatePayGas(wallet.address(), lines).multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN);
            gas = gas.add(contract.pay(wallet, lines, limit).requireSuccess("pay").gasUsed());
        }
        return result(to.size(), start, gas);
    }

    private Result worker(Devstack devstack, DevNetwork net, List<Address> to) throws Exception {
        PayoutTopics topics = PayoutTopics.catalogue().withSuffix("bench-" + UUID.randomUUID().toString().substring(0, 8));
        devstack.createTopics(topics.newTopics((short) 1));
        Map<String, String> s = new LinkedHashMap<>();
        s.put("chain.rpcUrl", net.chain().rpcUrl());
        s.put("chain.id", Long.toString(net.chain().chainId()));
        s.put("chain.poolPayouts", net.contracts().poolPayouts().hex());
        s.put("chain.confirmations", "0");
        s.put("kafka.bootstrapServers", devstack.bootstrapServers());
        s.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        s.put("payout.groupId", "bench-" + topics.requests().name());
        s.put("payout.pollIntervalMs", "20");
        s.put("payout.batch.maxPayees", Integer.toString(batch));
        s.put("payout.walletKey", net.accounts().payout().privateKey());
        Config config = Config.load(ConfigSource.of(s), PayoutConfig.keys());
        PayoutService service = new PayoutService(PayoutConfig.settings(config), PayoutConfig.credentials(config), topics,
                new SimpleMeterRegistry(), CrashPoint.NONE);
        service.start();
        try {
            while (!service.healthy()) {
                Thread.sleep(50);
            }
            Thread.sleep(3_000); // in its group, partitions assigned
            long start = System.nanoTime();
            post(devstack, topics, to);
            Set<String> txs = awaitPaid(devstack, topics, to.size());
            long elapsed = System.nanoTime() - start;
            BigInteger gas = BigInteger.ZERO;
            for (String tx : txs) {
                gas = gas.add(TxResult.fromReceipt(net.chain().web3j().ethGetTransactionReceipt(tx).send()
                        .getTransactionReceipt().orElseThrow()).gasUsed());
            }
            return new Result(to.size() / (elapsed / 1e9), gas.divide(BigInteger.valueOf(to.size())).longValueExact());
        } finally {
            service.close();
        }
    }

    private static void post(Devstack devstack, PayoutTopics topics, List<Address> to) {
        AvroSerde<PayoutRequest> serde = AvroSerde.forTopic(topics.requests(),
                SchemaRegistryClient.connect(devstack.schemaRegistryUrl()));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (Address payee : to) {
                PayoutRequest r = PayoutRequest.newBuilder().setPayoutId("bench-" + UUID.randomUUID()).setRound(1)
                        .setTranscoder(payee.hex()).setAmount(new BigDecimal(AMOUNT)).setPayee(null).build();
                producer.send(new ProducerRecord<>(topics.requests().name(), payee.hex(),
                        serde.serializer().serialize(topics.requests().name(), r)));
            }
            producer.flush();
        }
    }

    /** Waits for {@code count} Paid outcomes; returns the transactions that carried them. */
    private static Set<String> awaitPaid(Devstack devstack, PayoutTopics topics, int count) {
        AvroSerde<Payout> serde = AvroSerde.forTopic(topics.outcomes(), SchemaRegistryClient.connect(devstack.schemaRegistryUrl()));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        String topic = topics.outcomes().name();
        Set<String> txs = new HashSet<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
            int paid = 0;
            while (paid < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + paid + " of " + count + " payouts within " + PHASE_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(50))) {
                    Payout outcome = serde.deserializer().deserialize(topic, r.value());
                    if (outcome.getStatus() != PayoutStatus.Paid) {
                        throw new IllegalStateException("payout " + outcome.getPayoutId() + " " + outcome.getStatus()
                                + ": " + outcome.getReason());
                    }
                    txs.add(outcome.getTxHash());
                    paid++;
                }
            }
        }
        return txs;
    }

    private static Result result(int n, long startNanos, BigInteger gas) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return new Result(n / seconds, gas.divide(BigInteger.valueOf(n)).longValueExact());
    }
}
