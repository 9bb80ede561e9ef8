package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no broker to acknowledge, writes are answered 503 in bounded time and health says which part is down. */
class KafkaUnavailableTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        TestGateway.devstack();
        gateway = TestGateway.start(dir, Map.of("kafka.bootstrapServers", "127.0.0.1:" + deadPort,
                "gateway.kafka.ackTimeoutMs", "1000"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    static final String JOB = "{\"jobId\":\"down-1\",\"transcoder\":\"0x00000000000000000000000000000000000000e5\","
            + "\"pixels\":1,\"duration\":1,\"profiles\":1,\"roundJob\":1}";

    @Test
    void aSingleJobIsAnswered503() throws Exception {
        long started = System.nanoTime();

        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":" + JOB + "}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.error()).isEqualTo("unavailable");
        assertThat(answer.json().has("field")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBatchIsAnswered503() throws Exception {
        TestGateway.Answer answer = gateway.postSigned("/recordTranscoderJobs", "{\"jobs\":[" + JOB + "]}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.error()).isEqualTo("unavailable");
    }

    @Test
    void validationStillComesFirst() throws Exception {
        assertThat(gateway.postSigned("/recordTranscoderJob", "{\"jobDetails\":{}}").status()).isEqualTo(400);
    }

    @Test
    void healthNamesKafkaAsDown() throws Exception {
        TestGateway.Answer publicHealth = gateway.get("/health");
        assertThat(publicHealth.status()).isEqualTo(503);
        assertThat(publicHealth.body()).isEqualTo("{\"status\":\"DOWN\"}");
        assertThat(gateway.get("/health/live").status()).as("alive, only not ready").isEqualTo(200);

        TestGateway.Answer answer = gateway.ops("/health/ready");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(answer.json().get("checks").get("kafka").asText()).isEqualTo("DOWN");
        assertThat(answer.json().get("checks").get("database").asText()).isEqualTo("UP");
        assertThat(gateway.server.healthy()).isFalse();
    }
}
