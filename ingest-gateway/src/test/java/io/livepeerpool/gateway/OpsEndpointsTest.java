package io.livepeerpool.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.Endpoint;
import io.livepeerpool.platform.json.Json;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, metrics, the OpenAPI document, and the JSON answers for unknown paths and wrong methods. */
class OpsEndpointsTest {
    @TempDir
    static Path dir;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void thePublicPortAnswersOnlyAMinimalHealth() throws Exception {
        TestGateway.Answer health = gateway.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

        TestGateway.Answer live = gateway.get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(gateway.get("/metrics").status()).as("metrics are on the ops listener only").isEqualTo(404);
        assertThat(gateway.server.healthy()).isTrue();
    }

    @Test
    void theOpsListenerReportsKafkaAndTheDatabaseForReadiness() throws Exception {
        for (String path : new String[] {"/health", "/health/ready"}) {
            TestGateway.Answer answer = gateway.ops(path);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).isEqualTo(Json.mapper().readTree(
                    "{\"status\":\"UP\",\"checks\":{\"kafka\":\"UP\",\"database\":\"UP\"}}"));
        }
        assertThat(gateway.ops("/health/live").json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountRequestsByRouteAndStatusAndRejectionsByReason() throws Exception {
        gateway.get("/health");
        gateway.get("/no/such/path/" + System.nanoTime());
        gateway.get("/getTranscoderJobs?transcoderAddress=nope");

        TestGateway.Answer metrics = gateway.ops("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("gateway_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}")
                .contains("gateway_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}")
                .contains("gateway_requests_seconds_count{method=\"GET\",route=\"/getTranscoderJobs\",status=\"400\"}")
                .contains("gateway_rejected_total{reason=\"not_found\"}")
                .contains("gateway_rejected_total{reason=\"invalid\"}")
                .contains("gateway_jobs_accepted_total")
                .contains("gateway_tickets_accepted_total")
                .contains("gateway_nonces_remembered")
                .contains("gateway_nonce_memory_max_bytes ")
                .doesNotContain("/no/such/path");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndNoOther() throws Exception {
        TestGateway.Answer answer = gateway.get("/openapi.json");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode paths = answer.json().get("paths");
        assertThat(answer.json().get("openapi").asText()).startsWith("3.");
        for (Endpoint endpoint : gateway.server.endpoints()) {
            String method = endpoint.getMethod().name().toLowerCase(Locale.ROOT);
            assertThat(paths.path(endpoint.getPath()).has(method)).as(method + " " + endpoint.getPath()).isTrue();
        }
        int documented = 0;
        for (JsonNode path : paths) {
            documented += path.size();
        }
        assertThat(documented).isEqualTo(gateway.server.endpoints().size());
    }

    @Test
    void anUnknownPathIsA404InJson() throws Exception {
        TestGateway.Answer answer = gateway.get("/nothing-here");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("not_found");
        assertThat(answer.json().has("field")).isTrue();
        assertThat(answer.json().get("message").asText()).contains("/nothing-here");
    }

    @Test
    void aWrongMethodOnAKnownPathIsA405InJson() throws Exception {
        assertMethodNotAllowed(gateway.get("/recordTranscoderJob"));
        assertMethodNotAllowed(gateway.post("/getRewards", "{}".getBytes(), Map.of(), "application/json"));
        assertMethodNotAllowed(gateway.send(HttpRequest.newBuilder(gateway.uri("/health")).DELETE().build()));
        assertMethodNotAllowed(gateway.send(HttpRequest.newBuilder(gateway.uri("/recordWinningTicket"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()));
    }

    private static void assertMethodNotAllowed(TestGateway.Answer answer) {
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.error()).isEqualTo("method_not_allowed");
        assertThat(answer.json().has("field")).isTrue();
    }
}
