package io.livepeerpool.ledger.projector;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The projector's Kafka consumer. It reads raw bytes so that one undecodable record is skipped on its own instead of
 * failing the poll. Offsets are never committed to Kafka (the database holds them), and with
 * {@code auto.offset.reset=none} a partition the projector has not positioned itself fails loudly instead of silently
 * starting from Kafka's idea of where to begin.
 */
final class ProjectorConsumer {
    private ProjectorConsumer() {
    }

    static Consumer<byte[], byte[]> create(ProjectorConfig config) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, config.consumerName(),
                ConsumerConfig.CLIENT_ID_CONFIG, "projector-" + config.consumerName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchMax());
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
