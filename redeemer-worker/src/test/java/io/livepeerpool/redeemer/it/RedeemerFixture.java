package io.livepeerpool.redeemer.it;

import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.redeemer.RedeemerService;
import io.livepeerpool.redeemer.RedeemerSettings;
import io.livepeerpool.redeemer.journal.RedeemerTopics;
import io.livepeerpool.redeemer.worker.CrashPoint;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
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

/**
 * A redeemer test's world: the shared devstack's broker and registry, topics of its own, fresh contracts on the
 * test chain; helpers to post winning tickets as the gateway does, start redeemers and read what they recorded.
 */
final class RedeemerFixture implements AutoCloseable {
    final DevNetwork net;
    final Devstack devstack;
    final RedeemerTopics topics;
    final String groupId;
    final String suffix;
    final SchemaRegistryClient registry;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<WinningTicket> ticketSerde;
    private final List<RedeemerService> services = new ArrayList<>();

    RedeemerFixture(DevNetwork net, String name) throws Exception {
        this.net = net;
        this.devstack = SharedDevstack.get();
        this.suffix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.topics = RedeemerTopics.catalogue().withSuffix(suffix);
        this.groupId = "redeemer-" + suffix;
        devstack.createTopics(topics.newTopics((short) 1));
        this.registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        this.ticketSerde = AvroSerde.forTopic(topics.tickets(), registry);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Settings for a redeemer on this world: no confirmations, no params delay, quick retries. */
    Map<String, String> baseSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("chain.rpcUrl", net.chain().rpcUrl());
        s.put("chain.id", Long.toString(net.chain().chainId()));
        s.put("chain.ticketBroker", net.contracts().ticketBroker().hex());
        s.put("chain.roundsManager", net.contracts().roundsManager().hex());
        s.put("chain.confirmations", "0");
        s.put("kafka.bootstrapServers", devstack.bootstrapServers());
        s.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        s.put("redeemer.groupId", groupId);
        s.put("redeemer.paramsDelayBlocks", "0");
        s.put("redeemer.batch.maxTickets", "1");
        s.put("redeemer.minFaceValueOverGasPct", "0");
        s.put("redeemer.retryBackoffMinMs", "100");
        s.put("redeemer.retryBackoffMaxMs", "400");
        s.put("redeemer.pollIntervalMs", "100");
        s.put("chain.rpcTimeoutMs", "3000");
        s.put("redeemer.sessionTimeoutMs", "6000");
        return s;
    }

    RedeemerService start(Credentials wallet, Map<String, String> overrides, CrashPoint crash) {
        Map<String, String> s = baseSettings();
        s.putAll(overrides);
        RedeemerSettings settings = RedeemerSettingsForTests.of(s);
        RedeemerService service = new RedeemerService(settings, wallet, topics, new SimpleMeterRegistry(), crash);
        service.start();
        services.add(service);
        return service;
    }

    RedeemerService start(Map<String, String> overrides) {
        return start(net.accounts().redeemer().credentials(), overrides, CrashPoint.NONE);
    }

    void post(SignedTicket t) {
        post(t, OptionalLong.of(0));
    }

    void post(SignedTicket t, OptionalLong paramsExpirationBlock) {
        WinningTicket w = toAvro(t, paramsExpirationBlock);
        producer.send(new ProducerRecord<>(topics.tickets().name(), w.getSender(),
                ticketSerde.serializer().serialize(topics.tickets().name(), w)));
        producer.flush();
    }

    static WinningTicket toAvro(SignedTicket t, OptionalLong paramsExpirationBlock) {
        return WinningTicket.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setOrchestrator(t.ticket().recipient().hex())
                .setKeyId("test")
                .setReceivedAt(Instant.now())
                .setTicketHash(t.hash().hex())
                .setRecipient(t.ticket().recipient().hex())
                .setSender(t.ticket().sender().hex())
                .setFaceValue(new BigDecimal(t.ticket().faceValue()))
                .setWinProb(new BigDecimal(t.ticket().winProb()))
                .setSenderNonce(new BigDecimal(t.ticket().senderNonce()))
                .setRecipientRandHash(t.ticket().recipientRandHash().hex())
                .setCreationRound(t.ticket().creationRound().longValueExact())
                .setCreationRoundBlockHash(t.ticket().creationRoundBlockHash().hex())
                .setSig("0x" + HexFormat.of().formatHex(t.sig()))
                .setRecipientRand(new BigDecimal(t.recipientRand()))
                .setParamsExpirationBlock(paramsExpirationBlock.isPresent() ? paramsExpirationBlock.getAsLong() : null)
                .build();
    }

    /** Every outcome committed so far (read_committed). */
    List<Redemption> outcomes() {
        return read(topics.outcomes().name(), AvroSerde.forTopic(topics.outcomes(), registry).deserializer()::deserialize);
    }

    List<RedemptionIntent> intents() {
        return read(topics.intents().name(), AvroSerde.forTopic(topics.intents(), registry).deserializer()::deserialize);
    }

    /** How many records the topic holds including aborted ones (read_uncommitted). */
    private <T> List<T> read(String topic, java.util.function.BiFunction<String, byte[], T> decode) {
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
        services.forEach(RedeemerService::close);
        producer.close();
    }
}
