package io.livepeerpool.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.gateway.TestGateway;
import io.livepeerpool.platform.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's files and its one endpoint, served by a real gateway over TLS against the devstack. */
class DashboardServingTest {

    @Test
    void servesTheBuiltAppAtTheRootWithAStrictContentPolicy(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = TestGateway.start(dir)) {
            TestGateway.Answer index = gateway.get("/");
            assertThat(index.status()).isEqualTo(200);
            assertThat(index.raw().headers().firstValue("content-type").orElse("")).startsWith("text/html");
            assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\">");
            assertThat(index.raw().headers().firstValue("content-security-policy").orElse(""))
                    .contains("default-src 'self'").contains("frame-ancestors 'none'");

            TestGateway.Answer app = gateway.get("/app.js");
            assertThat(app.status()).isEqualTo(200);
            assertThat(app.raw().headers().firstValue("content-type").orElse("")).contains("javascript");
            // bundled, not fetched: no reference to a CDN or any other origin
            assertThat(app.body()).doesNotContain("https://cdn", "unpkg.com", "jsdelivr");
            assertThat(gateway.get("/app.css").status()).isEqualTo(200);

            // the API and its JSON errors are unchanged around the files
            assertThat(gateway.get("/nothing-here").error()).isEqualTo("not_found");
            assertThat(gateway.get("/status").json().has("explorerTxUrl")).isTrue();
        }
    }

    @Test
    void switchedOffServesNoApp(@TempDir Path dir) throws Exception {
        try (TestGateway gateway = TestGateway.start(dir, Map.of("dashboard.enabled", "false"))) {
            assertThat(gateway.get("/").status()).isEqualTo(404);
            assertThat(gateway.get("/getSettlements").status()).isEqualTo(200);
        }
    }

    @Test
    void reportsEachConfiguredServiceAsPolled(@TempDir Path dir) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("dashboard.explorerTxUrl", "https://arbiscan.io/tx/");
        settings.put("gateway.health.refreshMs", "200");
        // the gateway's own ops listener is a real /health/ready; port 1 on loopback answers nothing
        java.nio.file.Files.createDirectories(dir.resolve("probe"));
        java.nio.file.Files.createDirectories(dir.resolve("gw"));
        try (TestGateway probe = TestGateway.start(dir.resolve("probe"))) {
            settings.put("dashboard.services", "ledger=http://127.0.0.1:" + probe.server.opsPort() + ",redeemer=http://127.0.0.1:1");
            try (TestGateway gateway = TestGateway.start(dir.resolve("gw"), settings)) {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                JsonNode services;
                do {
                    services = gateway.get("/getServicesHealth").json().get("services");
                    Thread.sleep(100);
                } while (Instant.now().isBefore(deadline) && !(status(services, "redeemer").equals("DOWN")
                        && status(services, "kafka").equals("UP") && status(services, "gateway").equals("UP")));
                assertThat(status(services, "gateway")).isEqualTo("UP");
                // an ops endpoint names what it watches (here the probe gateway's kafka and database checks): each is
                // listed, in place of the endpoint's configured name
                assertThat(status(services, "kafka")).isEqualTo("UP");
                assertThat(status(services, "database")).isEqualTo("UP");
                assertThat(status(services, "ledger")).isEqualTo("MISSING");
                assertThat(status(services, "redeemer")).isEqualTo("DOWN");
                assertThat(gateway.get("/status").json().get("explorerTxUrl").asText()).isEqualTo("https://arbiscan.io/tx/");
            }
        }
    }

    private static String status(JsonNode services, String name) {
        for (JsonNode s : services) {
            if (s.get("name").asText().equals(name)) {
                return s.get("status").asText();
            }
        }
        return "MISSING";
    }

    @Test
    void aMalformedServiceListIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> DashboardSettings.services("ledger=ftp://x:1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dashboard.services");
        assertThatThrownBy(() -> DashboardSettings.services("=http://x:1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dashboard.services");
        assertThat(DashboardSettings.services(" ledger = http://ledger:9400 , ")).containsOnlyKeys("ledger");
    }
}
