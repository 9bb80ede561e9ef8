package io.livepeerpool.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records through a real topic of the shared devstack: produced with the serde's serializer (registering the
 * schema), consumed with its deserializer on a separate registry client, so the schema really comes from the
 * registry by id.
 */
class AvroSerdeKafkaTest {

    private static final int RECORDS = 300;
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

    private static Devstack devstack;

    @BeforeAll
    static void devstack() {
        devstack = SharedDevstack.get();
    }

    @Test
    void transcoderJobsRoundTripThroughKafka() throws Exception {
        List<TranscoderJob> jobs = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            jobs.add(SampleRecords.job(i));
        }
        assertRoundTrip(Topics.TRANSCODER_JOBS, jobs, TranscoderJob::getTranscoder);
    }

    @Test
    void winningTicketsRoundTripThroughKafka() throws Exception {
        List<WinningTicket> tickets = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            BigDecimal amount = i % 3 == 0 ? SampleRecords.UINT256_MAX
                    : new BigDecimal(BigInteger.TWO.pow(i % 256).add(BigInteger.valueOf(i)));
            tickets.add(SampleRecords.ticket(i, amount));
        }
        assertRoundTrip(Topics.WINNING_TICKETS, tickets, WinningTicket::getSender);
    }

    private static <T extends SpecificRecord> void assertRoundTrip(TopicSpec<T> catalogued, List<T> records,
            Function<T, String> key) throws Exception {
        TopicSpec<T> topic = withUniqueName(catalogued);
        devstack.createTopics(List.of(topic.newTopic(3, (short) 1)));

        try (SchemaRegistryClient producerRegistry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
                KafkaProducer<String, T> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                        new StringSerializer(), AvroSerde.forTopic(topic, producerRegistry).serializer())) {
            for (T record : records) {
                producer.send(new ProducerRecord<>(topic.name(), key.apply(record), record)).get();
            }
        }

        List<T> consumed = new ArrayList<>();
        try (SchemaRegistryClient consumerRegistry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
                KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "serde-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), AvroSerde.forTopic(topic, consumerRegistry).deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            while (consumed.size() < records.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(record.key()).isEqualTo(key.apply(record.value()));
                    consumed.add(record.value());
                }
            }
        }
        assertThat(consumed).containsExactlyInAnyOrderElementsOf(records);
    }

    private static <T> TopicSpec<T> withUniqueName(TopicSpec<T> t) {
        return new TopicSpec<>(t.name() + "-serde-test-" + UUID.randomUUID(), t.keyDescription(), t.valueType(),
                t.valueSchema(), t.partitions(), t.cleanup(), t.retentionMs(), t.writer());
    }
}
