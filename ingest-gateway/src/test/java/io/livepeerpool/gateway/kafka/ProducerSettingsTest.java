package io.livepeerpool.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {
    private final ProducerSettings settings = new ProducerSettings("b:9092", Duration.ofSeconds(10), "gw", 0, 1);

    @Test
    void singleWritesAreIdempotentAckedByAllAndBatchThemselvesWithOneRequestInFlight() {
        Properties p = settings.idempotent();

        assertThat(p).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "0")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000")
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }

    @Test
    void transactionsKeepTheirOwnLingerAndFiveRequestsInFlightWhateverTheSingleWritesUse() {
        Properties p = new ProducerSettings("b:9092", Duration.ofSeconds(10), "gw", 20, 3).transactional("gw-0");

        assertThat(p).containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "gw-0")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "gw-gw-0")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10005");
    }
}
