package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.streams.ReplayOracle.Expected;
import io.livepeerpool.ledger.streams.bench.CatchUp;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The members' side on the real broker: a payout requested at a settlement, its Refused outcome written to the
 * payouts topic as the payout worker writes it (the amount comes back, less the member's gas share), and the member's
 * payout settings written as the gateway writes them; the next settlement pays the member at its threshold to its
 * payout address. What the ledger writes (read_committed) is exactly what the replay computes from the same events.
 */
class LedgerPayoutsBrokerTest {
    static final String O = "0x1111111111111111111111111111111111111111";
    static final String T = "0xa000000000000000000000000000000000000001";
    static final String PAYEE = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aRefusedPayoutComesBackAndTheMembersSettingsApplyFromTheNextSettlement() throws Exception {
        Devstack devstack = SharedDevstack.get();
        String suffix = "payouts-" + UUID.randomUUID();
        LedgerTopics topics = LedgerTopics.catalogue().withSuffix(suffix).withPartitions(3);
        devstack.createTopics(topics.newTopics((short) 1));
        LedgerPolicy policy = LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", O, "ledger.poolFeePpm", "0", "ledger.weight.durationMs",
                "0", "ledger.weight.profiles", "0", "ledger.payoutThresholdWei", "100"));
        String txHash = "0x" + "ab".repeat(32);
        List<LedgerEvent> round1 = List.of(new TranscoderJob(O, "j1", T, 1, 1, 0, 1001),
                new TicketTransfer(txHash, 1, O, O, BigInteger.valueOf(150), BigInteger.ZERO), new NewRound(1001));
        List<LedgerEvent> members = List.of(
                new PayoutOutcome(PayoutRequest.idFor(T, 1001), T, PayoutOutcome.Status.Refused,
                        BigInteger.valueOf(150), BigInteger.ZERO, BigInteger.valueOf(7), true),
                new PayoutSettingsChange(T, PAYEE, BigInteger.valueOf(200), 1));
        List<LedgerEvent> round2 = List.of(new TranscoderJob(O, "j2", T, 1, 1, 0, 1002),
                new TicketTransfer(txHash, 2, O, O, BigInteger.valueOf(60), BigInteger.ZERO), new NewRound(1002));
        List<LedgerEvent> all = new ArrayList<>(round1);
        all.addAll(members);
        all.addAll(round2);
        Expected expected = ReplayOracle.replay(policy, all);
        assertThat(expected.payouts()).extracting(Outputs.PayoutLine::payee).containsExactly(null, PAYEE);

        String applicationId = "ledger-payouts-" + suffix;
        Path stateDir = Files.createTempDirectory("ledger-payouts-");
        LedgerConfig config = new LedgerConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                applicationId, stateDir, 1, policy);
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
             LedgerService ledger = LedgerService.create(config, topics, Map.of(), null);
             CatchUp catchUp = new CatchUp(devstack.bootstrapServers(), applicationId, List.of(topics.jobs().name(),
                     topics.chainEvents().name(), topics.payouts().name(), topics.payoutSettings().name(),
                     topics.epochMarkers().name(), topics.barrier().name()));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                     new org.apache.kafka.common.serialization.StringSerializer(), new ByteArraySerializer())) {
            ledger.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (ledger.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Sender send = new Sender(producer, registry, topics);
            for (List<LedgerEvent> phase : List.of(round1, members, round2)) {
                phase.stream().filter(e -> !(e instanceof NewRound)).forEach(send::send);
                producer.flush();
                catchUp.await(TIMEOUT, ledger::healthy);
                phase.stream().filter(NewRound.class::isInstance).forEach(send::send);
                producer.flush();
                catchUp.await(TIMEOUT, ledger::healthy);
            }
            List<Outputs.PayoutLine> payouts = read(devstack, registry, topics.payoutRequests().name(),
                    io.livepeerpool.schemas.avro.PayoutRequest.class, expected.payouts().size()).stream()
                    .map(Outputs.PayoutLine::of).toList();
            List<Outputs.ChangeLine> changes = read(devstack, registry, topics.accountChanges().name(),
                    MemberAccountChange.class, expected.changes().size()).stream().map(Outputs.ChangeLine::of).toList();

            assertThat(payouts).isEqualTo(expected.payouts());
            assertThat(payouts.get(1).amount()).isEqualTo(BigInteger.valueOf(150 - 7 + 60));
            assertThat(changes).isEqualTo(expected.changes());
            assertThat(ledger.healthy()).isTrue();
        } finally {
            Directories.deleteQuietly(stateDir);
        }
    }

    /** Writes each event to its topic as its producer does (the gateway, the chain watcher, the payout worker). */
    record Sender(KafkaProducer<String, byte[]> producer, SchemaRegistryClient registry, LedgerTopics topics,
                          long[] updates) {
        Sender(KafkaProducer<String, byte[]> producer, SchemaRegistryClient registry, LedgerTopics topics) {
            this(producer, registry, topics, new long[1]);
        }

        void send(LedgerEvent event) {
            switch (event) {
                case TranscoderJob j -> put(topics.jobs().name(), j.dedupeKey(), AvroEvents.job(j));
                case TicketTransfer t -> put(topics.chainEvents().name(), AvroEvents.chainKey(t), AvroEvents.transfer(t));
                case NewRound r -> put(topics.chainEvents().name(), AvroEvents.chainKey(r), AvroEvents.newRound(r));
                case TranscoderUpdate u -> put(topics.chainEvents().name(), AvroEvents.chainKey(u),
                        AvroEvents.transcoderUpdate(u, ++updates[0]));
                case PayoutOutcome o -> put(topics.payouts().name(), o.transcoder(), AvroEvents.payout(o));
                case PayoutSettingsChange s -> put(topics.payoutSettings().name(), s.transcoder(),
                        AvroEvents.settings(s));
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void put(String topic, String key, SpecificRecord value) {
            AvroSerde serde = AvroSerde.forClass(value.getClass(), registry);
            producer.send(new ProducerRecord<>(topic, key, serde.serializer().serialize(topic, value)));
        }
    }

    private static <V extends SpecificRecord> List<V> read(Devstack devstack, SchemaRegistryClient registry,
                                                           String topic, Class<V> type, int count) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ledger-payouts-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                AvroSerde.forClass(type, registry).deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values; // one member: one partition, in the ledger's order
    }
}
