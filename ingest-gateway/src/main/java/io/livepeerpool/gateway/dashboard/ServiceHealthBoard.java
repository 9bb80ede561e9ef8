package io.livepeerpool.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of each pool service, as the dashboard shows it: the gateway polls every configured ops endpoint's
 * {@code /health/ready} on a timer and keeps the last answer, so browsers never reach the private ops listeners and no
 * client can make the gateway call them. An ops endpoint that watches several services (one process running several,
 * as {@code pool dev} or {@code pool redeemer} do) names each in its {@code checks}: each becomes an entry. An endpoint
 * that does not answer is its configured name, DOWN. A change of state is logged once.
 */
public final class ServiceHealthBoard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceHealthBoard.class);

    /** One service's last known state: UP, DOWN, or UNKNOWN before the first check. */
    public record ServiceState(String name, String status, Instant checkedAt) {
    }

    private final Map<String, URI> services;
    private final BooleanSupplier gatewayUp;
    private final Duration refresh;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, ServiceState> last = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private ScheduledExecutorService timer;

    public ServiceHealthBoard(Map<String, URI> services, BooleanSupplier gatewayUp, Duration refresh, Clock clock) {
        this.services = services;
        this.gatewayUp = gatewayUp;
        this.refresh = refresh;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        last.put("gateway", new ServiceState("gateway", "UNKNOWN", null));
        services.keySet().forEach(name -> last.put(name, new ServiceState(name, "UNKNOWN", null)));
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refreshNow, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void refreshNow() {
        record(new ServiceState("gateway", gatewayUp.getAsBoolean() ? "UP" : "DOWN", clock.instant()));
        services.forEach((name, base) -> probe(name, base));
    }

    private void probe(String name, URI base) {
        Instant at = clock.instant();
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(3)).GET().build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode checks = answer.statusCode() == 200 || answer.statusCode() == 503
                    ? Json.mapper().readTree(answer.body()).path("checks") : null;
            if (checks != null && checks.isObject() && !checks.isEmpty()) {
                checks.properties().forEach(check -> record(new ServiceState(check.getKey(),
                        "UP".equals(check.getValue().asText()) ? "UP" : "DOWN", at)));
                last.remove(name); // the endpoint's services stand for it
            } else {
                record(new ServiceState(name, answer.statusCode() == 200 ? "UP" : "DOWN", at));
            }
        } catch (java.io.IOException | RuntimeException e) {
            record(new ServiceState(name, "DOWN", at));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record(ServiceState state) {
        ServiceState before = last.put(state.name(), state);
        if (before == null || !before.status().equals(state.status())) {
            log.info("service {} is {}", state.name(), state.status());
        }
    }

    public List<ServiceState> states() {
        synchronized (last) {
            return new ArrayList<>(last.values());
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
