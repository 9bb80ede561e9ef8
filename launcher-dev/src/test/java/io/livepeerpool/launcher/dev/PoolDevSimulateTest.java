package io.livepeerpool.launcher.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.launcher.bench.PinnedTls;
import io.livepeerpool.platform.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool dev --simulate} keeps the README's promise: within three minutes of the pool being up, a newcomer sees
 * settlements, redeemed tickets, payouts paid on the dev chain and the transcoder that turned slow excluded, all from
 * the public API the dashboard reads.
 */
class PoolDevSimulateTest {
    private static final String DRIFTING = "0x5100000000000000000000000000000000000005";

    @Test
    @Timeout(420)
    void aSimulatedPoolShowsEveryStageWithinThreeMinutes(@TempDir Path dir) throws Exception {
        DevCommand dev = new DevCommand();
        dev.dataDir = dir;
        dev.gatewayPort = 0;
        dev.redeemerPort = 0;
        dev.simulate = true;
        dev.roundSeconds = 30;
        Thread running = Thread.ofPlatform().name("pool-dev-simulate").start(() -> {
            try {
                dev.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Path file = dir.resolve(DevCredentials.FILE_NAME);
            Instant up = Instant.now().plus(Duration.ofMinutes(3));
            while (!Files.exists(file)) {
                assertThat(Instant.now()).as("pool dev is up").isBefore(up);
                Thread.sleep(500);
            }
            DevCredentials c = DevCredentials.read(file);
            HttpClient http = HttpClient.newBuilder().sslContext(PinnedTls.trusting(Path.of(c.certificateFile()))).build();
            URI base = URI.create(c.gatewayUrl());

            Set<String> seen = new LinkedHashSet<>();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (seen.size() < 4 && Instant.now().isBefore(deadline)) {
                for (JsonNode s : get(http, base, "/getSettlements").get("settlements")) {
                    if (!s.get("distributed").asText().equals("0")) {
                        seen.add("settlement");
                    }
                }
                for (JsonNode t : get(http, base, "/getWinningTickets").get("tickets")) {
                    if (!t.path("txHash").isNull() && !t.path("txHash").isMissingNode()) {
                        seen.add("redeemed ticket");
                    }
                }
                for (JsonNode p : get(http, base, "/getPayouts").get("payouts")) {
                    if (p.get("status").asText().equals("Paid")) {
                        seen.add("payout paid");
                    }
                }
                if (get(http, base, "/getTranscoderStatus?transcoderAddress=" + DRIFTING).get("status").asText()
                        .equals("excluded")) {
                    seen.add("slow transcoder excluded");
                }
                Thread.sleep(2_000);
            }
            assertThat(seen).as("seen within three minutes").containsExactlyInAnyOrder(
                    "settlement", "redeemed ticket", "payout paid", "slow transcoder excluded");
        } finally {
            dev.stop();
            running.join(60_000);
        }
        assertThat(running.isAlive()).isFalse();
    }

    private static JsonNode get(HttpClient http, URI base, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
