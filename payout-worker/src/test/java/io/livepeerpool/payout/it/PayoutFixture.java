package io.livepeerpool.payout.it;

import io.livepeerpool.chain.contracts.ContractArtifact;
import io.livepeerpool.chain.dev.DevChain;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.payout.PayoutService;
import io.livepeerpool.payout.journal.PayoutTopics;
import io.livepeerpool.payout.worker.CrashPoint;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
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
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A payout test's world: the shared devstack's broker and registry, topics of its own, a fresh PoolPayouts on the
 * test chain (payer: the given wallet); helpers to write payout requests as the ledger does, start workers and read
 * what they recorded and what the chain holds.
 */
final class PayoutFixture implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final DevChain chain;
    final Devstack devstack;
    final PayoutTopics topics;
    final String suffix;
    final String groupId;
    final Credentials wallet;
    final Address contract;
    private final SchemaRegistryClient registry;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<PayoutRequest> requestSerde;
    private final List<PayoutService> services = new ArrayList<>();

    PayoutFixture(String name, Credentials wallet) throws Exception {
        this.chain = PayoutTestChain.get();
        this.devstack = SharedDevstack.get();
        this.wallet = wallet;
        this.suffix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.topics = PayoutTopics.catalogue().withSuffix(suffix);
        this.groupId = "payouts-" + suffix;
        devstack.createTopics(topics.newTopics((short) 1));
        this.registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        this.requestSerde = AvroSerde.forTopic(topics.requests(), registry);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.contract = PoolPayoutsClient.deploy(chain.transactor(chain.accounts().deployer()),
                Address.parse(wallet.getAddress()));
    }

    /** With the dev chain's "payout" account as the wallet. */
    PayoutFixture(String name) throws Exception {
        this(name, PayoutTestChain.get().accounts().payout().credentials());
    }

    PoolPayoutsClient client() {
        return new PoolPayoutsClient(chain.reader(), contract);
    }

    /** Settings for a worker on this world: no confirmations, quick loops. */
    Map<String, String> baseSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("chain.rpcUrl", chain.rpcUrl());
        s.put("chain.id", Long.toString(chain.chainId()));
        s.put("chain.poolPayouts", contract.hex());
        s.put("chain.confirmations", "0");
        s.put("chain.rpcTimeoutMs", "3000");
        s.put("kafka.bootstrapServers", devstack.bootstrapServers());
        s.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        s.put("payout.groupId", groupId);
        s.put("payout.pollIntervalMs", "100");
        s.put("payout.sessionTimeoutMs", "6000");
        return s;
    }

    PayoutService start(Map<String, String> overrides, CrashPoint crash) {
        Map<String, String> s = baseSettings();
        s.putAll(overrides);
        PayoutService service = new PayoutService(PayoutSettingsForTests.of(s), wallet, topics, new SimpleMeterRegistry(),
                crash);
        service.start();
        services.add(service);
        return service;
    }

    PayoutService start(Map<String, String> overrides) {
        return start(overrides, CrashPoint.NONE);
    }

    /** A fresh address nobody else pays: its balance is exactly what the payouts sent it. */
    static Address freshAddress() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        return Address.parse("0x" + HexFormat.of().formatHex(b));
    }

    /** A payout request as the ledger writes it (keyed by transcoder); payee null means the transcoder itself. */
    PayoutRequest request(Address transcoder, Address payee, BigInteger amount) {
        PayoutRequest r = PayoutRequest.newBuilder()
                .setPayoutId(UUID.randomUUID().toString().replace("-", "") + transcoder.hex().substring(2, 10))
                .setRound(7)
                .setTranscoder(transcoder.hex())
                .setAmount(new BigDecimal(amount))
                .setPayee(payee == null ? null : payee.hex())
                .build();
        post(r);
        return r;
    }

    void post(PayoutRequest r) {
        producer.send(new ProducerRecord<>(topics.requests().name(), r.getTranscoder(),
                requestSerde.serializer().serialize(topics.requests().name(), r)));
        producer.flush();
    }

    Address payeeOf(PayoutRequest r) {
        return Address.parse(r.getPayee() == null ? r.getTranscoder() : r.getPayee());
    }

    BigInteger balance(Address a) {
        return chain.reader().balance(a);
    }

    long walletNonce() throws Exception {
        return chain.web3j().ethGetTransactionCount(wallet.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
    }

    List<Payout> outcomes() {
        return read(topics.outcomes().name(), AvroSerde.forTopic(topics.outcomes(), registry).deserializer()::deserialize);
    }

    List<PayoutIntent> intents() {
        return read(topics.intents().name(), AvroSerde.forTopic(topics.intents(), registry).deserializer()::deserialize);
    }

    /** Every record committed so far (read_committed). */
    private <T> List<T> read(String topic, BiFunction<String, byte[], T> decode) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(decode.apply(r.topic(), r.value()));
                }
            }
        }
        return out;
    }

    Address deployRefusingPayee() {
        return chain.transactor(chain.accounts().deployer()).deploy(
                ContractArtifact.load(ContractArtifact.REFUSING_PAYEE).bytecode(), BigInteger.valueOf(300_000),
                ContractArtifact.REFUSING_PAYEE);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        services.forEach(PayoutService::close);
        producer.close();
    }
}
