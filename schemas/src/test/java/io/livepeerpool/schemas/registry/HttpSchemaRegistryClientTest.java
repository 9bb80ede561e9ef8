package io.livepeerpool.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.schemas.avro.TranscoderJob;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the client does when no registry answers; no infrastructure needed. */
class HttpSchemaRegistryClientTest {

    @Test
    void unreachableRegistryFailsNamingTheUrlAfterTheBoundedAttempts() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
        try (SchemaRegistryClient client = SchemaRegistryClient.connect(url, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2)) {
            assertThatThrownBy(() -> client.register("t-value", TranscoderJob.getClassSchema()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
                        assertThat(e.url()).isEqualTo(url + "/subjects/t-value/versions");
                    })
                    .hasMessageContaining("POST " + url + "/subjects/t-value/versions")
                    .hasMessageContaining("register schema io.livepeerpool.schemas.avro.TranscoderJob")
                    .hasMessageContaining("after 2 attempt(s)");
        }
    }

    @Test
    void silentRegistryTimesOut() throws Exception {
        // Listens (the kernel accepts the connection) but never answers.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                SchemaRegistryClient client = SchemaRegistryClient.connect(
                        "http://127.0.0.1:" + silent.getLocalPort(), Duration.ofSeconds(1), Duration.ofMillis(300),
                        1)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.schemaById(7))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("GET http://127.0.0.1:" + silent.getLocalPort() + "/schemas/ids/7")
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void invalidConfigurationFailsFast() {
        assertThatThrownBy(() -> SchemaRegistryClient.connect("localhost:8081"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localhost:8081");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(URI.create("http://h"), Duration.ZERO,
                Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(URI.create("http://h"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attemptsMax");
    }

    @Test
    void trailingSlashIsIgnored() {
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(URI.create("http://h:1/apis/ccompat/v7/"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1)) {
            assertThat(client.baseUrl()).isEqualTo("http://h:1/apis/ccompat/v7");
        }
    }
}
